// The aggregate panel's two small charts, drawn as plain SVG.
//
// They redraw on every analysis that arrives during a drag (at least ten
// times a second). A Plotly.react of each costs 20-25 ms on a modest
// machine, enough to make a drag stutter; updating a few SVG attributes
// costs well under a millisecond. They draw the server's numbers only.

import { svgEl } from "./dom.js";
import { yearLabel } from "./format.js";

export { svgEl };

const NS = "http://www.w3.org/2000/svg";

/** Draws a layer's children in order, reusing the element already at each
 * position (setting only the attributes and text that changed) and
 * removing what is left over at the end: a redraw with the same shape
 * touches a few attributes instead of rebuilding the chart. */
export class Painter {
  constructor(parent) {
    this.parent = parent;
    this.i = 0;
  }

  /** @param {string} tag @param {Record<string, string | number>} [attrs] @param {string | null} [text] */
  el(tag, attrs = {}, text = null) {
    let node = this.parent.children[this.i];
    if (!node || node.localName !== tag) {
      const fresh = document.createElementNS(NS, tag);
      if (node) node.replaceWith(fresh);
      else this.parent.append(fresh);
      node = fresh;
    }
    for (const [k, v] of Object.entries(attrs)) {
      const value = String(v);
      if (node.getAttribute(k) !== value) node.setAttribute(k, value);
    }
    if (text !== null && node.textContent !== text) node.textContent = text;
    this.i += 1;
    return node;
  }

  /** A child made by make() and reused while its key is the same. */
  keyed(key, make) {
    let node = this.parent.children[this.i];
    if (!node || node.dataset.key !== key) {
      const fresh = make();
      fresh.dataset.key = key;
      if (node) node.replaceWith(fresh);
      else this.parent.append(fresh);
      node = fresh;
    }
    this.i += 1;
    return node;
  }

  end() {
    while (this.parent.children.length > this.i) this.parent.lastElementChild.remove();
  }
}

/** Round tick values for [0, top]. */
function ticks(top) {
  const steps = [0.25, 0.5, 1, 2, 5, 10, 20, 50];
  const step = steps.find((s) => top / s <= 5) || 100;
  const out = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}

/** A chart frame: an SVG sized to its container, a plot area, y ticks. */
export class Frame {
  constructor(container, height, margin) {
    this.container = container;
    this.height = height;
    this.margin = margin;
    this.svg = svgEl("svg", { class: "mini-svg", height, role: "presentation" });
    container.replaceChildren(this.svg);
    this.grid = svgEl("g", { class: "mini-grid" }, this.svg);
    this.width = container.clientWidth || 360;
    this.onResize = null;
    new ResizeObserver(() => {
      const w = container.clientWidth;
      if (w && Math.abs(w - this.width) > 1) {
        this.width = w;
        if (this.onResize) this.onResize();
      }
    }).observe(container);
  }

  get plotW() {
    return Math.max(10, this.width - this.margin.l - this.margin.r);
  }

  get plotH() {
    return this.height - this.margin.t - this.margin.b;
  }

  y(v, top) {
    return this.margin.t + this.plotH * (1 - v / top);
  }

  /** Size, horizontal grid lines and y labels. */
  frame(top, yTitle) {
    const w = String(this.width);
    if (this.svg.getAttribute("width") !== w) {
      this.svg.setAttribute("width", w);
      this.svg.setAttribute("viewBox", `0 0 ${this.width} ${this.height}`);
    }
    const p = new Painter(this.grid);
    const { l } = this.margin;
    for (const v of ticks(top)) {
      const y = this.y(v, top).toFixed(1);
      p.el("line", { x1: l, x2: l + this.plotW, y1: y, y2: y, class: v === 0 ? "axis" : "gridline" });
      p.el("text", { x: l - 6, y: (Number(y) + 3.5).toFixed(1), class: "tick", "text-anchor": "end" }, String(v));
    }
    const mid = this.margin.t + this.plotH / 2;
    p.el("text", { x: 0, y: 0, class: "axis-title", transform: `translate(11 ${mid}) rotate(-90)`, "text-anchor": "middle" }, yTitle);
    p.end();
  }

  /** The threshold line at 1 (its legend is below each chart). */
  threshold(top, p) {
    const y = this.y(1, top).toFixed(1);
    const { l } = this.margin;
    p.el("line", { x1: l, x2: l + this.plotW, y1: y, y2: y, class: "threshold" });
  }
}

/** A y range that stays put while values move a little: the maximum with
 * headroom, rounded up to a quarter.
 * @param {any[]} values numbers (null and undefined are skipped)
 * @param {number} headroom
 * @returns {number}
 */
export function niceTop(values, headroom) {
  const max = Math.max(2, ...values.filter((v) => v !== null && v !== undefined));
  return Math.ceil(max * headroom * 4) / 4;
}

/** Mean slope per year as bars, against the threshold of 1. */
export class YearBars {
  constructor(container) {
    this.f = new Frame(container, 180, { l: 42, r: 8, t: 18, b: 24 });
    this.layer = svgEl("g", {}, this.f.svg);
    this.f.onResize = () => this.last && this.render(...this.last);
  }

  /** rows: [{year, value, color}], compare: Map year -> value, or null */
  render(rows, compare) {
    this.last = [rows, compare];
    const values = rows.map((r) => r.value).concat(compare ? [...compare.values()] : [], rows.map((r) => r.hi)); // hi: js/fan.js's whiskers
    const top = niceTop(values, 1.15);
    this.top = top;
    const f = this.f;
    f.frame(top, "mean slope");
    const p = new Painter(this.layer);
    const band = f.plotW / Math.max(1, rows.length);
    const barW = Math.min(56, band * (compare ? 0.36 : 0.6));
    const base = f.y(0, top);
    rows.forEach((r, i) => {
      const cx = f.margin.l + band * (i + 0.5);
      const bx = compare ? cx - barW - 1 : cx - barW / 2;
      if (r.value !== null) {
        const y = f.y(r.value, top);
        p.el("rect", { x: bx.toFixed(1), y: y.toFixed(1), width: barW.toFixed(1), height: (base - y).toFixed(1), fill: r.color, rx: 2 });
        p.el("text", { x: (bx + barW / 2).toFixed(1), y: (y - 4).toFixed(1), class: "bar-label", "text-anchor": "middle" }, r.value.toFixed(2));
      }
      const v = compare ? compare.get(r.year) : undefined;
      if (v !== undefined && v !== null) {
        const y = f.y(v, top);
        p.el("rect", { x: (cx + 1).toFixed(1), y: y.toFixed(1), width: barW.toFixed(1), height: (base - y).toFixed(1), class: "bar-compare", rx: 2 });
        p.el("text", { x: (cx + 1 + barW / 2).toFixed(1), y: (y - 4).toFixed(1), class: "bar-label muted", "text-anchor": "middle" }, v.toFixed(2));
      }
      p.el("text", { x: cx.toFixed(1), y: f.height - 6, class: "tick", "text-anchor": "middle" }, String(r.year));
    });
    f.threshold(top, p);
    p.end();
  }
}

/**
 * Year ticks along a time axis, at most about eight labels, with a grid line
 * each when `grid`.
 * @param {Painter} p
 * @param {Frame} f
 * @param {{t0: number, t1: number}} range
 * @param {(t: number) => number} x the pixel of a decimal year
 * @param {boolean} [grid]
 */
export function yearTicks(p, f, range, x, grid = true) {
  const years = Math.ceil(range.t1) - Math.floor(range.t0);
  const step = [1, 2, 5, 10, 20, 25, 50].find((s) => years / s <= 8) || 100;
  for (let y = Math.ceil(range.t0); y <= range.t1 + 1e-9; y += step) {
    const px = x(y).toFixed(1);
    if (grid) p.el("line", { x1: px, x2: px, y1: f.margin.t, y2: f.margin.t + f.plotH, class: "gridline" });
    p.el("text", { x: px, y: f.height - 8, class: "tick", "text-anchor": "middle" }, String(y));
  }
}

/** A pointer read-out for `chart` (drawn in its Frame `chart.f`): a tip
 * box in `container`, chart.onHover(e) on pointer moves, chart.hover (an
 * SVG element) and the tip hidden when the pointer leaves, and a redraw of
 * the last analysis on resize. Returns the tip.
 * @param {any} chart
 * @param {HTMLElement} container
 * @returns {HTMLDivElement}
 */
export function wireHover(chart, container) {
  chart.tip = document.createElement("div");
  chart.tip.className = "mini-tip";
  chart.tip.hidden = true;
  container.style.position = "relative";
  container.append(chart.tip);
  chart.f.onResize = () => chart.last && chart.render(chart.last);
  chart.f.svg.addEventListener("pointermove", (e) => chart.onHover(e));
  chart.f.svg.addEventListener("pointerleave", () => {
    chart.hover.setAttribute("visibility", "hidden");
    chart.tip.hidden = true;
  });
  return chart.tip;
}

/** The forecast: mean slope over time, the super-critical span shaded, the
 * yearly means of the marks, each category's slope on demand, and the
 * compared view's mean slope. A pointer over it reads off the values. */
export class ForecastChart {
  constructor(container) {
    this.f = new Frame(container, 240, { l: 42, r: 18, t: 14, b: 26 }); // r: room for the last year label
    this.layer = svgEl("g", {}, this.f.svg);
    this.hover = svgEl("g", { class: "hover", visibility: "hidden" }, this.f.svg);
    this.hoverLine = svgEl("line", { class: "hover-line" }, this.hover);
    this.hoverDot = svgEl("circle", { r: 4, class: "hover-dot" }, this.hover);
    this.range = { t0: 0, t1: 1 };
    this.tip = wireHover(this, container);
  }

  x(t) {
    const { t0, t1 } = this.range;
    return this.f.margin.l + (this.f.plotW * (t - t0)) / Math.max(1e-9, t1 - t0);
  }

  path(ts, vs) {
    let d = "";
    let pen = false;
    ts.forEach((t, i) => {
      const v = vs[i];
      if (v === null || v === undefined) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${this.x(t).toFixed(1)} ${this.f.y(v, this.top).toFixed(1)}`;
      pen = true;
    });
    return d;
  }

  /** spec: {t, mean, compare: {t, mean} | null, categories: [{name, color, slope}],
   *  marks: [{t, value, glyph, key}], span: [from, to] | null, peak: {t, value, text} | null} */
  render(spec) {
    this.last = spec;
    const f = this.f;
    const all = [...spec.mean, ...(spec.extent || []), ...spec.marks.map((m) => m.value)]; // extent: js/fan.js's bands
    if (spec.compare) all.push(...spec.compare.mean);
    for (const c of spec.categories) all.push(...c.slope);
    this.top = niceTop(all, 1.12);
    const t0 = spec.t[0];
    const t1 = Math.max(spec.t[spec.t.length - 1], spec.compare ? spec.compare.t[spec.compare.t.length - 1] : t0);
    this.range = { t0, t1: t1 > t0 ? t1 : t0 + 1 };
    f.frame(this.top, "slope");
    const p = new Painter(this.layer);
    const [a, b] = spec.span || [t0, t0];
    p.el("rect", {
      x: this.x(a).toFixed(1),
      y: f.margin.t,
      width: Math.max(0, this.x(b) - this.x(a)).toFixed(1),
      height: f.plotH,
      class: "span",
      visibility: spec.span ? "visible" : "hidden",
    });
    yearTicks(p, f, this.range, (t) => this.x(t));
    f.threshold(this.top, p);
    for (const c of spec.categories) {
      const line = p.el("path", { d: this.path(spec.t, c.slope), class: "cat-line", stroke: c.color });
      line.dataset.name = c.name;
    }
    if (spec.compare) p.el("path", { d: this.path(spec.compare.t, spec.compare.mean), class: "compare-line" });
    p.el("path", { d: this.path(spec.t, spec.mean), class: "mean-line" });
    for (const m of spec.marks) {
      if (m.value === null) continue;
      const g = p.keyed(m.key, () => {
        const node = document.createElementNS(NS, "g");
        node.append(m.glyph());
        return node;
      });
      const transform = `translate(${this.x(m.t).toFixed(1)} ${f.y(m.value, this.top).toFixed(1)})`;
      if (g.getAttribute("transform") !== transform) g.setAttribute("transform", transform);
    }
    if (spec.peak && spec.peak.value !== null) {
      const x = this.x(spec.peak.t);
      const y = f.y(spec.peak.value, this.top);
      p.el("line", { x1: x.toFixed(1), x2: x.toFixed(1), y1: (y - 6).toFixed(1), y2: Math.max(f.margin.t, y - 16).toFixed(1), class: "peak-tick" });
      const anchor = x > f.margin.l + f.plotW - 40 ? "end" : x < f.margin.l + 40 ? "start" : "middle";
      p.el("text", { x: x.toFixed(1), y: Math.max(f.margin.t + 8, y - 19).toFixed(1), class: "peak-label", "text-anchor": anchor }, spec.peak.text);
    }
    p.end();
  }

  onHover(e) {
    const spec = this.last;
    if (!spec) return;
    const rect = this.f.svg.getBoundingClientRect();
    const px = e.clientX - rect.left;
    let best = 0;
    spec.t.forEach((t, i) => {
      if (Math.abs(this.x(t) - px) < Math.abs(this.x(spec.t[best]) - px)) best = i;
    });
    const t = spec.t[best];
    const v = spec.mean[best];
    if (v === null || v === undefined) return;
    const x = this.x(t);
    const y = this.f.y(v, this.top);
    this.hoverLine.setAttribute("x1", x);
    this.hoverLine.setAttribute("x2", x);
    this.hoverLine.setAttribute("y1", this.f.margin.t);
    this.hoverLine.setAttribute("y2", this.f.margin.t + this.f.plotH);
    this.hoverDot.setAttribute("cx", x);
    this.hoverDot.setAttribute("cy", y);
    this.hover.setAttribute("visibility", "visible");
    let text = `${yearLabel(t)}: mean slope ${v.toFixed(2)}`;
    if (spec.compare) {
      const j = spec.compare.t.indexOf(t);
      if (j >= 0 && spec.compare.mean[j] !== null) text += ` · compared ${spec.compare.mean[j].toFixed(2)}`;
    }
    this.tip.textContent = text;
    this.tip.hidden = false;
    const left = Math.min(Math.max(0, x - 70), this.f.width - 150);
    this.tip.style.transform = `translate(${left}px, 0)`;
  }
}
