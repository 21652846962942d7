// The page's one DOM builder (h for HTML, svgEl for SVG), and writes that
// skip themselves when nothing changed: during a drag the analysis arrives
// ten times a second and most of the page is the same each time; every
// needless DOM write costs style and layout work.

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * An HTML element: `attrs` are its attributes ("class" sets className and
 * "text" its text; null, undefined and false leave one out, true writes it
 * empty), then its children (null and undefined skipped).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 * @param {...(Node | string | null | undefined)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = String(v);
    else if (k === "text") e.textContent = String(v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/**
 * An SVG element with these attributes, appended to `parent` if one is given.
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {Element | null} [parent]
 * @returns {SVGElement}
 */
export function svgEl(tag, attrs = {}, parent = null) {
  const e = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (parent) parent.append(e);
  return e;
}

const keys = new WeakMap();

/** Set an element's text only if it differs.
 * @param {any} el an Element (callers may pass a query's result unchecked)
 * @param {string} text
 */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Set an attribute only if it differs.
 * @param {Element} el
 * @param {string} name
 * @param {string} value
 */
export function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Rebuild an element's content with build() only when `key` changed.
 * @param {Element} el
 * @param {string} key
 * @param {() => void} build
 * @returns {boolean}
 */
export function keyed(el, key, build) {
  if (keys.get(el) === key) return false;
  keys.set(el, key);
  build();
  return true;
}

/** Route a draggable, key-driven slider's events to `target`'s handlers:
 * onPointerDown, onPointerMove, onPointerEnd (up, cancel, lost capture),
 * onKeyDown and flushKeys (on blur). Markers and range handles share it.
 * @param {HTMLElement} el
 * @param {{onPointerDown: (e: PointerEvent) => void, onPointerMove: (e: PointerEvent) => void,
 *   onPointerEnd: (e: Event) => void, onKeyDown: (e: KeyboardEvent) => void, flushKeys: () => void}} target
 */
export function wireSlider(el, target) {
  el.addEventListener("pointerdown", (e) => target.onPointerDown(e));
  el.addEventListener("pointermove", (e) => target.onPointerMove(e));
  for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) {
    el.addEventListener(type, (e) => target.onPointerEnd(e));
  }
  el.addEventListener("keydown", (e) => target.onKeyDown(e));
  el.addEventListener("blur", () => target.flushKeys());
}
