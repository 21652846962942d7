// "Leave out of the aggregate" on every card: the weight-0 the curve-shape
// control's Weight slider can set too (docs/DESIGN.md §4), made easy to find.
// Ticking it remembers the weight the category had; unticking gives that
// back (else the category's default). Each change is one undoable step.

import { clone } from "./store.js";

export class LeaveOut {
  constructor(store) {
    this.store = store;
    this.lastWeight = new Map(); // id -> the weight before it was left out
  }

  weightOf(chart, state) {
    const w = state.weights && state.weights[chart.id];
    return w === undefined ? chart.cat.weight : w;
  }

  sync(chart, state) {
    const box = chart.card.querySelector(".leave-out-box");
    if (!box) return;
    if (!box.dataset.wired) {
      box.dataset.wired = "1";
      box.addEventListener("change", () => this.toggle(chart, box.checked));
    }
    const w = this.weightOf(chart, state);
    box.checked = w === 0;
    chart.card.classList.toggle("is-left-out", w === 0);
  }

  toggle(chart, out) {
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
}
