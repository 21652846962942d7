// The forecast's milestone shares (docs/DESIGN.md §3.7): a text field under
// the milestones that takes them as percentages of AI's potential help
// ("50, 90"). Its rules (how many; bounds and step, so whole percentages
// from 1 to 99) come from the field table in the page's limits; a bad entry is named in a message and the field goes
// back to the view's shares, so nothing is lost. A good one replaces the
// state's `milestones` (one undo step) and the link follows with `ms=`. The
// server finds the milestones' years; nothing is computed here.

import { clone } from "./store.js";
import { setting } from "./limits.js";

/** Shares as the field shows them: [0.5, 0.9] -> "50, 90".
 * @param {number[]} shares
 * @returns {string}
 */
export function sharesText(shares) {
  return shares.map((s) => String(Math.round(s * 100))).join(", ");
}

/** A field's text as shares, or the reason it is not one.
 * @param {string} text
 * @returns {{shares: number[]} | {error: string}}
 */
export function readShares(text) {
  const { max_count: most, min, max, step } = setting("milestones");
  // Shares lie strictly between min and max on the step: in percentages,
  // whole numbers from low to high.
  const [low, high] = [Math.round((min + step) * 100), Math.round((max - step) * 100)];
  const parts = text.split(/[,;\s]+/).filter((p) => p !== "").map((p) => p.replace(/%$/, ""));
  const rule = `Milestones are 1 to ${most} whole percentages from ${low} to ${high}, rising, such as 50, 90.`;
  if (!parts.length) return { error: `No milestone given. ${rule}` };
  if (parts.length > most) return { error: `${parts.length} milestones given; at most ${most}. ${rule}` };
  const values = parts.map(Number);
  const bad = parts.find((p, i) => !/^\d+$/.test(p) || values[i] < low || values[i] > high);
  if (bad !== undefined) return { error: `"${bad}" is not a whole percentage from ${low} to ${high}. ${rule}` };
  const fall = values.findIndex((v, i) => i > 0 && v <= values[i - 1]);
  if (fall > 0) return { error: `${values[fall]} does not come after ${values[fall - 1]}. ${rule}` };
  return { shares: values.map((v) => v / 100) };
}

/** A state's shares; a state built on the page (the defaults after Reset)
 * may leave them out, which means the field table's default.
 * @param {any} state
 * @returns {number[]}
 */
function sharesOf(state) {
  return Array.isArray(state.milestones) ? state.milestones : setting("milestones").default;
}

export class MilestoneShares {
  /**
   * @param {HTMLFormElement} form the field's form (#milestones-form)
   * @param {{store: any, showMessage: (text: string, kind?: string) => void}} ctx
   */
  constructor(form, ctx) {
    this.store = ctx.store;
    this.showMessage = ctx.showMessage;
    this.input = /** @type {HTMLInputElement} */ (form.querySelector("input"));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.apply();
    });
    this.input.addEventListener("change", () => this.apply());
    this.input.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      this.input.value = sharesText(sharesOf(this.store.state));
      this.input.select();
    });
    this.store.on("state", (state) => this.render(state));
    this.render(this.store.state);
  }

  render(state) {
    if (document.activeElement !== this.input) this.input.value = sharesText(sharesOf(state));
  }

  apply() {
    const got = readShares(this.input.value);
    const now = sharesOf(this.store.state);
    if ("error" in got) {
      this.showMessage(got.error, "error");
      this.input.value = sharesText(now);
      return;
    }
    this.input.value = sharesText(got.shares);
    if (got.shares.length === now.length && got.shares.every((s, i) => s === now[i])) return;
    const next = clone(this.store.state);
    next.milestones = got.shares;
    this.store.replace(next);
  }
}
