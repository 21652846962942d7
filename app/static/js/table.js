// Keeps the "every value as a table" block (rendered by the server for
// browsers without JavaScript, see _partials.html) in step with the
// analysis, in the same markup. Formatting only.

import { fixed, yearWords } from "./format.js";

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function scTag() {
  const s = el("span", "super-critical");
  s.className = "sc-tag";
  return s;
}

export function renderValues(root, a) {
  const years = a.state.years;
  root.querySelector(".values-summary").textContent = a.summary;

  const cats = root.querySelector("#values-categories");
  const h1 = el("tr");
  h1.append(el("th", "Category", { scope: "col", rowspan: "2" }));
  const h2 = el("tr");
  for (const y of years) {
    h1.append(el("th", String(y), { scope: "colgroup", colspan: "3" }));
    h2.append(el("th", "Position", { scope: "col" }), el("th", "Slope", { scope: "col" }), el("th", "Phase", { scope: "col" }));
  }
  cats.tHead.replaceChildren(h1, h2);
  const rows = a.categories.map((c) => {
    const tr = el("tr");
    tr.append(el("th", c.name, { scope: "row" }));
    const byYear = new Map(c.points.map((p) => [p.year, p]));
    for (const y of years) {
      const p = byYear.get(y);
      if (!p) {
        const td = el("td", "no estimate", { colspan: "3" });
        td.className = "none";
        tr.append(td);
        continue;
      }
      const phase = el("td", p.phase);
      if (p.supercritical) phase.append(" ", scTag());
      tr.append(el("td", p.position.toFixed(3)), el("td", fixed(p.slope)), phase);
    }
    return tr;
  });
  cats.tBodies[0].replaceChildren(...rows);

  const yearRows = a.years.map((y) => {
    const tr = el("tr");
    const mean = el("td", fixed(y.mean_slope));
    if (y.supercritical) mean.append(" ", scTag());
    tr.append(
      el("th", String(y.year), { scope: "row" }),
      mean,
      el("td", fixed(y.total_slope)),
      el("td", `${y.supercritical_count} of ${a.categories.length}`),
      el("td", String(y.accelerating_count)),
    );
    return tr;
  });
  root.querySelector("#values-years").tBodies[0].replaceChildren(...yearRows);

  const f = a.forecast;
  const end = Math.max(a.state.horizon, years[years.length - 1]);
  let text = `Forecast to ${end}: `;
  if (f.peak_year === null) text += "no estimate to forecast from.";
  else {
    text += `the mean slope ${f.peak_at_edge ? "is still rising at the horizon" : `peaks around ${yearWords(f.peak_year)}`}`;
    text +=
      f.supercritical_from !== null
        ? `, and is above 1 from ${yearWords(f.supercritical_from)} to ${yearWords(f.supercritical_to)}.`
        : ", and never rises above 1.";
  }
  root.querySelector(".values-forecast").textContent = text;
}
