// "What moves your verdict": a tornado chart of the server's `sensitivity`.
// One row per category estimated in the last year, in the server's order
// (largest swing of the mean slope first): that one mark moved to the low
// and the high end of its range (or 0.05 either way), and what follows for
// two measures side by side, the last year's mean slope (against the
// threshold of 1) and the first milestone's year. The bars start at the
// view as drawn. Plain SVG like the panel's charts (js/minicharts.js); the
// chart is focusable and the arrow keys read it row by row, the pointer
// reads the row under it, and a table below says it all.

import { setText } from "./dom.js";
import { fixed, yearLabel, yearWords } from "./format.js";
import { forecastEnd, shareWords } from "./forecast-words.js";
import { Frame, Painter, svgEl, wireHover } from "./minicharts.js";
import { nameInSentence } from "./signals.js";
import { renderTornadoTable } from "./tornado-table.js";

const ROW = 34;
const HEAD = 44;
const FOOT = 24;
const WIDE = 620; // below this the two measures stack

/**
 * @typedef {{id: string, low_x: number, high_x: number, mean_slope: [number | null, number | null],
 *   milestone: [number | null, number | null]}} Sensitivity
 * @typedef {{key: "slope" | "milestone", title: string, phrase: string, base: number | null,
 *   values: (r: Sensitivity) => [number | null, number | null], text: (v: number | null) => string,
 *   tick: (v: number) => string, threshold: number | null, end: number}} Measure
 */

/**
 * The two measures of an analysis: the last year's mean slope and the
 * first milestone's year (null where it is not reached: drawn at the end).
 * @param {any} a
 * @returns {Measure[]}
 */
export function measures(a) {
  const last = a.years[a.years.length - 1];
  const end = forecastEnd(a);
  const m = a.forecast.milestones[0];
  const share = m ? shareWords(m.share) : "half";
  return [
    {
      key: "slope",
      title: `${last.year} mean slope`,
      phrase: `the ${last.year} mean slope`,
      base: last.mean_slope,
      values: (r) => r.mean_slope,
      text: (v) => fixed(v),
      tick: (v) => String(Number(v.toFixed(2))),
      threshold: 1,
      end,
    },
    {
      key: "milestone",
      title: `${share[0].toUpperCase()}${share.slice(1)} its potential`,
      phrase: `${share} its potential`,
      base: m ? m.year : null,
      values: (r) => r.milestone,
      text: (v) => (v === null ? `not by ${end}` : `around ${yearWords(v)}`),
      // A whole year is its end, as everywhere on the page: "end 2027", never a bare "2027" beside "mid 2027".
      tick: (v) => yearLabel(v).replace("end of ", "end "),
      threshold: null,
      end,
    },
  ];
}

/**
 * Which marks, moved alone, take the last year's mean slope across 1.
 * @param {any} a
 * @param {Sensitivity[]} rows
 * @param {Map<string, string>} names
 * @returns {string}
 */
export function flipWords(a, rows, names) {
  const last = a.years[a.years.length - 1];
  const base = last.mean_slope;
  if (base === null) return "";
  const flips = rows.filter((r) => r.mean_slope.some((v) => v !== null && v > 1 !== base > 1));
  if (!flips.length) return `No one of them moved this far takes the ${last.year} mean slope across 1.`;
  const list = flips.map((r) => nameInSentence(r.id, names.get(r.id) || r.id));
  const text = list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
  return `Moving ${text} alone takes the ${last.year} mean slope across 1.`;
}

/** Round tick values over [lo, hi], at most about four. */
function ticks(lo, hi, years) {
  const steps = years ? [0.25, 0.5, 1, 2, 5, 10] : [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5];
  const step = steps.find((s) => (hi - lo) / s <= 4) || steps[steps.length - 1];
  const out = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}

export class TornadoChart {
  /**
   * @param {HTMLElement} section the chart's section (#tornado-section)
   * @param {{store: any}} ctx
   */
  constructor(section, ctx) {
    this.section = section;
    this.box = /** @type {HTMLElement} */ (section.querySelector("#tornado-chart"));
    this.lede = /** @type {HTMLElement} */ (section.querySelector("#tornado-lede"));
    this.readout = section.querySelector("#tornado-readout");
    this.table = /** @type {HTMLTableElement} */ (section.querySelector("#tornado-table"));
    this.f = new Frame(this.box, 200, { l: 0, r: 8, t: HEAD, b: FOOT });
    this.f.svg.classList.add("tornado-svg");
    this.layer = svgEl("g", {}, this.f.svg);
    // The active row's highlight: one per block of rows (two when the measures stack).
    this.hover = svgEl("g", { class: "tb-active", visibility: "hidden" }, this.f.svg);
    this.f.svg.insertBefore(this.hover, this.layer);
    this.tip = wireHover(this, this.box);
    /** @type {number | null} */
    this.active = null;
    /** @type {any[]} */
    this.rows = [];
    /** @type {Map<string, string>} category names by id */
    this.names = new Map();
    /** @type {any[]} the two measures (js/tornado.js measures) */
    this.measures = [];
    /** @type {any[]} where each measure's panel was drawn, for the highlight */
    this.panels = [];
    this.box.addEventListener("keydown", (e) => this.onKey(e));
    this.box.addEventListener("focus", () => this.show(this.active === null ? 0 : this.active));
    this.box.addEventListener("blur", () => this.show(null));
    ctx.store.on("analysis", (a) => this.render(a));
    this.render(ctx.store.analysis);
  }

  /** @param {any} a */
  render(a) {
    this.last = a;
    this.analysis = a;
    const rows = a.sensitivity || [];
    this.rows = rows;
    /** @type {Map<string, string>} */
    const names = new Map(a.categories.map((c) => [c.id, c.name]));
    this.names = names;
    this.measures = measures(a);
    const year = a.years[a.years.length - 1].year;
    setText(
      this.lede,
      rows.length
        ? `Each of your ${year} marks moved on its own to the low and the high end of its range (0.05 either way without one), ` +
            `everything else as drawn and its path refitted: how far the ${year} mean slope and the first milestone move. ` +
            "The bars start at your view as drawn; the first rows move the mean slope most."
        : `No category is estimated in ${year}, your last year: there is no mark to move.`,
    );
    if (rows.length) this.lede.textContent += ` ${flipWords(a, rows, names)}`;
    this.box.hidden = !rows.length;
    renderTornadoTable(this.table, rows, names, this.measures);
    this.draw();
    if (this.active !== null) this.show(Math.min(this.active, rows.length - 1));
  }

  draw() {
    const f = this.f;
    const wide = f.width >= WIDE;
    const rows = this.rows;
    const block = rows.length * ROW;
    f.height = wide ? HEAD + block + FOOT : 2 * (HEAD + block + FOOT);
    this.f.svg.setAttribute("height", String(f.height));
    this.f.svg.setAttribute("width", String(f.width));
    this.f.svg.setAttribute("viewBox", `0 0 ${f.width} ${f.height}`);
    const label = wide ? Math.min(230, f.width * 0.3) : Math.min(150, f.width * 0.38);
    const gap = 44; // room between the first panel's last tick and the second's first
    const p = new Painter(this.layer);
    this.panels = [];
    if (wide) {
      const w = (f.width - label - gap - f.margin.r) / 2;
      this.labels(p, 0, HEAD, label);
      this.panel(p, this.measures[0], label, HEAD, w);
      this.panel(p, this.measures[1], label + w + gap, HEAD, w);
    } else {
      const w = f.width - label - f.margin.r;
      this.measures.forEach((m, i) => {
        const top = HEAD + i * (HEAD + block + FOOT);
        this.labels(p, 0, top, label);
        this.panel(p, m, label, top, w);
      });
    }
    p.end();
  }

  /** The category names (and the positions tried) down the left. */
  labels(p, x, top, width) {
    const chars = Math.max(8, Math.floor((width - 8) / 6.3));
    this.rows.forEach((r, i) => {
      const y = top + i * ROW;
      const name = this.names.get(r.id) || r.id;
      p.el("text", { x: x + 2, y: y + 14, class: "tb-name" }, name.length > chars ? `${name.slice(0, chars - 1)}…` : name);
      p.el("text", { x: x + 2, y: y + 27, class: "tb-moved" }, `${fixed(r.low_x)} or ${fixed(r.high_x)}`);
    });
  }

  /** One measure: its title, axis, the view as drawn, and a bar each way per row. */
  panel(p, m, left, top, width) {
    const vals = this.rows.flatMap((r) => m.values(r)).map((v) => (v === null ? m.end : v));
    const all = m.base === null ? vals : [...vals, m.base];
    let [lo, hi] = [Math.min(...all), Math.max(...all)];
    const pad = Math.max((hi - lo) * 0.08, m.key === "slope" ? 0.02 : 0.05);
    [lo, hi] = [lo - pad, hi + pad];
    // Years to whole quarters, so the axis has ticks to read (said in words).
    if (m.key === "milestone") [lo, hi] = [Math.floor(lo * 4) / 4, Math.ceil(hi * 4) / 4];
    const x = (v) => left + (width * (v - lo)) / (hi - lo);
    this.panels.push({ m, top, left, width, x });
    const bottom = top + this.rows.length * ROW;
    p.el("text", { x: left, y: top - 26, class: "tb-title" }, m.title);
    for (const v of ticks(lo, hi, m.key === "milestone")) {
      const px = x(v).toFixed(1);
      p.el("line", { x1: px, x2: px, y1: top, y2: bottom, class: "gridline" });
      p.el("text", { x: px, y: bottom + 15, class: "tick", "text-anchor": "middle" }, m.tick(v));
    }
    if (m.threshold !== null && m.threshold > lo && m.threshold < hi) {
      const px = x(m.threshold).toFixed(1);
      p.el("line", { x1: px, x2: px, y1: top - 4, y2: bottom, class: "threshold" });
    }
    if (!this.rows.length) return;
    const none = m.base === null && vals.every((v) => v === m.end);
    if (none) {
      const still = this.analysis.state.years.length === 1;
      const words = still ? "One year of marks is held where it is: no milestone." : `Not reached by ${m.end} at either end.`;
      p.el("text", { x: left + 4, y: top + 16, class: "tb-note" }, words);
      return;
    }
    const base = x(m.base === null ? m.end : m.base);
    p.el("line", { x1: base.toFixed(1), x2: base.toFixed(1), y1: top - 4, y2: bottom, class: "tb-base" });
    p.el("text", { x: base.toFixed(1), y: top - 7, class: "tb-base-label", "text-anchor": "middle" }, `as drawn ${m.text(m.base)}`);
    // Two thin bars a row, the low end's above the high end's: the slope is
    // not monotone, so both ends can move the same way.
    this.rows.forEach((r, i) => {
      m.values(r).forEach((v, end) => {
        const to = x(v === null ? m.end : v);
        const [a, b] = to < base ? [to, base] : [base, to];
        const y = top + i * ROW + (end ? 15 : 5);
        p.el("rect", { x: a.toFixed(1), y, width: Math.max(1.5, b - a).toFixed(1), height: 9, class: `tb-bar tb-${end ? "high" : "low"}${v === null ? " tb-open" : ""}` });
      });
    });
  }

  /** A row's reading in words, for the tip and screen readers. */
  rowText(i) {
    const r = this.rows[i];
    const name = this.names.get(r.id) || r.id;
    const parts = this.measures.map((m) => {
      const [lo, hi] = m.values(r);
      return `${m.phrase} ${m.text(lo)} at ${fixed(r.low_x)} and ${m.text(hi)} at ${fixed(r.high_x)} (as drawn ${m.text(m.base)})`;
    });
    return `${name}, moved to ${fixed(r.low_x)} or ${fixed(r.high_x)}: ${parts.join("; ")}.`;
  }

  /** Highlight row i (null: none) and read it out. */
  show(i) {
    if (i === null || !this.rows.length || i < 0) {
      this.hover.setAttribute("visibility", "hidden");
      this.tip.hidden = true;
      return;
    }
    this.active = i;
    const f = this.f;
    const tops = [...new Set(this.panels.map((q) => q.top))];
    const p = new Painter(this.hover);
    for (const top of tops) p.el("rect", { x: 0, y: top + i * ROW, width: f.width, height: ROW });
    p.end();
    this.hover.setAttribute("visibility", "visible");
    const y = tops[0] + i * ROW;
    const text = this.rowText(i);
    setText(this.readout, text);
    this.tip.textContent = text;
    this.tip.hidden = false;
    const w = Math.min(this.tip.offsetWidth || 300, f.width);
    this.tip.style.transform = `translate(${Math.max(0, f.width - w).toFixed(0)}px, ${(y + ROW + 2).toFixed(0)}px)`;
  }

  onKey(e) {
    const n = this.rows.length;
    if (!n) return;
    const i = this.active === null ? 0 : this.active;
    const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: n - 1, PageDown: i + 5, PageUp: i - 5 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.show(Math.max(0, Math.min(n - 1, next)));
  }

  /** The pointer's row. */
  onHover(e) {
    const first = this.panels && this.panels[0];
    if (!first) return;
    const y = e.clientY - this.f.svg.getBoundingClientRect().top;
    const block = HEAD + this.rows.length * ROW + FOOT; // one measure's rows, when they stack
    const i = Math.floor((this.f.width >= WIDE ? y - first.top : (y - HEAD) % block) / ROW);
    if (i >= 0 && i < this.rows.length) this.show(i);
  }
}
