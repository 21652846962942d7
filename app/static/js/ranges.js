// A 90% range on an estimate (docs/DESIGN.md §3.8): two handles on the curve, one
// at each end, the stretch of curve between them drawn thick and pale, and
// in the marker's readout row a button that adds or removes the range and
// the server's 90% interval of the slope with the chance of being
// super-critical.
//
// Rules the page keeps (the server refuses anything else):
// - a handle cannot cross its marker: lo <= x <= hi, and hi - lo >= 0.001;
// - moving the marker (drag, keys, the number field) carries its range
//   along: both ends keep their distance from the marker as it was when the
//   gesture began, squeezed at 0 and 1 (so a drag into a wall and back gives
//   the range back whole);
// - an estimate removed, or its year removed, takes its range with it.
// These run as a fixup of the store (store.addFixup), on every state made
// in the page, so each edit is one valid state and one undo step.
//
// The handles are ARIA sliders like the markers: arrows 0.01, Shift+arrows
// 0.05, PageUp/PageDown 0.1, Home/End to the far limit; drag by mouse, pen
// or touch (pointer events, captured).

import { setAttr, setText, wireSlider } from "./dom.js";
import { clamp, fixed, pos, round3 } from "./format.js";
import { isLogLog } from "./loglog.js";
import { exactPercent } from "./verdict.js";

const KEY_STEPS = { ArrowRight: 0.01, ArrowUp: 0.01, ArrowLeft: -0.01, ArrowDown: -0.01, PageUp: 0.1, PageDown: -0.1 };
const KEY_IDLE_COMMIT_MS = 600;
export const DEFAULT_HALF_WIDTH = 0.05;
const MIN_WIDTH = 0.001;
const PATH_STEPS = 24;
const NS = "http://www.w3.org/2000/svg";

/** The range of one estimate in a state, or null.
 * @param {any} state
 * @param {string} id
 * @param {number | string} year
 * @returns {[number, number] | null}
 */
export function rangeOf(state, id, year) {
  const row = state.ranges && state.ranges[id];
  const r = row && row[String(year)];
  return r ? r : null;
}

function setRange(state, id, year, value) {
  const ranges = { ...(state.ranges || {}) };
  const row = { ...(ranges[id] || {}) };
  if (value) row[String(year)] = value;
  else delete row[String(year)];
  if (Object.keys(row).length) ranges[id] = row;
  else delete ranges[id];
  state.ranges = ranges;
}

/** The default range around x: +-0.05, clipped to [0, 1].
 * @param {number} x
 * @returns {[number, number]}
 */
export function defaultRange(x) {
  return [round3(Math.max(0, x - DEFAULT_HALF_WIDTH)), round3(Math.min(1, x + DEFAULT_HALF_WIDTH))];
}

/** [lo, hi] made valid around x: lo <= x <= hi, at least MIN_WIDTH wide.
 * @param {number} lo
 * @param {number} hi
 * @param {number} x
 * @returns {[number, number]}
 */
export function squeeze(lo, hi, x) {
  lo = round3(clamp(lo, 0, x));
  hi = round3(clamp(hi, x, 1));
  if (hi - lo < MIN_WIDTH) {
    if (x < 1) hi = round3(Math.min(1, x + MIN_WIDTH));
    else lo = round3(1 - MIN_WIDTH);
  }
  return [lo, hi];
}

/** The store fixup: see the rules at the top. `owner` a RangeHandle: the
 * handle keeps its own rule, nothing moves with the marker.
 * @param {any} state
 * @param {any} base
 * @param {unknown} owner
 */
export function fixRanges(state, base, owner) {
  if (!state.ranges) return;
  const years = new Set(state.years.map(String));
  const carry = base !== null && !(owner instanceof RangeHandle);
  for (const id of Object.keys(state.ranges)) {
    for (const [year, r] of Object.entries(state.ranges[id])) {
      const row = state.estimates[id] || {};
      const x = row[year];
      if (!years.has(year) || x === undefined || x === null) {
        setRange(state, id, year, null);
        continue;
      }
      let [lo, hi] = r;
      const was = carry ? rangeOf(base, id, year) : null;
      const wasX = was && base.estimates[id] ? base.estimates[id][year] : undefined;
      if (was && wasX !== undefined && wasX !== null) {
        lo = x - (wasX - was[0]);
        hi = x + (was[1] - wasX);
      }
      const next = squeeze(lo, hi, x);
      if (next[0] !== r[0] || next[1] !== r[1]) setRange(state, id, year, next);
    }
  }
}

/** One end of a range: a slider on the curve. */
export class RangeHandle {
  constructor(view, end) {
    this.view = view;
    this.end = end; // 0: low, 1: high
    this.drag = null;
    this.keyTimer = 0;
    const chart = view.chart;
    const el = document.createElement("div");
    el.className = `range-handle range-${end ? "hi" : "lo"}`;
    el.tabIndex = 0;
    el.setAttribute("role", "slider");
    el.setAttribute("aria-label", `${chart.name}, ${view.year}, ${end ? "high" : "low"} end of range`);
    el.setAttribute("aria-valuemin", "0");
    el.setAttribute("aria-valuemax", "1");
    el.dataset.year = String(view.year);
    el.dataset.end = end ? "hi" : "lo";
    el.append(document.createElement("span"));
    this.el = el;
    wireSlider(el, this);
  }

  get value() {
    return this.view.range ? this.view.range[this.end] : null;
  }

  /** The value moved to v, kept on its side of the marker. */
  limit(v) {
    const [lo, hi] = this.view.range;
    const x = this.view.x;
    return this.end ? round3(clamp(v, Math.max(x, lo + MIN_WIDTH), 1)) : round3(clamp(v, 0, Math.min(x, hi - MIN_WIDTH)));
  }

  set(v) {
    const view = this.view;
    const next = [...view.range];
    next[this.end] = v;
    view.show(view.x, next);
    view.chart.store.preview((s) => setRange(s, view.chart.id, view.year, next), { quiet: true, owner: this });
  }

  onPointerDown(e) {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    if (!this.view.range) return;
    e.preventDefault();
    this.el.focus({ preventScroll: true });
    this.el.setPointerCapture(e.pointerId);
    const rect = this.view.chart.overlay.getBoundingClientRect();
    // Fractions of the plot's width, on the axes shown (linear or log).
    const offset = (e.clientX - rect.left) / rect.width - this.view.chart.xFrac(this.value);
    this.drag = { id: e.pointerId, left: rect.left, width: rect.width, offset };
    this.el.classList.add("dragging");
    this.view.chart.store.begin(this);
  }

  onPointerMove(e) {
    const drag = this.drag;
    if (!drag || e.pointerId !== drag.id) return;
    const v = this.limit(this.view.chart.xAt((e.clientX - drag.left) / drag.width - drag.offset));
    if (v !== this.value) this.set(v);
  }

  onPointerEnd(e) {
    if (!this.drag || e.pointerId !== this.drag.id) return;
    this.drag = null;
    this.el.classList.remove("dragging");
    this.view.chart.store.commit(this);
  }

  onKeyDown(e) {
    if (e.altKey || e.ctrlKey || e.metaKey || !this.view.range) return;
    let v;
    if (e.key in KEY_STEPS) v = this.value + KEY_STEPS[e.key] * (e.shiftKey ? 5 : 1);
    else if (e.key === "Home") v = 0;
    else if (e.key === "End") v = 1;
    else return;
    e.preventDefault();
    v = this.limit(v);
    if (v !== this.value) this.set(v);
    clearTimeout(this.keyTimer);
    this.keyTimer = setTimeout(() => this.flushKeys(), KEY_IDLE_COMMIT_MS);
  }

  flushKeys() {
    if (!this.keyTimer) return;
    clearTimeout(this.keyTimer);
    this.keyTimer = 0;
    this.view.chart.store.commit(this);
  }

  place(v) {
    const chart = this.view.chart;
    const px = chart.xPixel(v);
    const py = chart.yPixel(chart.upliftAt(v));
    this.el.style.transform = `translate(${px.toFixed(1)}px, ${py.toFixed(1)}px)`;
  }
}

/** The range of one year's estimate on one chart. */
class RangeView {
  constructor(set, year) {
    this.set = set;
    this.chart = set.chart;
    this.year = year;
    this.x = null;
    this.range = null;
    this.color = "";
    this.path = document.createElementNS(NS, "path");
    this.path.setAttribute("class", "range-path");
    set.svg.append(this.path);
    this.handles = [new RangeHandle(this, 0), new RangeHandle(this, 1)];
    for (const h of this.handles) set.layer.append(h.el);
    this.button = document.createElement("button");
    this.button.type = "button";
    this.button.className = "btn-quiet range-btn";
    this.words = document.createElement("span");
    this.button.append(this.words);
    // From the keyboard (a click with no pointer: detail 0), a new range's
    // low end takes the focus, ready for the arrow keys.
    this.button.addEventListener("click", (e) => this.toggle(e.detail === 0));
    this.cell = document.createElement("td");
    this.cell.className = "range-cell";
    this.cell.append(this.button);
    this.interval = document.createElement("span");
    this.interval.className = "range-interval";
  }

  /** Put the button cell in the marker's readout row (a marker is made
   * anew when its year's look changes). */
  attach(marker) {
    if (marker && this.cell.parentNode !== marker.row) marker.row.append(this.cell);
    this.marker = marker;
  }

  show(x, range) {
    this.x = x;
    const changed = JSON.stringify(range) !== JSON.stringify(this.range);
    this.range = range;
    const has = range !== null && x !== null;
    // (Writes skip themselves: this runs for every range on every step of a drag.)
    if (this.path.style.display !== (has ? "" : "none")) this.path.style.display = has ? "" : "none";
    for (const h of this.handles) {
      if (h.el.hidden !== !has) h.el.hidden = !has;
      if (has) {
        const v = range[h.end];
        setAttr(h.el, "aria-valuenow", String(v));
        setAttr(h.el, "aria-valuetext", `${pos(v)} (${h.end ? "high" : "low"} end; estimate ${pos(x)})`);
      }
    }
    if (this.button.hidden !== (x === null)) this.button.hidden = x === null;
    const name = `${this.chart.name}, ${this.year}`;
    // A category of your own can be renamed: the handles' names follow.
    for (const h of this.handles) setAttr(h.el, "aria-label", `${name}, ${h.end ? "high" : "low"} end of range`);
    // (On a narrow card on two lines: ranges.css.)
    setText(this.words, has ? "Remove range" : "Add range");
    setAttr(this.button, "aria-label", has ? `Remove range: ${name}` : `Add range: ${name}`);
    setAttr(this.button, "title", has ? "Remove the range" : "Add a 90% range around this estimate");
    if (!has) this.interval.remove();
    if (changed) this.interval.classList.add("stale");
    this.place();
  }

  /** Handles and path where the range is; skipped when nothing moved (it
   * runs for every range on every step of any drag). */
  place(force = false) {
    if (this.range === null || this.x === null || !this.chart.geom.w) return;
    const [lo, hi] = this.range;
    const key = `${lo} ${hi} ${this.chart.geom.w} ${this.chart.geom.h} ${isLogLog()}`;
    if (!force && key === this.placed && this.samples === this.chart.samples) return;
    this.placed = key;
    this.samples = this.chart.samples;
    this.handles[0].place(lo);
    this.handles[1].place(hi);
    const chart = this.chart;
    let d = "";
    for (let i = 0; i <= PATH_STEPS; i++) {
      const v = lo + ((hi - lo) * i) / PATH_STEPS;
      d += `${i ? "L" : "M"}${chart.xPixel(v).toFixed(1)} ${chart.yPixel(chart.upliftAt(v)).toFixed(1)}`;
    }
    setAttr(this.path, "d", d);
  }

  style(color) {
    if (color === this.color) return;
    this.color = color;
    this.path.style.stroke = color;
    for (const h of this.handles) h.el.style.setProperty("--range-color", color);
  }

  toggle(byKey = false) {
    const store = this.chart.store;
    const id = this.chart.id;
    const year = this.year;
    const x = (store.state.estimates[id] || {})[String(year)];
    if (x === undefined || x === null) return;
    const next = rangeOf(store.state, id, year) ? null : defaultRange(x);
    store.preview((s) => setRange(s, id, year, next));
    store.commit();
    if (next && byKey) this.handles[0].el.focus();
  }

  /** The server's numbers for this estimate, in its readout row. */
  showInterval(band, fresh) {
    if (!this.range || !this.marker) return;
    // A line of its own under the marker's words (which rebuild their cell
    // when an estimate is cleared and set again: then it is put back).
    const detail = this.marker.detail;
    if (!detail.querySelector(".slope")) return;
    if (this.interval.parentNode !== detail) detail.append(this.interval);
    if (band) {
      const [p5, , p95] = band.slope;
      setText(this.interval, `90%: slope ${fixed(p5)} to ${fixed(p95)} · ${exactPercent(band.p_supercritical)} super-critical`);
    }
    this.interval.classList.toggle("stale", !fresh);
  }

  remove() {
    this.path.remove();
    for (const h of this.handles) {
      clearTimeout(h.keyTimer);
      h.el.remove();
    }
    this.cell.remove();
    this.interval.remove();
  }
}

/** The ranges of one chart. */
class ChartRanges {
  constructor(chart) {
    this.chart = chart;
    this.views = new Map(); // year -> RangeView
    this.svg = document.createElementNS(NS, "svg");
    this.svg.setAttribute("class", "range-svg");
    this.svg.setAttribute("aria-hidden", "true");
    // After the markers in Tab order, drawn under them (ranges.css): a
    // marker stays whole to grab, the handles beside it.
    this.layer = document.createElement("div");
    this.layer.className = "range-layer";
    this.layer.append(this.svg);
    chart.overlay.append(this.layer);
    chart.onLayout = () => this.place();
  }

  render(state, styles) {
    const id = this.chart.id;
    const row = state.estimates[id] || {};
    for (const [year, v] of this.views) {
      if (!state.years.includes(year)) {
        v.remove();
        this.views.delete(year);
      }
    }
    for (const year of state.years) {
      let v = this.views.get(year);
      if (!v) {
        v = new RangeView(this, year);
        this.views.set(year, v);
      }
      v.attach(this.chart.markers.get(year));
      const style = styles.get(year);
      if (style) v.style(style.color);
      const x = row[String(year)];
      const dragging = v.handles.some((h) => h.drag);
      if (!dragging) v.show(x === undefined ? null : x, rangeOf(state, id, year));
    }
  }

  place() {
    for (const v of this.views.values()) v.place(true);
  }
}

/** Ranges on every chart, kept in step with the store. */
export class Ranges {
  constructor(charts, ctx) {
    this.ctx = ctx;
    this.store = ctx.store;
    this.charts = charts; // main.js's list: the user's own categories come and go in it (js/custom.js)
    this.sets = [];
    this.store.addFixup((state, base, owner) => {
      fixRanges(state, base, owner);
      // A marker's drag is drawn by the marker alone (a quiet preview): the
      // range that moves with it is drawn here.
      if (base !== null && state.ranges && Object.keys(state.ranges).length) this.render(state);
    });
    this.store.on("state", (state) => this.render(state));
    this.store.on("analysis", (analysis, state) => this.renderAnalysis(analysis, state));
    this.render(this.store.state);
    this.renderAnalysis(this.store.analysis, this.store.state);
  }

  /** One set of handles per chart on the page, in the charts' order. */
  sync() {
    const had = new Map(this.sets.map((s) => [s.chart, s]));
    this.sets = this.charts.map((c) => had.get(c) || new ChartRanges(c));
  }

  render(state) {
    this.sync();
    const styles = this.ctx.styles();
    for (const s of this.sets) s.render(state, styles);
  }

  renderAnalysis(analysis, state) {
    this.render(state);
    const u = analysis.uncertainty;
    for (const s of this.sets) {
      const bands = u && u.categories[s.chart.id];
      for (const v of s.views.values()) {
        if (!v.range) continue;
        const band = bands ? bands.find((b) => b.year === v.year) : null;
        const same = (r) => r && r[0] === v.range[0] && r[1] === v.range[1];
        const x = (analysis.state.estimates[s.chart.id] || {})[String(v.year)];
        const fresh = Boolean(band) && same(rangeOf(analysis.state, s.chart.id, v.year)) && x === v.x;
        v.showInterval(fresh || !v.interval.textContent ? band : null, fresh);
      }
    }
  }
}
