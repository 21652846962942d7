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
