// Your own categories (SPEC section 9) on the estimator: "Add a category",
// a card per category with its name, group and question edited in place,
// "Remove", and on every card the "Leave out of the aggregate" toggle.
//
// The state is the one source: `state.custom` lists the categories, their
// positions, curves and weights live under the same id as a built-in's. Every
// edit here replaces the whole state through the store (one undo step, one
// history entry, the link follows); sync(state) then makes the page match
// it, so undo, redo, Back and an imported file all bring cards and back. The
// card is the same as a built-in's: CategoryChart, YearMarker, ShapeControl
// and Save PNG, made by main.js's makeChart.
//
// Names, groups and questions are a stranger's text once a link is shared:
// they only ever reach the page as textContent, attribute values or form
// values, never as markup. The server is the judge of every rule; the checks
// here only give an inline message before a request is made.

import { setText } from "./dom.js";
import { clone } from "./store.js";

export const MAX_CUSTOM = 10;
export const CUSTOM_GROUP = "Your categories";
export const NAME_MAX = 60;
const GROUP_MAX = 40;
const QUESTION_MAX = 140;
const DEFAULT_CURVE = Object.freeze({ midpoint: 0.5, steepness: 10, ceiling: 1 });
// A new category's markers: early on its curve, 0.1 apart per year so each
// can be seen and grabbed (all at one spot they would hide each other).
const START = 0.1;
const START_STEP = 0.1;
const WORDS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(" ");

/** Text set apart from what surrounds it: a right-to-left mark in a name
 * must not reorder the sentence around it (first-strong isolate … pop). */
export function isolate(text) {
  return `\u2068${text}\u2069`;
}

/** The aggregate panel's heading for n categories, as app/cards.py writes it. */
export function panelTitle(n) {
  return `Across all ${n >= 1 && n <= WORDS.length ? WORDS[n - 1] : n}`;
}

const chars = (text) => [...text].length; // code points, as the server counts
const nameKey = (name) => name.trim().split(/\s+/).join(" ").toLowerCase();
const hasControl = (text) => /\p{Cc}/u.test(text);
const customIds = (state) => Object.keys(state.custom || {}).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));

/** Starting positions of a new category for the state's years. */
export function startPositions(years) {
  return Object.fromEntries(years.map((y, i) => [String(y), Math.min(1, Math.round((START + START_STEP * i) * 1000) / 1000)]));
}

/** The category object a chart is made from, for a custom entry. */
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

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

/** A card as index.html renders it (without the server's first-paint chart:
 * Plotly draws this one). */
function cardElement(cat) {
  const details = el("details", { class: "shape" }, el("summary", { text: "Curve shape" }), el("div", { class: "shape-body" }));
  const box = el("input", { type: "checkbox", class: "leave-out-box" });
  return el(
    "article",
    { class: "card card-custom", id: `card-${cat.id}`, "data-category": cat.id, "aria-labelledby": `name-${cat.id}` },
    el("header", { class: "card-head" }, el("h3", { id: `name-${cat.id}`, text: cat.name })),
    el("p", { class: "question", text: cat.question }),
    el(
      "div",
      { class: "plot-wrap" },
      el("div", { class: "plot", "aria-hidden": "true" }),
      el("div", { class: "overlay" }),
    ),
    el("table", { class: "readout" }, el("caption", { class: "visually-hidden", text: `${cat.name}: your estimates` }), el("tbody")),
    el("p", { class: "trend" }),
    el("label", { class: "check leave-out" }, box, " Leave out of the aggregate"),
    el(
      "div",
      { class: "card-foot" },
      details,
      el("button", { type: "button", class: "btn btn-quiet save-png", "aria-label": `Save the ${cat.name} chart as PNG`, text: "Save PNG" }),
    ),
  );
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
    this.lastWeight = new Map(); // id -> the weight before "Leave out" was ticked
    this.editors = new Map(); // id -> the card's edit controls
    this.charts_col = document.querySelector(".charts-col");
    this.tools = document.getElementById("custom-tools");
    this.form = document.getElementById("custom-add-form");
    this.addButton = document.getElementById("custom-add");
    this.groupSelect = document.getElementById("custom-add-group");
    this.why = document.getElementById("custom-add-why");
    this.panelTitle = document.getElementById("panel-title");
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
    for (const chart of this.charts) this.syncLeaveOut(chart, state);
    this.syncForm(state);
  }

  create(cat) {
    const card = cardElement(cat);
    this.grid(cat.group).append(card); // placed exactly by place()
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
    if (!chart.card.dataset.decorated) this.decorate(chart);
    const renamed = chart.name !== cat.name;
    chart.cat = { ...chart.cat, ...cat, curve: chart.cat.curve };
    chart.name = cat.name;
    const card = chart.card;
    setText(card.querySelector("h3"), cat.name);
    setText(card.querySelector(".question"), cat.question);
    if (renamed) {
      setText(card.querySelector(".readout caption"), `${cat.name}: your estimates`);
      card.querySelector(".save-png").setAttribute("aria-label", `Save the ${cat.name} chart as PNG`);
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

  /** The groups in page order (as app/cards.py): the catalog's, then new ones. */
  groupOrder(state) {
    const out = [...this.builtinGroups];
    for (const id of customIds(state)) {
      const g = state.custom[id].group || CUSTOM_GROUP;
      if (!out.includes(g)) out.push(g);
    }
    return out;
  }

  section(group) {
    return [...this.charts_col.querySelectorAll("section.group")].find((s) => s.dataset.group === group) || null;
  }

  grid(group) {
    let section = this.section(group);
    if (!section) {
      this.sectionCount += 1;
      const hid = `group-custom-${this.sectionCount}`;
      section = el("section", { class: "group", "aria-labelledby": hid }, el("h2", { id: hid, text: group }), el("div", { class: "chart-grid" }));
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
      const grid = this.grid(group);
      const section = grid.parentElement;
      if (section.nextElementSibling !== before) this.charts_col.insertBefore(section, before);
      before = section;
      const ids = customIds(state).filter((id) => (state.custom[id].group || CUSTOM_GROUP) === group);
      // Built-in cards first, then the custom ones in id order: cards are
      // only ever appended, so appending in order when it differs is enough.
      const here = [...grid.children].filter((c) => c.classList.contains("card-custom")).map((c) => c.dataset.category);
      if (here.join() !== ids.join()) for (const id of ids) grid.append(document.getElementById(`card-${id}`));
    }
    for (const section of this.charts_col.querySelectorAll("section.group")) {
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
      this.groupSelect.replaceChildren(...groups.map((g) => el("option", { value: g, text: g })));
      this.groupSelect.value = groups.includes(current) ? current : CUSTOM_GROUP;
    }
  }

  /** The panel's heading counts the categories. */
  renderAnalysis(analysis) {
    setText(this.panelTitle, panelTitle(analysis.categories.length));
  }

  // -- the Leave-out toggle (every card) ----------------------------------------

  weightOf(chart, state) {
    const w = state.weights && state.weights[chart.id];
    return w === undefined ? chart.cat.weight : w;
  }

  syncLeaveOut(chart, state) {
    const box = chart.card.querySelector(".leave-out-box");
    if (!box) return;
    if (!box.dataset.wired) {
      box.dataset.wired = "1";
      box.addEventListener("change", () => this.leaveOut(chart, box.checked));
    }
    const w = this.weightOf(chart, state);
    box.checked = w === 0;
    chart.card.classList.toggle("is-left-out", w === 0);
  }

  leaveOut(chart, out) {
    const state = this.store.state;
    const w = this.weightOf(chart, state);
    const next = clone(state);
    const weights = { ...(next.weights || {}) };
    let value;
    if (out) {
      if (w === 0) return;
      this.lastWeight.set(chart.id, w);
      value = 0;
    } else {
      const back = this.lastWeight.get(chart.id);
      value = back !== undefined && back > 0 ? back : chart.cat.weight > 0 ? chart.cat.weight : 1;
    }
    if (value === chart.cat.weight) delete weights[chart.id];
    else weights[chart.id] = value;
    next.weights = weights;
    this.store.replace(next);
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
    const name = text.trim();
    if (!name) return "A name is needed (1 to 60 characters).";
    if (hasControl(name)) return "A name cannot hold control characters.";
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

  /** The edit controls of a custom card: Edit (name, group, question) and Remove. */
  decorate(chart) {
    const card = chart.card;
    if (card.dataset.decorated) return;
    card.dataset.decorated = "1";
    const id = chart.id;
    const head = card.querySelector(".card-head");
    const panelId = `edit-${id}`;
    const editBtn = el("button", { type: "button", class: "btn btn-quiet custom-edit-btn", "aria-expanded": "false", "aria-controls": panelId, text: "Edit" });
    const removeBtn = el("button", { type: "button", class: "btn btn-quiet custom-remove", "aria-label": `Remove ${chart.name}`, text: "Remove" });
    head.append(el("div", { class: "custom-actions" }, editBtn, removeBtn));

    const field = (key, label, hint) => {
      const input = el("input", { type: "text", id: `${key}-${id}-field`, class: `custom-${key}`, autocomplete: "off", spellcheck: "true" });
      const error = el("p", { class: "field-error", id: `${key}-${id}-error`, "aria-live": "polite" });
      input.setAttribute("aria-describedby", error.id);
      const row = el("div", { class: "custom-field" }, el("label", { for: input.id }, label, el("span", { class: "hint", text: hint })), input, error);
      return { input, error, row };
    };
    const name = field("name", "Name", "required, 1 to 60 characters");
    name.input.required = true;
    const group = field("group", "Group", "where the card sits; empty: Your categories");
    const groupList = el("datalist", { id: `groups-${id}` });
    group.input.setAttribute("list", groupList.id);
    const question = field("question", "Question", "optional, at most 140 characters");
    const form = el("form", { class: "custom-edit", id: panelId, novalidate: "" }, name.row, group.row, groupList, question.row);
    form.hidden = true;
    head.after(form);

    const open = (on) => {
      form.hidden = !on;
      editBtn.setAttribute("aria-expanded", String(on));
      if (on) groupList.replaceChildren(...this.groupOrder(this.store.state).map((g) => el("option", { value: g })));
    };
    editBtn.addEventListener("click", () => open(form.hidden));
    removeBtn.addEventListener("click", () => this.remove(chart));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      commitName();
    });

    const showProblem = (f, problem) => {
      setText(f.error, problem);
      if (problem) f.input.setAttribute("aria-invalid", "true");
      else f.input.removeAttribute("aria-invalid");
    };
    const current = (key) => ((this.store.state.custom || {})[id] || {})[key] || "";

    name.input.addEventListener("input", () => showProblem(name, this.nameProblem(name.input.value, id)));
    const commitName = () => {
      const problem = this.nameProblem(name.input.value, id);
      if (problem) {
        showProblem(name, problem);
        return;
      }
      showProblem(name, "");
      this.setField(id, "name", name.input.value.trim());
    };
    name.input.addEventListener("change", commitName);
    name.input.addEventListener("blur", () => {
      if (!name.input.getAttribute("aria-invalid")) return;
      // Leaving a bad name: the card keeps its name, the message says why.
      const problem = name.error.textContent;
      name.input.removeAttribute("aria-invalid");
      name.input.value = current("name");
      setText(name.error, `Not renamed: ${problem}`);
    });

    const textField = (f, key, limit, fallback) => {
      const check = () => {
        const text = f.input.value.trim();
        if (hasControl(text)) return "Control characters are not allowed.";
        if (chars(text) > limit) return `At most ${limit} characters; this has ${chars(text)}.`;
        return "";
      };
      f.input.addEventListener("input", () => showProblem(f, check()));
      f.input.addEventListener("change", () => {
        const problem = check();
        showProblem(f, problem);
        if (!problem) this.setField(id, key, f.input.value.trim() || fallback);
      });
      f.input.addEventListener("keydown", (e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          f.input.dispatchEvent(new Event("change"));
        }
      });
    };
    textField(group, "group", GROUP_MAX, CUSTOM_GROUP);
    textField(question, "question", QUESTION_MAX, "");

    const st = this.store.state.custom[id];
    name.input.value = st.name;
    group.input.value = st.group || CUSTOM_GROUP;
    question.input.value = st.question || "";
    this.editors.set(id, { card, open, name: name.input, group: group.input, question: question.input, remove: removeBtn });
  }
}
