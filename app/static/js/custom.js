// Your own categories (docs/DESIGN.md §4.6) on the estimator: "Add a category",
// a card per category with its name, group and question edited in place,
// "Remove" (the card and its edit box: custom-card.js), and on every card the
// "Leave out of the aggregate" toggle (leaveout.js).
//
// The state is the one source: `state.custom` lists the categories, their
// positions, curves and weights live under the same id as a built-in's. Every
// edit here replaces the whole state through the store (one undo step, one
// history entry, the link follows); sync(state) then makes the page match
// it, so undo, redo, Back and an imported file all take cards away and back. The
// card is the same as a built-in's: CategoryChart, YearMarker, ShapeControl
// and Save PNG, made by main.js's makeChart.
//
// Names, groups and questions are a stranger's text once a link is shared:
// they only ever reach the page as textContent, attribute values or form
// values, never as markup. The server is the judge of every rule; the checks
// here only give an inline message before a request is made.

import { CUSTOM_GROUP, NAME_MAX, cardElement, chars, decorateCard, hasControl, hasFormat } from "./custom-card.js";
import { h, setText } from "./dom.js";
import { round3 } from "./format.js";
import { LeaveOut } from "./leaveout.js";
import { customLimits } from "./limits.js";
import { clone } from "./store.js";

export const MAX_CUSTOM = customLimits().max_count;
const DEFAULT_CURVE = Object.freeze({ midpoint: 0.5, steepness: 10, ceiling: 1 });
// A new category's markers: early on its curve, 0.1 apart per year so each
// can be seen and grabbed (all at one spot they would hide each other).
const START = 0.1;
const START_STEP = 0.1;
const WORDS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(" ");

/** Text set apart from what surrounds it: a right-to-left mark in a name
 * must not reorder the sentence around it (first-strong isolate … pop).
 * @param {string} text
 * @returns {string}
 */
export function isolate(text) {
  return `\u2068${text}\u2069`;
}

/** The aggregate panel's heading for n categories, as app/render/cards.py writes it.
 * @param {number} n
 * @returns {string}
 */
export function panelTitle(n) {
  return `Across all ${n >= 1 && n <= WORDS.length ? WORDS[n - 1] : n}`;
}

// As the server compares names (scurve.state.name_key): NFKC, white space collapsed, case ignored.
const nameKey = (name) => name.normalize("NFKC").trim().split(/\s+/).join(" ").toLowerCase();
const customIds = (state) => Object.keys(state.custom || {}).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));

/** Starting positions of a new category for the state's years.
 * @param {number[]} years
 * @returns {Record<string, number>}
 */
export function startPositions(years) {
  return Object.fromEntries(years.map((y, i) => [String(y), Math.min(1, round3(START + START_STEP * i))]));
}

/** The category object a chart is made from, for a custom entry.
 * @param {string} id
 * @param {{name: string, group?: string, question?: string}} entry
 * @returns {{id: string, name: string, group: string, question: string, description: string,
 *   curve: {midpoint: number, steepness: number, ceiling: number}, weight: number,
 *   defaults: Record<string, number>, custom: boolean}}
 */
export function customCategory(id, entry) {
  return {
    id,
    name: entry.name,
    group: entry.group || CUSTOM_GROUP,
    question: entry.question || "",
    description: "",
    curve: { ...DEFAULT_CURVE },
    weight: 1,
    defaults: {},
    custom: true,
  };
}

export class CustomCategories {
  /** charts: main.js's list (kept in step here); makeChart(card, cat, samples). */
  constructor(ctx, { charts, makeChart, catalog, samples }) {
    this.ctx = ctx;
    this.store = ctx.store;
    this.charts = charts;
    this.makeChart = makeChart;
    this.catalog = catalog;
    this.samples = samples;
    this.builtinGroups = [...new Set(catalog.categories.map((c) => c.group))];
    this.leaveOut = new LeaveOut(ctx.store);
    this.editors = new Map(); // id -> the card's edit controls
    this.charts_col = /** @type {HTMLElement} */ (document.querySelector(".charts-col"));
    this.tools = /** @type {HTMLElement} */ (document.getElementById("custom-tools"));
    this.form = /** @type {HTMLFormElement} */ (document.getElementById("custom-add-form"));
    this.addButton = /** @type {HTMLButtonElement} */ (document.getElementById("custom-add"));
    this.groupSelect = /** @type {HTMLSelectElement} */ (document.getElementById("custom-add-group"));
    this.why = /** @type {HTMLElement} */ (document.getElementById("custom-add-why"));
    this.panelTitle = /** @type {HTMLElement} */ (document.getElementById("panel-title"));
    this.sectionCount = 0;
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.add();
    });
  }

  // -- the page follows the state -----------------------------------------------

  /** Cards, charts, groups, toggles and the Add form for `state`. Runs on
   * every new state, before the charts draw it. */
  sync(state) {
    const custom = state.custom || {};
    const ids = customIds(state);
    for (const chart of [...this.charts]) {
      if (chart.cat.custom && !(chart.id in custom)) this.destroy(chart);
    }
    for (const id of ids) {
      const cat = customCategory(id, custom[id]);
      const chart = this.charts.find((c) => c.id === id);
      if (chart) this.update(chart, cat);
      else this.create(cat);
    }
    this.place(state);
    for (const chart of this.charts) this.leaveOut.sync(chart, state);
    this.syncForm(state);
  }

  create(cat) {
    const card = cardElement(cat);
    /** @type {HTMLElement} */ (this.grid(cat.group)).append(card); // placed exactly by place()
    const chart = this.makeChart(card, cat, this.samples);
    const result = this.store.analysis && this.store.analysis.categories.find((c) => c.id === cat.id);
    chart.start({ ...DEFAULT_CURVE }, result && result.curve.midpoint === 0.5 && result.curve.steepness === 10 && result.curve.ceiling === 1 ? result.band : null);
    this.charts.push(chart);
    this.decorate(chart);
    chart.drawPlotly().catch(() => {}); // without Plotly the markers still work; main.js says so
    return chart;
  }

  destroy(chart) {
    for (const m of chart.markers.values()) m.remove();
    if (chart.plotted && window.Plotly) window.Plotly.purge(chart.plot);
    chart.card.remove();
    this.charts.splice(this.charts.indexOf(chart), 1);
    this.editors.delete(chart.id);
  }

  /** A new name, group or question on an existing card. */
  update(chart, cat) {
    this.decorate(chart);
    const renamed = chart.name !== cat.name;
    chart.cat = { ...chart.cat, ...cat, curve: chart.cat.curve };
    chart.name = cat.name;
    const card = chart.card;
    setText(card.querySelector("h3"), cat.name);
    setText(card.querySelector(".question"), cat.question);
    if (renamed) {
      setText(card.querySelector(".readout caption"), `${cat.name}: your estimates`);
      card.querySelector(".save-png").setAttribute("aria-label", `Save PNG of the ${cat.name} chart`);
      for (const [year, m] of chart.markers) {
        m.el.setAttribute("aria-label", `${cat.name}, ${year}`);
        m.input.setAttribute("aria-label", `${cat.name}, ${year}: position from 0 to 1`);
        if (m.x !== null) m.el.setAttribute("aria-valuetext", m.valueText());
      }
    }
    const ed = this.editors.get(chart.id);
    if (ed) {
      ed.remove.setAttribute("aria-label", `Remove ${cat.name}`);
      for (const [key, input] of [
        ["name", ed.name],
        ["group", ed.group],
        ["question", ed.question],
      ]) {
        if (document.activeElement !== input && !input.getAttribute("aria-invalid")) input.value = cat[key];
      }
    }
  }

  /** The groups in page order (as app/render/cards.py): the catalog's, then new ones. */
  groupOrder(state) {
    const out = [...this.builtinGroups];
    for (const id of customIds(state)) {
      const g = state.custom[id].group || CUSTOM_GROUP;
      if (!out.includes(g)) out.push(g);
    }
    return out;
  }

  section(group) {
    return [...this.charts_col.querySelectorAll("section.group")].map((s) => /** @type {HTMLElement} */ (s)).find((s) => s.dataset.group === group) || null;
  }

  grid(group) {
    let section = /** @type {HTMLElement} */ (this.section(group));
    if (!section) {
      this.sectionCount += 1;
      const hid = `group-custom-${this.sectionCount}`;
      section = h("section", { class: "group", "aria-labelledby": hid }, h("h2", { id: hid, text: group }), h("div", { class: "chart-grid" }));
      section.dataset.group = group;
      this.charts_col.insertBefore(section, this.tools);
    }
    return section.querySelector(".chart-grid");
  }

  /** Every custom card in its group's grid after the built-in ones, in id
   * order; sections in page order; a group left empty goes. Focus inside a
   * moved card stays where it was. */
  place(state) {
    const focused = document.activeElement;
    const order = this.groupOrder(state);
    let before = this.tools;
    for (const group of [...order].reverse()) {
      const grid = /** @type {HTMLElement} */ (this.grid(group));
      const section = /** @type {HTMLElement} */ (grid.parentElement);
      if (section.nextElementSibling !== before) this.charts_col.insertBefore(section, before);
      before = section;
      const ids = customIds(state).filter((id) => (state.custom[id].group || CUSTOM_GROUP) === group);
      // Built-in cards first, then the custom ones in id order: cards are
      // only ever appended, so appending in order when it differs is enough.
      const here = [...grid.children].filter((c) => c.classList.contains("card-custom")).map((c) => /** @type {HTMLElement} */ (c).dataset.category);
      if (here.join() !== ids.join()) for (const id of ids) grid.append(/** @type {HTMLElement} */ (document.getElementById(`card-${id}`)));
    }
    for (const section of this.charts_col.querySelectorAll("section.group")) {
      if (!(section instanceof HTMLElement)) continue;
      if (!order.includes(section.dataset.group) || !section.querySelector(".card")) section.remove();
    }
    if (focused instanceof HTMLElement && document.activeElement !== focused && focused.isConnected) {
      focused.focus({ preventScroll: true });
    }
    // The forecast's category lines are coloured by group: the new groups join.
    this.ctx.groups.splice(0, this.ctx.groups.length, ...order);
  }

  syncForm(state) {
    const n = customIds(state).length;
    const full = n >= MAX_CUSTOM;
    this.addButton.disabled = full;
    this.groupSelect.disabled = full;
    setText(
      this.why,
      full ? `You have ${MAX_CUSTOM} of your own, the most a view can hold: remove one to add another.` : "",
    );
    const groups = [CUSTOM_GROUP, ...this.groupOrder(state).filter((g) => g !== CUSTOM_GROUP)];
    const current = this.groupSelect.value || CUSTOM_GROUP;
    if ([...this.groupSelect.options].map((o) => o.value).join("\n") !== groups.join("\n")) {
      this.groupSelect.replaceChildren(...groups.map((g) => h("option", { value: g, text: g })));
      this.groupSelect.value = groups.includes(current) ? current : CUSTOM_GROUP;
    }
  }

  /** The panel's heading counts the categories. */
  renderAnalysis(analysis) {
    setText(this.panelTitle, panelTitle(analysis.categories.length));
  }

  // -- adding, editing, removing ------------------------------------------------

  /** Every name in the state but `except`'s, by its comparison key. */
  takenNames(state, except = null) {
    const taken = new Map(this.catalog.categories.map((c) => [nameKey(c.name), c.name]));
    for (const id of customIds(state)) if (id !== except) taken.set(nameKey(state.custom[id].name), state.custom[id].name);
    return taken;
  }

  /** Why a name cannot be used, or "". */
  nameProblem(text, id) {
    const name = text.normalize("NFKC").trim();
    if (!name) return `A name is needed (1 to ${NAME_MAX} characters).`;
    if (hasControl(name)) return "A name cannot hold control characters.";
    if (hasFormat(name)) return "A name cannot hold invisible format characters (such as U+200B or U+202E).";
    if (chars(name) > NAME_MAX) return `A name is at most ${NAME_MAX} characters; this one has ${chars(name)}.`;
    const taken = this.takenNames(this.store.state, id).get(nameKey(name));
    if (taken !== undefined) return `“${isolate(taken)}” is already a category here (names must differ, ignoring case).`;
    return "";
  }

  add() {
    const state = this.store.state;
    const ids = customIds(state);
    if (ids.length >= MAX_CUSTOM) {
      this.ctx.showMessage(`A view holds at most ${MAX_CUSTOM} categories of your own: remove one first.`, "error");
      return;
    }
    let n = 1;
    while (ids.includes(`u${n}`)) n += 1;
    const id = `u${n}`;
    const taken = this.takenNames(state);
    let k = 1;
    while (taken.has(nameKey(`My category ${k}`))) k += 1;
    const group = this.groupSelect.value || CUSTOM_GROUP;
    const next = clone(state);
    next.custom = { ...(next.custom || {}), [id]: { name: `My category ${k}`, group, question: "" } };
    next.estimates = { ...next.estimates, [id]: startPositions(state.years) };
    this.store.replace(next);
    const ed = this.editors.get(id);
    if (!ed) return;
    ed.open(true);
    ed.card.scrollIntoView({ block: "nearest" });
    ed.name.focus();
    ed.name.select();
    this.ctx.showMessage(
      "Added a category. Name it, then drag its markers to where you think AI stands; it counts in every aggregate.",
      "success",
    );
  }

  remove(chart) {
    const state = this.store.state;
    const id = chart.id;
    const name = chart.name;
    const next = clone(state);
    const drop = (key) => {
      if (next[key] && id in next[key]) {
        next[key] = { ...next[key] };
        delete next[key][id];
      }
    };
    for (const key of ["custom", "estimates", "curves", "weights", "ranges"]) drop(key);
    this.store.replace(next);
    this.addButton.focus();
    this.ctx.showMessage(`Removed ${isolate(name)}. Undo (Ctrl+Z) brings it back with its positions.`, "info");
  }

  /** Commit a new value of one text field of a custom category. */
  setField(id, key, value) {
    const state = this.store.state;
    if (!state.custom || !state.custom[id] || state.custom[id][key] === value) return;
    const next = clone(state);
    next.custom = { ...next.custom, [id]: { ...next.custom[id], [key]: value } };
    this.store.replace(next);
  }

  decorate(chart) {
    if (!chart.card.dataset.decorated) this.editors.set(chart.id, decorateCard(chart, this));
  }
}
