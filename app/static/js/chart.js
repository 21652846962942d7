// One category's chart: a static Plotly plot of its curve (super-critical
// band shaded, midpoint dashed) with the year markers as page elements in an
// overlay that covers the plot area exactly. Until Plotly is ready the card
// shows the same chart as the server drew it (.plot-static, see
// app/render/firstpaint.py), and the markers work over that. Plotly redraws only
// when the curve's shape changes; moving a marker never touches Plotly.

/* global Plotly */
import { curveKey, curveSamples } from "./api.js";
import { loadPlotly } from "./plotly-loader.js";
import { setText } from "./dom.js";
import { isLogLog, logFigure, logStaticArea, U_MAX, xAtFraction, xFraction, yFraction } from "./loglog.js";
import { GhostMarker, YearMarker } from "./markers.js";
import { BAND_FILL, BAND_TEXT, CURVE_COLOR, CURVE_HOT, FONT, INK, MUTED, PLOT_AXIS } from "./style.js";

export const Y_MAX = U_MAX; // the y axis is fixed, so a lower ceiling shows as a lower curve
const PLOT_HEIGHT = 210;

export class CategoryChart {
  constructor(card, category, samples, ctx) {
    this.card = card;
    /** @type {(() => void) | null} set by js/ranges.js: puts its handles back after a relayout */
    this.onLayout = null;
    /** @type {any} the x-axis anchor ticks (js/anchors.js), when the category has anchors */
    this.anchors = null;
    /** @type {any} the card's shape control (js/shape.js) */
    this.shape = null;
    this.cat = category;
    this.id = category.id;
    this.name = category.name;
    this.store = ctx.store;
    this.ctx = ctx;
    this.samples = samples;
    this.curve = null; // the shape drawn
    this.band = null;
    this.plot = card.querySelector(".plot");
    this.staticPlot = card.querySelector(".plot-static");
    this.plotted = false; // Plotly has drawn the chart
    this.overlay = card.querySelector(".overlay");
    this.readout = card.querySelector(".readout tbody");
    this.trend = card.querySelector(".trend");
    this.geom = { w: 0, h: 0 };
    this.markers = new Map(); // year -> YearMarker
    this.defaults = new Map(); // year -> GhostMarker
    this.compares = new Map(); // year -> GhostMarker
    this.ghostLayer = document.createElement("div");
    this.ghostLayer.className = "ghost-layer";
    this.overlay.append(this.ghostLayer);
    this.width = 0;
  }

  // -- geometry ---------------------------------------------------------------

  upliftAt(x) {
    // Linear interpolation of the server's samples (an even grid on [0, 1]).
    const u = this.samples.uplift;
    const n = u.length - 1;
    const f = Math.min(Math.max(x, 0), 1) * n;
    const i = Math.min(n - 1, Math.floor(f));
    const t = f - i;
    return u[i] + (u[i + 1] - u[i]) * t;
  }

  yPixel(u) {
    return yFraction(u) * this.geom.h;
  }

  /** Horizontal fraction of the plot area at position x, on the axes shown
   * (linear or log, js/loglog.js), and the position at a fraction. */
  xFrac(x) {
    return xFraction(x);
  }

  xAt(frac) {
    return xAtFraction(frac);
  }

  xPixel(x) {
    return this.xFrac(x) * this.geom.w;
  }

  /** Measure the plot area (the overlay covers it, by CSS: the figure's
   * margins are fixed) and put every marker back. */
  layout() {
    const w = this.overlay.clientWidth;
    const h = this.overlay.clientHeight;
    if (!w || !h) return;
    this.geom = { w, h };
    for (const m of this.markers.values()) if (m.x !== null) m.place();
    for (const g of this.defaults.values()) g.place();
    for (const g of this.compares.values()) g.place();
    if (this.onLayout) this.onLayout(); // js/ranges.js puts its handles back
  }

  // -- the Plotly figure ------------------------------------------------------

  figure() {
    if (isLogLog()) return logFigure(this.samples, this.curve, PLOT_HEIGHT, this.band);
    const s = this.samples;
    const data = [
      {
        type: "scatter",
        mode: "lines",
        x: s.x,
        y: s.uplift,
        line: { color: CURVE_COLOR, width: 2, simplify: false },
        hoverinfo: "skip",
        name: "curve",
        showlegend: false,
      },
    ];
    const shapes = [];
    const annotations = [];
    if (this.band) {
      const [lo, hi] = this.band;
      const hx = [];
      const hy = [];
      s.x.forEach((x, i) => {
        if (x >= lo && x <= hi) {
          hx.push(x);
          hy.push(s.uplift[i]);
        }
      });
      data.push({
        type: "scatter",
        mode: "lines",
        x: hx,
        y: hy,
        line: { color: CURVE_HOT, width: 3.5, simplify: false },
        hoverinfo: "skip",
        name: "super-critical part",
        showlegend: false,
      });
      shapes.push({
        type: "rect",
        xref: "x",
        yref: "paper",
        x0: lo,
        x1: hi,
        y0: 0,
        y1: 1,
        fillcolor: BAND_FILL,
        line: { width: 0 },
        layer: "below",
      });
      annotations.push({
        xref: "x",
        yref: "paper",
        x: (lo + hi) / 2,
        y: 1,
        yanchor: "top",
        text: "super-critical",
        showarrow: false,
        font: { size: 10, color: BAND_TEXT },
      });
    }
    const m = this.curve.midpoint;
    shapes.push({
      type: "line",
      xref: "x",
      yref: "paper",
      x0: m,
      x1: m,
      y0: 0,
      y1: 1,
      line: { color: MUTED, width: 1, dash: "dot" },
    });
    const layout = {
      height: PLOT_HEIGHT,
      margin: { l: 40, r: 12, t: 8, b: 36 },
      font: { family: FONT, size: 11, color: INK },
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "#ffffff",
      showlegend: false,
      xaxis: {
        ...PLOT_AXIS,
        range: [0, 1],
        tickvals: [0, 0.25, 0.5, 0.75, 1],
        ticktext: ["0", "0.25", "0.5", "0.75", "1"],
        title: { text: "capability at the task", font: { size: 11, color: MUTED }, standoff: 6 },
      },
      yaxis: {
        ...PLOT_AXIS,
        range: [0, Y_MAX],
        tickvals: [0, 0.5, 1],
        title: { text: "uplift", font: { size: 11, color: MUTED }, standoff: 4 },
      },
      shapes,
      annotations,
    };
    return { data, layout };
  }

  /** Start on the server's drawing: the shape drawn, markers placed, and
   * kept placed when the card's width changes. */
  start(curve, band) {
    this.curve = curve;
    this.band = band;
    this.width = this.plot.parentElement.clientWidth;
    if (isLogLog()) this.drawStatic();
    this.layout();
    new ResizeObserver(() => this.onResize()).observe(this.plot.parentElement);
  }

  /** Plotly's drawing of the same figure replaces the server's. Resolves
   * when it is on screen. */
  async drawPlotly() {
    await loadPlotly();
    const log = isLogLog();
    const { data, layout } = this.figure();
    await Plotly.newPlot(this.plot, data, layout, { staticPlot: true, displayModeBar: false, responsive: false });
    this.plotted = true;
    if (isLogLog() !== log) await this.redraw(); // the axes were switched meanwhile
    if (this.staticPlot) {
      this.staticPlot.remove();
      this.staticPlot = null;
    }
    this.layout();
  }

  /** Before Plotly: the server's drawing on linear axes, or the same chart
   * on log-log axes drawn here from the samples. */
  drawStatic() {
    if (!this.staticPlot) return;
    if (!this.linearStatic) this.linearStatic = [...this.staticPlot.childNodes];
    this.staticPlot.replaceChildren(...(isLogLog() ? [logStaticArea(this.samples, this.curve, this.band)] : this.linearStatic));
  }

  /** The axes were switched (linear or log-log): redraw, put markers back. */
  applyAxes() {
    if (!this.plotted) this.drawStatic();
    this.layout();
    this.anchors?.place();
    return this.redraw();
  }

  onResize() {
    const width = this.plot.parentElement.clientWidth;
    if (!width || width === this.width) return;
    this.width = width;
    this.layout();
    if (this.plotted) Plotly.Plots.resize(this.plot).then(() => this.layout());
  }

  /** Plotly draws the current shape; before its first drawing there is
   * nothing to redraw (that drawing takes the shape as it then is). */
  redraw() {
    if (!this.plotted) return Promise.resolve();
    const { data, layout } = this.figure();
    return Plotly.react(this.plot, data, layout, { staticPlot: true, displayModeBar: false }).then(() => this.layout());
  }

  /** Draw a new curve shape (its samples come from the server). */
  async setCurve(curve) {
    if (this.curve && curveKey(curve) === curveKey(this.curve)) return;
    this.curve = curve;
    const samples = await curveSamples(curve);
    if (curveKey(curve) !== curveKey(this.curve)) return; // a newer shape won
    this.samples = samples;
    await this.redraw();
  }

  // -- state and analysis -----------------------------------------------------

  /** Markers and readouts for the state's years and positions. */
  renderState(state, styles) {
    const years = state.years;
    for (const [year, m] of this.markers) {
      if (!years.includes(year) || m.style !== styles.get(year)) {
        m.remove();
        this.markers.delete(year);
      }
    }
    const row = state.estimates[this.id] || {};
    years.forEach((year, i) => {
      let m = this.markers.get(year);
      if (!m) {
        m = new YearMarker(this, year, styles.get(year));
        this.markers.set(year, m);
      }
      // Keep DOM order = year order (Tab order, readout order).
      if (this.overlay.children[i + 1] !== m.el) this.overlay.insertBefore(m.el, this.overlay.children[i + 1] || null);
      if (this.readout.children[i] !== m.row) this.readout.insertBefore(m.row, this.readout.children[i] || null);
      const x = row[String(year)];
      if (!m.drag) m.show(x === undefined || x === null ? null : x);
    });
    // Faint markers at the default positions (shown by a page toggle).
    const defaults = this.cat.defaults;
    this.syncGhosts(
      this.defaults,
      years.filter((y) => defaults[String(y)] !== undefined),
      styles,
      "default",
      (y) => [defaults[String(y)], null],
    );
    const curve = (state.curves && state.curves[this.id]) || this.cat.curve;
    // (Before the first draw, draw() sets the curve.)
    if (this.curve && curveKey(curve) !== curveKey(this.curve)) this.setCurve(curve);
  }

  syncGhosts(map, years, styles, kind, where) {
    for (const [year, g] of map) {
      if (!years.includes(year) || g.style !== styles.get(year)) {
        g.el.remove();
        map.delete(year);
      }
    }
    for (const year of years) {
      let g = map.get(year);
      if (!g) {
        g = new GhostMarker(this, year, styles.get(year), kind);
        g.style = styles.get(year);
        map.set(year, g);
        this.ghostLayer.append(g.el);
      }
      const [x, u] = where(year);
      g.show(x, u);
    }
  }

  /** The server's analysis of this category (and of the compared view). */
  renderAnalysis(result, compared, styles) {
    const band = result.band;
    const bandChanged = JSON.stringify(band) !== JSON.stringify(this.band);
    this.band = band;
    if (bandChanged && this.curve && curveKey(result.curve) === curveKey(this.curve)) this.redraw();
    const byYear = new Map(result.points.map((p) => [p.year, p]));
    for (const [year, m] of this.markers) {
      const p = byYear.get(year);
      // Only when the marker still stands where this analysis had it: during
      // a drag the readout's words catch up with the next answer.
      if (p && m.x !== null && Math.abs(p.position - m.x) < 5e-4) m.showPoint(p, result.curve.ceiling);
    }
    setText(this.trend, this.ctx.trendText(result.trajectory));
    const cpoints = compared ? compared.points : [];
    this.syncGhosts(
      this.compares,
      cpoints.map((p) => p.year),
      styles,
      "compare",
      (y) => {
        const p = cpoints.find((q) => q.year === y);
        return [p.position, p.uplift];
      },
    );
    this.card.classList.toggle("has-compare", cpoints.length > 0);
  }
}
