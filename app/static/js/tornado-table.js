// "What moves your verdict" as a table: the text alternative of the
// tornado chart (js/tornado.js), every number it draws in a row per
// category, the view as drawn first.

import { h } from "./dom.js";
import { fixed } from "./format.js";

/**
 * Fill the table's head and body from the server's `sensitivity`.
 * @param {HTMLTableElement} table
 * @param {import("./tornado.js").Sensitivity[]} rows
 * @param {Map<string, string>} names category id to name
 * @param {import("./tornado.js").Measure[]} measures
 */
export function renderTornadoTable(table, rows, names, measures) {
  const head = document.createElement("tr");
  head.append(h("th", { scope: "col", text: "Category" }), h("th", { scope: "col", text: "Mark moved to" }));
  for (const m of measures) head.append(h("th", { scope: "col", text: `${m.title}, low end` }), h("th", { scope: "col", text: "high end" }));
  const key = rows.map((r) => JSON.stringify(r)).join("|") + measures.map((m) => `${m.title}${m.base}`).join();
  if (table.dataset.key === key) return;
  table.dataset.key = key;
  /** @type {HTMLTableSectionElement} */ (table.tHead).replaceChildren(head);
  const drawn = document.createElement("tr");
  drawn.className = "as-drawn";
  drawn.append(h("th", { scope: "row", text: "As drawn" }), h("td", { text: "–" }));
  for (const m of measures) drawn.append(h("td", { colspan: "2", text: m.text(m.base) }));
  const body = rows.map((r) => {
    const tr = document.createElement("tr");
    tr.dataset.category = r.id;
    tr.append(h("th", { scope: "row", text: names.get(r.id) || r.id }), h("td", { text: `${fixed(r.low_x)} or ${fixed(r.high_x)}` }));
    for (const m of measures) for (const v of m.values(r)) tr.append(h("td", { text: m.text(v) }));
    return tr;
  });
  table.tBodies[0].replaceChildren(drawn, ...body);
}
