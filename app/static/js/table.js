// Keeps the "every value as a table" block (rendered by the server for
// browsers without JavaScript, see _partials.html) in step with the
// analysis, in the same markup and words. Formatting only.

import { h } from "./dom.js";
import { fixed } from "./format.js";
import { tableForecastText } from "./forecast-words.js";
import { closeCall, placeWords } from "./verdict.js";

function tag(text, extra = "") {
  return h("span", { class: `sc-tag${extra}`, text });
}

/**
 * Rewrite the values block from an analysis.
 * @param {HTMLElement} root the block's body (#values-body)
 * @param {any} a the analysis
 */
export function renderValues(root, a) {
  const years = a.state.years;
  /** @type {HTMLElement} */ (root.querySelector(".values-summary")).textContent = a.summary;

  const cats = /** @type {HTMLTableElement} */ (root.querySelector("#values-categories"));
  const h1 = h("tr");
  h1.append(h("th", { scope: "col", rowspan: "2", text: "Category" }));
  const h2 = h("tr");
  for (const y of years) {
    h1.append(h("th", { scope: "colgroup", colspan: "4", text: String(y) }));
    for (const name of ["Position", "Slope", "Place", "Break-even payoff"]) h2.append(h("th", { scope: "col", text: name }));
  }
  cats.tHead?.replaceChildren(h1, h2);
  const rows = a.categories.map((c) => {
    const tr = h("tr");
    tr.append(h("th", { scope: "row", text: c.name }));
    const byYear = new Map(c.points.map((p) => [p.year, p]));
    for (const y of years) {
      const p = byYear.get(y);
      if (!p) {
        const td = h("td", { colspan: "4", text: "no estimate" });
        td.className = "none";
        tr.append(td);
        continue;
      }
      const place = h("td", { text: placeWords(p) });
      if (p.supercritical) place.append(" ", tag("super-critical"));
      tr.append(h("td", { text: p.position.toFixed(3) }), h("td", { text: fixed(p.slope) }), place, h("td", { text: fixed(p.breakeven_payoff) }));
    }
    return tr;
  });
  cats.tBodies[0].replaceChildren(...rows);

  const yearRows = a.years.map((y) => {
    const tr = h("tr");
    const mean = h("td", { text: fixed(y.mean_slope) });
    if (closeCall(a, y.year)) mean.append(" ", tag("too close to call", " sc-close"));
    else if (y.supercritical) mean.append(" ", tag("super-critical"));
    tr.append(
      h("th", { scope: "row", text: String(y.year) }),
      mean,
      h("td", { text: fixed(y.total_slope) }),
      h("td", { text: `${y.supercritical_count} of ${a.categories.length}` }),
      h("td", { text: String(y.accelerating_count) }),
      h("td", { text: fixed(y.breakeven_scale) }),
    );
    return tr;
  });
  /** @type {HTMLTableElement} */ (root.querySelector("#values-years")).tBodies[0].replaceChildren(...yearRows);
  /** @type {HTMLElement} */ (root.querySelector(".values-forecast")).textContent = tableForecastText(a);
}
