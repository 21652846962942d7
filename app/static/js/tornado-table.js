// "What moves your verdict" as a table: the text alternative of the
// tornado chart (js/tornado.js), every number it draws in a row per
// category, the view as drawn first.

import { fixed } from "./format.js";

/**
 * @param {string} tag
 * @param {string} text
 * @param {Record<string, string>} [attrs]
 */
function cell(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/**
 * Fill the table's head and body from the server's `sensitivity`.
 * @param {HTMLTableElement} table
 * @param {import("./tornado.js").Sensitivity[]} rows
 * @param {Map<string, string>} names category id to name
 * @param {import("./tornado.js").Measure[]} measures
 */
export function renderTornadoTable(table, rows, names, measures) {
  const head = document.createElement("tr");
  head.append(cell("th", "Category", { scope: "col" }), cell("th", "Mark moved to", { scope: "col" }));
  for (const m of measures) head.append(cell("th", `${m.title}, low end`, { scope: "col" }), cell("th", "high end", { scope: "col" }));
  const key = rows.map((r) => JSON.stringify(r)).join("|") + measures.map((m) => `${m.title}${m.base}`).join();
  if (table.dataset.key === key) return;
  table.dataset.key = key;
  /** @type {HTMLTableSectionElement} */ (table.tHead).replaceChildren(head);
  const drawn = document.createElement("tr");
  drawn.className = "as-drawn";
  drawn.append(cell("th", "As drawn", { scope: "row" }), cell("td", "–"));
  for (const m of measures) drawn.append(cell("td", m.text(m.base), { colspan: "2" }));
  const body = rows.map((r) => {
    const tr = document.createElement("tr");
    tr.dataset.category = r.id;
    tr.append(cell("th", names.get(r.id) || r.id, { scope: "row" }), cell("td", `${fixed(r.low_x)} or ${fixed(r.high_x)}`));
    for (const m of measures) for (const v of m.values(r)) tr.append(cell("td", m.text(v)));
    return tr;
  });
  table.tBodies[0].replaceChildren(drawn, ...body);
}
