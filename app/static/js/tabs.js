// A set of tabs (the WAI-ARIA pattern): buttons with role "tab" in a
// "tablist", each naming the panel it shows (aria-controls). Click or
// Enter/Space picks a tab; Left/Right (and Home/End) move between them and
// pick the one they land on; only the picked tab is in the Tab order.

/**
 * Wire a tablist. `onShow(panel)` runs after a panel is shown (a chart in
 * it measures its width then).
 * @param {HTMLElement} list the element with role "tablist"
 * @param {(panel: HTMLElement) => void} [onShow]
 * @returns {{select: (tab: HTMLElement) => void}}
 */
export function wireTabs(list, onShow = () => {}) {
  const tabs = /** @type {HTMLElement[]} */ ([...list.querySelectorAll("[role=tab]")]);
  const panelOf = (tab) => /** @type {HTMLElement} */ (document.getElementById(tab.getAttribute("aria-controls") || ""));
  const select = (tab) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      panelOf(t).hidden = !on;
    }
    onShow(panelOf(tab));
  };
  for (const tab of tabs) {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (e) => {
      const i = tabs.indexOf(tab);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      const to = tabs[(next + tabs.length) % tabs.length];
      select(to);
      to.focus();
    });
  }
  return { select };
}
