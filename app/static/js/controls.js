// The toolbar: undo, redo and reset; the years (add, remove); the forecast
// horizon; the faint default markers. And the keyboard shortcuts for undo
// (Ctrl+Z) and redo (Ctrl+Shift+Z, Ctrl+Y; Cmd on a Mac).

import { clone } from "./store.js";
import { round3 } from "./format.js";
import { extrapolated } from "./extrapolated.js";
import { setting } from "./limits.js";

const { max_count: MAX_YEARS, min: YEAR_MIN, max: YEAR_MAX } = setting("years");

/** A position for a newly added year, per category, read from the server's
 * analysis: the fitted trajectory's position at that year where the
 * forecast covers it, else the category's nearest estimate.
 * @param {any} state
 * @param {any} analysis
 * @param {number} year
 * @returns {Record<string, number>}
 */
export function seedPositions(state, analysis, year) {
  const f = analysis.forecast;
  const i = f.t.indexOf(year);
  /** @type {Record<string, number>} */
  const out = {};
  for (const [id, row] of Object.entries(state.estimates)) {
    const fc = f.categories[id];
    if (i >= 0 && fc && fc.position && fc.position[i] !== null && fc.position[i] !== undefined) {
      out[id] = round3(fc.position[i]);
      continue;
    }
    let best = null;
    for (const [y, x] of Object.entries(row)) {
      if (x === null) continue;
      if (best === null || Math.abs(Number(y) - year) < Math.abs(best[0] - year)) best = [Number(y), x];
    }
    if (best !== null) out[id] = best[1];
  }
  return out;
}

export class Controls {
  constructor(ctx) {
    this.ctx = ctx;
    this.store = ctx.store;
    this.undoBtn = /** @type {HTMLButtonElement} */ (document.getElementById("undo"));
    this.redoBtn = /** @type {HTMLButtonElement} */ (document.getElementById("redo"));
    this.chips = /** @type {HTMLElement} */ (document.getElementById("year-chips"));
    this.addForm = /** @type {HTMLFormElement} */ (document.getElementById("add-year-form"));
    this.addInput = /** @type {HTMLInputElement} */ (document.getElementById("add-year"));
    this.horizon = /** @type {HTMLInputElement} */ (document.getElementById("horizon"));
    this.showDefaults = /** @type {HTMLInputElement} */ (document.getElementById("show-defaults"));

    this.undoBtn.addEventListener("click", () => this.store.undo());
    this.redoBtn.addEventListener("click", () => this.store.redo());
    /** @type {HTMLElement} */ (document.getElementById("reset")).addEventListener("click", () => this.reset());
    this.addForm.addEventListener("submit", (e) => {
      e.preventDefault();
      this.addYear();
    });
    this.horizon.addEventListener("change", () => this.setHorizon());
    this.showDefaults.addEventListener("change", () => {
      document.body.classList.toggle("show-defaults", this.showDefaults.checked);
    });
    this.chips.addEventListener("click", (e) => {
      const btn = e.target instanceof Element ? e.target.closest("button[data-year]") : null;
      if (btn instanceof HTMLElement) this.removeYear(Number(btn.dataset.year));
    });
    document.addEventListener("keydown", (e) => this.onShortcut(e));
    this.store.on("undo-change", () => this.renderUndo());
  }

  onShortcut(e) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key !== "z" && key !== "y") return;
    // Text fields keep their own undo (sliders have none: the page's applies).
    const t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || t.matches("input:not([type=checkbox]):not([type=range]), textarea, select"))) {
      return;
    }
    e.preventDefault();
    if (key === "y" || e.shiftKey) this.store.redo();
    else this.store.undo();
  }

  renderUndo() {
    this.undoBtn.disabled = !this.store.canUndo;
    this.redoBtn.disabled = !this.store.canRedo;
  }

  render(state) {
    this.renderUndo();
    if (document.activeElement !== this.horizon) this.horizon.value = String(state.horizon);
    const only = state.years.length === 1;
    const chips = state.years.map((year) => {
      const li = document.createElement("li");
      li.className = "chip";
      li.append(this.ctx.glyph(year, 13), document.createTextNode(String(year)));
      const btn = document.createElement("button");
      btn.type = "button";
      btn.dataset.year = String(year);
      btn.className = "chip-x";
      btn.textContent = "×";
      btn.setAttribute("aria-label", `Remove ${year}`);
      btn.disabled = only;
      if (only) btn.title = "At least one year is needed";
      li.append(btn);
      return li;
    });
    this.chips.replaceChildren(...chips);
    const next = state.years[state.years.length - 1] + 1;
    this.addInput.placeholder = String(Math.min(next, YEAR_MAX));
    /** @type {HTMLButtonElement} */ (this.addForm.querySelector("button")).disabled = state.years.length >= MAX_YEARS;
  }

  addYear() {
    const state = this.store.state;
    const text = this.addInput.value.trim() || this.addInput.placeholder;
    const year = Number(text);
    if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) {
      this.ctx.showMessage(`A year must be a whole number from ${YEAR_MIN} to ${YEAR_MAX}, got “${text}”.`, "error");
      return;
    }
    if (state.years.includes(year)) {
      this.ctx.showMessage(`${year} is already on the charts.`, "info");
      return;
    }
    if (state.years.length >= MAX_YEARS) {
      this.ctx.showMessage(`At most ${MAX_YEARS} years: remove one first.`, "error");
      return;
    }
    const next = clone(state);
    next.years = [...state.years, year].sort((a, b) => a - b);
    const seeds = seedPositions(state, this.store.analysis, year);
    for (const [id, x] of Object.entries(seeds)) next.estimates[id] = { ...next.estimates[id], [String(year)]: x };
    this.addInput.value = "";
    extrapolated.seed(year, seeds);
    this.store.replace(next);
    this.ctx.showMessage(
      `Added ${year}, each marker placed where its fitted path puts it (or at its nearest year), drawn hollow ` +
        "and marked extrapolated until you move it. Drag them to your view.",
      "success",
    );
  }

  removeYear(year) {
    const state = this.store.state;
    if (state.years.length <= 1) return;
    const next = clone(state);
    next.years = state.years.filter((y) => y !== year);
    for (const id of Object.keys(next.estimates)) {
      const row = { ...next.estimates[id] };
      delete row[String(year)];
      next.estimates[id] = row;
    }
    this.store.replace(next);
  }

  setHorizon() {
    const value = Number(this.horizon.value);
    const { min, max } = setting("horizon");
    if (!Number.isInteger(value) || value < min || value > max) {
      this.ctx.showMessage(`The horizon must be a whole year from ${min} to ${max}.`, "error");
      this.horizon.value = String(this.store.state.horizon);
      return;
    }
    if (value === this.store.state.horizon) return;
    const next = clone(this.store.state);
    next.horizon = value;
    this.store.replace(next);
  }

  reset() {
    const next = this.ctx.defaultState();
    if (this.store.state.vs) next.vs = clone(this.store.state.vs); // the comparison is not an estimate
    if (this.store.replace(next)) this.ctx.showMessage("Back to the defaults. Undo brings your estimates back.", "info");
  }
}
