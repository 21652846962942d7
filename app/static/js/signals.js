// The top of the aggregate panel: the essay's signals that need no unit,
// before the readings that hang on a slope of 1. For the state's last year:
// how many categories are past their steepest point and how many are
// super-critical on log-log axes (elasticity above 1), the mean and the total
// slope (the total is "many tasks steep at once"); for each year after the
// first, which categories crossed into the steep part since the year before.
// Every number and list is a field of the server's analysis (docs/DESIGN.md §3.3).

import { keyed, setText } from "./dom.js";
import { fixed } from "./format.js";

/** A category's name inside a sentence: "Automated experiments" ->
 * "automated experiments"; a name that starts with an acronym ("GPU
 * design") keeps its capitals.
 * @param {string} name
 * @returns {string}
 */
export function inSentence(name) {
  if (name.length > 1 && name[1] === name[1].toLowerCase()) return name[0].toLowerCase() + name.slice(1);
  return name;
}

/** A category's name inside a sentence: a name of your own (u1..u10) is
 * written as you typed it, since it may be a proper noun.
 * @param {string} id
 * @param {string} name
 * @returns {string}
 */
export function nameInSentence(id, name) {
  return /^u\d+$/.test(id) ? name : inSentence(name);
}

/** "a", "a and b", "a, b and c" */
function listText(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The newly super-critical sentence of a year, from the server's ids.
 * @param {any} a the analysis
 * @param {number} yearIndex
 * @returns {string}
 */
export function newlyText(a, yearIndex) {
  const y = a.years[yearIndex];
  const names = new Map(a.categories.map((c) => [c.id, c.name]));
  const list = y.newly_supercritical.map((id) => nameInSentence(id, names.get(id) || id));
  const since = a.years[yearIndex - 1].year;
  if (!list.length) return `Newly super-critical in ${y.year}: none since ${since}.`;
  return `Newly super-critical in ${y.year}: ${listText(list)}.`;
}

export class Signals {
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.root.innerHTML = "";
    const tiles = document.createElement("dl");
    tiles.className = "signal-tiles";
    this.past = this.tile(tiles, "past their steepest point");
    this.loglog = this.tile(tiles, "elasticity above 1");
    this.mean = this.tile(tiles, "mean slope");
    this.total = this.tile(tiles, "total slope");
    this.lead = document.createElement("p");
    this.lead.className = "signal-year";
    this.lead.id = "signals-year";
    this.newly = document.createElement("ul");
    this.newly.className = "signal-newly";
    this.newly.id = "signals-newly";
    this.root.append(this.lead, tiles, this.newly);
    ctx.store.on("analysis", (analysis) => this.render(analysis));
    this.render(ctx.store.analysis);
  }

  tile(list, label) {
    const div = document.createElement("div");
    div.className = "signal-tile";
    const dd = document.createElement("dd");
    dd.className = "signal-value";
    const dt = document.createElement("dt");
    dt.className = "signal-label";
    dt.textContent = label;
    div.append(dt, dd); // the value is drawn first (CSS), the label read first
    list.append(div);
    return dd;
  }

  render(a) {
    if (!a || !a.years.length) return;
    const last = a.years[a.years.length - 1];
    const n = a.categories.length;
    setText(this.lead, `In ${last.year}, your last year:`);
    setText(this.past, `${last.past_midpoint_count} of ${n}`);
    setText(this.loglog, `${last.loglog_supercritical_count} of ${n}`);
    setText(this.mean, fixed(last.mean_slope));
    setText(this.total, fixed(last.total_slope));
    /** @type {HTMLElement} */ (this.past.parentElement).title = `${last.past_midpoint_count} of ${n} categories are at or past the midpoint of their curve, where it is steepest`;
    /** @type {HTMLElement} */ (this.loglog.parentElement).title = "categories whose elasticity (the slope on log-log axes) is above 1: a reading that needs no unit";
    /** @type {HTMLElement} */ (this.total.parentElement).title = "the sum of the weighted slopes of every category: many tasks steep at once";
    // Latest year first: the newest crossing leads.
    const lines = [];
    for (let i = a.years.length - 1; i >= 1; i--) lines.push(newlyText(a, i));
    keyed(this.newly, lines.join("|"), () => {
      this.newly.replaceChildren(
        ...lines.map((text, i) => {
          const li = document.createElement("li");
          if (i > 0) li.className = "earlier";
          const [head, rest] = [text.slice(0, text.indexOf(":") + 1), text.slice(text.indexOf(":") + 1)];
          const b = document.createElement("strong");
          b.textContent = head;
          li.append(b, document.createTextNode(rest));
          return li;
        }),
      );
    });
  }
}
