// The "Curve shape" control of a chart: a user who thinks a category's curve
// comes later, is flatter or tops out lower sets its midpoint, steepness and
// ceiling (and the category's weight in the aggregate). The change is part
// of the state, so it is in the link, undoable, and analysed by the server.

import { round3 } from "./format.js";
import { part } from "./limits.js";

// Labels and hints are the page's; bounds and steps come from the field table.
const FIELDS = [
  { key: "midpoint", label: "Midpoint", hint: "where the curve is steepest; right = later" },
  { key: "steepness", label: "Steepness", hint: "lower = flatter and wider" },
  { key: "ceiling", label: "Full payoff (ceiling)", hint: "the most this work can ever add" },
];
const WEIGHT = { key: "weight", label: "Weight", hint: "in the mean across categories" };
const bounds = (f) => (f === WEIGHT ? part("weights", "weight") : part("curves", f.key));

function same(a, b) {
  return a.midpoint === b.midpoint && a.steepness === b.steepness && a.ceiling === b.ceiling;
}

export class ShapeControl {
  constructor(chart, details) {
    this.chart = chart;
    this.store = chart.store;
    this.details = details;
    this.body = details.querySelector(".shape-body");
    this.inputs = new Map();
    this.built = false;
    this.payoff = this.makePayoff(chart);
    // Built on first open: ten sets of sliders nobody opened cost first paint.
    details.addEventListener("toggle", () => {
      if (details.open && !this.built) this.build();
      if (details.open) this.render(this.store.state);
    });
  }

  /** The curve's ceiling beside the marks, as the belief it is: every
   * verdict in the readout is measured in it. "Change" opens the control. */
  makePayoff(chart) {
    const line = document.createElement("p");
    line.className = "payoff";
    const value = document.createElement("span");
    value.className = "payoff-value";
    const edit = document.createElement("button");
    edit.type = "button";
    edit.className = "btn-link payoff-edit";
    edit.textContent = "Change";
    edit.setAttribute("aria-label", `Change the full payoff of ${chart.name}`);
    edit.addEventListener("click", () => {
      if (!this.built) this.build();
      this.details.open = true;
      this.render(this.store.state);
      this.inputs.get("ceiling").input.focus();
    });
    line.append("Full payoff ", value, ": the most this work can ever add to the next AI, a belief.", edit);
    chart.card.querySelector(".readout").before(line);
    return { value, edit };
  }

  build() {
    this.built = true;
    const id = this.chart.id;
    for (const f of [...FIELDS, WEIGHT]) {
      const row = document.createElement("div");
      row.className = "shape-row";
      const label = document.createElement("label");
      const inputId = `shape-${id}-${f.key}`;
      label.htmlFor = inputId;
      label.append(document.createTextNode(f.label));
      const hint = document.createElement("span");
      hint.className = "hint";
      hint.textContent = f.hint;
      label.append(hint);
      const input = document.createElement("input");
      input.type = "range";
      input.id = inputId;
      const { min, max, step } = bounds(f);
      input.min = String(min);
      input.max = String(max);
      input.step = String(step);
      const out = document.createElement("output");
      out.htmlFor = inputId;
      input.addEventListener("input", () => this.onInput(f.key, Number(input.value)));
      // A pointer drag of a slider fires one change; arrow keys fire one per
      // press, so changes are committed after a pause: a burst is one step.
      input.addEventListener("change", () => this.scheduleCommit());
      input.addEventListener("blur", () => this.flush());
      row.append(label, input, out);
      this.body.append(row);
      this.inputs.set(f.key, { input, out });
    }
    const reset = document.createElement("button");
    reset.type = "button";
    reset.className = "btn btn-quiet";
    reset.textContent = "Default shape and weight";
    reset.addEventListener("click", () => this.resetShape());
    this.body.append(reset);
  }

  scheduleCommit() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), 500);
  }

  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.store.commit(this);
  }

  current(state) {
    const cat = this.chart.cat;
    const curve = (state.curves && state.curves[cat.id]) || cat.curve;
    const weight = state.weights && state.weights[cat.id] !== undefined ? state.weights[cat.id] : cat.weight;
    return { ...curve, weight };
  }

  render(state) {
    const values = this.current(state);
    const text = String(values.ceiling);
    if (this.payoff.value.textContent !== text) this.payoff.value.textContent = text;
    // A category of your own can be renamed.
    const label = `Change the full payoff of ${this.chart.name}`;
    if (this.payoff.edit.getAttribute("aria-label") !== label) this.payoff.edit.setAttribute("aria-label", label);
    if (!this.built) return;
    for (const [key, { input, out }] of this.inputs) {
      if (document.activeElement !== input) input.value = String(values[key]);
      out.value = String(values[key]);
    }
  }

  onInput(key, value) {
    const id = this.chart.id;
    const cat = this.chart.cat;
    const v = round3(value);
    this.inputs.get(key).out.value = String(v);
    const mutate = (s) => {
      if (key === "weight") {
        const weights = { ...(s.weights || {}) };
        if (v === cat.weight) delete weights[id];
        else weights[id] = v;
        s.weights = weights;
        return;
      }
      const curves = { ...(s.curves || {}) };
      const curve = { ...((s.curves && s.curves[id]) || cat.curve), [key]: v };
      if (same(curve, cat.curve)) delete curves[id];
      else curves[id] = curve;
      s.curves = curves;
    };
    this.store.preview(mutate, { owner: this });
  }

  resetShape() {
    const id = this.chart.id;
    this.store.preview((s) => {
      const curves = { ...(s.curves || {}) };
      const weights = { ...(s.weights || {}) };
      delete curves[id];
      delete weights[id];
      s.curves = curves;
      s.weights = weights;
    });
    this.store.commit();
    this.render(this.store.state);
  }
}
