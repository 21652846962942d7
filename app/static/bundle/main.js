import {
  customLimits,
  part,
  setting
} from "./chunk-UCBP7DC2.js";
import {
  BAND_FILL,
  BAND_TEXT,
  CURVE_COLOR,
  CURVE_HOT,
  FONT,
  GROUP_COLORS,
  INK,
  MUTED,
  PLOT_AXIS,
  U_MAX,
  closeCall,
  drawLogDetail,
  drawsPercent,
  elasticWords,
  exactPercent,
  glyph,
  isLogLog,
  logFigure,
  logStaticArea,
  onAxesChange,
  payoffWords,
  placeWords,
  scaleWords,
  wireSwitch,
  xAtFraction,
  xFraction,
  yFraction,
  yearKind,
  yearStyles
} from "./chunk-IPS73ORP.js";
import {
  analyzeQuery,
  analyzeState,
  claimsFor,
  clamp,
  curveKey,
  curveSamples,
  errorText,
  fixed,
  h,
  keyed,
  makeMessenger,
  ofN,
  pos,
  primeSamples,
  round3,
  setAttr,
  setText,
  svgEl,
  trendText,
  wireSlider,
  yearLabel,
  yearWords
} from "./chunk-53C3SWFZ.js";

// app/static/js/anchors.js
var ANCHOR_KEYS = ["0.25", "0.5", "0.75"];
var NEAR = 0.125;
function nearAnchor(anchors, x) {
  if (!anchors || x === null || x === void 0) return null;
  let best = null;
  for (const key of ANCHOR_KEYS) {
    const d = Math.abs(x - Number(key));
    if (best === null || d < best.d) best = { key, d, text: anchors[key] };
  }
  if (best === null) return null;
  const at = Number(best.key);
  const word = x < at - NEAR ? "short of" : x > at + NEAR ? "beyond" : "near";
  return { key: best.key, text: best.text, word };
}
function nearAnchorText(anchors, x) {
  const a = nearAnchor(anchors, x);
  return a ? `${a.word}: ${a.text}` : "";
}
var AnchorTicks = class {
  constructor(chart, anchors) {
    this.chart = chart;
    this.anchors = anchors;
    this.followed = null;
    this.taken = false;
    const layer = document.createElement("div");
    layer.className = "anchor-layer";
    for (const key of ANCHOR_KEYS) {
      const wrap = document.createElement("span");
      wrap.className = "anchor";
      const tick = document.createElement("button");
      tick.type = "button";
      tick.className = "anchor-tick";
      tick.dataset.at = key;
      tick.setAttribute("aria-label", anchors[key]);
      wrap.append(tick);
      const tip = document.createElement("span");
      tip.className = "anchor-tip";
      tip.dataset.at = key;
      tip.setAttribute("aria-hidden", "true");
      const at = document.createElement("b");
      at.textContent = `At ${key}: `;
      tip.append(at, document.createTextNode(anchors[key]));
      tick.addEventListener("click", () => wrap.classList.toggle("pinned"));
      tick.addEventListener("blur", () => wrap.classList.remove("pinned", "dismissed"));
      tick.addEventListener("keydown", (e) => {
        if (e.key === "Escape") wrap.classList.add("dismissed");
      });
      layer.append(wrap, tip);
    }
    chart.overlay.append(layer);
    this.layer = layer;
    this.place();
    this.line = document.createElement("p");
    this.line.className = "anchor-near";
    const readout = chart.card.querySelector(".readout");
    readout.after(this.line);
  }
  /** Put the ticks (and their popups' arrows) at their positions on the
   * axes shown: linear or log (js/loglog.js). */
  place() {
    for (const key of ANCHOR_KEYS) {
      const frac = this.chart.xFrac(Number(key));
      /** @type {HTMLElement} */
      this.layer.querySelector(`.anchor-tick[data-at="${key}"]`).parentElement.style.left = `${frac * 100}%`;
      this.layer.querySelector(`.anchor-tip[data-at="${key}"]`).style.setProperty("--at", String(frac));
    }
  }
  /** Name the anchor nearest `marker` below the readout. The marker last
   * focused or taken in hand holds the line; until one is, it names the
   * latest year's estimate. */
  follow(marker, take = false) {
    const held = this.followed;
    const lost = !held || !held.el.isConnected || held.x === null;
    if (take) {
      this.followed = marker;
      this.taken = true;
    } else if (lost || !this.taken && marker.year >= held.year && marker.x !== null) {
      this.followed = marker;
      if (lost) this.taken = false;
    }
    if (this.followed !== marker) return;
    const text = marker.x === null ? "" : `${marker.year} at ${pos(marker.x)}, ${nearAnchorText(this.anchors, marker.x)}`;
    setText(this.line, text);
  }
};

// app/static/js/plotly-loader.js
var source = (
  /** @type {HTMLMetaElement | null} */
  document.querySelector('meta[name="plotly-src"]')
);
var fetched = null;
var loading = null;
function plotlyFetched() {
  if (!fetched) {
    fetched = !source || window.Plotly ? Promise.resolve() : new Promise((resolve) => {
      const link = document.createElement("link");
      link.rel = "preload";
      link.setAttribute("as", "script");
      link.href = source.content;
      link.addEventListener("load", () => resolve(void 0), { once: true });
      link.addEventListener("error", () => resolve(void 0), { once: true });
      document.head.append(link);
    });
  }
  return fetched;
}
plotlyFetched();
function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = source ? source.content : "";
      script.onload = () => window.Plotly ? resolve(window.Plotly) : reject(new Error("Plotly did not start"));
      script.onerror = () => {
        loading = null;
        script.remove();
        reject(new Error("the chart library could not be loaded"));
      };
      document.head.append(script);
    });
  }
  return loading;
}

// app/static/js/extrapolated.js
var Extrapolated = class {
  constructor() {
    this.seeds = /* @__PURE__ */ new Map();
  }
  /** The positions just filled in for a new year. */
  seed(year, positions) {
    this.seeds.set(year, new Map(Object.entries(positions)));
  }
  /** The user moved (or typed) this estimate: it is theirs now. */
  touch(id, year) {
    const row = this.seeds.get(year);
    if (row) row.delete(id);
  }
  /** Is the estimate at x still the one filled in? */
  is(id, year, x) {
    const row = this.seeds.get(year);
    return row !== void 0 && row.has(id) && row.get(id) === x;
  }
};
var extrapolated = new Extrapolated();

// app/static/js/overlap.js
var NEAR2 = 10;
var LIFT = 20;
function spreadMarkers(chart) {
  const order = [...chart.markers.values()].filter((m) => m.x !== null && m.px !== void 0).sort((a, b) => a.year - b.year);
  const placed = [];
  for (const m of order) {
    let level = 0;
    const taken = /* @__PURE__ */ new Set();
    for (const o of placed) {
      if (Math.hypot(o.px - m.px, o.py - m.py) < NEAR2) taken.add(o.level);
    }
    while (taken.has(level)) level += 1;
    placed.push({ px: m.px, py: m.py, level });
    const up = m.py - LIFT * level > 8;
    const lift = level === 0 ? 0 : (up ? -1 : 1) * LIFT * level;
    if (lift !== m.lift) {
      m.lift = lift;
      m.el.classList.toggle("lift-up", lift < 0);
      m.el.classList.toggle("lift-down", lift > 0);
      m.el.style.setProperty("--stem", `${Math.abs(lift)}px`);
      m.applyTransform();
    }
  }
}

// app/static/js/markers.js
var KEY_STEPS = { ArrowRight: 0.01, ArrowUp: 0.01, ArrowLeft: -0.01, ArrowDown: -0.01, PageUp: 0.1, PageDown: -0.1 };
var KEY_IDLE_COMMIT_MS = 600;
var YearMarker = class {
  constructor(chart, year, style) {
    this.chart = chart;
    this.store = chart.store;
    this.year = year;
    this.style = style;
    this.x = null;
    this.phase = null;
    this.pointX = null;
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
    spreadMarkers(this.chart);
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
      const lead = (
        /** @type {HTMLElement} */
        this.detail.querySelector(".log-lead")
      );
      if (log && !lead) this.detail.prepend(drawLogDetail(point));
      else if (log) lead.replaceWith(drawLogDetail(point));
      else if (lead) lead.remove();
    });
  }
  drawDetail(point, verdict) {
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
      { quiet: true, owner: this }
    );
  }
  onPointerDown(e) {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    e.preventDefault();
    this.el.focus({ preventScroll: true });
    this.el.setPointerCapture(e.pointerId);
    const rect = this.chart.overlay.getBoundingClientRect();
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
};
var GhostMarker = class {
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
};

// app/static/js/chart.js
var Y_MAX = U_MAX;
var PLOT_HEIGHT = 210;
var CategoryChart = class {
  constructor(card, category, samples, ctx2) {
    this.card = card;
    this.onLayout = null;
    this.anchors = null;
    this.shape = null;
    this.cat = category;
    this.id = category.id;
    this.name = category.name;
    this.store = ctx2.store;
    this.ctx = ctx2;
    this.samples = samples;
    this.curve = null;
    this.band = null;
    this.plot = card.querySelector(".plot");
    this.staticPlot = card.querySelector(".plot-static");
    this.plotted = false;
    this.overlay = card.querySelector(".overlay");
    this.readout = card.querySelector(".readout tbody");
    this.trend = card.querySelector(".trend");
    this.geom = { w: 0, h: 0 };
    this.markers = /* @__PURE__ */ new Map();
    this.defaults = /* @__PURE__ */ new Map();
    this.compares = /* @__PURE__ */ new Map();
    this.ghostLayer = document.createElement("div");
    this.ghostLayer.className = "ghost-layer";
    this.overlay.append(this.ghostLayer);
    this.width = 0;
  }
  // -- geometry ---------------------------------------------------------------
  upliftAt(x) {
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
    const h2 = this.overlay.clientHeight;
    if (!w || !h2) return;
    this.geom = { w, h: h2 };
    for (const m of this.markers.values()) if (m.x !== null) m.place();
    for (const g of this.defaults.values()) g.place();
    for (const g of this.compares.values()) g.place();
    if (this.onLayout) this.onLayout();
  }
  // -- the Plotly figure ------------------------------------------------------
  figure() {
    if (isLogLog()) return logFigure(this.samples, this.curve, PLOT_HEIGHT, this.band);
    const s = this.samples;
    const data2 = [
      {
        type: "scatter",
        mode: "lines",
        x: s.x,
        y: s.uplift,
        line: { color: CURVE_COLOR, width: 2, simplify: false },
        hoverinfo: "skip",
        name: "curve",
        showlegend: false
      }
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
      data2.push({
        type: "scatter",
        mode: "lines",
        x: hx,
        y: hy,
        line: { color: CURVE_HOT, width: 3.5, simplify: false },
        hoverinfo: "skip",
        name: "super-critical part",
        showlegend: false
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
        layer: "below"
      });
      annotations.push({
        xref: "x",
        yref: "paper",
        x: (lo + hi) / 2,
        y: 1,
        yanchor: "top",
        text: "super-critical",
        showarrow: false,
        font: { size: 10, color: BAND_TEXT }
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
      line: { color: MUTED, width: 1, dash: "dot" }
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
        title: { text: "capability at the task", font: { size: 11, color: MUTED }, standoff: 6 }
      },
      yaxis: {
        ...PLOT_AXIS,
        range: [0, Y_MAX],
        tickvals: [0, 0.5, 1],
        title: { text: "uplift", font: { size: 11, color: MUTED }, standoff: 4 }
      },
      shapes,
      annotations
    };
    return { data: data2, layout };
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
    const { data: data2, layout } = this.figure();
    await Plotly.newPlot(this.plot, data2, layout, { staticPlot: true, displayModeBar: false, responsive: false });
    this.plotted = true;
    if (isLogLog() !== log) await this.redraw();
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
    this.staticPlot.replaceChildren(...isLogLog() ? [logStaticArea(this.samples, this.curve, this.band)] : this.linearStatic);
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
    const { data: data2, layout } = this.figure();
    return Plotly.react(this.plot, data2, layout, { staticPlot: true, displayModeBar: false }).then(() => this.layout());
  }
  /** Draw a new curve shape (its samples come from the server). */
  async setCurve(curve) {
    if (this.curve && curveKey(curve) === curveKey(this.curve)) return;
    this.curve = curve;
    const samples = await curveSamples(curve);
    if (curveKey(curve) !== curveKey(this.curve)) return;
    this.samples = samples;
    await this.redraw();
  }
  // -- state and analysis -----------------------------------------------------
  /** Markers and readouts for the state's years and positions. */
  renderState(state, styles2) {
    const years = state.years;
    for (const [year, m] of this.markers) {
      if (!years.includes(year) || m.style !== styles2.get(year)) {
        m.remove();
        this.markers.delete(year);
      }
    }
    const row = state.estimates[this.id] || {};
    years.forEach((year, i) => {
      let m = this.markers.get(year);
      if (!m) {
        m = new YearMarker(this, year, styles2.get(year));
        this.markers.set(year, m);
      }
      if (this.overlay.children[i + 1] !== m.el) this.overlay.insertBefore(m.el, this.overlay.children[i + 1] || null);
      if (this.readout.children[i] !== m.row) this.readout.insertBefore(m.row, this.readout.children[i] || null);
      const x = row[String(year)];
      if (!m.drag) m.show(x === void 0 || x === null ? null : x);
    });
    const defaults = this.cat.defaults;
    this.syncGhosts(
      this.defaults,
      years.filter((y) => defaults[String(y)] !== void 0),
      styles2,
      "default",
      (y) => [defaults[String(y)], null]
    );
    const curve = state.curves && state.curves[this.id] || this.cat.curve;
    if (this.curve && curveKey(curve) !== curveKey(this.curve)) this.setCurve(curve);
  }
  syncGhosts(map, years, styles2, kind, where) {
    for (const [year, g] of map) {
      if (!years.includes(year) || g.style !== styles2.get(year)) {
        g.el.remove();
        map.delete(year);
      }
    }
    for (const year of years) {
      let g = map.get(year);
      if (!g) {
        g = new GhostMarker(this, year, styles2.get(year), kind);
        g.style = styles2.get(year);
        map.set(year, g);
        this.ghostLayer.append(g.el);
      }
      const [x, u] = where(year);
      g.show(x, u);
    }
  }
  /** The server's analysis of this category (and of the compared view). */
  renderAnalysis(result, compared, styles2) {
    const band = result.band;
    const bandChanged = JSON.stringify(band) !== JSON.stringify(this.band);
    this.band = band;
    if (bandChanged && this.curve && curveKey(result.curve) === curveKey(this.curve)) this.redraw();
    const byYear = new Map(result.points.map((p) => [p.year, p]));
    for (const [year, m] of this.markers) {
      const p = byYear.get(year);
      if (p && m.x !== null && Math.abs(p.position - m.x) < 5e-4) m.showPoint(p, result.curve.ceiling);
    }
    setText(this.trend, this.ctx.trendText(result.trajectory));
    const cpoints = compared ? compared.points : [];
    this.syncGhosts(
      this.compares,
      cpoints.map((p) => p.year),
      styles2,
      "compare",
      (y) => {
        const p = cpoints.find((q) => q.year === y);
        return [p.position, p.uplift];
      }
    );
    this.card.classList.toggle("has-compare", cpoints.length > 0);
  }
};

// app/static/js/chart-claims.js
var SVG_NS = "http://www.w3.org/2000/svg";
var STANCE_PATHS = {
  for: null,
  against: "M2 2 10 10M10 2 2 10",
  mixed: "M6 0.8 11.2 6 6 11.2 0.8 6Z"
};
function stanceMark(stance) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 12 12");
  svg.setAttribute("width", "12");
  svg.setAttribute("height", "12");
  svg.setAttribute("aria-hidden", "true");
  svg.classList.add("stance-mark", `stance-${stance}`);
  if (stance === "for") {
    const c = document.createElementNS(SVG_NS, "circle");
    c.setAttribute("cx", "6");
    c.setAttribute("cy", "6");
    c.setAttribute("r", "5");
    svg.append(c);
  } else {
    const p = document.createElementNS(SVG_NS, "path");
    p.setAttribute("d", STANCE_PATHS[stance] || STANCE_PATHS.mixed);
    svg.append(p);
  }
  return svg;
}
var STANCE_WORDS = { for: "for", against: "against", mixed: "mixed" };
function formatDate(iso) {
  const d = /* @__PURE__ */ new Date(`${iso}T00:00:00Z`);
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}
function claimItem(c) {
  const li = document.createElement("li");
  li.className = "claim";
  const head = document.createElement("p");
  head.className = "claim-head";
  const time = document.createElement("time");
  time.dateTime = c.date;
  time.textContent = formatDate(c.date);
  const who = document.createElement("strong");
  who.textContent = `${c.organization} · ${c.subject}`;
  const stance = document.createElement("span");
  stance.className = `stance stance-${c.stance}`;
  stance.append(stanceMark(c.stance), document.createTextNode(` ${STANCE_WORDS[c.stance] || c.stance}`));
  head.append(time, document.createTextNode(" "), who, document.createTextNode(" "), stance);
  const quote = document.createElement("blockquote");
  quote.textContent = c.quote;
  li.append(head, quote);
  if (c.source) {
    const src = document.createElement("p");
    src.className = "claim-source";
    src.textContent = `Reported by ${c.source}.`;
    li.append(src);
  }
  return li;
}
function wireClaims(card, categoryId, showMessage2) {
  const btn = card.querySelector(".claims-btn");
  const panel2 = card.querySelector(".claims-list");
  if (!btn || !panel2) return;
  let loaded = false;
  btn.addEventListener("click", async () => {
    const open = btn.getAttribute("aria-expanded") !== "true";
    btn.setAttribute("aria-expanded", String(open));
    panel2.hidden = !open;
    if (!open || loaded) return;
    panel2.textContent = "Loading the claims…";
    try {
      const claims = await claimsFor(categoryId);
      const list2 = document.createElement("ul");
      list2.className = "claims";
      list2.append(...claims.map(claimItem));
      const more = document.createElement("a");
      more.href = `/claims?${new URLSearchParams({ category: categoryId })}`;
      more.className = "claims-more";
      more.textContent = "All the evidence for this category →";
      panel2.replaceChildren(list2, more);
      loaded = true;
    } catch (err) {
      panel2.textContent = "";
      btn.setAttribute("aria-expanded", "false");
      panel2.hidden = true;
      showMessage2(`The claims could not be loaded: ${errorText(err)}`, "error");
    }
  });
}

// app/static/js/store.js
var LIVE_INTERVAL_MS = 80;
var ADDRESS_INTERVAL_MS = 250;
var MAX_UNDO = 500;
function canon(value) {
  if (Array.isArray(value)) return `[${value.map(canon).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canon(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
var clone = (value) => structuredClone(value);
var Store = class {
  constructor(state, analysis) {
    this.state = clone(state);
    this.analysis = analysis;
    this.undoStack = [];
    this.redoStack = [];
    this.base = null;
    this.baseSeq = 0;
    this.owner = null;
    this.seq = 0;
    this.appliedSeq = 0;
    this.pushFrom = Infinity;
    this.lastSent = -Infinity;
    this.liveTimer = 0;
    this.epoch = 0;
    this.committedUrl = analysis.permalink;
    this.pendingAddress = null;
    this.addressTimer = 0;
    this.lastAddress = -Infinity;
    this.handlers = /* @__PURE__ */ new Map();
    this.fixups = [];
  }
  /** Register fn(state, base, owner), run on every state made here (a
   * preview's, a replacement's) before it is shown or sent: it repairs in
   * place what the edit broke elsewhere (a range whose estimate moved or
   * went). base and owner: the gesture's, or null for a replacement. */
  addFixup(fn) {
    this.fixups.push(fn);
  }
  fix(state, base, owner) {
    for (const fn of this.fixups) fn(state, base, owner);
  }
  on(name, fn) {
    if (!this.handlers.has(name)) this.handlers.set(name, []);
    this.handlers.get(name).push(fn);
  }
  emit(name, ...args) {
    for (const fn of this.handlers.get(name) || []) {
      try {
        fn(...args);
      } catch (err) {
        setTimeout(() => {
          throw err;
        });
      }
    }
  }
  get canUndo() {
    return this.undoStack.length > 0 || this.base !== null && canon(this.base) !== canon(this.state);
  }
  get canRedo() {
    return this.redoStack.length > 0;
  }
  // -- edits ------------------------------------------------------------------
  /** Start a gesture (or continue the one `owner` started). A gesture of
   * another owner still open (a slider's, a burst of keys) is committed
   * first, so two gestures never merge into one undo step. */
  begin(owner = null) {
    if (this.base !== null && owner !== this.owner) this.commit();
    if (this.base === null) {
      this.base = clone(this.state);
      this.baseSeq = this.seq;
      this.owner = owner;
    }
  }
  /** A live step of a gesture. `quiet`: the caller has drawn it already. */
  preview(mutate, { quiet = false, owner = null } = {}) {
    this.begin(owner);
    mutate(this.state);
    this.fix(this.state, this.base, this.owner);
    if (!quiet) this.emit("state", this.state);
    this.scheduleLive();
  }
  /** End the gesture in progress: one undo step and one history entry.
   * With an `owner`, only that owner's gesture is ended. */
  commit(owner = void 0) {
    if (this.base === null || owner !== void 0 && owner !== this.owner) return;
    const base = this.base;
    this.base = null;
    if (canon(base) === canon(this.state)) {
      if (this.liveTimer || this.seq !== this.baseSeq) this.request("replace");
      return;
    }
    this.pushUndo(base);
    this.redoStack = [];
    this.emit("undo-change");
    this.request("push");
  }
  /** Replace the whole state as one undoable step. `analysis`: its analysis
   * when already known (then no request is made). history: "push",
   * "replace" or "none" (the address bar already shows it). */
  replace(next, { history = "push", analysis = null } = {}) {
    this.commit();
    next = clone(next);
    this.fix(next, null, null);
    if (canon(next) === canon(this.state)) {
      if (analysis) this.accept(++this.seq, analysis, history === "push" ? "replace" : history);
      return false;
    }
    this.pushUndo(this.state);
    this.redoStack = [];
    this.state = clone(next);
    this.emit("state", this.state);
    this.emit("undo-change");
    if (analysis) {
      const seq = ++this.seq;
      if (history === "push") this.pushFrom = Math.min(this.pushFrom, seq);
      this.accept(seq, analysis, history);
    } else {
      this.request(history);
    }
    return true;
  }
  pushUndo(state) {
    this.undoStack.push(state);
    if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
  }
  undo() {
    this.commit();
    if (!this.undoStack.length) return;
    this.redoStack.push(this.state);
    this.state = this.undoStack.pop();
    this.emit("state", this.state);
    this.emit("undo-change");
    this.request("push");
  }
  redo() {
    this.commit();
    if (!this.redoStack.length) return;
    this.undoStack.push(this.state);
    this.state = this.redoStack.pop();
    this.emit("state", this.state);
    this.emit("undo-change");
    this.request("push");
  }
  /** Back or Forward: show the state of the URL now in the address bar. */
  async restoreFromLocation() {
    this.epoch += 1;
    const epoch = this.epoch;
    clearTimeout(this.liveTimer);
    this.liveTimer = 0;
    this.base = null;
    this.pushFrom = Infinity;
    this.pendingAddress = null;
    let analysis;
    try {
      analysis = await analyzeQuery(location.search);
    } catch (err) {
      location.reload();
      return;
    }
    if (epoch !== this.epoch) return;
    this.committedUrl = analysis.permalink;
    this.replace(analysis.state, { history: "none", analysis });
  }
  // -- analyses ---------------------------------------------------------------
  scheduleLive() {
    if (this.liveTimer) return;
    const wait = LIVE_INTERVAL_MS - (performance.now() - this.lastSent);
    if (wait <= 0) {
      this.request("live");
    } else {
      this.liveTimer = setTimeout(() => {
        this.liveTimer = 0;
        this.request("live");
      }, wait);
    }
  }
  request(history) {
    clearTimeout(this.liveTimer);
    this.liveTimer = 0;
    const seq = ++this.seq;
    const epoch = this.epoch;
    this.lastSent = performance.now();
    if (history === "push") this.pushFrom = Math.min(this.pushFrom, seq);
    analyzeState(this.state, { preview: history === "live" }).then(
      (analysis) => {
        if (epoch === this.epoch) this.accept(seq, analysis, history);
      },
      (err) => {
        if (epoch === this.epoch) this.failed(seq, err, history);
      }
    );
  }
  accept(seq, analysis, history) {
    if (seq <= this.appliedSeq) return;
    if (seq < this.seq && analysis.state.years.join() !== this.state.years.join()) return;
    this.appliedSeq = seq;
    if (seq === this.seq && this.base === null && canon(analysis.state) !== canon(this.state)) {
      this.state = clone(analysis.state);
      this.emit("state", this.state);
    }
    this.analysis = analysis;
    this.updateAddress(analysis.permalink, seq, history);
    this.emit("analysis", analysis, this.state);
  }
  failed(seq, err, history) {
    if (seq < this.seq) return;
    this.emit("error", err);
    const rejected = err && err.status >= 400 && err.status < 500;
    if (rejected && this.base === null && history === "push" && this.undoStack.length) {
      this.pushFrom = Infinity;
      this.state = this.undoStack.pop();
      this.emit("state", this.state);
      this.emit("undo-change");
      this.request("replace");
    }
  }
  updateAddress(permalink, seq, history) {
    const url = permalink + location.hash;
    if (history !== "live") this.pendingAddress = null;
    const here = location.pathname + location.search;
    if (history === "none") {
      this.committedUrl = permalink;
      if (here !== permalink) window.history.replaceState(null, "", url);
      return;
    }
    if (seq >= this.pushFrom) {
      this.pushFrom = Infinity;
      if (permalink !== this.committedUrl) {
        window.history.replaceState(null, "", this.committedUrl + location.hash);
        window.history.pushState(null, "", url);
        this.committedUrl = permalink;
      } else if (here !== permalink) {
        window.history.replaceState(null, "", url);
      }
      return;
    }
    if (history === "replace") {
      this.committedUrl = permalink;
      if (here !== permalink) window.history.replaceState(null, "", url);
      return;
    }
    this.previewAddress(permalink);
  }
  /** During a gesture the address follows at most every ADDRESS_INTERVAL_MS
   * (the last step always lands): in Chromium each replaceState costs
   * milliseconds of main-thread work (session history, the page icon). */
  previewAddress(permalink) {
    this.pendingAddress = permalink;
    if (this.addressTimer) return;
    const wait = ADDRESS_INTERVAL_MS - (performance.now() - this.lastAddress);
    const apply = () => {
      this.addressTimer = 0;
      const next = this.pendingAddress;
      this.pendingAddress = null;
      if (next === null) return;
      this.lastAddress = performance.now();
      if (location.pathname + location.search !== next) window.history.replaceState(null, "", next + location.hash);
    };
    if (wait <= 0) apply();
    else this.addressTimer = setTimeout(apply, wait);
  }
};

// app/static/js/controls.js
var { max_count: MAX_YEARS, min: YEAR_MIN, max: YEAR_MAX } = setting("years");
function seedPositions(state, analysis, year) {
  const f = analysis.forecast;
  const i = f.t.indexOf(year);
  const out = {};
  for (const [id, row] of Object.entries(state.estimates)) {
    const fc = f.categories[id];
    if (i >= 0 && fc && fc.position && fc.position[i] !== null && fc.position[i] !== void 0) {
      out[id] = round3(fc.position[i]);
      continue;
    }
    let best = null;
    for (const [y, x] of Object.entries(row)) {
      if (x === null) continue;
      if (best === null || Math.abs(Number(y) - year) < Math.abs(best[0] - year)) best = [Number(y), x];
    }
    if (best !== null) out[id] = best[1];
  }
  return out;
}
var Controls = class {
  constructor(ctx2) {
    this.ctx = ctx2;
    this.store = ctx2.store;
    this.undoBtn = /** @type {HTMLButtonElement} */
    document.getElementById("undo");
    this.redoBtn = /** @type {HTMLButtonElement} */
    document.getElementById("redo");
    this.chips = /** @type {HTMLElement} */
    document.getElementById("year-chips");
    this.addForm = /** @type {HTMLFormElement} */
    document.getElementById("add-year-form");
    this.addInput = /** @type {HTMLInputElement} */
    document.getElementById("add-year");
    this.horizon = /** @type {HTMLInputElement} */
    document.getElementById("horizon");
    this.showDefaults = /** @type {HTMLInputElement} */
    document.getElementById("show-defaults");
    this.undoBtn.addEventListener("click", () => this.store.undo());
    this.redoBtn.addEventListener("click", () => this.store.redo());
    document.getElementById("reset").addEventListener("click", () => this.reset());
    this.addForm.addEventListener("submit", (e) => {
      e.preventDefault();
      this.addYear();
    });
    this.horizon.addEventListener("change", () => this.setHorizon());
    this.showDefaults.addEventListener("change", () => {
      document.body.classList.toggle("show-defaults", this.showDefaults.checked);
    });
    this.chips.addEventListener("click", (e) => {
      const btn = e.target instanceof Element ? e.target.closest("button[data-year]") : null;
      if (btn instanceof HTMLElement) this.removeYear(Number(btn.dataset.year));
    });
    document.addEventListener("keydown", (e) => this.onShortcut(e));
    this.store.on("undo-change", () => this.renderUndo());
  }
  onShortcut(e) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key !== "z" && key !== "y") return;
    const t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || t.matches("input:not([type=checkbox]):not([type=range]), textarea, select"))) {
      return;
    }
    e.preventDefault();
    if (key === "y" || e.shiftKey) this.store.redo();
    else this.store.undo();
  }
  renderUndo() {
    this.undoBtn.disabled = !this.store.canUndo;
    this.redoBtn.disabled = !this.store.canRedo;
  }
  render(state) {
    this.renderUndo();
    if (document.activeElement !== this.horizon) this.horizon.value = String(state.horizon);
    const only = state.years.length === 1;
    const chips = state.years.map((year) => {
      const li = document.createElement("li");
      li.className = "chip";
      li.append(this.ctx.glyph(year, 13), document.createTextNode(String(year)));
      const btn = document.createElement("button");
      btn.type = "button";
      btn.dataset.year = String(year);
      btn.className = "chip-x";
      btn.textContent = "×";
      btn.setAttribute("aria-label", `Remove ${year}`);
      btn.disabled = only;
      if (only) btn.title = "At least one year is needed";
      li.append(btn);
      return li;
    });
    this.chips.replaceChildren(...chips);
    const next = state.years[state.years.length - 1] + 1;
    this.addInput.placeholder = String(Math.min(next, YEAR_MAX));
    this.addForm.querySelector("button").disabled = state.years.length >= MAX_YEARS;
  }
  addYear() {
    const state = this.store.state;
    const text = this.addInput.value.trim() || this.addInput.placeholder;
    const year = Number(text);
    if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) {
      this.ctx.showMessage(`A year must be a whole number from ${YEAR_MIN} to ${YEAR_MAX}, got “${text}”.`, "error");
      return;
    }
    if (state.years.includes(year)) {
      this.ctx.showMessage(`${year} is already on the charts.`, "info");
      return;
    }
    if (state.years.length >= MAX_YEARS) {
      this.ctx.showMessage(`At most ${MAX_YEARS} years: remove one first.`, "error");
      return;
    }
    const next = clone(state);
    next.years = [...state.years, year].sort((a, b) => a - b);
    const seeds = seedPositions(state, this.store.analysis, year);
    for (const [id, x] of Object.entries(seeds)) next.estimates[id] = { ...next.estimates[id], [String(year)]: x };
    this.addInput.value = "";
    extrapolated.seed(year, seeds);
    this.store.replace(next);
    this.ctx.showMessage(
      `Added ${year}, each marker placed where its fitted path puts it (or at its nearest year), drawn hollow and marked extrapolated until you move it. Drag them to your view.`,
      "success"
    );
  }
  removeYear(year) {
    const state = this.store.state;
    if (state.years.length <= 1) return;
    const next = clone(state);
    next.years = state.years.filter((y) => y !== year);
    for (const id of Object.keys(next.estimates)) {
      const row = { ...next.estimates[id] };
      delete row[String(year)];
      next.estimates[id] = row;
    }
    this.store.replace(next);
  }
  setHorizon() {
    const value = Number(this.horizon.value);
    const { min, max } = setting("horizon");
    if (!Number.isInteger(value) || value < min || value > max) {
      this.ctx.showMessage(`The horizon must be a whole year from ${min} to ${max}.`, "error");
      this.horizon.value = String(this.store.state.horizon);
      return;
    }
    if (value === this.store.state.horizon) return;
    const next = clone(this.store.state);
    next.horizon = value;
    this.store.replace(next);
  }
  reset() {
    const next = this.ctx.defaultState();
    if (this.store.state.vs) next.vs = clone(this.store.state.vs);
    if (this.store.replace(next)) this.ctx.showMessage("Back to the defaults. Undo brings your estimates back.", "info");
  }
};

// app/static/js/custom-card.js
var LIMITS = customLimits();
var CUSTOM_GROUP = LIMITS.group.default;
var NAME_MAX = LIMITS.name.max_length;
var GROUP_MAX = LIMITS.group.max_length;
var QUESTION_MAX = LIMITS.question.max_length;
var chars = (text) => [...text].length;
var hasControl = (text) => /\p{Cc}/u.test(text);
var hasFormat = (text) => /\p{Cf}/u.test(text);
function cardElement(cat) {
  const details = h("details", { class: "shape" }, h("summary", { text: "Curve shape" }), h("div", { class: "shape-body" }));
  const box = h("input", { type: "checkbox", class: "leave-out-box" });
  return h(
    "article",
    { class: "card card-custom", id: `card-${cat.id}`, "data-category": cat.id, "aria-labelledby": `name-${cat.id}` },
    h("header", { class: "card-head" }, h("h3", { id: `name-${cat.id}`, text: cat.name })),
    h("p", { class: "question", text: cat.question }),
    h(
      "div",
      { class: "plot-wrap" },
      h("div", { class: "plot", "aria-hidden": "true" }),
      h("div", { class: "overlay" })
    ),
    h("table", { class: "readout" }, h("caption", { class: "visually-hidden", text: `${cat.name}: your estimates` }), h("tbody")),
    h("p", { class: "trend" }),
    h("label", { class: "check leave-out" }, box, " Leave out of the aggregate"),
    h(
      "div",
      { class: "card-foot" },
      details,
      h("button", { type: "button", class: "btn btn-quiet save-png", "aria-label": `Save PNG of the ${cat.name} chart`, text: "Save PNG" })
    )
  );
}
function decorateCard(chart, host) {
  const card = chart.card;
  if (card.dataset.decorated) return;
  card.dataset.decorated = "1";
  const id = chart.id;
  const head = card.querySelector(".card-head");
  const panelId = `edit-${id}`;
  const editBtn = h("button", { type: "button", class: "btn btn-quiet custom-edit-btn", "aria-expanded": "false", "aria-controls": panelId, text: "Edit" });
  const removeBtn = h("button", { type: "button", class: "btn btn-quiet custom-remove", "aria-label": `Remove ${chart.name}`, text: "Remove" });
  head.append(h("div", { class: "custom-actions" }, editBtn, removeBtn));
  const field = (key, label, hint) => {
    const input = h("input", { type: "text", id: `${key}-${id}-field`, class: `custom-${key}`, autocomplete: "off", spellcheck: "true" });
    const error = h("p", { class: "field-error", id: `${key}-${id}-error`, "aria-live": "polite" });
    input.setAttribute("aria-describedby", error.id);
    const row = h("div", { class: "custom-field" }, h("label", { for: input.id }, label, h("span", { class: "hint", text: hint })), input, error);
    return { input, error, row };
  };
  const name = field("name", "Name", `required, 1 to ${NAME_MAX} characters`);
  name.input.required = true;
  const group = field("group", "Group", "where the card sits; empty: Your categories");
  const groupList = h("datalist", { id: `groups-${id}` });
  group.input.setAttribute("list", groupList.id);
  const question = field("question", "Question", `optional, at most ${QUESTION_MAX} characters`);
  const form = h("form", { class: "custom-edit", id: panelId, novalidate: "" }, name.row, group.row, groupList, question.row);
  form.hidden = true;
  head.after(form);
  const open = (on) => {
    form.hidden = !on;
    editBtn.setAttribute("aria-expanded", String(on));
    if (on) groupList.replaceChildren(...host.groupOrder(host.store.state).map((g) => h("option", { value: g })));
  };
  editBtn.addEventListener("click", () => open(form.hidden));
  removeBtn.addEventListener("click", () => host.remove(chart));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    commitName();
  });
  const showProblem = (f, problem) => {
    setText(f.error, problem);
    if (problem) f.input.setAttribute("aria-invalid", "true");
    else f.input.removeAttribute("aria-invalid");
  };
  const current = (key) => ((host.store.state.custom || {})[id] || {})[key] || "";
  name.input.addEventListener("input", () => showProblem(name, host.nameProblem(name.input.value, id)));
  const commitName = () => {
    const problem = host.nameProblem(name.input.value, id);
    if (problem) {
      showProblem(name, problem);
      return;
    }
    showProblem(name, "");
    host.setField(id, "name", name.input.value.trim());
  };
  name.input.addEventListener("change", commitName);
  name.input.addEventListener("blur", () => {
    if (!name.input.getAttribute("aria-invalid")) return;
    const problem = name.error.textContent;
    name.input.removeAttribute("aria-invalid");
    name.input.value = current("name");
    setText(name.error, `Not renamed: ${problem}`);
  });
  const textField = (f, key, limit, fallback) => {
    const check = () => {
      const text = f.input.value.trim();
      if (hasControl(text)) return "Control characters are not allowed.";
      if (chars(text) > limit) return `At most ${limit} characters; this has ${chars(text)}.`;
      return "";
    };
    f.input.addEventListener("input", () => showProblem(f, check()));
    f.input.addEventListener("change", () => {
      const problem = check();
      showProblem(f, problem);
      if (!problem) host.setField(id, key, f.input.value.trim() || fallback);
    });
    f.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        f.input.dispatchEvent(new Event("change"));
      }
    });
  };
  textField(group, "group", GROUP_MAX, CUSTOM_GROUP);
  textField(question, "question", QUESTION_MAX, "");
  const st = host.store.state.custom[id];
  name.input.value = st.name;
  group.input.value = st.group || CUSTOM_GROUP;
  question.input.value = st.question || "";
  return { card, open, name: name.input, group: group.input, question: question.input, remove: removeBtn };
}

// app/static/js/leaveout.js
var LeaveOut = class {
  constructor(store2) {
    this.store = store2;
    this.lastWeight = /* @__PURE__ */ new Map();
  }
  weightOf(chart, state) {
    const w = state.weights && state.weights[chart.id];
    return w === void 0 ? chart.cat.weight : w;
  }
  sync(chart, state) {
    const box = chart.card.querySelector(".leave-out-box");
    if (!box) return;
    if (!box.dataset.wired) {
      box.dataset.wired = "1";
      box.addEventListener("change", () => this.toggle(chart, box.checked));
    }
    const w = this.weightOf(chart, state);
    box.checked = w === 0;
    chart.card.classList.toggle("is-left-out", w === 0);
  }
  toggle(chart, out) {
    const state = this.store.state;
    const w = this.weightOf(chart, state);
    const next = clone(state);
    const weights = { ...next.weights || {} };
    let value;
    if (out) {
      if (w === 0) return;
      this.lastWeight.set(chart.id, w);
      value = 0;
    } else {
      const back = this.lastWeight.get(chart.id);
      value = back !== void 0 && back > 0 ? back : chart.cat.weight > 0 ? chart.cat.weight : 1;
    }
    if (value === chart.cat.weight) delete weights[chart.id];
    else weights[chart.id] = value;
    next.weights = weights;
    this.store.replace(next);
  }
};

// app/static/js/custom.js
var MAX_CUSTOM = customLimits().max_count;
var DEFAULT_CURVE = Object.freeze({ midpoint: 0.5, steepness: 10, ceiling: 1 });
var START = 0.1;
var START_STEP = 0.1;
var WORDS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(" ");
function isolate(text) {
  return `⁨${text}⁩`;
}
function panelTitle(n) {
  return `Across all ${n >= 1 && n <= WORDS.length ? WORDS[n - 1] : n}`;
}
var nameKey = (name) => name.normalize("NFKC").trim().split(/\s+/).join(" ").toLowerCase();
var customIds = (state) => Object.keys(state.custom || {}).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
function startPositions(years) {
  return Object.fromEntries(years.map((y, i) => [String(y), Math.min(1, round3(START + START_STEP * i))]));
}
function customCategory(id, entry) {
  return {
    id,
    name: entry.name,
    group: entry.group || CUSTOM_GROUP,
    question: entry.question || "",
    description: "",
    curve: { ...DEFAULT_CURVE },
    weight: 1,
    defaults: {},
    custom: true
  };
}
var CustomCategories = class {
  /** charts: main.js's list (kept in step here); makeChart(card, cat, samples). */
  constructor(ctx2, { charts: charts2, makeChart: makeChart2, catalog: catalog2, samples }) {
    this.ctx = ctx2;
    this.store = ctx2.store;
    this.charts = charts2;
    this.makeChart = makeChart2;
    this.catalog = catalog2;
    this.samples = samples;
    this.builtinGroups = [...new Set(catalog2.categories.map((c) => c.group))];
    this.leaveOut = new LeaveOut(ctx2.store);
    this.editors = /* @__PURE__ */ new Map();
    this.charts_col = /** @type {HTMLElement} */
    document.querySelector(".charts-col");
    this.tools = /** @type {HTMLElement} */
    document.getElementById("custom-tools");
    this.form = /** @type {HTMLFormElement} */
    document.getElementById("custom-add-form");
    this.addButton = /** @type {HTMLButtonElement} */
    document.getElementById("custom-add");
    this.groupSelect = /** @type {HTMLSelectElement} */
    document.getElementById("custom-add-group");
    this.why = /** @type {HTMLElement} */
    document.getElementById("custom-add-why");
    this.panelTitle = /** @type {HTMLElement} */
    document.getElementById("panel-title");
    this.sectionCount = 0;
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.add();
    });
  }
  // -- the page follows the state -----------------------------------------------
  /** Cards, charts, groups, toggles and the Add form for `state`. Runs on
   * every new state, before the charts draw it. */
  sync(state) {
    const custom2 = state.custom || {};
    const ids = customIds(state);
    for (const chart of [...this.charts]) {
      if (chart.cat.custom && !(chart.id in custom2)) this.destroy(chart);
    }
    for (const id of ids) {
      const cat = customCategory(id, custom2[id]);
      const chart = this.charts.find((c) => c.id === id);
      if (chart) this.update(chart, cat);
      else this.create(cat);
    }
    this.place(state);
    for (const chart of this.charts) this.leaveOut.sync(chart, state);
    this.syncForm(state);
  }
  create(cat) {
    const card = cardElement(cat);
    this.grid(cat.group).append(card);
    const chart = this.makeChart(card, cat, this.samples);
    const result = this.store.analysis && this.store.analysis.categories.find((c) => c.id === cat.id);
    chart.start({ ...DEFAULT_CURVE }, result && result.curve.midpoint === 0.5 && result.curve.steepness === 10 && result.curve.ceiling === 1 ? result.band : null);
    this.charts.push(chart);
    this.decorate(chart);
    chart.drawPlotly().catch(() => {
    });
    return chart;
  }
  destroy(chart) {
    for (const m of chart.markers.values()) m.remove();
    if (chart.plotted && window.Plotly) window.Plotly.purge(chart.plot);
    chart.card.remove();
    this.charts.splice(this.charts.indexOf(chart), 1);
    this.editors.delete(chart.id);
  }
  /** A new name, group or question on an existing card. */
  update(chart, cat) {
    this.decorate(chart);
    const renamed = chart.name !== cat.name;
    chart.cat = { ...chart.cat, ...cat, curve: chart.cat.curve };
    chart.name = cat.name;
    const card = chart.card;
    setText(card.querySelector("h3"), cat.name);
    setText(card.querySelector(".question"), cat.question);
    if (renamed) {
      setText(card.querySelector(".readout caption"), `${cat.name}: your estimates`);
      card.querySelector(".save-png").setAttribute("aria-label", `Save PNG of the ${cat.name} chart`);
      for (const [year, m] of chart.markers) {
        m.el.setAttribute("aria-label", `${cat.name}, ${year}`);
        m.input.setAttribute("aria-label", `${cat.name}, ${year}: position from 0 to 1`);
        if (m.x !== null) m.el.setAttribute("aria-valuetext", m.valueText());
      }
    }
    const ed = this.editors.get(chart.id);
    if (ed) {
      ed.remove.setAttribute("aria-label", `Remove ${cat.name}`);
      for (const [key, input] of [
        ["name", ed.name],
        ["group", ed.group],
        ["question", ed.question]
      ]) {
        if (document.activeElement !== input && !input.getAttribute("aria-invalid")) input.value = cat[key];
      }
    }
  }
  /** The groups in page order (as app/render/cards.py): the catalog's, then new ones. */
  groupOrder(state) {
    const out = [...this.builtinGroups];
    for (const id of customIds(state)) {
      const g = state.custom[id].group || CUSTOM_GROUP;
      if (!out.includes(g)) out.push(g);
    }
    return out;
  }
  section(group) {
    return [...this.charts_col.querySelectorAll("section.group")].map((s) => (
      /** @type {HTMLElement} */
      s
    )).find((s) => s.dataset.group === group) || null;
  }
  grid(group) {
    let section = (
      /** @type {HTMLElement} */
      this.section(group)
    );
    if (!section) {
      this.sectionCount += 1;
      const hid = `group-custom-${this.sectionCount}`;
      section = h("section", { class: "group", "aria-labelledby": hid }, h("h2", { id: hid, text: group }), h("div", { class: "chart-grid" }));
      section.dataset.group = group;
      this.charts_col.insertBefore(section, this.tools);
    }
    return section.querySelector(".chart-grid");
  }
  /** Every custom card in its group's grid after the built-in ones, in id
   * order; sections in page order; a group left empty goes. Focus inside a
   * moved card stays where it was. */
  place(state) {
    const focused = document.activeElement;
    const order = this.groupOrder(state);
    let before = this.tools;
    for (const group of [...order].reverse()) {
      const grid = (
        /** @type {HTMLElement} */
        this.grid(group)
      );
      const section = (
        /** @type {HTMLElement} */
        grid.parentElement
      );
      if (section.nextElementSibling !== before) this.charts_col.insertBefore(section, before);
      before = section;
      const ids = customIds(state).filter((id) => (state.custom[id].group || CUSTOM_GROUP) === group);
      const here = [...grid.children].filter((c) => c.classList.contains("card-custom")).map((c) => (
        /** @type {HTMLElement} */
        c.dataset.category
      ));
      if (here.join() !== ids.join()) for (const id of ids) grid.append(
        /** @type {HTMLElement} */
        document.getElementById(`card-${id}`)
      );
    }
    for (const section of this.charts_col.querySelectorAll("section.group")) {
      if (!(section instanceof HTMLElement)) continue;
      if (!order.includes(section.dataset.group) || !section.querySelector(".card")) section.remove();
    }
    if (focused instanceof HTMLElement && document.activeElement !== focused && focused.isConnected) {
      focused.focus({ preventScroll: true });
    }
    this.ctx.groups.splice(0, this.ctx.groups.length, ...order);
  }
  syncForm(state) {
    const n = customIds(state).length;
    const full = n >= MAX_CUSTOM;
    this.addButton.disabled = full;
    this.groupSelect.disabled = full;
    setText(
      this.why,
      full ? `You have ${MAX_CUSTOM} of your own, the most a view can hold: remove one to add another.` : ""
    );
    const groups2 = [CUSTOM_GROUP, ...this.groupOrder(state).filter((g) => g !== CUSTOM_GROUP)];
    const current = this.groupSelect.value || CUSTOM_GROUP;
    if ([...this.groupSelect.options].map((o) => o.value).join("\n") !== groups2.join("\n")) {
      this.groupSelect.replaceChildren(...groups2.map((g) => h("option", { value: g, text: g })));
      this.groupSelect.value = groups2.includes(current) ? current : CUSTOM_GROUP;
    }
  }
  /** The panel's heading counts the categories. */
  renderAnalysis(analysis) {
    setText(this.panelTitle, panelTitle(analysis.categories.length));
  }
  // -- adding, editing, removing ------------------------------------------------
  /** Every name in the state but `except`'s, by its comparison key. */
  takenNames(state, except = null) {
    const taken = new Map(this.catalog.categories.map((c) => [nameKey(c.name), c.name]));
    for (const id of customIds(state)) if (id !== except) taken.set(nameKey(state.custom[id].name), state.custom[id].name);
    return taken;
  }
  /** Why a name cannot be used, or "". */
  nameProblem(text, id) {
    const name = text.normalize("NFKC").trim();
    if (!name) return `A name is needed (1 to ${NAME_MAX} characters).`;
    if (hasControl(name)) return "A name cannot hold control characters.";
    if (hasFormat(name)) return "A name cannot hold invisible format characters (such as U+200B or U+202E).";
    if (chars(name) > NAME_MAX) return `A name is at most ${NAME_MAX} characters; this one has ${chars(name)}.`;
    const taken = this.takenNames(this.store.state, id).get(nameKey(name));
    if (taken !== void 0) return `“${isolate(taken)}” is already a category here (names must differ, ignoring case).`;
    return "";
  }
  add() {
    const state = this.store.state;
    const ids = customIds(state);
    if (ids.length >= MAX_CUSTOM) {
      this.ctx.showMessage(`A view holds at most ${MAX_CUSTOM} categories of your own: remove one first.`, "error");
      return;
    }
    let n = 1;
    while (ids.includes(`u${n}`)) n += 1;
    const id = `u${n}`;
    const taken = this.takenNames(state);
    let k = 1;
    while (taken.has(nameKey(`My category ${k}`))) k += 1;
    const group = this.groupSelect.value || CUSTOM_GROUP;
    const next = clone(state);
    next.custom = { ...next.custom || {}, [id]: { name: `My category ${k}`, group, question: "" } };
    next.estimates = { ...next.estimates, [id]: startPositions(state.years) };
    this.store.replace(next);
    const ed = this.editors.get(id);
    if (!ed) return;
    ed.open(true);
    ed.card.scrollIntoView({ block: "nearest" });
    ed.name.focus();
    ed.name.select();
    this.ctx.showMessage(
      "Added a category. Name it, then drag its markers to where you think AI stands; it counts in every aggregate.",
      "success"
    );
  }
  remove(chart) {
    const state = this.store.state;
    const id = chart.id;
    const name = chart.name;
    const next = clone(state);
    const drop = (key) => {
      if (next[key] && id in next[key]) {
        next[key] = { ...next[key] };
        delete next[key][id];
      }
    };
    for (const key of ["custom", "estimates", "curves", "weights", "ranges"]) drop(key);
    this.store.replace(next);
    this.addButton.focus();
    this.ctx.showMessage(`Removed ${isolate(name)}. Undo (Ctrl+Z) brings it back with its positions.`, "info");
  }
  /** Commit a new value of one text field of a custom category. */
  setField(id, key, value) {
    const state = this.store.state;
    if (!state.custom || !state.custom[id] || state.custom[id][key] === value) return;
    const next = clone(state);
    next.custom = { ...next.custom, [id]: { ...next.custom[id], [key]: value } };
    this.store.replace(next);
  }
  decorate(chart) {
    if (!chart.card.dataset.decorated) this.editors.set(chart.id, decorateCard(chart, this));
  }
};

// app/static/js/legend.js
function item(mark, text, className = "") {
  const li = document.createElement("li");
  if (className) li.className = className;
  li.append(mark, document.createTextNode(text));
  return li;
}
function swatch(className) {
  const s = document.createElement("span");
  s.className = `swatch ${className}`;
  s.setAttribute("aria-hidden", "true");
  return s;
}
function renderLegend(root, state, analysis, styles2) {
  const cmp = analysis && analysis.compare;
  const key = `${state.years}|${cmp ? `${cmp.state.years}|${cmp.state.title}` : ""}|${isLogLog()}`;
  keyed(root, key, () => draw(root, state, cmp, styles2));
}
function draw(root, state, cmp, styles2) {
  const list2 = document.createElement("ul");
  for (const year of state.years) list2.append(item(glyph(styles2.get(year), "solid", 16), `end of ${year}`));
  const firstDefault = styles2.get(state.years[0]);
  list2.append(item(glyph(firstDefault, "faint", 16), "default position", "legend-defaults"));
  if (cmp) {
    const style = styles2.get(cmp.state.years[0]) || firstDefault;
    const title2 = cmp.state.title ? `compared view (${cmp.state.title})` : "compared view";
    list2.append(item(glyph(style, "hollow", 16), title2, "legend-compare"));
  }
  list2.append(item(swatch("swatch-band"), "super-critical band (slope above 1)"));
  if (isLogLog()) list2.append(item(swatch("swatch-guide"), "elasticity 1: where the curve is steeper, a mark is elastic"));
  list2.append(item(swatch("swatch-mid"), "midpoint (steepest)"));
  const phases = document.createElement("p");
  phases.className = "legend-phases";
  phases.textContent = "Each readout says where a mark sits (before or past its curve's midpoint), its slope, and the full payoff it needs to be super-critical: a slope above 1 is measured in units of the curve's ceiling, a belief.";
  if (isLogLog()) {
    phases.textContent = "Log-log axes: a curve's slope here is its elasticity, the percentage change in uplift per percentage change in capability, a reading with no unit; above 1 it is called elastic. Super-critical still means a slope above 1 on linear axes, the shaded band.";
  }
  root.replaceChildren(list2, phases);
}

// app/static/js/feedback.js
var KEY_IDLE_COMMIT_MS2 = 600;
function feedbackText(v) {
  return String(round3(v));
}
var AT_ZERO = {
  feedback: "0, the plain extrapolation",
  lag: "0 years, no delay"
};
var SettingSlider = class {
  constructor(root, ctx2, key) {
    this.key = key;
    this.store = ctx2.store;
    this.input = root.querySelector("input[type=range]");
    this.out = root.querySelector("output");
    this.timer = 0;
    this.pointer = false;
    this.input.addEventListener("input", () => this.onInput());
    this.input.addEventListener("change", () => this.pointer ? this.flush() : this.schedule());
    this.input.addEventListener("pointerdown", () => {
      this.pointer = true;
    });
    const up = () => {
      if (!this.pointer) return;
      this.pointer = false;
      this.flush();
    };
    this.input.addEventListener("pointerup", up);
    this.input.addEventListener("pointercancel", up);
    this.input.addEventListener("blur", () => this.flush());
    this.store.on("state", (state) => this.render(state));
    this.render(this.store.state);
  }
  value(state) {
    const v = state[this.key];
    return typeof v === "number" && Number.isFinite(v) ? v : 0;
  }
  render(state) {
    const v = this.value(state);
    if (Number(this.input.value) !== v) this.input.value = String(v);
    const text = feedbackText(v);
    if (this.out.value !== text) this.out.value = text;
    const valueText = v === 0 ? AT_ZERO[this.key] : this.key === "lag" ? `${text} years` : text;
    if (this.input.getAttribute("aria-valuetext") !== valueText) this.input.setAttribute("aria-valuetext", valueText);
  }
  onInput() {
    const { step } = setting(this.key);
    const v = round3(Math.round(Number(this.input.value) / step) * step);
    if (!Number.isFinite(v)) return;
    this.out.value = feedbackText(v);
    this.store.preview(
      (s) => {
        s[this.key] = v;
      },
      { owner: this }
    );
  }
  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), KEY_IDLE_COMMIT_MS2);
  }
  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.store.commit(this);
  }
};
var FeedbackControl = class extends SettingSlider {
  constructor(root, ctx2) {
    super(root, ctx2, "feedback");
  }
};
var LagControl = class extends SettingSlider {
  constructor(root, ctx2) {
    super(root, ctx2, "lag");
  }
};

// app/static/js/milestone-shares.js
function sharesText(shares) {
  return shares.map((s) => String(Math.round(s * 100))).join(", ");
}
function readShares(text) {
  const { max_count: most, min, max, step } = setting("milestones");
  const [low, high] = [Math.round((min + step) * 100), Math.round((max - step) * 100)];
  const parts = text.split(/[,;\s]+/).filter((p) => p !== "").map((p) => p.replace(/%$/, ""));
  const rule = `Milestones are 1 to ${most} whole percentages from ${low} to ${high}, rising, such as 50, 90.`;
  if (!parts.length) return { error: `No milestone given. ${rule}` };
  if (parts.length > most) return { error: `${parts.length} milestones given; at most ${most}. ${rule}` };
  const values = parts.map(Number);
  const bad = parts.find((p, i) => !/^\d+$/.test(p) || values[i] < low || values[i] > high);
  if (bad !== void 0) return { error: `"${bad}" is not a whole percentage from ${low} to ${high}. ${rule}` };
  const fall = values.findIndex((v, i) => i > 0 && v <= values[i - 1]);
  if (fall > 0) return { error: `${values[fall]} does not come after ${values[fall - 1]}. ${rule}` };
  return { shares: values.map((v) => v / 100) };
}
function sharesOf(state) {
  return Array.isArray(state.milestones) ? state.milestones : setting("milestones").default;
}
var MilestoneShares = class {
  /**
   * @param {HTMLFormElement} form the field's form (#milestones-form)
   * @param {{store: any, showMessage: (text: string, kind?: string) => void}} ctx
   */
  constructor(form, ctx2) {
    this.store = ctx2.store;
    this.showMessage = ctx2.showMessage;
    this.input = /** @type {HTMLInputElement} */
    form.querySelector("input");
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.apply();
    });
    this.input.addEventListener("change", () => this.apply());
    this.input.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      this.input.value = sharesText(sharesOf(this.store.state));
      this.input.select();
    });
    this.store.on("state", (state) => this.render(state));
    this.render(this.store.state);
  }
  render(state) {
    if (document.activeElement !== this.input) this.input.value = sharesText(sharesOf(state));
  }
  apply() {
    const got = readShares(this.input.value);
    const now = sharesOf(this.store.state);
    if ("error" in got) {
      this.showMessage(got.error, "error");
      this.input.value = sharesText(now);
      return;
    }
    this.input.value = sharesText(got.shares);
    if (got.shares.length === now.length && got.shares.every((s, i) => s === now[i])) return;
    const next = clone(this.store.state);
    next.milestones = got.shares;
    this.store.replace(next);
  }
};

// app/static/js/minicharts.js
var NS = "http://www.w3.org/2000/svg";
var Painter = class {
  constructor(parent) {
    this.parent = parent;
    this.i = 0;
  }
  /** @param {string} tag @param {Record<string, string | number>} [attrs] @param {string | null} [text] */
  el(tag2, attrs = {}, text = null) {
    let node = this.parent.children[this.i];
    if (!node || node.localName !== tag2) {
      const fresh = document.createElementNS(NS, tag2);
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
};
function ticks(top) {
  const steps = [0.25, 0.5, 1, 2, 5, 10, 20, 50];
  const step = steps.find((s) => top / s <= 5) || 100;
  const out = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}
var Frame = class {
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
};
function niceTop(values, headroom) {
  const max = Math.max(2, ...values.filter((v) => v !== null && v !== void 0));
  return Math.ceil(max * headroom * 4) / 4;
}
var YearBars = class {
  constructor(container) {
    this.f = new Frame(container, 180, { l: 42, r: 8, t: 18, b: 24 });
    this.layer = svgEl("g", {}, this.f.svg);
    this.f.onResize = () => this.last && this.render(...this.last);
  }
  /** rows: [{year, value, color}], compare: Map year -> value, or null */
  render(rows, compare) {
    this.last = [rows, compare];
    const values = rows.map((r) => r.value).concat(compare ? [...compare.values()] : [], rows.map((r) => r.hi));
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
      const v = compare ? compare.get(r.year) : void 0;
      if (v !== void 0 && v !== null) {
        const y = f.y(v, top);
        p.el("rect", { x: (cx + 1).toFixed(1), y: y.toFixed(1), width: barW.toFixed(1), height: (base - y).toFixed(1), class: "bar-compare", rx: 2 });
        p.el("text", { x: (cx + 1 + barW / 2).toFixed(1), y: (y - 4).toFixed(1), class: "bar-label muted", "text-anchor": "middle" }, v.toFixed(2));
      }
      p.el("text", { x: cx.toFixed(1), y: f.height - 6, class: "tick", "text-anchor": "middle" }, String(r.year));
    });
    f.threshold(top, p);
    p.end();
  }
};
function yearTicks(p, f, range, x, grid = true) {
  const years = Math.ceil(range.t1) - Math.floor(range.t0);
  const step = [1, 2, 5, 10, 20, 25, 50].find((s) => years / s <= 8) || 100;
  for (let y = Math.ceil(range.t0); y <= range.t1 + 1e-9; y += step) {
    const px = x(y).toFixed(1);
    if (grid) p.el("line", { x1: px, x2: px, y1: f.margin.t, y2: f.margin.t + f.plotH, class: "gridline" });
    p.el("text", { x: px, y: f.height - 8, class: "tick", "text-anchor": "middle" }, String(y));
  }
}
function wireHover(chart, container) {
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
var ForecastChart = class {
  constructor(container) {
    this.f = new Frame(container, 240, { l: 42, r: 18, t: 14, b: 26 });
    this.layer = svgEl("g", {}, this.f.svg);
    this.hover = svgEl("g", { class: "hover", visibility: "hidden" }, this.f.svg);
    this.hoverLine = svgEl("line", { class: "hover-line" }, this.hover);
    this.hoverDot = svgEl("circle", { r: 4, class: "hover-dot" }, this.hover);
    this.range = { t0: 0, t1: 1 };
    this.tip = wireHover(this, container);
  }
  x(t) {
    const { t0, t1 } = this.range;
    return this.f.margin.l + this.f.plotW * (t - t0) / Math.max(1e-9, t1 - t0);
  }
  path(ts, vs) {
    let d = "";
    let pen = false;
    ts.forEach((t, i) => {
      const v = vs[i];
      if (v === null || v === void 0) {
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
    const all = [...spec.mean, ...spec.extent || [], ...spec.marks.map((m) => m.value)];
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
      visibility: spec.span ? "visible" : "hidden"
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
    spec.t.forEach((t2, i) => {
      if (Math.abs(this.x(t2) - px) < Math.abs(this.x(spec.t[best]) - px)) best = i;
    });
    const t = spec.t[best];
    const v = spec.mean[best];
    if (v === null || v === void 0) return;
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
};

// app/static/js/fan.js
var NS2 = "http://www.w3.org/2000/svg";
var RHO_IDLE_COMMIT_MS = 600;
function between([lo, , hi]) {
  const [first, last] = [yearWords(lo), yearWords(hi)];
  return first === last ? `around ${first}` : `between ${first} and ${last}`;
}
function isPreview(a) {
  return !a.uncertainty && Boolean(a.state.ranges && Object.keys(a.state.ranges).length);
}
var lastWithDraws = null;
function drawsOf(a) {
  if (a.uncertainty) lastWithDraws = a;
  else if (!isPreview(a)) lastWithDraws = null;
  return lastWithDraws;
}
function fanPeakWords(a) {
  const u = a.uncertainty;
  if (!u || !u.forecast.peak_year) return null;
  const end = Math.max(a.state.horizon, a.state.years[a.state.years.length - 1]);
  const edge = u.forecast.p_peak_at_edge;
  if (edge >= 0.95) return `still rising at ${end} in ${drawsPercent(edge)} of draws`;
  const span = `peaks ${between(u.forecast.peak_year)} (90% of draws)`;
  return edge > 0.05 ? `${span}; in ${drawsPercent(edge)} of draws it is still rising at ${end}` : span;
}
function fanPeakLabel(a) {
  const u = a.uncertainty;
  if (!u || !u.forecast.peak_year) return null;
  if (u.forecast.p_peak_at_edge >= 0.95) return "still rising";
  const [lo, , hi] = u.forecast.peak_year;
  const [first, last] = [yearLabel(lo), yearLabel(hi)];
  return first === last ? `peak ${first}` : `peak ${first} – ${last}`;
}
function fanWords(a) {
  const peak = fanPeakWords(a);
  if (peak === null) return null;
  const n = a.uncertainty.samples.toLocaleString("en");
  const end = Math.max(a.state.horizon, a.state.years[a.state.years.length - 1]);
  return `Projected from your marks and ranges to ${end} (${n} draws): the mean slope ${peak}.`;
}
var FanChart = class extends ForecastChart {
  constructor(container) {
    super(container);
    this.fan = document.createElementNS(NS2, "g");
    this.fan.setAttribute("class", "fan");
    this.f.svg.insertBefore(this.fan, this.layer);
    this.outer = this.band("fan-90");
    this.inner = this.band("fan-50");
    this.median = this.band("fan-median");
  }
  band(cls) {
    const p = document.createElementNS(NS2, "path");
    p.setAttribute("class", cls);
    this.fan.append(p);
    return p;
  }
  /** spec.fan: {t, p5, p25, p50, p75, p95, stale} or null. */
  render(spec) {
    const fan = spec.fan || null;
    super.render(fan ? { ...spec, extent: fan.p95 } : spec);
    setAttr(this.fan, "visibility", fan ? "visible" : "hidden");
    if (!fan) return;
    setAttr(this.fan, "class", fan.stale ? "fan is-stale" : "fan");
    setAttr(this.outer, "d", this.area(fan.t, fan.p5, fan.p95));
    setAttr(this.inner, "d", this.area(fan.t, fan.p25, fan.p75));
    setAttr(this.median, "d", this.path(fan.t, fan.p50));
  }
  /** The pointer's read-out, with the draws' 90% interval where there is a fan. */
  onHover(e) {
    super.onHover(e);
    const fan = this.last && this.last.fan;
    if (!fan || this.tip.hidden) return;
    const px = e.clientX - this.f.svg.getBoundingClientRect().left;
    let best = 0;
    fan.t.forEach((t, i) => {
      if (Math.abs(this.x(t) - px) < Math.abs(this.x(fan.t[best]) - px)) best = i;
    });
    const [lo, hi] = [fan.p5[best], fan.p95[best]];
    if (lo === null || lo === void 0 || hi === null || hi === void 0) return;
    this.tip.textContent += ` · 90%: ${lo.toFixed(2)} to ${hi.toFixed(2)}`;
    const w = this.tip.offsetWidth;
    const left = Math.max(0, Math.min(this.x(fan.t[best]) - w / 2, this.f.width - w));
    this.tip.style.transform = `translate(${left.toFixed(0)}px, 0)`;
  }
  area(ts, lo, hi) {
    const up = this.path(ts, hi);
    if (!up) return "";
    const back = [];
    for (let i = ts.length - 1; i >= 0; i--) {
      if (lo[i] === null || lo[i] === void 0) continue;
      back.push(`L${this.x(ts[i]).toFixed(1)} ${this.f.y(lo[i], this.top).toFixed(1)}`);
    }
    return `${up}${back.join("")}Z`;
  }
};
var RangeBars = class extends YearBars {
  constructor(container) {
    super(container);
    this.whiskers = document.createElementNS(NS2, "g");
    this.whiskers.setAttribute("class", "whiskers");
    this.f.svg.append(this.whiskers);
  }
  render(rows, compare, stale = false) {
    super.render(rows, compare);
    this.last = [rows, compare, stale];
    const f = this.f;
    const band = f.plotW / Math.max(1, rows.length);
    const barW = Math.min(56, band * (compare ? 0.36 : 0.6));
    const lines = [];
    rows.forEach((r, i) => {
      if (!r.band) return;
      const cx = f.margin.l + band * (i + 0.5) - (compare ? barW / 2 + 1 : 0) + barW * 0.3;
      const y = (v) => f.y(v, this.top).toFixed(1);
      const x = cx.toFixed(1);
      const [l, rt] = [(cx - 4).toFixed(1), (cx + 4).toFixed(1)];
      lines.push(
        ["w90", x, x, y(r.band[0]), y(r.band[4])],
        ["w90", l, rt, y(r.band[0]), y(r.band[0])],
        ["w90", l, rt, y(r.band[4]), y(r.band[4])],
        ["w50", x, x, y(r.band[1]), y(r.band[3])]
      );
    });
    while (this.whiskers.children.length > lines.length) this.whiskers.lastElementChild.remove();
    lines.forEach(([cls, x1, x2, y1, y2], i) => {
      let line = this.whiskers.children[i];
      if (!line) {
        line = document.createElementNS(NS2, "line");
        this.whiskers.append(line);
      }
      setAttr(line, "class", cls);
      setAttr(line, "x1", x1);
      setAttr(line, "x2", x2);
      setAttr(line, "y1", y1);
      setAttr(line, "y2", y2);
    });
    setAttr(this.whiskers, "class", stale ? "whiskers is-stale" : "whiskers");
  }
};
var RangesPanel = class {
  constructor(root, store2) {
    this.root = root;
    this.store = store2;
    this.timer = 0;
    root.innerHTML = `
      <h3 class="panel-sub">With your ranges</h3>
      <p class="fineprint ranges-note">Over 2,000 draws of your ranges. On the bars above, the thin
      whisker spans 90% of the draws, the thick one 50%.</p>
      <p class="ranges-status" aria-hidden="true">updating ranges…</p>
      <div class="table-scroll">
      <table class="year-table ranges-table">
        <caption class="visually-hidden">Per year, over the draws: the mean slope's 90% and 50% intervals and the chance it is above 1</caption>
        <thead><tr><th scope="col">Year</th><th scope="col">Mean slope, 90%</th><th scope="col">50%</th><th scope="col">P(mean slope &gt; 1)</th></tr></thead>
        <tbody></tbody>
      </table>
      </div>
      <div class="rho-control">
        <label for="rho-input">Correlation</label>
        <input type="range" id="rho-input" aria-describedby="rho-help">
        <output for="rho-input" id="rho-value"></output>
        <p class="fineprint" id="rho-help">How far the categories' errors go together: at 0 each range is drawn
        on its own, at 1 all are high or low at once (wider aggregate intervals).</p>
      </div>`;
    this.status = root.querySelector(".ranges-status");
    this.body = root.querySelector("tbody");
    this.input = root.querySelector("#rho-input");
    this.limits = setting("rho");
    for (const key of ["min", "max", "step"]) this.input[key] = String(this.limits[key]);
    this.output = root.querySelector("#rho-value");
    this.input.addEventListener("input", () => this.onInput());
    this.input.addEventListener("change", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), RHO_IDLE_COMMIT_MS);
    });
    this.input.addEventListener("blur", () => this.flush());
    this.pending = false;
  }
  onInput() {
    const rho = clamp(Number(this.input.value), this.limits.min, this.limits.max);
    setText(this.output, rho.toFixed(2));
    this.store.preview((s) => {
      s.rho = rho;
    }, { owner: this });
  }
  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.store.commit(this);
  }
  /** The state on screen: shown only when it has a range. */
  renderState(state) {
    const has = Boolean(state.ranges && Object.keys(state.ranges).length);
    this.root.hidden = !has;
    const rho = state.rho === void 0 ? this.limits.default : state.rho;
    if (document.activeElement !== this.input && Number(this.input.value) !== rho) this.input.value = String(rho);
    setText(this.output, rho.toFixed(2));
    this.markPending(has);
  }
  /** Edits not yet analysed: the numbers shown are the last answer's. */
  markPending(on) {
    if (on === this.pending) return;
    this.pending = on;
    this.root.classList.toggle("is-updating", on);
  }
  renderAnalysis(a) {
    const settled = this.store.base === null && this.store.appliedSeq === this.store.seq;
    const u = a.uncertainty;
    if (!u) {
      if (settled) this.markPending(false);
      return;
    }
    this.markPending(!settled);
    const rows = u.years.map((y) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = String(y.year);
      const m = y.mean_slope;
      const cells = m ? [`${m[0].toFixed(2)} to ${m[4].toFixed(2)}`, `${m[1].toFixed(2)} to ${m[3].toFixed(2)}`, m[0] === m[4] ? exactPercent(y.p_supercritical) : drawsPercent(y.p_supercritical)] : ["–", "–", "–"];
      tr.append(th, ...cells.map((text) => {
        const td = document.createElement("td");
        td.textContent = text;
        return td;
      }));
      tr.dataset.year = String(y.year);
      return tr;
    });
    const key = rows.map((r) => r.textContent).join("|");
    if (this.body.dataset.key !== key) {
      this.body.dataset.key = key;
      this.body.replaceChildren(...rows);
    }
  }
};
function setUpRangesPanel(root, store2) {
  const panel2 = new RangesPanel(root, store2);
  const has = (state) => Boolean(state.ranges && Object.keys(state.ranges).length);
  store2.on("state", (state) => panel2.renderState(state));
  store2.addFixup((state, base) => {
    if (base !== null) panel2.markPending(has(state));
  });
  store2.on("analysis", (a) => panel2.renderAnalysis(a));
  panel2.renderState(store2.state);
  panel2.renderAnalysis(store2.analysis);
  return panel2;
}

// app/static/js/forecast-words.js
var RISING = 0.01;
var SHARE_WORDS = /* @__PURE__ */ new Map([
  [0.25, "a quarter of"],
  [0.5, "half"],
  [0.75, "three quarters of"]
]);
function forecastEnd(a) {
  return Math.max(a.state.horizon, a.state.years[a.state.years.length - 1]);
}
function stillWords(a) {
  if (a.categories.some((c) => c.trajectory && Math.abs(c.trajectory.rate) >= RISING)) return null;
  if (a.state.years.length === 1 || a.categories.every((c) => !c.trajectory)) {
    return "with one year of marks the forecast holds them where they are, with no milestone or peak";
  }
  return "your marks do not move from year to year, so the forecast holds them where they are";
}
function shareWords(q) {
  return SHARE_WORDS.get(q) || `${Math.round(q * 100)}% of`;
}
function clause(m, end) {
  const what = `${shareWords(m.share)} its potential`;
  if (m.already) return `is already at ${what}`;
  if (m.year === null) return `does not reach ${what} by ${end}`;
  return `reaches ${what} around ${yearWords(m.year)}`;
}
function list(items) {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
function slopeCourse(f) {
  let text;
  if (f.peak_year === null) text = "stays where it is";
  else if (f.peak_at_edge) text = "is still rising at the horizon";
  else if (f.peak_year === f.t[0]) text = `is highest at the start, ${yearWords(f.peak_year)}`;
  else text = `peaks around ${yearWords(f.peak_year)}`;
  const span = f.supercritical_from !== null && f.supercritical_to !== null;
  return `${text} and ${span ? `is above 1 from ${yearWords(f.supercritical_from)} to ${yearWords(f.supercritical_to)}` : "never rises above 1"}`;
}
function tableForecastText(a) {
  const f = a.forecast;
  const end = forecastEnd(a);
  const still = stillWords(a);
  if (still !== null) return `Forecast to ${end}: ${still}.`;
  if (f.potential === null || !f.milestones.length) return `Forecast to ${end}: no category with an estimate carries any weight.`;
  return `Forecast to ${end}: AI's help ${list(f.milestones.map((m) => clause(m, end)))}; the mean slope ${slopeCourse(f)}.`;
}
function slopeWords(a) {
  const still = stillWords(a);
  if (still !== null) return `${still[0].toUpperCase()}${still.slice(1)}.`;
  const f = a.forecast;
  const end = forecastEnd(a);
  const course = slopeCourse(f).replace("is still rising at the horizon", `is still rising at ${end}`);
  return `Projected from your marks to ${end}: the mean slope ${course}.`;
}
function progressWords(a) {
  const f = a.forecast;
  const u = f.mean_uplift;
  const [first, last] = [u[0], u[u.length - 1]];
  if (f.potential === null || first === null || last === null) {
    return "No category with an estimate carries any weight, so AI's help has no potential to reach.";
  }
  const of = `of a potential ${f.potential.toFixed(2)} (the weighted mean of the full payoffs)`;
  const still = stillWords(a);
  if (still !== null) return `${still[0].toUpperCase()}${still.slice(1)}: AI's help stays at ${first.toFixed(2)} ${of}.`;
  const end = forecastEnd(a);
  const way = last > first + 1e-9 ? "rises" : last < first - 1e-9 ? "falls" : "stays";
  let text = `AI's help ${way} from ${first.toFixed(2)} at ${yearWords(f.t[0])} to ${last.toFixed(2)} by ${end}, ${of}.`;
  const i = f.gain_peak_year === null ? -1 : f.t.indexOf(f.gain_peak_year);
  if (way === "rises" && i >= 0 && f.gain[i] > 0) {
    text += i === f.t.length - 1 ? ` It grows faster and faster to ${end}, by ${f.gain[i].toFixed(2)} a year at the end.` : ` It grows fastest around ${yearWords(f.gain_peak_year)}, by ${f.gain[i].toFixed(2)} a year.`;
  }
  const g = f.speedup[f.speedup.length - 1];
  if (a.state.feedback > 0 && g > 1.005) text += ` Feedback makes progress ${g.toFixed(2)}× as fast by ${end}.`;
  return text;
}
function milestoneLines(a, drawn) {
  if (stillWords(a) !== null || a.forecast.potential === null) return [];
  const end = forecastEnd(a);
  const bands = drawn && drawn.uncertainty ? drawn.uncertainty.forecast.milestones : [];
  return a.forecast.milestones.map((m) => {
    const share = shareWords(m.share);
    const head = `${share[0].toUpperCase()}${share.slice(1)} its potential:`;
    let text;
    if (m.already) text = `already at ${yearWords(a.forecast.t[0])}`;
    else if (m.year === null) text = `not reached by ${end}`;
    else text = `around ${yearWords(m.year)}`;
    const band = bands.find((b) => b.share === m.share);
    if (band) text += `; ${bandWords(band, end)}`;
    return { share: m.share, head, text };
  });
}
function bandWords(band, end) {
  if (band.year === null) return `${drawsPercent(band.p_reached)} of draws reach it by ${end}`;
  const [lo, hi] = [yearWords(band.year[0]), yearWords(band.year[2])];
  const span = lo === hi ? `around ${lo}` : `${lo} to ${hi}`;
  if (band.p_reached === 1) return `90% of draws: ${span}`;
  return `${drawsPercent(band.p_reached)} of draws reach it by ${end}, 90% of those ${span}`;
}

// app/static/js/progress.js
var NS3 = "http://www.w3.org/2000/svg";
function helpTop(values) {
  const max = Math.max(0.2, ...values.filter((v) => v !== null && v !== void 0));
  return Math.ceil(max * 1.1 * 4) / 4;
}
var ProgressChart = class {
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
    this.last = null;
    this.range = { t0: 0, t1: 1 };
    this.tip = wireHover(this, container);
  }
  /** @param {number} t */
  x(t) {
    const { t0, t1 } = this.range;
    return this.f.margin.l + this.f.plotW * (t - t0) / Math.max(1e-9, t1 - t0);
  }
  /** @param {number} v */
  y(v) {
    return this.f.y(v, this.top);
  }
  path(ts, vs) {
    let d = "";
    ts.forEach((t, i) => {
      const v = vs[i];
      if (v !== null && v !== void 0) d += `${d ? "L" : "M"}${this.x(t).toFixed(1)} ${this.y(v).toFixed(1)}`;
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
    const all = [...spec.u, spec.potential, ...spec.marks.map((m) => m.value), ...spec.fan ? spec.fan.p95 : []];
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
      p.el("text", { x: f.margin.l + 4, y: (Number(y) - 4).toFixed(1), class: "potential-label" }, `potential ${spec.potential.toFixed(2)}`);
    }
    if (spec.compare) p.el("path", { d: this.path(spec.compare.t, spec.compare.u), class: "compare-line" });
    p.el("path", { d: this.path(spec.t, spec.u), class: "mean-line" });
    for (const m of spec.marks) {
      if (m.value === null) continue;
      const g = p.keyed(m.key, () => {
        const node = document.createElementNS(NS3, "g");
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
        pins.el("line", { x1: f.margin.l, x2: right, y1: y.toFixed(1), y2: y.toFixed(1), class: "milestone-level" });
        pins.el("text", { x: right, y: (y - 4).toFixed(1), class: "milestone-label", "text-anchor": "end" }, `${m.label}: not by ${Math.round(this.range.t1)}`);
        continue;
      }
      const x = this.x(m.year);
      pins.el("line", { x1: x.toFixed(1), x2: x.toFixed(1), y1: y.toFixed(1), y2: f.margin.t + f.plotH, class: "milestone-drop" });
      pins.el("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 4.5, class: "milestone-pin" });
      const when = m.already ? "already" : yearLabel(m.year);
      const left = x - f.margin.l > 110;
      pins.el(
        "text",
        { x: (left ? x - 7 : x + 7).toFixed(1), y: (left ? y - 7 : y + 14).toFixed(1), class: "milestone-label", "text-anchor": left ? "end" : "start" },
        `${m.label}: ${when}`
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
    spec.t.forEach((t2, i) => {
      if (Math.abs(this.x(t2) - px) < Math.abs(this.x(spec.t[best]) - px)) best = i;
    });
    const [t, v] = [spec.t[best], spec.u[best]];
    if (v === null || v === void 0) return;
    const x = this.x(t);
    for (const [k, val] of [["x1", x], ["x2", x], ["y1", this.f.margin.t], ["y2", this.f.margin.t + this.f.plotH]]) {
      this.hoverLine.setAttribute(k, String(val));
    }
    this.hoverDot.setAttribute("cx", String(x));
    this.hoverDot.setAttribute("cy", String(this.y(v)));
    this.hover.setAttribute("visibility", "visible");
    let text = `${yearLabel(t)}: AI's help ${fixed(v)}`;
    if (spec.potential) text += ` (${Math.round(100 * v / spec.potential)}% of potential)`;
    const g = spec.gain[best];
    if (g !== null && g !== void 0) text += ` · growing ${fixed(g)} a year`;
    const band = spec.gainBand;
    if (band && band.p5[best] !== null && band.p95[best] !== null) text += ` (90%: ${fixed(band.p5[best])} to ${fixed(band.p95[best])})`;
    this.tip.textContent = text;
    this.tip.hidden = false;
    const w = this.tip.offsetWidth || 200;
    this.tip.style.transform = `translate(${Math.max(0, Math.min(x - w / 2, this.f.width - w)).toFixed(0)}px, 0)`;
  }
};

// app/static/js/tabs.js
function wireTabs(list2, onShow = () => {
}) {
  const tabs = (
    /** @type {HTMLElement[]} */
    [...list2.querySelectorAll("[role=tab]")]
  );
  const panelOf = (tab) => (
    /** @type {HTMLElement} */
    document.getElementById(tab.getAttribute("aria-controls") || "")
  );
  const select = (tab) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      panelOf(t).hidden = !on;
    }
    onShow(panelOf(tab));
  };
  for (const tab of tabs) {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (e) => {
      const i = tabs.indexOf(tab);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === void 0) return;
      e.preventDefault();
      const to = tabs[(next + tabs.length) % tabs.length];
      select(to);
      to.focus();
    });
  }
  return { select };
}

// app/static/js/panel.js
var KIND_TITLES = {
  sc: "above the threshold of 1: super-critical on average",
  close: "too close to call: the draws' 90% interval holds 1",
  not: ""
};
var Panel = class {
  constructor(root, ctx2) {
    this.ctx = ctx2;
    this.sentence = root.querySelector("#panel-sentence");
    this.compareText = root.querySelector("#panel-compare");
    this.yearsChart = root.querySelector("#years-chart");
    this.yearTable = root.querySelector("#year-table tbody");
    this.forecastText = root.querySelector("#forecast-text");
    this.forecastChart = root.querySelector("#forecast-chart");
    this.toggle = root.querySelector("#show-trajectories");
    this.headline = document.getElementById("headline");
    this.strip = document.getElementById("live-strip");
    this.bars = new RangeBars(this.yearsChart);
    this.forecast = new FanChart(this.forecastChart);
    this.legend = root.querySelector("#forecast-legend");
    this.breakeven = root.querySelector("#breakeven-list");
    this.progressText = root.querySelector("#progress-text");
    this.progressBox = root.querySelector("#progress-chart");
    this.progress = new ProgressChart(this.progressBox);
    this.progressLegend = root.querySelector("#progress-legend");
    this.milestones = root.querySelector("#milestone-list");
    wireTabs(root.querySelector(".forecast-tabs"), () => this.last && this.drawForecast(this.last));
    this.showCategories = false;
    this.toggle.addEventListener("change", () => {
      this.showCategories = this.toggle.checked;
      if (this.last) this.drawForecast(this.last);
    });
    this.last = null;
  }
  render(analysis) {
    this.last = analysis;
    const drawn = drawsOf(analysis);
    const summary = drawn ? drawn.summary : analysis.summary;
    setText(this.sentence, summary);
    setText(this.headline, summary);
    const cmp = analysis.compare;
    this.compareText.hidden = !cmp;
    if (cmp) setText(this.compareText, `Compared view: ${cmp.summary}`);
    this.drawTable(analysis);
    this.drawBreakeven(analysis);
    this.drawYears(analysis);
    this.drawForecast(analysis);
    this.drawStrip(analysis);
  }
  drawTable(a) {
    const n = a.categories.length;
    const styles2 = this.ctx.styles();
    const key = a.years.map((y) => `${y.year}${styles2.get(y.year).color}${styles2.get(y.year).symbol}`).join();
    keyed(this.yearTable, key, () => {
      const rows = a.years.map((y) => {
        const tr = document.createElement("tr");
        const th = document.createElement("th");
        th.scope = "row";
        th.append(this.ctx.glyph(y.year, 12), document.createTextNode(String(y.year)));
        tr.append(th, document.createElement("td"), document.createElement("td"), document.createElement("td"));
        return tr;
      });
      this.yearTable.replaceChildren(...rows);
    });
    const drawn = drawsOf(a);
    a.years.forEach((y, i) => {
      const tr = this.yearTable.rows[i];
      const [, mean, sc, acc] = tr.cells;
      const kind = yearKind(y, drawn);
      if (tr.dataset.kind !== kind) {
        tr.dataset.kind = kind;
        tr.classList.toggle("is-sc", kind === "sc");
        mean.classList.toggle("is-sc", kind === "sc");
        mean.classList.toggle("is-close", kind === "close");
        if (kind === "not") mean.removeAttribute("title");
        else mean.title = KIND_TITLES[kind];
      }
      setText(mean, kind === "close" ? `${fixed(y.mean_slope)}, too close to call` : fixed(y.mean_slope));
      setText(sc, ofN(y.supercritical_count, n));
      setText(acc, String(y.accelerating_count));
    });
  }
  drawYears(a) {
    const styles2 = this.ctx.styles();
    const drawn = drawsOf(a);
    const bands = new Map(drawn ? drawn.uncertainty.years.map((y) => [y.year, y.mean_slope]) : []);
    const rows = a.years.map((y) => {
      const band = bands.get(y.year) || null;
      return { year: y.year, value: y.mean_slope, color: styles2.get(y.year).color, band, hi: band ? band[4] : null };
    });
    const cmp = a.compare ? new Map(a.compare.years.map((y) => [y.year, y.mean_slope])) : null;
    this.bars.render(rows, cmp, drawn !== null && drawn !== a);
  }
  /** Each year's verdict and the factor every full payoff would need. */
  drawBreakeven(a) {
    const drawn = drawsOf(a);
    const lines = a.years.map((y) => scaleWords(y, drawn));
    keyed(this.breakeven, lines.join("|"), () => {
      this.breakeven.replaceChildren(
        ...lines.map((text, i) => {
          const li = document.createElement("li");
          li.dataset.year = String(a.years[i].year);
          li.dataset.kind = yearKind(a.years[i], drawn);
          li.textContent = text;
          return li;
        })
      );
    });
  }
  drawForecast(a) {
    this.drawProgress(a);
    this.drawSlope(a);
  }
  /** The lead view: AI's help against its potential, with its milestones. */
  drawProgress(a) {
    const f = a.forecast;
    const drawn = drawsOf(a);
    const still = stillWords(a) !== null;
    const bands = drawn && !still ? drawn.uncertainty.forecast.milestones : [];
    const milestones = still ? [] : f.milestones.map((m) => {
      const band = bands.find((b) => b.share === m.share);
      return { ...m, label: `${Math.round(m.share * 100)}%`, band: band ? band.year : null };
    });
    const gain = drawn && !still ? drawn.uncertainty.forecast.gain : null;
    const fan = drawn && !still && drawn.forecast.t.length === f.t.length ? drawn.uncertainty.forecast.mean_uplift : null;
    this.progress.render({
      t: f.t,
      u: f.mean_uplift,
      potential: f.potential,
      gain: f.gain,
      gainBand: gain && drawn.forecast.t.length === f.t.length ? gain : null,
      fan: fan && fan.p5.every((v) => v !== null) ? fan : null,
      milestones,
      marks: this.yearMarks(a, (y) => y.mean_uplift),
      compare: a.compare ? { t: a.compare.forecast.t, u: a.compare.forecast.mean_uplift } : null,
      stale: drawn !== null && drawn !== a
    });
    const words = progressWords(a);
    setText(this.progressText, words);
    setAttr(this.progressBox, "aria-label", `AI's help over time against its potential. ${words}`);
    const lines = milestoneLines(a, drawn);
    keyed(this.milestones, JSON.stringify(lines), () => {
      this.milestones.replaceChildren(
        ...lines.map((line) => {
          const li = document.createElement("li");
          li.dataset.share = String(line.share);
          const head = document.createElement("strong");
          head.textContent = line.head;
          li.append(head, document.createTextNode(` ${line.text}`));
          return li;
        })
      );
    });
    this.milestones.hidden = !lines.length;
    this.progressLegendDraw(a, milestones.length > 0, bands.length > 0);
  }
  /** The years' glyphs at a value of each year (the mean slope, the mean uplift). */
  yearMarks(a, value) {
    const styles2 = this.ctx.styles();
    return a.years.map((y) => {
      const style = styles2.get(y.year);
      const make = () => {
        const g = glyph(style, "solid", 14);
        g.setAttribute("x", "-7");
        g.setAttribute("y", "-7");
        return g;
      };
      return { t: y.year, value: value(y), glyph: make, key: `${y.year}${style.symbol}${style.color}` };
    });
  }
  progressLegendDraw(a, withMilestones, withBands) {
    const items = [
      ["line-mean", "AI's help, projected"],
      ["potential", "potential"],
      ["marks", "your marks, mean uplift per year"]
    ];
    if (withMilestones) items.splice(2, 0, ["milestone", "milestone"]);
    if (withBands) items.splice(3, 0, ["milestone-band", "its year, 90% of draws"]);
    if (withBands) items.splice(1, 0, ["fan-90", "90% of draws"], ["fan-50", "50%"]);
    if (a.compare) items.splice(1, 0, ["line-compare", "compared view"]);
    this.legendList(this.progressLegend, a, items, false);
  }
  /** The mean slope's view, one tab away. */
  drawSlope(a) {
    const f = a.forecast;
    const drawn = drawsOf(a);
    const groups2 = this.ctx.groups;
    const categories = this.showCategories ? a.categories.filter((c) => f.categories[c.id] && f.categories[c.id].slope).map((c) => ({
      name: c.name,
      color: GROUP_COLORS[groups2.indexOf(c.group) % GROUP_COLORS.length],
      slope: f.categories[c.id].slope
    })) : [];
    const still = stillWords(a) !== null;
    let peak = null;
    if (f.peak_year !== null && !still) {
      const i = f.t.indexOf(f.peak_year);
      peak = {
        t: f.peak_year,
        value: i >= 0 ? f.mean_slope[i] : null,
        text: drawn && fanPeakLabel(drawn) || (f.peak_at_edge ? "still rising" : `peak ${yearLabel(f.peak_year)}`)
      };
    }
    this.forecast.render({
      t: f.t,
      mean: f.mean_slope,
      compare: a.compare ? { t: a.compare.forecast.t, mean: a.compare.forecast.mean_slope } : null,
      categories,
      marks: this.yearMarks(a, (y) => y.mean_slope),
      span: f.supercritical_from !== null && f.supercritical_to !== null ? [f.supercritical_from, f.supercritical_to] : null,
      peak,
      fan: drawn ? { ...drawn.uncertainty.forecast.mean_slope, t: drawn.forecast.t, stale: drawn !== a } : null
    });
    setText(this.forecastText, !still && drawn && fanWords(drawn) || slopeWords(a));
    this.forecastLegend(a, categories.length > 0);
  }
  forecastLegend(a, withGroups) {
    const items = [
      ["line-mean", "mean slope, projected"],
      ["marks", "your marks, mean per year"],
      ["span", "mean above 1"],
      ["threshold", "threshold 1"]
    ];
    if (a.compare) items.splice(1, 0, ["line-compare", "compared view"]);
    if (drawsOf(a)) items.splice(1, 0, ["fan-90", "90% of draws"], ["fan-50", "50%"], ["fan-median", "median of draws"]);
    this.legendList(this.legend, a, items, withGroups);
  }
  /** A chart's legend: [kind, text] items ("marks" shows the symbol of
   * every year on screen), and the groups' colours when asked. */
  legendList(root, a, items, withGroups) {
    const styles2 = this.ctx.styles();
    const years = a.years.map((y) => y.year);
    const looks = years.map((y) => `${y}${styles2.get(y).symbol}${styles2.get(y).color}`).join();
    const key = `${items.map((i) => i[0]).join()}|${withGroups}|${looks}`;
    if (!keyed(root, key, () => {
    })) return;
    const list2 = document.createElement("ul");
    for (const [kind, text] of items) {
      const li = document.createElement("li");
      const key2 = document.createElement("span");
      key2.className = `key key-${kind}`;
      key2.setAttribute("aria-hidden", "true");
      if (kind === "marks") for (const y of years) key2.append(this.ctx.glyph(y, 11));
      li.append(key2, document.createTextNode(text));
      list2.append(li);
    }
    if (withGroups) {
      this.ctx.groups.forEach((g, i) => {
        const li = document.createElement("li");
        const key2 = document.createElement("span");
        key2.className = "key key-cat";
        key2.style.borderColor = GROUP_COLORS[i % GROUP_COLORS.length];
        key2.setAttribute("aria-hidden", "true");
        li.append(key2, document.createTextNode(g));
        list2.append(li);
      });
    }
    root.replaceChildren(list2);
  }
  drawStrip(a) {
    const last = a.years[a.years.length - 1];
    const count = ofN(last.supercritical_count, a.categories.length);
    const close = closeCall(drawsOf(a), last.year) ? ", too close to call" : "";
    const text = `${last.year}: mean slope ${fixed(last.mean_slope)}${close} · ${count} super-critical · ${last.accelerating_count} before their midpoint`;
    setText(this.strip, text);
  }
};

// app/static/js/ranges.js
var KEY_STEPS2 = { ArrowRight: 0.01, ArrowUp: 0.01, ArrowLeft: -0.01, ArrowDown: -0.01, PageUp: 0.1, PageDown: -0.1 };
var KEY_IDLE_COMMIT_MS3 = 600;
var DEFAULT_HALF_WIDTH = 0.05;
var MIN_WIDTH = 1e-3;
var PATH_STEPS = 24;
var NS4 = "http://www.w3.org/2000/svg";
function rangeOf(state, id, year) {
  const row = state.ranges && state.ranges[id];
  const r = row && row[String(year)];
  return r ? r : null;
}
function setRange(state, id, year, value) {
  const ranges = { ...state.ranges || {} };
  const row = { ...ranges[id] || {} };
  if (value) row[String(year)] = value;
  else delete row[String(year)];
  if (Object.keys(row).length) ranges[id] = row;
  else delete ranges[id];
  state.ranges = ranges;
}
function defaultRange(x) {
  return [round3(Math.max(0, x - DEFAULT_HALF_WIDTH)), round3(Math.min(1, x + DEFAULT_HALF_WIDTH))];
}
function squeeze(lo, hi, x) {
  lo = round3(clamp(lo, 0, x));
  hi = round3(clamp(hi, x, 1));
  if (hi - lo < MIN_WIDTH) {
    if (x < 1) hi = round3(Math.min(1, x + MIN_WIDTH));
    else lo = round3(1 - MIN_WIDTH);
  }
  return [lo, hi];
}
function fixRanges(state, base, owner) {
  if (!state.ranges) return;
  const years = new Set(state.years.map(String));
  const carry = base !== null && !(owner instanceof RangeHandle);
  for (const id of Object.keys(state.ranges)) {
    for (const [year, r] of Object.entries(state.ranges[id])) {
      const row = state.estimates[id] || {};
      const x = row[year];
      if (!years.has(year) || x === void 0 || x === null) {
        setRange(state, id, year, null);
        continue;
      }
      let [lo, hi] = r;
      const was = carry ? rangeOf(base, id, year) : null;
      const wasX = was && base.estimates[id] ? base.estimates[id][year] : void 0;
      if (was && wasX !== void 0 && wasX !== null) {
        lo = x - (wasX - was[0]);
        hi = x + (was[1] - wasX);
      }
      const next = squeeze(lo, hi, x);
      if (next[0] !== r[0] || next[1] !== r[1]) setRange(state, id, year, next);
    }
  }
}
var RangeHandle = class {
  constructor(view, end) {
    this.view = view;
    this.end = end;
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
    if (e.key in KEY_STEPS2) v = this.value + KEY_STEPS2[e.key] * (e.shiftKey ? 5 : 1);
    else if (e.key === "Home") v = 0;
    else if (e.key === "End") v = 1;
    else return;
    e.preventDefault();
    v = this.limit(v);
    if (v !== this.value) this.set(v);
    clearTimeout(this.keyTimer);
    this.keyTimer = setTimeout(() => this.flushKeys(), KEY_IDLE_COMMIT_MS3);
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
};
var RangeView = class {
  constructor(set, year) {
    this.set = set;
    this.chart = set.chart;
    this.year = year;
    this.x = null;
    this.range = null;
    this.color = "";
    this.path = document.createElementNS(NS4, "path");
    this.path.setAttribute("class", "range-path");
    set.svg.append(this.path);
    this.handles = [new RangeHandle(this, 0), new RangeHandle(this, 1)];
    for (const h2 of this.handles) set.layer.append(h2.el);
    this.button = document.createElement("button");
    this.button.type = "button";
    this.button.className = "btn-quiet range-btn";
    this.words = document.createElement("span");
    this.button.append(this.words);
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
    if (this.path.style.display !== (has ? "" : "none")) this.path.style.display = has ? "" : "none";
    for (const h2 of this.handles) {
      if (h2.el.hidden !== !has) h2.el.hidden = !has;
      if (has) {
        const v = range[h2.end];
        setAttr(h2.el, "aria-valuenow", String(v));
        setAttr(h2.el, "aria-valuetext", `${pos(v)} (${h2.end ? "high" : "low"} end; estimate ${pos(x)})`);
      }
    }
    if (this.button.hidden !== (x === null)) this.button.hidden = x === null;
    const name = `${this.chart.name}, ${this.year}`;
    for (const h2 of this.handles) setAttr(h2.el, "aria-label", `${name}, ${h2.end ? "high" : "low"} end of range`);
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
      const v = lo + (hi - lo) * i / PATH_STEPS;
      d += `${i ? "L" : "M"}${chart.xPixel(v).toFixed(1)} ${chart.yPixel(chart.upliftAt(v)).toFixed(1)}`;
    }
    setAttr(this.path, "d", d);
  }
  style(color) {
    if (color === this.color) return;
    this.color = color;
    this.path.style.stroke = color;
    for (const h2 of this.handles) h2.el.style.setProperty("--range-color", color);
  }
  toggle(byKey = false) {
    const store2 = this.chart.store;
    const id = this.chart.id;
    const year = this.year;
    const x = (store2.state.estimates[id] || {})[String(year)];
    if (x === void 0 || x === null) return;
    const next = rangeOf(store2.state, id, year) ? null : defaultRange(x);
    store2.preview((s) => setRange(s, id, year, next));
    store2.commit();
    if (next && byKey) this.handles[0].el.focus();
  }
  /** The server's numbers for this estimate, in its readout row. */
  showInterval(band, fresh) {
    if (!this.range || !this.marker) return;
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
    for (const h2 of this.handles) {
      clearTimeout(h2.keyTimer);
      h2.el.remove();
    }
    this.cell.remove();
    this.interval.remove();
  }
};
var ChartRanges = class {
  constructor(chart) {
    this.chart = chart;
    this.views = /* @__PURE__ */ new Map();
    this.svg = document.createElementNS(NS4, "svg");
    this.svg.setAttribute("class", "range-svg");
    this.svg.setAttribute("aria-hidden", "true");
    this.layer = document.createElement("div");
    this.layer.className = "range-layer";
    this.layer.append(this.svg);
    chart.overlay.append(this.layer);
    chart.onLayout = () => this.place();
  }
  render(state, styles2) {
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
      const style = styles2.get(year);
      if (style) v.style(style.color);
      const x = row[String(year)];
      const dragging = v.handles.some((h2) => h2.drag);
      if (!dragging) v.show(x === void 0 ? null : x, rangeOf(state, id, year));
    }
  }
  place() {
    for (const v of this.views.values()) v.place(true);
  }
};
var Ranges = class {
  constructor(charts2, ctx2) {
    this.ctx = ctx2;
    this.store = ctx2.store;
    this.charts = charts2;
    this.sets = [];
    this.store.addFixup((state, base, owner) => {
      fixRanges(state, base, owner);
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
    const styles2 = this.ctx.styles();
    for (const s of this.sets) s.render(state, styles2);
  }
  renderAnalysis(analysis, state) {
    this.render(state);
    const u = analysis.uncertainty;
    for (const s of this.sets) {
      const bands = u && u.categories[s.chart.id];
      for (const v of s.views.values()) {
        if (!v.range) continue;
        const band = bands ? bands.find((b) => b.year === v.year) : null;
        const same2 = (r) => r && r[0] === v.range[0] && r[1] === v.range[1];
        const x = (analysis.state.estimates[s.chart.id] || {})[String(v.year)];
        const fresh = Boolean(band) && same2(rangeOf(analysis.state, s.chart.id, v.year)) && x === v.x;
        v.showInterval(fresh || !v.interval.textContent ? band : null, fresh);
      }
    }
  }
};

// app/static/js/print.js
var observer = null;
function keepPlotWidths(cards) {
  observer ||= new ResizeObserver((entries) => {
    for (const e of entries) {
      const w = e.target.clientWidth;
      if (w) e.target.closest(".card").style.setProperty("--plot-w", `${w}px`);
    }
  });
  for (const card of cards) observer.observe(card.querySelector(".plot-wrap"));
}

// app/static/js/png.js
function plotlyText(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function exportFigure(chart, styles2, showDefaults) {
  const { data: data2, layout } = chart.figure();
  const traces = data2.map((t) => ({ ...t, showlegend: false }));
  const add = (markers, kind) => {
    for (const [year, m] of markers) {
      if (m.x === null || m.el.hidden) continue;
      const style = styles2.get(year);
      if (!style) continue;
      const u = m.uplift !== void 0 && m.uplift !== null ? m.uplift : chart.upliftAt(m.x);
      const hollow = kind === "compare";
      traces.push({
        type: "scatter",
        mode: "markers",
        x: [m.x],
        y: [u],
        name: kind === "estimate" ? `${year}: ${pos(m.x)}` : kind === "compare" ? `${year} (compared view)` : `${year} default`,
        marker: {
          size: hollow ? 15 : 14,
          symbol: hollow ? `${style.symbol}-open` : style.symbol,
          color: style.color,
          opacity: kind === "default" ? 0.35 : 1,
          line: { color: hollow ? style.color : "#ffffff", width: hollow ? 2 : 1.5 }
        },
        showlegend: true
      });
    }
  };
  if (showDefaults) add(chart.defaults, "default");
  add(chart.compares, "compare");
  add(chart.markers, "estimate");
  return {
    data: traces,
    layout: {
      ...layout,
      height: 520,
      width: 820,
      margin: { l: 64, r: 24, t: 70, b: 60 },
      paper_bgcolor: "#ffffff",
      showlegend: true,
      legend: { orientation: "v", x: 1, xanchor: "right", y: 0.02, yanchor: "bottom", bgcolor: "rgba(255,255,255,0.85)" },
      title: {
        text: `${plotlyText(chart.name)}<br><span style="font-size:12px;color:${MUTED}">${plotlyText(chart.cat.question)}</span>`,
        x: 0.02,
        xanchor: "left",
        font: { family: FONT, size: 18, color: INK }
      }
    }
  };
}
async function savePng(chart, styles2, showDefaults) {
  await loadPlotly();
  const fig = exportFigure(chart, styles2, showDefaults);
  const url = await Plotly.toImage(fig, { format: "png", width: 820, height: 520, scale: 2 });
  const a = document.createElement("a");
  a.href = url;
  a.download = `scurve-${chart.id}.png`;
  document.body.append(a);
  a.click();
  a.remove();
}

// app/static/js/shape.js
var FIELDS = [
  { key: "midpoint", label: "Midpoint", hint: "where the curve is steepest; right = later" },
  { key: "steepness", label: "Steepness", hint: "lower = flatter and wider" },
  { key: "ceiling", label: "Full payoff (ceiling)", hint: "the most this work can ever add" }
];
var WEIGHT = { key: "weight", label: "Weight", hint: "in the mean across categories" };
var bounds = (f) => f === WEIGHT ? part("weights", "weight") : part("curves", f.key);
function same(a, b) {
  return a.midpoint === b.midpoint && a.steepness === b.steepness && a.ceiling === b.ceiling;
}
var ShapeControl = class {
  constructor(chart, details) {
    this.chart = chart;
    this.store = chart.store;
    this.details = details;
    this.body = details.querySelector(".shape-body");
    this.inputs = /* @__PURE__ */ new Map();
    this.built = false;
    this.payoff = this.makePayoff(chart);
    details.addEventListener("toggle", () => {
      if (details.open && !this.built) this.build();
      if (details.open) this.render(this.store.state);
    });
  }
  /** The curve's ceiling beside the marks, as the belief it is: every
   * verdict in the readout is measured in it. "Change" opens the control. */
  makePayoff(chart) {
    const line = document.createElement("p");
    line.className = "payoff";
    const value = document.createElement("span");
    value.className = "payoff-value";
    const edit = document.createElement("button");
    edit.type = "button";
    edit.className = "btn-link payoff-edit";
    edit.textContent = "Change";
    edit.setAttribute("aria-label", `Change the full payoff of ${chart.name}`);
    edit.addEventListener("click", () => {
      if (!this.built) this.build();
      this.details.open = true;
      this.render(this.store.state);
      this.inputs.get("ceiling").input.focus();
    });
    line.append("Full payoff ", value, ": the most this work can ever add to the next AI, a belief.", edit);
    chart.card.querySelector(".readout").before(line);
    return { value, edit };
  }
  build() {
    this.built = true;
    const id = this.chart.id;
    for (const f of [...FIELDS, WEIGHT]) {
      const row = document.createElement("div");
      row.className = "shape-row";
      const label = document.createElement("label");
      const inputId = `shape-${id}-${f.key}`;
      label.htmlFor = inputId;
      label.append(document.createTextNode(f.label));
      const hint = document.createElement("span");
      hint.className = "hint";
      hint.textContent = f.hint;
      label.append(hint);
      const input = document.createElement("input");
      input.type = "range";
      input.id = inputId;
      const { min, max, step } = bounds(f);
      input.min = String(min);
      input.max = String(max);
      input.step = String(step);
      const out = document.createElement("output");
      out.htmlFor = inputId;
      input.addEventListener("input", () => this.onInput(f.key, Number(input.value)));
      input.addEventListener("change", () => this.scheduleCommit());
      input.addEventListener("blur", () => this.flush());
      row.append(label, input, out);
      this.body.append(row);
      this.inputs.set(f.key, { input, out });
    }
    const reset = document.createElement("button");
    reset.type = "button";
    reset.className = "btn btn-quiet";
    reset.textContent = "Default shape and weight";
    reset.addEventListener("click", () => this.resetShape());
    this.body.append(reset);
  }
  scheduleCommit() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), 500);
  }
  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.store.commit(this);
  }
  current(state) {
    const cat = this.chart.cat;
    const curve = state.curves && state.curves[cat.id] || cat.curve;
    const weight = state.weights && state.weights[cat.id] !== void 0 ? state.weights[cat.id] : cat.weight;
    return { ...curve, weight };
  }
  render(state) {
    const values = this.current(state);
    const text = String(values.ceiling);
    if (this.payoff.value.textContent !== text) this.payoff.value.textContent = text;
    const label = `Change the full payoff of ${this.chart.name}`;
    if (this.payoff.edit.getAttribute("aria-label") !== label) this.payoff.edit.setAttribute("aria-label", label);
    if (!this.built) return;
    for (const [key, { input, out }] of this.inputs) {
      if (document.activeElement !== input) input.value = String(values[key]);
      out.value = String(values[key]);
    }
  }
  onInput(key, value) {
    const id = this.chart.id;
    const cat = this.chart.cat;
    const v = round3(value);
    this.inputs.get(key).out.value = String(v);
    const mutate = (s) => {
      if (key === "weight") {
        const weights = { ...s.weights || {} };
        if (v === cat.weight) delete weights[id];
        else weights[id] = v;
        s.weights = weights;
        return;
      }
      const curves = { ...s.curves || {} };
      const curve = { ...s.curves && s.curves[id] || cat.curve, [key]: v };
      if (same(curve, cat.curve)) delete curves[id];
      else curves[id] = curve;
      s.curves = curves;
    };
    this.store.preview(mutate, { owner: this });
  }
  resetShape() {
    const id = this.chart.id;
    this.store.preview((s) => {
      const curves = { ...s.curves || {} };
      const weights = { ...s.weights || {} };
      delete curves[id];
      delete weights[id];
      s.curves = curves;
      s.weights = weights;
    });
    this.store.commit();
    this.render(this.store.state);
  }
};

// app/static/js/side.js
var GAP = 12;
function stickBothWays(el) {
  let top = GAP;
  let lastY = window.scrollY;
  let sticky = false;
  const measure = () => {
    sticky = getComputedStyle(el).position === "sticky";
    if (!sticky) el.style.removeProperty("top");
    update();
  };
  const update = () => {
    const y = window.scrollY;
    const dy = y - lastY;
    lastY = y;
    if (!sticky) return;
    const lowest = Math.min(GAP, window.innerHeight - el.offsetHeight - GAP);
    const next = Math.max(lowest, Math.min(GAP, top - dy));
    if (next !== top || !el.style.top) {
      top = next;
      el.style.top = `${Math.round(top)}px`;
    }
  };
  window.addEventListener("scroll", update, { passive: true });
  window.addEventListener("resize", measure);
  new ResizeObserver(update).observe(el);
  measure();
}

// app/static/js/strip.js
function showStripWhenAway(strip, targets) {
  const inView = /* @__PURE__ */ new Set();
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) inView.add(e.target);
      else inView.delete(e.target);
    }
    strip.classList.toggle("is-away", inView.size === 0);
  });
  for (const t of targets) if (t) io.observe(t);
}

// app/static/js/signals.js
function inSentence(name) {
  if (name.length > 1 && name[1] === name[1].toLowerCase()) return name[0].toLowerCase() + name.slice(1);
  return name;
}
function nameInSentence(id, name) {
  return /^u\d+$/.test(id) ? name : inSentence(name);
}
function listText(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
function newlyText(a, yearIndex) {
  const y = a.years[yearIndex];
  const names = new Map(a.categories.map((c) => [c.id, c.name]));
  const list2 = y.newly_supercritical.map((id) => nameInSentence(id, names.get(id) || id));
  const since = a.years[yearIndex - 1].year;
  if (!list2.length) return `Newly super-critical in ${y.year}: none since ${since}.`;
  return `Newly super-critical in ${y.year}: ${listText(list2)}.`;
}
var Signals = class {
  constructor(root, ctx2) {
    this.root = root;
    this.ctx = ctx2;
    this.root.innerHTML = "";
    const tiles = document.createElement("dl");
    tiles.className = "signal-tiles";
    this.past = this.tile(tiles, "past their steepest point");
    this.loglog = this.tile(tiles, "elasticity above 1");
    this.mean = this.tile(tiles, "mean slope");
    this.total = this.tile(tiles, "total slope");
    this.lead = document.createElement("p");
    this.lead.className = "signal-year";
    this.lead.id = "signals-year";
    this.newly = document.createElement("ul");
    this.newly.className = "signal-newly";
    this.newly.id = "signals-newly";
    this.root.append(this.lead, tiles, this.newly);
    ctx2.store.on("analysis", (analysis) => this.render(analysis));
    this.render(ctx2.store.analysis);
  }
  tile(list2, label) {
    const div = document.createElement("div");
    div.className = "signal-tile";
    const dd = document.createElement("dd");
    dd.className = "signal-value";
    const dt = document.createElement("dt");
    dt.className = "signal-label";
    dt.textContent = label;
    div.append(dt, dd);
    list2.append(div);
    return dd;
  }
  render(a) {
    if (!a || !a.years.length) return;
    const last = a.years[a.years.length - 1];
    const n = a.categories.length;
    setText(this.lead, `In ${last.year}, your last year:`);
    setText(this.past, `${last.past_midpoint_count} of ${n}`);
    setText(this.loglog, `${last.loglog_supercritical_count} of ${n}`);
    setText(this.mean, fixed(last.mean_slope));
    setText(this.total, fixed(last.total_slope));
    this.past.parentElement.title = `${last.past_midpoint_count} of ${n} categories are at or past the midpoint of their curve, where it is steepest`;
    this.loglog.parentElement.title = "categories whose elasticity (the slope on log-log axes) is above 1: a reading that needs no unit";
    this.total.parentElement.title = "the sum of the weighted slopes of every category: many tasks steep at once";
    const lines = [];
    for (let i = a.years.length - 1; i >= 1; i--) lines.push(newlyText(a, i));
    keyed(this.newly, lines.join("|"), () => {
      this.newly.replaceChildren(
        ...lines.map((text, i) => {
          const li = document.createElement("li");
          if (i > 0) li.className = "earlier";
          const [head, rest] = [text.slice(0, text.indexOf(":") + 1), text.slice(text.indexOf(":") + 1)];
          const b = document.createElement("strong");
          b.textContent = head;
          li.append(b, document.createTextNode(rest));
          return li;
        })
      );
    });
  }
};

// app/static/js/stacked.js
var SHADES = [
  ["#1d4f8f", "#4f86c9", "#2f6db3", "#93b8e3"],
  ["#9a4a10", "#e08a3c", "#c2621a", "#f2b57c"],
  ["#1e6b43", "#62b086", "#2e8b57", "#a5d8ba"],
  ["#55348a", "#a283d4", "#7b4fb3", "#cbb8ea"],
  ["#0e5f6b", "#5fb7c2", "#2a8c99", "#9fd6dd", "#4d5b6a"]
];
function layerColors(categories) {
  const groups2 = [...new Set(categories.map((c) => c.group))];
  const seen = /* @__PURE__ */ new Map();
  const out = /* @__PURE__ */ new Map();
  for (const c of categories) {
    const g = Math.min(groups2.indexOf(c.group), SHADES.length - 1);
    const j = seen.get(c.group) || 0;
    seen.set(c.group, j + 1);
    out.set(c.id, SHADES[g][j % SHADES[g].length]);
  }
  return out;
}
function upliftLayers(a) {
  const f = a.forecast;
  const cats = a.categories.filter((c) => f.categories[c.id] && f.categories[c.id].share);
  const colors = layerColors(a.categories);
  return cats.map((c) => ({
    id: c.id,
    name: c.name,
    color: colors.get(c.id),
    values: f.categories[c.id].share
  }));
}
var UpliftChart = class {
  constructor(container, legend, ctx2) {
    this.ctx = ctx2;
    this.legend = legend;
    this.f = new Frame(container, 260, { l: 42, r: 18, t: 22, b: 26 });
    this.f.svg.classList.add("uplift-svg");
    this.layer = svgEl("g", { class: "uplift-layers" }, this.f.svg);
    this.marks = svgEl("g", { class: "uplift-marks" }, this.f.svg);
    this.hover = svgEl("line", { class: "hover-line", visibility: "hidden" }, this.f.svg);
    this.range = { t0: 0, t1: 1 };
    this.tip = wireHover(this, container);
    ctx2.store.on("analysis", (a) => this.render(a));
    this.render(ctx2.store.analysis);
  }
  x(t) {
    const { t0, t1 } = this.range;
    return this.f.margin.l + this.f.plotW * (t - t0) / Math.max(1e-9, t1 - t0);
  }
  render(a) {
    this.last = a;
    const fc = a.forecast;
    const f = this.f;
    const layers = upliftLayers(a);
    this.layers = layers;
    const t = fc.t;
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
    for (const y of a.state.years) {
      if (y < t0 - 1e-9 || y > t1 + 1e-9) continue;
      const x = this.x(y).toFixed(1);
      p.el("line", { x1: x, x2: x, y1: f.margin.t, y2: f.margin.t + f.plotH, class: "year-mark" });
      const g = p.keyed(`${y}|${JSON.stringify(this.ctx.styles().get(y))}`, () => {
        const node = document.createElementNS("http://www.w3.org/2000/svg", "g");
        const glyph2 = this.ctx.glyph(y, 12);
        glyph2.setAttribute("x", "-6");
        glyph2.setAttribute("y", "-6");
        node.append(glyph2);
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
      const list2 = document.createElement("ul");
      for (const layer of [...layers].reverse()) {
        const li = document.createElement("li");
        li.dataset.category = layer.id;
        const sw = document.createElement("span");
        sw.className = "uplift-swatch";
        sw.style.background = layer.color;
        sw.setAttribute("aria-hidden", "true");
        li.append(sw, document.createTextNode(layer.name));
        list2.append(li);
      }
      if (!layers.length) {
        const li = document.createElement("li");
        li.textContent = "No category has an estimate (or every weight is 0): nothing to stack.";
        list2.append(li);
      }
      this.legend.replaceChildren(list2);
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
      ["y2", this.f.margin.t + this.f.plotH]
    ])
      this.hover.setAttribute(k, String(v));
    this.hover.setAttribute("visibility", "visible");
    const biggest = [...this.layers].sort((p, q) => (q.values[best] || 0) - (p.values[best] || 0)).slice(0, 2).map((l) => `${nameInSentence(l.id, l.name)} ${fixed(l.values[best])}`);
    this.tip.textContent = `${yearLabel(t[best])}: mean uplift ${fixed(a.forecast.mean_uplift[best])} · most from ${biggest.join(", ")}`;
    this.tip.hidden = false;
    const width = this.tip.offsetWidth || 200;
    const left = Math.min(Math.max(0, x - width / 2), this.f.width - width);
    this.tip.style.transform = `translate(${left}px, 0)`;
  }
};

// app/static/js/tornado-table.js
function renderTornadoTable(table, rows, names, measures2) {
  const head = document.createElement("tr");
  head.append(h("th", { scope: "col", text: "Category" }), h("th", { scope: "col", text: "Mark moved to" }));
  for (const m of measures2) head.append(h("th", { scope: "col", text: `${m.title}, low end` }), h("th", { scope: "col", text: "high end" }));
  const key = rows.map((r) => JSON.stringify(r)).join("|") + measures2.map((m) => `${m.title}${m.base}`).join();
  if (table.dataset.key === key) return;
  table.dataset.key = key;
  table.tHead.replaceChildren(head);
  const drawn = document.createElement("tr");
  drawn.className = "as-drawn";
  drawn.append(h("th", { scope: "row", text: "As drawn" }), h("td", { text: "–" }));
  for (const m of measures2) drawn.append(h("td", { colspan: "2", text: m.text(m.base) }));
  const body = rows.map((r) => {
    const tr = document.createElement("tr");
    tr.dataset.category = r.id;
    tr.append(h("th", { scope: "row", text: names.get(r.id) || r.id }), h("td", { text: `${fixed(r.low_x)} or ${fixed(r.high_x)}` }));
    for (const m of measures2) for (const v of m.values(r)) tr.append(h("td", { text: m.text(v) }));
    return tr;
  });
  table.tBodies[0].replaceChildren(drawn, ...body);
}

// app/static/js/tornado.js
var ROW = 34;
var HEAD = 44;
var FOOT = 24;
var WIDE = 620;
function measures(a) {
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
      end
    },
    {
      key: "milestone",
      title: `${share[0].toUpperCase()}${share.slice(1)} its potential`,
      phrase: `${share} its potential`,
      base: m ? m.year : null,
      values: (r) => r.milestone,
      text: (v) => v === null ? `not by ${end}` : `around ${yearWords(v)}`,
      // A whole year is its end, as everywhere on the page: "end 2027", never a bare "2027" beside "mid 2027".
      tick: (v) => yearLabel(v).replace("end of ", "end "),
      threshold: null,
      end
    }
  ];
}
function flipWords(a, rows, names) {
  const last = a.years[a.years.length - 1];
  const base = last.mean_slope;
  if (base === null) return "";
  const flips = rows.filter((r) => r.mean_slope.some((v) => v !== null && v > 1 !== base > 1));
  if (!flips.length) return `No one of them moved this far takes the ${last.year} mean slope across 1.`;
  const list2 = flips.map((r) => nameInSentence(r.id, names.get(r.id) || r.id));
  const text = list2.length === 1 ? list2[0] : `${list2.slice(0, -1).join(", ")} or ${list2[list2.length - 1]}`;
  return `Moving ${text} alone takes the ${last.year} mean slope across 1.`;
}
function ticks2(lo, hi, years) {
  const steps = years ? [0.25, 0.5, 1, 2, 5, 10] : [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5];
  const step = steps.find((s) => (hi - lo) / s <= 4) || steps[steps.length - 1];
  const out = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}
var TornadoChart = class {
  /**
   * @param {HTMLElement} section the chart's section (#tornado-section)
   * @param {{store: any}} ctx
   */
  constructor(section, ctx2) {
    this.section = section;
    this.box = /** @type {HTMLElement} */
    section.querySelector("#tornado-chart");
    this.lede = /** @type {HTMLElement} */
    section.querySelector("#tornado-lede");
    this.readout = section.querySelector("#tornado-readout");
    this.table = /** @type {HTMLTableElement} */
    section.querySelector("#tornado-table");
    this.f = new Frame(this.box, 200, { l: 0, r: 8, t: HEAD, b: FOOT });
    this.f.svg.classList.add("tornado-svg");
    this.layer = svgEl("g", {}, this.f.svg);
    this.hover = svgEl("g", { class: "tb-active", visibility: "hidden" }, this.f.svg);
    this.f.svg.insertBefore(this.hover, this.layer);
    this.tip = wireHover(this, this.box);
    this.active = null;
    this.rows = [];
    this.names = /* @__PURE__ */ new Map();
    this.measures = [];
    this.panels = [];
    this.box.addEventListener("keydown", (e) => this.onKey(e));
    this.box.addEventListener("focus", () => this.show(this.active === null ? 0 : this.active));
    this.box.addEventListener("blur", () => this.show(null));
    ctx2.store.on("analysis", (a) => this.render(a));
    this.render(ctx2.store.analysis);
  }
  /** @param {any} a */
  render(a) {
    this.last = a;
    this.analysis = a;
    const rows = a.sensitivity || [];
    this.rows = rows;
    const names = new Map(a.categories.map((c) => [c.id, c.name]));
    this.names = names;
    this.measures = measures(a);
    const year = a.years[a.years.length - 1].year;
    setText(
      this.lede,
      rows.length ? `Each of your ${year} marks moved on its own to the low and the high end of its range (0.05 either way without one), everything else as drawn and its path refitted: how far the ${year} mean slope and the first milestone move. The bars start at your view as drawn; the first rows move the mean slope most.` : `No category is estimated in ${year}, your last year: there is no mark to move.`
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
    const gap = 44;
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
    const chars2 = Math.max(8, Math.floor((width - 8) / 6.3));
    this.rows.forEach((r, i) => {
      const y = top + i * ROW;
      const name = this.names.get(r.id) || r.id;
      p.el("text", { x: x + 2, y: y + 14, class: "tb-name" }, name.length > chars2 ? `${name.slice(0, chars2 - 1)}…` : name);
      p.el("text", { x: x + 2, y: y + 27, class: "tb-moved" }, `${fixed(r.low_x)} or ${fixed(r.high_x)}`);
    });
  }
  /** One measure: its title, axis, the view as drawn, and a bar each way per row. */
  panel(p, m, left, top, width) {
    const vals = this.rows.flatMap((r) => m.values(r)).map((v) => v === null ? m.end : v);
    const all = m.base === null ? vals : [...vals, m.base];
    let [lo, hi] = [Math.min(...all), Math.max(...all)];
    const pad = Math.max((hi - lo) * 0.08, m.key === "slope" ? 0.02 : 0.05);
    [lo, hi] = [lo - pad, hi + pad];
    if (m.key === "milestone") [lo, hi] = [Math.floor(lo * 4) / 4, Math.ceil(hi * 4) / 4];
    const x = (v) => left + width * (v - lo) / (hi - lo);
    this.panels.push({ m, top, left, width, x });
    const bottom = top + this.rows.length * ROW;
    p.el("text", { x: left, y: top - 26, class: "tb-title" }, m.title);
    for (const v of ticks2(lo, hi, m.key === "milestone")) {
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
    if (next === void 0) return;
    e.preventDefault();
    this.show(Math.max(0, Math.min(n - 1, next)));
  }
  /** The pointer's row. */
  onHover(e) {
    const first = this.panels && this.panels[0];
    if (!first) return;
    const y = e.clientY - this.f.svg.getBoundingClientRect().top;
    const block = HEAD + this.rows.length * ROW + FOOT;
    const i = Math.floor((this.f.width >= WIDE ? y - first.top : (y - HEAD) % block) / ROW);
    if (i >= 0 && i < this.rows.length) this.show(i);
  }
};

// app/static/js/table.js
function tag(text, extra = "") {
  return h("span", { class: `sc-tag${extra}`, text });
}
function renderValues(root, a) {
  const years = a.state.years;
  root.querySelector(".values-summary").textContent = a.summary;
  const cats = (
    /** @type {HTMLTableElement} */
    root.querySelector("#values-categories")
  );
  const h1 = h("tr");
  h1.append(h("th", { scope: "col", rowspan: "2", text: "Category" }));
  const h2 = h("tr");
  for (const y of years) {
    h1.append(h("th", { scope: "colgroup", colspan: "4", text: String(y) }));
    for (const name of ["Position", "Slope", "Place", "Break-even payoff"]) h2.append(h("th", { scope: "col", text: name }));
  }
  cats.tHead?.replaceChildren(h1, h2);
  const rows = a.categories.map((c) => {
    const tr = h("tr");
    tr.append(h("th", { scope: "row", text: c.name }));
    const byYear = new Map(c.points.map((p) => [p.year, p]));
    for (const y of years) {
      const p = byYear.get(y);
      if (!p) {
        const td = h("td", { colspan: "4", text: "no estimate" });
        td.className = "none";
        tr.append(td);
        continue;
      }
      const place = h("td", { text: placeWords(p) });
      if (p.supercritical) place.append(" ", tag("super-critical"));
      tr.append(h("td", { text: p.position.toFixed(3) }), h("td", { text: fixed(p.slope) }), place, h("td", { text: fixed(p.breakeven_payoff) }));
    }
    return tr;
  });
  cats.tBodies[0].replaceChildren(...rows);
  const yearRows = a.years.map((y) => {
    const tr = h("tr");
    const mean = h("td", { text: fixed(y.mean_slope) });
    if (closeCall(a, y.year)) mean.append(" ", tag("too close to call", " sc-close"));
    else if (y.supercritical) mean.append(" ", tag("super-critical"));
    tr.append(
      h("th", { scope: "row", text: String(y.year) }),
      mean,
      h("td", { text: fixed(y.total_slope) }),
      h("td", { text: `${y.supercritical_count} of ${a.categories.length}` }),
      h("td", { text: String(y.accelerating_count) }),
      h("td", { text: fixed(y.breakeven_scale) })
    );
    return tr;
  });
  root.querySelector("#values-years").tBodies[0].replaceChildren(...yearRows);
  root.querySelector(".values-forecast").textContent = tableForecastText(a);
}

// app/static/js/main.js
var data = JSON.parse(
  /** @type {HTMLElement} */
  document.getElementById("scurve-data").textContent
);
document.documentElement.classList.add("js");
var catalog = data.categories;
var groups = [...new Set(catalog.categories.map((c) => c.group))];
var store = new Store(data.analysis.state, data.analysis);
var showMessage = makeMessenger(document.getElementById("messages"));
var changeListeners = [];
var styleCache = { key: "", map: /* @__PURE__ */ new Map() };
function styles() {
  const years = new Set(store.state.years);
  const cmp = store.analysis && store.analysis.compare;
  if (cmp) for (const y of cmp.state.years) years.add(y);
  const sorted = [...years].sort((a, b) => a - b);
  const key = sorted.join(",");
  if (key !== styleCache.key) styleCache = { key, map: yearStyles(sorted) };
  return styleCache.map;
}
function defaultState() {
  return {
    years: [...catalog.years],
    estimates: Object.fromEntries(catalog.categories.map((c) => [c.id, { ...c.defaults }])),
    curves: {},
    weights: {},
    horizon: setting("horizon").default,
    title: ""
  };
}
var ctx = {
  store,
  styles,
  groups,
  showMessage,
  defaultState,
  trendText,
  glyph: (year, size) => glyph(styles().get(year) || { color: "#5b6675", symbol: "circle" }, "solid", size)
};
var byId = new Map(data.analysis.categories.map((c) => [c.id, c]));
function makeChart(card, cat, samples) {
  const chart = new CategoryChart(card, cat, samples, ctx);
  if (cat.anchors) chart.anchors = new AnchorTicks(chart, cat.anchors);
  keepPlotWidths([card]);
  chart.shape = new ShapeControl(chart, card.querySelector("details.shape"));
  wireClaims(card, cat.id, showMessage);
  card.querySelector(".save-png").addEventListener("click", () => {
    savePng(chart, styles(), document.body.classList.contains("show-defaults")).catch(
      (err) => showMessage(`The image could not be made: ${err.message || err}`, "error")
    );
  });
  return chart;
}
var catalogById = new Map(catalog.categories.map((c) => [c.id, c]));
var charts = data.analysis.categories.map((result) => {
  const card = document.getElementById(`card-${result.id}`);
  primeSamples(result.curve, data.samples[result.id]);
  const cat = catalogById.get(result.id) || customCategory(result.id, data.analysis.state.custom[result.id]);
  return makeChart(card, cat, data.samples[result.id]);
});
var custom = new CustomCategories(ctx, { charts, makeChart, catalog, samples: data.custom_samples });
var controls = new Controls(ctx);
var panel = new Panel(document.getElementById("aggregate-panel"), ctx);
stickBothWays(document.querySelector(".side"));
showStripWhenAway(document.getElementById("live-strip"), [
  document.getElementById("headline"),
  document.getElementById("aggregate-panel")
]);
var valuesBlock = (
  /** @type {HTMLElement} */
  /** @type {HTMLDialogElement} */
  document.getElementById("values-block")
);
valuesBlock.open = false;
valuesBlock.addEventListener("toggle", () => {
  if (valuesBlock.open) renderValues(
    /** @type {HTMLElement} */
    document.getElementById("values-body"),
    store.analysis
  );
});
var title = (
  /** @type {HTMLElement} */
  document.getElementById("page-title")
);
function renderState(state) {
  custom.sync(state);
  const st = styles();
  for (const chart of charts) {
    chart.renderState(state, st);
    chart.shape.render(state);
  }
  controls.render(state);
  renderLegend(document.getElementById("legend"), state, store.analysis, st);
}
function renderAnalysis(analysis) {
  const st = styles();
  const cmp = analysis.compare ? new Map(analysis.compare.categories.map((c) => [c.id, c])) : null;
  for (const result of analysis.categories) {
    const chart = charts.find((c) => c.id === result.id);
    if (chart) chart.renderAnalysis(result, cmp ? cmp.get(result.id) : null, st);
  }
  panel.render(analysis);
  custom.renderAnalysis(analysis);
  if (valuesBlock.open) renderValues(
    /** @type {HTMLElement} */
    document.getElementById("values-body"),
    analysis
  );
  renderLegend(document.getElementById("legend"), store.state, analysis, st);
  setText(title, analysis.state.title || title.dataset.default);
  const docTitle = analysis.state.title ? `${analysis.state.title} · scurve` : `scurve: ${title.dataset.default}`;
  if (document.title !== docTitle) document.title = docTitle;
}
store.on("state", renderState);
store.on("analysis", (analysis, state) => {
  renderAnalysis(analysis);
  const copy = changeListeners.length ? clone(state) : null;
  for (const cb of changeListeners) {
    try {
      cb(copy, analysis);
    } catch (err) {
      setTimeout(() => {
        throw err;
      });
    }
  }
});
store.on("error", (err) => showMessage(errorText(err), "error"));
window.addEventListener("popstate", () => store.restoreFromLocation());
if (location.pathname + location.search !== data.analysis.permalink) {
  window.history.replaceState(null, "", data.analysis.permalink + location.hash);
}
renderState(store.state);
for (const chart of charts) {
  const result = byId.get(chart.id);
  chart.start(result.curve, result.band);
}
renderAnalysis(store.analysis);
new Ranges(charts, ctx);
setUpRangesPanel(document.getElementById("ranges-panel"), store);
new Signals(document.getElementById("panel-signals"), ctx);
new FeedbackControl(document.getElementById("feedback-control"), ctx);
new LagControl(document.getElementById("lag-control"), ctx);
new MilestoneShares(
  /** @type {HTMLFormElement} */
  document.getElementById("milestones-form"),
  ctx
);
new UpliftChart(document.getElementById("uplift-chart"), document.getElementById("uplift-legend"), ctx);
new TornadoChart(
  /** @type {HTMLElement} */
  document.getElementById("tornado-section"),
  ctx
);
wireSwitch(
  /** @type {HTMLInputElement} */
  document.getElementById("loglog")
);
onAxesChange(() => {
  for (const chart of charts) chart.applyAxes();
  renderAnalysis(store.analysis);
});
window.scurve = {
  getState: () => clone(store.state),
  getAnalysis: () => clone(store.analysis),
  async setState(json, { history = "push" } = {}) {
    let analysis;
    try {
      analysis = await analyzeState(json);
    } catch (err) {
      throw (
        /** @type {any} */
        err.body || { detail: String(err), errors: [] }
      );
    }
    store.replace(analysis.state, { history: history === "replace" ? "replace" : "push", analysis });
    return analysis;
  },
  onChange(cb) {
    if (typeof cb === "function") changeListeners.push(cb);
  },
  showMessage
};
function whenQuiet() {
  return new Promise((resolve) => {
    const check = () => store.base === null ? resolve(void 0) : setTimeout(wait, 250);
    const wait = () => requestIdleCallback(check, { timeout: 1e3 });
    wait();
  });
}
requestAnimationFrame(
  () => setTimeout(() => {
    performance.mark("scurve:charts-drawn");
    document.body.dataset.interactive = "true";
    plotlyFetched().then(whenQuiet).then(() => Promise.all(charts.map((chart) => chart.drawPlotly()))).then(() => performance.mark("scurve:plotly-drawn")).catch(
      (err) => showMessage(
        `The chart library did not load (${err.message || err}), so the charts stay as first drawn: a changed curve shape is not redrawn and Save PNG is unavailable. Reloading the page may help.`,
        "error"
      )
    ).finally(() => {
      document.body.dataset.ready = "true";
      document.dispatchEvent(new CustomEvent("scurve:ready"));
    });
  })
);
