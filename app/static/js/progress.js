// The forecast's lead chart: AI's help U(t) (the server's
// `forecast.mean_uplift`) against its potential (`forecast.potential`, a
// dashed line), the milestones marked where U first reaches each share of
// it (`forecast.milestones`), with ranges the draws' 90% interval of each
// milestone's year as a bar at its level (`uncertainty.forecast.milestones`),
// the yearly means of the marks, and the compared view's U(t). With ranges,
// a fan of U(t) over the draws (`uncertainty.forecast.mean_uplift`: 90% and
// 50%) lies under the line, and its growth's band (`uncertainty.forecast.gain`)
// is in the pointer's read-out. Plain SVG like
// the panel's other charts (js/minicharts.js); the server's numbers only.

import { fixed, yearLabel } from "./format.js";
import { Frame, Painter, svgEl, wireHover, yearTicks } from "./minicharts.js";

const NS = "http://www.w3.org/2000/svg";

/**
 * @typedef {{share: number, label: string, year: number | null, already: boolean,
 *   band: [number, number, number] | null}} MilestoneMark
 * @typedef {{t: number, value: number | null, glyph: () => SVGElement, key: string}} YearMark
 * @typedef {{t: number[], u: (number | null)[], potential: number | null, gain: (number | null)[],
 *   gainBand: {p5: number[], p95: number[]} | null,
 *   fan: {p5: number[], p25: number[], p75: number[], p95: number[]} | null, milestones: MilestoneMark[],
 *   marks: YearMark[], compare: {t: number[], u: (number | null)[]} | null, stale: boolean}} ProgressSpec
 */

/** A y range for help that stays put while it moves: the potential with
 * headroom, to a quarter. */
function helpTop(values) {
  const max = Math.max(0.2, ...values.filter((v) => v !== null && v !== undefined));
  return Math.ceil(max * 1.1 * 4) / 4;
}

export class ProgressChart {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.container = container;
    this.f = new Frame(container, 240, { l: 42, r: 18, t: 14, b: 26 });
    this.fan = svgEl("g", { class: "fan" }, this.f.svg);
    this.layer = svgEl("g", {}, this.f.svg);
    this.bands = svgEl("g", { class: "milestone-bands" }, this.f.svg);
    this.pins = svgEl("g", { class: "milestones" }, this.f.svg);
    this.hover = svgEl("g", { class: "hover", visibility: "hidden" }, this.f.svg);
    this.hoverLine = svgEl("line", { class: "hover-line" }, this.hover);
    this.hoverDot = svgEl("circle", { r: 4, class: "hover-dot" }, this.hover);
    /** @type {ProgressSpec | null} */
    this.last = null;
    this.range = { t0: 0, t1: 1 };
    this.tip = wireHover(this, container);
  }

  /** @param {number} t */
  x(t) {
    const { t0, t1 } = this.range;
    return this.f.margin.l + (this.f.plotW * (t - t0)) / Math.max(1e-9, t1 - t0);
  }

  /** @param {number} v */
  y(v) {
    return this.f.y(v, this.top);
  }

  path(ts, vs) {
    let d = "";
    ts.forEach((t, i) => {
      const v = vs[i];
      if (v !== null && v !== undefined) d += `${d ? "L" : "M"}${this.x(t).toFixed(1)} ${this.y(v).toFixed(1)}`;
    });
    return d;
  }

  /** The area between two quantile series, as one closed path. */
  area(ts, lo, hi) {
    const keep = ts.map((_, i) => i).filter((i) => lo[i] !== null && hi[i] !== null);
    if (keep.length < 2) return "";
    const up = keep.map((i) => `${this.x(ts[i]).toFixed(1)} ${this.y(hi[i]).toFixed(1)}`);
    const down = keep.reverse().map((i) => `${this.x(ts[i]).toFixed(1)} ${this.y(lo[i]).toFixed(1)}`);
    return `M${up.join("L")}L${down.join("L")}Z`;
  }

  /** @param {ProgressSpec} spec */
  drawFan(spec) {
    const fan = new Painter(this.fan);
    if (spec.fan) {
      fan.el("path", { d: this.area(spec.t, spec.fan.p5, spec.fan.p95), class: "fan-90" });
      fan.el("path", { d: this.area(spec.t, spec.fan.p25, spec.fan.p75), class: "fan-50" });
    }
    fan.end();
    this.fan.classList.toggle("is-stale", spec.stale);
  }

  /** @param {ProgressSpec} spec */
  render(spec) {
    this.last = spec;
    const f = this.f;
    const all = [...spec.u, spec.potential, ...spec.marks.map((m) => m.value), ...(spec.fan ? spec.fan.p95 : [])];
    if (spec.compare) all.push(...spec.compare.u);
    this.top = helpTop(all);
    const t0 = spec.t[0];
    const t1 = Math.max(spec.t[spec.t.length - 1], spec.compare ? spec.compare.t[spec.compare.t.length - 1] : t0);
    this.range = { t0, t1: t1 > t0 ? t1 : t0 + 1 };
    f.frame(this.top, "AI's help");
    const p = new Painter(this.layer);
    yearTicks(p, f, this.range, (t) => this.x(t));
    const right = f.margin.l + f.plotW;
    if (spec.potential !== null) {
      const y = this.y(spec.potential).toFixed(1);
      p.el("line", { x1: f.margin.l, x2: right, y1: y, y2: y, class: "potential" });
      // At the left, above the line: a rising line is low there, and the
      // milestones near the potential are labelled at the right.
      p.el("text", { x: f.margin.l + 4, y: (Number(y) - 4).toFixed(1), class: "potential-label" }, `potential ${spec.potential.toFixed(2)}`);
    }
    if (spec.compare) p.el("path", { d: this.path(spec.compare.t, spec.compare.u), class: "compare-line" });
    p.el("path", { d: this.path(spec.t, spec.u), class: "mean-line" });
    for (const m of spec.marks) {
      if (m.value === null) continue;
      const g = p.keyed(m.key, () => {
        const node = document.createElementNS(NS, "g");
        node.append(m.glyph());
        return node;
      });
      const transform = `translate(${this.x(m.t).toFixed(1)} ${this.y(m.value).toFixed(1)})`;
      if (g.getAttribute("transform") !== transform) g.setAttribute("transform", transform);
    }
    p.end();
    this.drawFan(spec);
    this.drawMilestones(spec);
  }

  /** Each milestone: a pin where U reaches its level, a drop line to the
   * time axis, its label; with ranges the draws' interval as a bar. */
  drawMilestones(spec) {
    const f = this.f;
    const pot = spec.potential;
    const bands = new Painter(this.bands);
    const pins = new Painter(this.pins);
    const right = f.margin.l + f.plotW;
    for (const m of pot === null ? [] : spec.milestones) {
      const y = this.y(m.share * pot);
      if (m.band) {
        const [lo, , hi] = m.band.map((t) => this.x(Math.min(t, this.range.t1)));
        bands.el("line", { x1: lo.toFixed(1), x2: Math.max(hi, lo + 2).toFixed(1), y1: y.toFixed(1), y2: y.toFixed(1), class: "milestone-band" });
      }
      if (m.year === null) {
        // Not reached by the horizon: its level, and the words at the right end.
        pins.el("line", { x1: f.margin.l, x2: right, y1: y.toFixed(1), y2: y.toFixed(1), class: "milestone-level" });
        pins.el("text", { x: right, y: (y - 4).toFixed(1), class: "milestone-label", "text-anchor": "end" }, `${m.label}: not by ${Math.round(this.range.t1)}`);
        continue;
      }
      const x = this.x(m.year);
      pins.el("line", { x1: x.toFixed(1), x2: x.toFixed(1), y1: y.toFixed(1), y2: f.margin.t + f.plotH, class: "milestone-drop" });
      pins.el("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 4.5, class: "milestone-pin" });
      // Above and left of a rising line is empty; near the left edge, below and right.
      const when = m.already ? "already" : yearLabel(m.year);
      const left = x - f.margin.l > 110;
      pins.el(
        "text",
        { x: (left ? x - 7 : x + 7).toFixed(1), y: (left ? y - 7 : y + 14).toFixed(1), class: "milestone-label", "text-anchor": left ? "end" : "start" },
        `${m.label}: ${when}`,
      );
    }
    bands.end();
    pins.end();
    this.bands.classList.toggle("is-stale", spec.stale);
  }

  /** The pointer's read-out: help, its share of the potential and its growth. */
  onHover(e) {
    const spec = this.last;
    if (!spec) return;
    const px = e.clientX - this.f.svg.getBoundingClientRect().left;
    let best = 0;
    spec.t.forEach((t, i) => {
      if (Math.abs(this.x(t) - px) < Math.abs(this.x(spec.t[best]) - px)) best = i;
    });
    const [t, v] = [spec.t[best], spec.u[best]];
    if (v === null || v === undefined) return;
    const x = this.x(t);
    for (const [k, val] of [["x1", x], ["x2", x], ["y1", this.f.margin.t], ["y2", this.f.margin.t + this.f.plotH]]) {
      this.hoverLine.setAttribute(k, String(val));
    }
    this.hoverDot.setAttribute("cx", String(x));
    this.hoverDot.setAttribute("cy", String(this.y(v)));
    this.hover.setAttribute("visibility", "visible");
    let text = `${yearLabel(t)}: AI's help ${fixed(v)}`;
    if (spec.potential) text += ` (${Math.round((100 * v) / spec.potential)}% of potential)`;
    const g = spec.gain[best];
    if (g !== null && g !== undefined) text += ` · growing ${fixed(g)} a year`;
    const band = spec.gainBand;
    if (band && band.p5[best] !== null && band.p95[best] !== null) text += ` (90%: ${fixed(band.p5[best])} to ${fixed(band.p95[best])})`;
    this.tip.textContent = text;
    this.tip.hidden = false;
    const w = this.tip.offsetWidth || 200;
    this.tip.style.transform = `translate(${Math.max(0, Math.min(x - w / 2, this.f.width - w)).toFixed(0)}px, 0)`;
  }
}
