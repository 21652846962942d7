// A year's marker on one chart, and its row in the chart's readout.
//
// The marker is a page element over the Plotly chart, moved with a CSS
// transform: a move costs a style write, not a Plotly redraw. It moves only
// along the curve: the pointer's horizontal position sets the position (to
// 0.001), the height is read off the server's curve samples. It is a
// focusable ARIA slider (arrows 0.01, Shift+arrows 0.05, PageUp/PageDown 0.1,
// Home/End), and the number field in its readout row edits the same value.

import { keyed, setAttr, setText, wireSlider } from "./dom.js";
import { drawLogDetail, isLogLog } from "./loglog.js";
import { glyph } from "./style.js";
import { clamp, fixed, pos, round3 } from "./format.js";
import { nearAnchorText } from "./anchors.js";
import { extrapolated } from "./extrapolated.js";
import { spreadMarkers } from "./overlap.js";
import { elasticWords, payoffWords, placeWords } from "./verdict.js";

const KEY_STEPS = { ArrowRight: 0.01, ArrowUp: 0.01, ArrowLeft: -0.01, ArrowDown: -0.01, PageUp: 0.1, PageDown: -0.1 };
const KEY_IDLE_COMMIT_MS = 600; // a burst of key presses is one undo step

export class YearMarker {
  constructor(chart, year, style) {
    this.chart = chart;
    this.store = chart.store;
    this.year = year;
    this.style = style;
    this.x = null;
    this.phase = null;
    this.pointX = null; // the position the shown slope and phase are for
    this.stale = false;
    this.drag = null;
    this.keyTimer = 0;

    const el = document.createElement("div");
    el.className = "marker";
    el.tabIndex = 0;
    el.setAttribute("role", "slider");
    el.setAttribute("aria-label", `${chart.name}, ${year}`);
    el.setAttribute("aria-valuemin", "0");
    el.setAttribute("aria-valuemax", "1");
    el.dataset.year = String(year);
    el.append(glyph(style, "solid", 20));
    this.el = el;

    const row = document.createElement("tr");
    row.dataset.year = String(year);
    const th = document.createElement("th");
    th.scope = "row";
    th.append(glyph(style, "solid", 14), document.createTextNode(String(year)));
    const tdInput = document.createElement("td");
    const input = document.createElement("input");
    input.type = "number";
    input.min = "0";
    input.max = "1";
    input.step = "0.01";
    input.inputMode = "decimal";
    input.className = "pos-input";
    input.setAttribute("aria-label", `${chart.name}, ${year}: position from 0 to 1`);
    tdInput.append(input);
    const detail = document.createElement("td");
    detail.className = "detail";
    row.append(th, tdInput, detail);
    // " · extrapolated" after the phase while the position is one "Add
    // year" filled in (js/extrapolated.js).
    this.extrap = document.createElement("span");
    this.extrap.className = "extrap";
    this.extrapolated = false;
    this.row = row;
    this.input = input;
    this.detail = detail;

    wireSlider(el, this);
    el.addEventListener("focus", () => this.chart.anchors && this.chart.anchors.follow(this, true));
    input.addEventListener("change", () => this.onInput());
  }

  // -- drawing ----------------------------------------------------------------

  /** Draw the marker at position x (null: no estimate) and its readout. */
  show(x) {
    this.x = x;
    const has = x !== null;
    this.el.hidden = !has;
    this.markExtrapolated(has && extrapolated.is(this.chart.id, this.year, x));
    if (has) {
      this.place();
      this.markStale(x !== this.pointX);
      setAttr(this.el, "aria-valuenow", String(x));
      setAttr(this.el, "aria-valuetext", this.valueText());
      if (document.activeElement !== this.input) this.input.value = pos(x);
    } else {
      this.input.value = "";
      keyed(this.detail, "none", () => setText(this.detail, "no estimate: type a position to add one"));
    }
    if (this.chart.anchors) this.chart.anchors.follow(this);
  }

  place() {
    this.px = this.chart.xPixel(this.x);
    this.py = this.chart.yPixel(this.chart.upliftAt(this.x));
    this.applyTransform();
    spreadMarkers(this.chart); // a marker at the same place as another is lifted off it
  }

  applyTransform() {
    const lift = this.lift || 0;
    this.el.style.transform = `translate(${this.px.toFixed(1)}px, ${(this.py + lift).toFixed(1)}px)`;
  }

  /** Filled in by "Add year" from the fitted path, not yet moved. */
  markExtrapolated(on) {
    if (on === this.extrapolated) return;
    this.extrapolated = on;
    this.el.classList.toggle("extrapolated", on);
    this.row.classList.toggle("extrapolated", on);
    setText(this.extrap, on ? " · extrapolated" : "");
  }

  markStale(stale) {
    if (stale !== this.stale) {
      this.stale = stale;
      this.row.classList.toggle("stale", stale);
    }
  }

  valueText() {
    // The verdict only once the server has analysed this very position; on
    // log-log axes the elasticity leads, the verdict is the same.
    const point = this.point && !this.stale ? this.point : null;
    let phase = point ? `, ${this.phase}, ${point.supercritical ? "super-critical" : "not super-critical"}` : "";
    if (point && isLogLog()) phase = `, elasticity ${fixed(point.elasticity)}, ${elasticWords(point)}${phase}`;
    const near = nearAnchorText(this.chart.cat.anchors, this.x);
    const extra = this.extrapolated ? ", extrapolated" : "";
    return `${this.chart.name}, ${this.year}: ${pos(this.x)}${extra}${phase}${near ? `, ${near}` : ""}`;
  }

  /** The server's analysis of this estimate: slope, place and verdict in
   * words; `ceiling` is the full payoff drawn (the curve's ceiling). */
  showPoint(point, ceiling) {
    if (!point || this.x === null) return;
    this.point = point;
    this.phase = placeWords(point);
    this.pointX = point.position;
    this.markStale(false);
    setAttr(this.el, "aria-valuetext", this.valueText());
    const log = isLogLog();
    const verdict = payoffWords(point, ceiling);
    const key = `${log ? fixed(point.elasticity) : ""} ${fixed(point.slope)} ${this.phase} ${verdict}`;
    keyed(this.detail, key, () => {
      this.drawDetail(point, verdict);
      // On log-log axes the readout leads with the elasticity (js/loglog.js).
      const lead = /** @type {HTMLElement} */ (this.detail.querySelector(".log-lead"));
      if (log && !lead) this.detail.prepend(drawLogDetail(point));
      else if (log) lead.replaceWith(drawLogDetail(point));
      else if (lead) lead.remove();
    });
  }

  drawDetail(point, verdict) {
    // Made once, then rewritten in place: during a drag this runs on every
    // answer from the server.
    let slope = this.detail.querySelector(".slope");
    let phase = this.detail.querySelector(".phase");
    let line = this.detail.querySelector(".verdict");
    if (!slope || !phase || !line) {
      slope = document.createElement("span");
      phase = document.createElement("span");
      line = document.createElement("span");
      this.detail.replaceChildren(slope, document.createTextNode(" · "), phase, this.extrap, line);
    }
    setText(slope, `slope ${fixed(point.slope)}`);
    setText(phase, placeWords(point));
    setText(line, verdict);
    const cls = `phase phase-${point.phase}`;
    if (phase.className !== cls) phase.className = cls;
    if (slope.className !== "slope") slope.className = "slope";
    const vcls = `verdict${point.supercritical ? " is-sc" : ""}`;
    if (line.className !== vcls) line.className = vcls;
  }

  // -- editing ----------------------------------------------------------------

  set(x) {
    extrapolated.touch(this.chart.id, this.year);
    this.show(x);
    const id = this.chart.id;
    const key = String(this.year);
    this.store.preview(
      (s) => {
        s.estimates[id] = { ...s.estimates[id], [key]: x };
      },
      { quiet: true, owner: this },
    );
  }

  onPointerDown(e) {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    e.preventDefault(); // no text selection, no emulated mouse events
    this.el.focus({ preventScroll: true });
    this.el.setPointerCapture(e.pointerId);
    const rect = this.chart.overlay.getBoundingClientRect();
    // Keep the grab point under the pointer: no jump on press.
    const offset = (e.clientX - rect.left) / rect.width - this.chart.xFrac(this.x);
    this.drag = { id: e.pointerId, left: rect.left, width: rect.width, offset };
    this.el.classList.add("dragging");
    this.store.begin(this);
  }

  onPointerMove(e) {
    const drag = this.drag;
    if (!drag || e.pointerId !== drag.id) return;
    const x = round3(clamp(this.chart.xAt((e.clientX - drag.left) / drag.width - drag.offset), 0, 1));
    if (x !== this.x) this.set(x);
  }

  onPointerEnd(e) {
    if (!this.drag || e.pointerId !== this.drag.id) return;
    this.drag = null;
    this.el.classList.remove("dragging");
    this.store.commit(this);
  }

  onKeyDown(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    let x;
    if (e.key in KEY_STEPS) x = this.x + KEY_STEPS[e.key] * (e.shiftKey ? 5 : 1);
    else if (e.key === "Home") x = 0;
    else if (e.key === "End") x = 1;
    else return;
    e.preventDefault();
    x = round3(clamp(x, 0, 1));
    if (x !== this.x) this.set(x);
    clearTimeout(this.keyTimer);
    this.keyTimer = setTimeout(() => this.flushKeys(), KEY_IDLE_COMMIT_MS);
  }

  flushKeys() {
    if (!this.keyTimer) return;
    clearTimeout(this.keyTimer);
    this.keyTimer = 0;
    this.store.commit(this);
  }

  onInput() {
    extrapolated.touch(this.chart.id, this.year);
    const text = this.input.value.trim();
    const id = this.chart.id;
    const key = String(this.year);
    if (text === "") {
      this.store.preview((s) => {
        const row = { ...s.estimates[id] };
        delete row[key];
        s.estimates[id] = row;
      });
    } else {
      const value = Number(text);
      if (!Number.isFinite(value)) return;
      const x = round3(clamp(value, 0, 1));
      this.input.value = pos(x);
      this.show(x);
      this.store.preview((s) => {
        s.estimates[id] = { ...s.estimates[id], [key]: x };
      });
    }
    this.store.commit();
  }

  remove() {
    clearTimeout(this.keyTimer);
    this.el.remove();
    this.row.remove();
  }
}

/** A marker that only shows: a default position (faint) or the compared
 * view's estimate (hollow, dashed). */
export class GhostMarker {
  constructor(chart, year, style, kind) {
    this.chart = chart;
    this.year = year;
    this.el = document.createElement("div");
    this.el.className = `ghost ghost-${kind}`;
    this.el.setAttribute("aria-hidden", "true");
    this.el.append(glyph(style, kind === "compare" ? "hollow" : "faint", kind === "compare" ? 20 : 18));
    this.x = null;
    this.uplift = null;
  }

  /** Position x; uplift: its height if known (the compared view's own
   * curve), else read off this chart's curve. */
  show(x, uplift = null) {
    this.x = x;
    this.uplift = uplift;
    this.el.hidden = x === null;
    if (x !== null) this.place();
  }

  place() {
    if (this.x === null) return;
    const u = this.uplift === null ? this.chart.upliftAt(this.x) : this.uplift;
    this.el.style.transform = `translate(${this.chart.xPixel(this.x).toFixed(1)}px, ${this.chart.yPixel(u).toFixed(1)}px)`;
  }
}
