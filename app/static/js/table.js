// Keeps the "every value as a table" block (rendered by the server for
// browsers without JavaScript, see _partials.html) in step with the
// analysis, in the same markup and words. Formatting only.

import { fixed } from "./format.js";
import { tableForecastText } from "./forecast-words.js";
import { closeCall, placeWords } from "./verdict.js";

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function tag(text, extra = "") {
  const s = el("span", text);
  s.className = `sc-tag${extra}`;
  return s;
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
  const h1 = el("tr");
  h1.append(el("th", "Category", { scope: "col", rowspan: "2" }));
  const h2 = el("tr");
  for (const y of years) {
    h1.append(el("th", String(y), { scope: "colgroup", colspan: "4" }));
    for (const name of ["Position", "Slope", "Place", "Break-even payoff"]) h2.append(el("th", name, { scope: "col" }));
  }
  cats.tHead?.replaceChildren(h1, h2);
  const rows = a.categories.map((c) => {
    const tr = el("tr");
    tr.append(el("th", c.name, { scope: "row" }));
    const byYear = new Map(c.points.map((p) => [p.year, p]));
    for (const y of years) {
      const p = byYear.get(y);
      if (!p) {
        const td = el("td", "no estimate", { colspan: "4" });
        td.className = "none";
        tr.append(td);
        continue;
      }
      const place = el("td", placeWords(p));
      if (p.supercritical) place.append(" ", tag("super-critical"));
      tr.append(el("td", p.position.toFixed(3)), el("td", fixed(p.slope)), place, el("td", fixed(p.breakeven_payoff)));
    }
    return tr;
  });
  cats.tBodies[0].replaceChildren(...rows);

  const yearRows = a.years.map((y) => {
    const tr = el("tr");
    const mean = el("td", fixed(y.mean_slope));
    if (closeCall(a, y.year)) mean.append(" ", tag("too close to call", " sc-close"));
    else if (y.supercritical) mean.append(" ", tag("super-critical"));
    tr.append(
      el("th", String(y.year), { scope: "row" }),
      mean,
      el("td", fixed(y.total_slope)),
      el("td", `${y.supercritical_count} of ${a.categories.length}`),
      el("td", String(y.accelerating_count)),
      el("td", fixed(y.breakeven_scale)),
    );
    return tr;
  });
  /** @type {HTMLTableElement} */ (root.querySelector("#values-years")).tBodies[0].replaceChildren(...yearRows);
  /** @type {HTMLElement} */ (root.querySelector(".values-forecast")).textContent = tableForecastText(a);
}
