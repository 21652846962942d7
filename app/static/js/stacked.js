// "Where the uplift comes from": the essay's picture of overlapping
// S-curves. Each category's share of the mean uplift along its forecast
// path, w·u / Σw (the server's `forecast.categories[id].share`), stacked in
// catalog order, so the top of the stack is the server's
// `forecast.mean_uplift`. The years of the state are marked. Drawn as plain
// SVG like the panel's charts (js/minicharts.js), redrawn on every analysis.

import { keyed } from "./dom.js";
import { fixed, yearLabel } from "./format.js";
import { Frame, Painter, svgEl, wireHover, yearTicks } from "./minicharts.js";
import { nameInSentence } from "./signals.js";

// Shades of one hue per group (as the forecast's group colours), darkest
// first; a group's categories take them in turn.
const SHADES = [
  ["#1d4f8f", "#4f86c9", "#2f6db3", "#93b8e3"],
  ["#9a4a10", "#e08a3c", "#c2621a", "#f2b57c"],
  ["#1e6b43", "#62b086", "#2e8b57", "#a5d8ba"],
  ["#55348a", "#a283d4", "#7b4fb3", "#cbb8ea"],
  ["#0e5f6b", "#5fb7c2", "#2a8c99", "#9fd6dd", "#4d5b6a"],
];

/** A colour per category: its group's hue, a shade per category in it.
 * @param {{id: string, group: string}[]} categories
 * @returns {Map<string, string>}
 */
export function layerColors(categories) {
  const groups = [...new Set(categories.map((c) => c.group))];
  const seen = new Map();
  const out = new Map();
  for (const c of categories) {
    const g = Math.min(groups.indexOf(c.group), SHADES.length - 1);
    const j = seen.get(c.group) || 0;
    seen.set(c.group, j + 1);
    out.set(c.id, SHADES[g][j % SHADES[g].length]);
  }
  return out;
}

/** The layers to stack: [{id, name, color, values}], bottom first.
 * @param {any} a the analysis
 * @returns {{id: string, name: string, color: string, values: (number | null)[]}[]}
 */
export function upliftLayers(a) {
  const f = a.forecast;
  const cats = a.categories.filter((c) => f.categories[c.id] && f.categories[c.id].share);
  const colors = layerColors(a.categories);
  return cats.map((c) => ({
    id: c.id,
    name: c.name,
    color: colors.get(c.id),
    values: f.categories[c.id].share,
  }));
}

export class UpliftChart {
  constructor(container, legend, ctx) {
    this.ctx = ctx;
    this.legend = legend;
    this.f = new Frame(container, 260, { l: 42, r: 18, t: 22, b: 26 });
    this.f.svg.classList.add("uplift-svg");
    this.layer = svgEl("g", { class: "uplift-layers" }, this.f.svg);
    this.marks = svgEl("g", { class: "uplift-marks" }, this.f.svg);
    this.hover = svgEl("line", { class: "hover-line", visibility: "hidden" }, this.f.svg);
    this.range = { t0: 0, t1: 1 };
    this.tip = wireHover(this, container);
    ctx.store.on("analysis", (a) => this.render(a));
    this.render(ctx.store.analysis);
  }

  x(t) {
    const { t0, t1 } = this.range;
    return this.f.margin.l + (this.f.plotW * (t - t0)) / Math.max(1e-9, t1 - t0);
  }

  render(a) {
    this.last = a;
    const fc = a.forecast;
    const f = this.f;
    const layers = upliftLayers(a);
    this.layers = layers;
    const t = fc.t;
    // The stack's top is the mean uplift (at most 1): a fixed axis to 1 keeps
    // the picture still while a marker is dragged; a low stack gets a closer one.
    const max = Math.max(0, ...fc.mean_uplift.filter((v) => v !== null));
    this.top = max > 0.5 ? 1 : max > 0.25 ? 0.5 : 0.25;
    this.range = { t0: t[0], t1: t[t.length - 1] > t[0] ? t[t.length - 1] : t[0] + 1 };
    f.frame(this.top, "uplift");
    const p = new Painter(this.layer);
    const base = new Array(t.length).fill(0);
    for (const layer of layers) {
      const upper = layer.values.map((v, i) => base[i] + (v || 0));
      let d = "";
      t.forEach((ti, i) => {
        d += `${i ? "L" : "M"}${this.x(ti).toFixed(1)} ${f.y(upper[i], this.top).toFixed(2)}`;
      });
      for (let i = t.length - 1; i >= 0; i--) d += `L${this.x(t[i]).toFixed(1)} ${f.y(base[i], this.top).toFixed(2)}`;
      const path = p.el("path", { d: `${d}Z`, class: "uplift-layer", fill: layer.color });
      if (path.dataset.category !== layer.id) path.dataset.category = layer.id;
      upper.forEach((v, i) => {
        base[i] = v;
      });
    }
    // The server's mean uplift along the top of the stack.
    let top = "";
    fc.mean_uplift.forEach((v, i) => {
      if (v !== null) top += `${top ? "L" : "M"}${this.x(t[i]).toFixed(1)} ${f.y(v, this.top).toFixed(2)}`;
    });
    p.el("path", { d: top, class: "uplift-top" });
    p.end();
    this.drawMarks(a);
    this.drawLegend(layers);
  }

  drawMarks(a) {
    const f = this.f;
    const p = new Painter(this.marks);
    const { t0, t1 } = this.range;
    yearTicks(p, f, this.range, (t) => this.x(t), false);
    // The state's years: a line through the stack and the year's symbol above it.
    for (const y of a.state.years) {
      if (y < t0 - 1e-9 || y > t1 + 1e-9) continue;
      const x = this.x(y).toFixed(1);
      p.el("line", { x1: x, x2: x, y1: f.margin.t, y2: f.margin.t + f.plotH, class: "year-mark" });
      const g = p.keyed(`${y}|${JSON.stringify(this.ctx.styles().get(y))}`, () => {
        const node = document.createElementNS("http://www.w3.org/2000/svg", "g");
        const glyph = this.ctx.glyph(y, 12);
        glyph.setAttribute("x", "-6");
        glyph.setAttribute("y", "-6");
        node.append(glyph);
        node.classList.add("year-glyph");
        node.dataset.year = String(y);
        return node;
      });
      const transform = `translate(${x} ${f.margin.t - 10})`;
      if (g.getAttribute("transform") !== transform) g.setAttribute("transform", transform);
    }
    p.end();
  }

  drawLegend(layers) {
    if (!this.legend) return;
    const key = layers.map((l) => `${l.id}:${l.name}:${l.color}`).join("|");
    keyed(this.legend, key, () => {
      const list = document.createElement("ul");
      // Top of the stack first, as on the chart.
      for (const layer of [...layers].reverse()) {
        const li = document.createElement("li");
        li.dataset.category = layer.id;
        const sw = document.createElement("span");
        sw.className = "uplift-swatch";
        sw.style.background = layer.color;
        sw.setAttribute("aria-hidden", "true");
        li.append(sw, document.createTextNode(layer.name));
        list.append(li);
      }
      if (!layers.length) {
        const li = document.createElement("li");
        li.textContent = "No category has an estimate (or every weight is 0): nothing to stack.";
        list.append(li);
      }
      this.legend.replaceChildren(list);
    });
  }

  onHover(e) {
    const a = this.last;
    if (!a || !this.layers || !this.layers.length) return;
    const t = a.forecast.t;
    const px = e.clientX - this.f.svg.getBoundingClientRect().left;
    let best = 0;
    t.forEach((ti, i) => {
      if (Math.abs(this.x(ti) - px) < Math.abs(this.x(t[best]) - px)) best = i;
    });
    const x = this.x(t[best]);
    for (const [k, v] of [
      ["x1", x],
      ["x2", x],
      ["y1", this.f.margin.t],
      ["y2", this.f.margin.t + this.f.plotH],
    ])
      this.hover.setAttribute(k, String(v));
    this.hover.setAttribute("visibility", "visible");
    const biggest = [...this.layers]
      .sort((p, q) => (q.values[best] || 0) - (p.values[best] || 0))
      .slice(0, 2)
      .map((l) => `${nameInSentence(l.id, l.name)} ${fixed(l.values[best])}`);
    this.tip.textContent = `${yearLabel(t[best])}: mean uplift ${fixed(a.forecast.mean_uplift[best])} · most from ${biggest.join(", ")}`;
    this.tip.hidden = false;
    const width = this.tip.offsetWidth || 200;
    const left = Math.min(Math.max(0, x - width / 2), this.f.width - width);
    this.tip.style.transform = `translate(${left}px, 0)`;
  }
}
