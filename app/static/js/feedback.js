// The forecast's two settings (docs/DESIGN.md §3.6): sliders for
// the state's `feedback` exponent and its `lag` in years (bounds and steps are
// the field table's, in the markup and in limits.js). Each edits the state
// through the store's live-edit API, so one gesture (a drag of the thumb, a
// burst of arrow keys) is one undo step and one history entry, and the link
// follows with `fb=` and `lag=`. The server applies them to the forecast;
// nothing is computed here.

import { round3 } from "./format.js";
import { setting } from "./limits.js";

const KEY_IDLE_COMMIT_MS = 600; // a burst of key presses is one undo step

/** A value as the link writes it: 0, 0.5, 1.25.
 * @param {number} v
 * @returns {string}
 */
export function feedbackText(v) {
  return String(round3(v));
}

/** What a screen reader hears at 0, per setting. */
const AT_ZERO = {
  feedback: "0, the plain extrapolation",
  lag: "0 years, no delay",
};

/** A range input bound to one numeric state field (`key`, also its name in
 * limits.js's settings). */
export class SettingSlider {
  constructor(root, ctx, key) {
    this.key = key;
    this.store = ctx.store;
    this.input = root.querySelector("input[type=range]");
    this.out = root.querySelector("output");
    this.timer = 0;
    this.pointer = false;
    this.input.addEventListener("input", () => this.onInput());
    // A pointer drag fires one change, at the release: commit then. Arrow
    // keys fire one per press: commit after a pause.
    this.input.addEventListener("change", () => (this.pointer ? this.flush() : this.schedule()));
    this.input.addEventListener("pointerdown", () => {
      this.pointer = true;
    });
    const up = () => {
      if (!this.pointer) return;
      this.pointer = false;
      this.flush();
    };
    this.input.addEventListener("pointerup", up);
    this.input.addEventListener("pointercancel", up);
    this.input.addEventListener("blur", () => this.flush());
    this.store.on("state", (state) => this.render(state));
    this.render(this.store.state);
  }

  value(state) {
    const v = state[this.key];
    return typeof v === "number" && Number.isFinite(v) ? v : 0;
  }

  render(state) {
    const v = this.value(state);
    if (Number(this.input.value) !== v) this.input.value = String(v);
    const text = feedbackText(v);
    if (this.out.value !== text) this.out.value = text;
    const valueText = v === 0 ? AT_ZERO[this.key] : this.key === "lag" ? `${text} years` : text;
    if (this.input.getAttribute("aria-valuetext") !== valueText) this.input.setAttribute("aria-valuetext", valueText);
  }

  onInput() {
    const { step } = setting(this.key);
    const v = round3(Math.round(Number(this.input.value) / step) * step);
    if (!Number.isFinite(v)) return;
    this.out.value = feedbackText(v);
    this.store.preview(
      (s) => {
        s[this.key] = v;
      },
      { owner: this },
    );
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), KEY_IDLE_COMMIT_MS);
  }

  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.store.commit(this);
  }
}

/** The feedback exponent's slider. */
export class FeedbackControl extends SettingSlider {
  constructor(root, ctx) {
    super(root, ctx, "feedback");
  }
}

/** The generation lag's slider. */
export class LagControl extends SettingSlider {
  constructor(root, ctx) {
    super(root, ctx, "lag");
  }
}
