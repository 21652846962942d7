// The aggregate panel beside the charts (wide screens) is sticky, and may be
// taller than the window. Rather than scrolling inside a box (where its last
// parts hide), it moves with the page: scrolling down slides it up until its
// foot is in view, scrolling up slides it down until its head is; in between
// it stays put. Only the sticky `top` changes, on scroll and resize, never
// during a drag (a drag does not scroll).

const GAP = 12; // px between the panel and the window's edges

/** Keep `el` (a position: sticky element) reachable end to end.
 * @param {any} el an HTMLElement (callers pass a query's result unchecked)
 */
export function stickBothWays(el) {
  let top = GAP;
  let lastY = window.scrollY;
  let sticky = false;
  const measure = () => {
    sticky = getComputedStyle(el).position === "sticky";
    if (!sticky) el.style.removeProperty("top");
    update();
  };
  const update = () => {
    const y = window.scrollY;
    const dy = y - lastY;
    lastY = y;
    if (!sticky) return;
    const lowest = Math.min(GAP, window.innerHeight - el.offsetHeight - GAP);
    const next = Math.max(lowest, Math.min(GAP, top - dy));
    if (next !== top || !el.style.top) {
      top = next;
      el.style.top = `${Math.round(top)}px`;
    }
  };
  window.addEventListener("scroll", update, { passive: true });
  window.addEventListener("resize", measure);
  new ResizeObserver(update).observe(el);
  measure();
}
