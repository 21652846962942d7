// Writes that skip themselves when nothing changed. During a drag the
// analysis arrives ten times a second and most of the page is the same each
// time; every needless DOM write costs style and layout work.

const keys = new WeakMap();

/** Set an element's text only if it differs. */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Set an attribute only if it differs. */
export function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Rebuild an element's content with build() only when `key` changed. */
export function keyed(el, key, build) {
  if (keys.get(el) === key) return false;
  keys.set(el, key);
  build();
  return true;
}

/** Route a draggable, key-driven slider's events to `target`'s handlers:
 * onPointerDown, onPointerMove, onPointerEnd (up, cancel, lost capture),
 * onKeyDown and flushKeys (on blur). Markers and range handles share it. */
export function wireSlider(el, target) {
  el.addEventListener("pointerdown", (e) => target.onPointerDown(e));
  el.addEventListener("pointermove", (e) => target.onPointerMove(e));
  for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) {
    el.addEventListener(type, (e) => target.onPointerEnd(e));
  }
  el.addEventListener("keydown", (e) => target.onKeyDown(e));
  el.addEventListener("blur", () => target.flushKeys());
}
