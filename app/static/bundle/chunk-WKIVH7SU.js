import {
  clamp,
  fixed,
  phaseText,
  pos,
  round3
} from "./chunk-B2AVQEV6.js";

// app/static/js/dom.js
var keys = /* @__PURE__ */ new WeakMap();
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
function keyed(el, key, build) {
  if (keys.get(el) === key) return false;
  keys.set(el, key);
  build();
  return true;
}
function wireSlider(el, target) {
  el.addEventListener("pointerdown", (e) => target.onPointerDown(e));
  el.addEventListener("pointermove", (e) => target.onPointerMove(e));
  for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) {
    el.addEventListener(type, (e) => target.onPointerEnd(e));
  }
  el.addEventListener("keydown", (e) => target.onKeyDown(e));
  el.addEventListener("blur", () => target.flushKeys());
}

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

// app/static/js/api.js
var ApiError = class extends Error {
  constructor(status, body) {
    super(body && body.detail ? body.detail : `request failed (${status})`);
    this.status = status;
    this.body = body || { detail: this.message, errors: [] };
  }
};
async function send(url, init) {
  let res;
  try {
    res = await fetch(url, { credentials: "same-origin", ...init });
  } catch (err) {
    throw new ApiError(0, { detail: "The server could not be reached; check the connection and try again.", errors: [] });
  }
  let body = null;
  try {
    body = await res.json();
  } catch (err) {
    body = null;
  }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}
function analyzeState(state, { preview = false } = {}) {
  return send(preview ? "/api/analyze?preview=1" : "/api/analyze", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(state)
  });
}
function analyzeQuery(query) {
  return send(`/api/analyze?${query.replace(/^\?/, "")}`, { method: "GET" });
}
var sampleCache = /* @__PURE__ */ new Map();
function curveKey(curve) {
  return `${curve.midpoint},${curve.steepness},${curve.ceiling}`;
}
function primeSamples(curve, samples) {
  sampleCache.set(curveKey(curve), Promise.resolve(samples));
}
function curveSamples(curve) {
  const key = curveKey(curve);
  let hit = sampleCache.get(key);
  if (!hit) {
    const q = new URLSearchParams({
      midpoint: String(curve.midpoint),
      steepness: String(curve.steepness),
      ceiling: String(curve.ceiling)
    });
    hit = send(`/api/curve?${q}`, { method: "GET" });
    hit.catch(() => sampleCache.delete(key));
    sampleCache.set(key, hit);
  }
  return hit;
}
var claimsCache = /* @__PURE__ */ new Map();
function claimsFor(categoryId) {
  let hit = claimsCache.get(categoryId);
  if (!hit) {
    hit = send(`/api/claims?${new URLSearchParams({ category: categoryId })}`, { method: "GET" });
    hit.catch(() => claimsCache.delete(categoryId));
    claimsCache.set(categoryId, hit);
  }
  return hit;
}

// app/static/js/plotly-loader.js
var source = document.querySelector('meta[name="plotly-src"]');
var fetched = null;
var loading = null;
function plotlyFetched() {
  if (!fetched) {
    fetched = !source || window.Plotly ? Promise.resolve() : new Promise((resolve) => {
      const link = document.createElement("link");
      link.rel = "preload";
      link.setAttribute("as", "script");
      link.href = source.content;
      link.addEventListener("load", () => resolve(), { once: true });
      link.addEventListener("error", () => resolve(), { once: true });
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

// app/static/js/style.js
var COLORS = [
  "#0072b2",
  // blue
  "#d55e00",
  // vermilion
  "#009e73",
  // bluish green
  "#b0357a",
  // reddish purple
  "#6a4fb3",
  // violet
  "#8c6d1f",
  // ochre
  "#0e7c8c",
  // teal
  "#c0392b",
  // red
  "#4d5b6a",
  // slate
  "#6b7f1a"
  // olive
];
var SYMBOLS = [
  "circle",
  "square",
  "triangle-up",
  "diamond",
  "triangle-down",
  "pentagon",
  "hexagon",
  "star",
  "cross",
  "x"
];
function yearStyles(years) {
  const taken = /* @__PURE__ */ new Set();
  const out = /* @__PURE__ */ new Map();
  for (const year of years) {
    let i = ((year - 2024) % 10 + 10) % 10;
    while (taken.has(i)) i = (i + 1) % 10;
    taken.add(i);
    out.set(year, { color: COLORS[i], symbol: SYMBOLS[i] });
  }
  return out;
}
function polygon(n, r, rotate = -90, inner = null) {
  const pts = [];
  const count = inner ? n * 2 : n;
  for (let k = 0; k < count; k++) {
    const rad = inner && k % 2 ? inner : r;
    const a = (rotate + 360 / count * k) * Math.PI / 180;
    pts.push(`${(10 + rad * Math.cos(a)).toFixed(2)} ${(10 + rad * Math.sin(a)).toFixed(2)}`);
  }
  return `M${pts.join("L")}Z`;
}
function rotated(path, deg) {
  return { d: path, transform: `rotate(${deg} 10 10)` };
}
var CROSS = "M7.4 2.5H12.6V7.4H17.5V12.6H12.6V17.5H7.4V12.6H2.5V7.4H7.4Z";
var PATHS = {
  circle: { d: "M17 10A7 7 0 1 1 3 10A7 7 0 1 1 17 10Z" },
  square: { d: "M3.8 3.8H16.2V16.2H3.8Z" },
  "triangle-up": { d: "M10 2.2L18 16.4H2Z" },
  diamond: { d: "M10 1.8L18.2 10L10 18.2L1.8 10Z" },
  "triangle-down": { d: "M2 3.6H18L10 17.8Z" },
  pentagon: { d: polygon(5, 8.2) },
  hexagon: { d: polygon(6, 8, 0) },
  star: { d: polygon(5, 9.2, -90, 4) },
  cross: { d: CROSS },
  x: rotated(CROSS, 45)
};
var SVG_NS = "http://www.w3.org/2000/svg";
function glyph(style, kind = "solid", size = 20) {
  const svg2 = document.createElementNS(SVG_NS, "svg");
  svg2.setAttribute("viewBox", "0 0 20 20");
  svg2.setAttribute("width", String(size));
  svg2.setAttribute("height", String(size));
  svg2.setAttribute("aria-hidden", "true");
  svg2.setAttribute("focusable", "false");
  svg2.classList.add("glyph", `glyph-${kind}`);
  const path = document.createElementNS(SVG_NS, "path");
  const shape = PATHS[style.symbol];
  path.setAttribute("d", shape.d);
  if (shape.transform) path.setAttribute("transform", shape.transform);
  if (kind === "hollow") {
    path.setAttribute("fill", "#ffffff");
    path.setAttribute("fill-opacity", "0.6");
    path.setAttribute("stroke", style.color);
    path.setAttribute("stroke-width", "2");
    path.setAttribute("stroke-dasharray", "3 2");
  } else {
    path.setAttribute("fill", style.color);
    path.setAttribute("stroke", "#ffffff");
    path.setAttribute("stroke-width", "1.6");
    if (kind === "faint") path.setAttribute("opacity", "0.35");
  }
  svg2.append(path);
  return svg2;
}
var BAND_FILL = "rgba(245, 180, 0, 0.16)";
var BAND_TEXT = "#7a5a00";
var CURVE_COLOR = "#334155";
var CURVE_HOT = "#b45309";
var INK = "#1b2430";
var MUTED = "#5b6675";
var GRID = "#e8ecf1";
var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
var GROUP_COLORS = ["#2f6db3", "#c2621a", "#2e8b57", "#7b4fb3"];
var PLOT_AXIS = {
  fixedrange: true,
  gridcolor: GRID,
  zeroline: false,
  linecolor: "#c5cdd8",
  showline: true,
  tickfont: { size: 10, color: MUTED },
  ticks: ""
};

// app/static/js/loglog.js
var STORAGE_KEY = "scurve.axes";
var X_MIN = 0.01;
var U_MIN = 1e-3;
var U_MAX = 1.05;
var LX0 = Math.log10(X_MIN);
var LU0 = Math.log10(U_MIN);
var LU1 = Math.log10(U_MAX);
var X_TICKS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];
var U_TICKS = [1e-3, 0.01, 0.1, 1];
var GUIDE = { x: [0.2, 0.8], u: [18e-4, 72e-4] };
var logAxes = readPreference();
var listeners = [];
function readPreference() {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "log";
  } catch (err) {
    return false;
  }
}
function isLogLog() {
  return logAxes;
}
function setLogLog(on) {
  const next = Boolean(on);
  if (next === logAxes) return;
  logAxes = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next ? "log" : "linear");
  } catch (err) {
  }
  document.body.classList.toggle("axes-log", next);
  for (const fn of listeners) fn(next);
}
function onAxesChange(fn) {
  listeners.push(fn);
}
function wireSwitch(input) {
  if (!input) return;
  input.checked = logAxes;
  document.body.classList.toggle("axes-log", logAxes);
  input.addEventListener("change", () => setLogLog(input.checked));
}
function logXFrac(x) {
  const lx = Math.log10(Math.max(x, X_MIN));
  return Math.min(1, (lx - LX0) / -LX0);
}
function logXAt(frac) {
  const f = Math.min(1, Math.max(0, frac));
  return 10 ** (LX0 * (1 - f));
}
function logYFrac(u) {
  const lu = Math.log10(Math.max(u, U_MIN));
  return Math.min(1, Math.max(0, (LU1 - lu) / (LU1 - LU0)));
}
function tickText(v) {
  return String(v);
}
function logFigure(samples, curve, height) {
  const xs = [];
  const us = [];
  samples.x.forEach((x, i) => {
    if (x > 0 && samples.uplift[i] > 0) {
      xs.push(x);
      us.push(samples.uplift[i]);
    }
  });
  const axis = { ...PLOT_AXIS, type: "log" };
  const data = [
    {
      type: "scatter",
      mode: "lines",
      x: xs,
      y: us,
      line: { color: CURVE_COLOR, width: 2, simplify: false },
      hoverinfo: "skip",
      name: "curve",
      showlegend: false
    },
    {
      type: "scatter",
      mode: "lines",
      x: GUIDE.x,
      y: GUIDE.u,
      line: { color: MUTED, width: 1.5, dash: "dash" },
      hoverinfo: "skip",
      name: "slope 1",
      showlegend: false
    },
    {
      type: "scatter",
      mode: "lines",
      x: [curve.midpoint, curve.midpoint],
      y: [U_MIN, U_MAX],
      line: { color: MUTED, width: 1, dash: "dot" },
      hoverinfo: "skip",
      name: "midpoint",
      showlegend: false
    }
  ];
  const layout = {
    height,
    margin: { l: 40, r: 12, t: 8, b: 36 },
    font: { family: FONT, size: 11, color: INK },
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "#ffffff",
    showlegend: false,
    xaxis: {
      ...axis,
      range: [LX0, 0],
      tickvals: X_TICKS,
      ticktext: X_TICKS.map(tickText),
      title: { text: "capability at the task (log)", font: { size: 11, color: MUTED }, standoff: 6 }
    },
    yaxis: {
      ...axis,
      range: [LU0, LU1],
      tickvals: U_TICKS,
      ticktext: U_TICKS.map(tickText),
      title: { text: "uplift (log)", font: { size: 11, color: MUTED }, standoff: 4 }
    },
    annotations: [
      {
        xref: "x",
        yref: "y",
        // Annotations on log axes take log10 coordinates.
        x: Math.log10(GUIDE.x[0] * 0.95),
        y: Math.log10(GUIDE.u[0]),
        xanchor: "right",
        yanchor: "middle",
        text: "slope 1",
        showarrow: false,
        font: { size: 10, color: MUTED }
      }
    ]
  };
  return { data, layout };
}
var NS = "http://www.w3.org/2000/svg";
function svg(tag, attrs) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}
function span(className, style, text) {
  const el = document.createElement("span");
  el.className = className;
  el.setAttribute("style", style);
  el.textContent = text;
  return el;
}
function logStaticArea(samples, curve) {
  const area = document.createElement("div");
  area.className = "ps-area ps-log";
  const draw = svg("svg", { class: "ps-draw", viewBox: "0 0 1000 1050", preserveAspectRatio: "none", focusable: "false" });
  const px = (x) => (logXFrac(x) * 1e3).toFixed(1);
  const py = (u) => (logYFrac(u) * 1050).toFixed(1);
  for (const x of X_TICKS) draw.append(svg("line", { class: "ps-grid", x1: px(x), x2: px(x), y1: 0, y2: 1050 }));
  for (const u of U_TICKS) draw.append(svg("line", { class: "ps-grid", x1: 0, x2: 1e3, y1: py(u), y2: py(u) }));
  const pts = [];
  samples.x.forEach((x, i) => {
    if (x >= X_MIN && samples.uplift[i] > 0) pts.push(`${px(x)},${py(samples.uplift[i])}`);
  });
  draw.append(svg("path", { class: "ps-curve", d: `M${pts.join("L")}` }));
  draw.append(
    svg("path", {
      class: "ps-guide",
      d: `M${px(GUIDE.x[0])},${py(GUIDE.u[0])}L${px(GUIDE.x[1])},${py(GUIDE.u[1])}`
    })
  );
  draw.append(svg("line", { class: "ps-mid", x1: px(curve.midpoint), x2: px(curve.midpoint), y1: 0, y2: 1050 }));
  area.append(draw);
  area.append(
    span("ps-guide-label", `right:${(100 - logXFrac(GUIDE.x[0] * 0.95) * 100).toFixed(2)}%;top:${(logYFrac(GUIDE.u[0]) * 100).toFixed(2)}%`, "slope 1")
  );
  for (const x of X_TICKS) area.append(span("ps-xtick", `left:${(logXFrac(x) * 100).toFixed(2)}%`, tickText(x)));
  for (const u of U_TICKS) area.append(span("ps-ytick", `top:${(logYFrac(u) * 100).toFixed(2)}%`, tickText(u)));
  area.append(span("ps-xtitle", "", "capability at the task (log)"));
  area.append(span("ps-ytitle", "", "uplift (log)"));
  return area;
}
function drawLogDetail(detail, point) {
  const lead = document.createElement("span");
  lead.className = "elasticity";
  lead.textContent = `elasticity ${fixed(point.elasticity)}`;
  const verdict = document.createElement("span");
  verdict.className = `verdict${point.supercritical_loglog ? " is-sc" : ""}`;
  verdict.textContent = point.supercritical_loglog ? "super-critical on log-log axes" : "below 1 on log-log axes";
  const linear = document.createElement("span");
  linear.className = "linear-note";
  linear.textContent = `linear slope ${fixed(point.slope)}, ${phaseText(point)}`;
  detail.replaceChildren(lead, document.createTextNode(" · "), verdict, linear);
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
    let phase = this.phase && !this.stale ? `, ${this.phase}` : "";
    if (phase && isLogLog() && typeof this.elasticity === "number") phase = `, elasticity ${fixed(this.elasticity)}${phase}`;
    const near = nearAnchorText(this.chart.cat.anchors, this.x);
    const extra = this.extrapolated ? ", extrapolated" : "";
    return `${this.chart.name}, ${this.year}: ${pos(this.x)}${extra}${phase}${near ? `, ${near}` : ""}`;
  }
  /** The server's analysis of this estimate: slope and phase in words. */
  showPoint(point) {
    if (!point || this.x === null) return;
    this.phase = phaseText(point);
    this.elasticity = point.elasticity;
    this.pointX = point.position;
    this.markStale(false);
    setAttr(this.el, "aria-valuetext", this.valueText());
    const log = isLogLog();
    const key = `${log ? fixed(point.elasticity) : ""} ${fixed(point.slope)} ${this.phase} ${point.supercritical}`;
    keyed(this.detail, key, () => log ? drawLogDetail(this.detail, point) : this.drawDetail(point));
  }
  drawDetail(point) {
    let slope = this.detail.querySelector(".slope");
    let phase = this.detail.querySelector(".phase");
    if (!slope || !phase) {
      slope = document.createElement("span");
      phase = document.createElement("span");
      this.detail.replaceChildren(slope, document.createTextNode(" · "), phase, this.extrap);
    }
    setText(slope, `slope ${fixed(point.slope)}`);
    setText(phase, phaseText(point));
    const cls = `phase phase-${point.phase}${point.supercritical ? " is-sc" : ""}`;
    if (phase.className !== cls) phase.className = cls;
    if (slope.className !== "slope") slope.className = "slope";
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
var Y_MAX = 1.05;
var PLOT_HEIGHT = 210;
var CategoryChart = class {
  constructor(card, category, samples, ctx) {
    this.card = card;
    this.cat = category;
    this.id = category.id;
    this.name = category.name;
    this.store = ctx.store;
    this.ctx = ctx;
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
    return (isLogLog() ? logYFrac(u) : 1 - u / Y_MAX) * this.geom.h;
  }
  /** Horizontal fraction of the plot area at position x, on the axes shown
   * (linear or log, js/loglog.js), and the position at a fraction. */
  xFrac(x) {
    return isLogLog() ? logXFrac(x) : x;
  }
  xAt(frac) {
    return isLogLog() ? logXAt(frac) : frac;
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
    if (this.onLayout) this.onLayout();
  }
  // -- the Plotly figure ------------------------------------------------------
  figure() {
    if (isLogLog()) return logFigure(this.samples, this.curve, PLOT_HEIGHT);
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
      data.push({
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
    this.staticPlot.replaceChildren(...isLogLog() ? [logStaticArea(this.samples, this.curve)] : this.linearStatic);
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
    if (curveKey(curve) !== curveKey(this.curve)) return;
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
      if (this.overlay.children[i + 1] !== m.el) this.overlay.insertBefore(m.el, this.overlay.children[i + 1] || null);
      if (this.readout.children[i] !== m.row) this.readout.insertBefore(m.row, this.readout.children[i] || null);
      const x = row[String(year)];
      if (!m.drag) m.show(x === void 0 || x === null ? null : x);
    });
    const defaults = this.cat.defaults;
    this.syncGhosts(
      this.defaults,
      years.filter((y) => defaults[String(y)] !== void 0),
      styles,
      "default",
      (y) => [defaults[String(y)], null]
    );
    const curve = state.curves && state.curves[this.id] || this.cat.curve;
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
      if (p && m.x !== null && Math.abs(p.position - m.x) < 5e-4) m.showPoint(p);
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
      }
    );
    this.card.classList.toggle("has-compare", cpoints.length > 0);
  }
};

export {
  setText,
  setAttr,
  keyed,
  wireSlider,
  AnchorTicks,
  analyzeState,
  analyzeQuery,
  primeSamples,
  curveSamples,
  claimsFor,
  plotlyFetched,
  loadPlotly,
  yearStyles,
  glyph,
  INK,
  MUTED,
  FONT,
  GROUP_COLORS,
  isLogLog,
  onAxesChange,
  wireSwitch,
  extrapolated,
  Y_MAX,
  CategoryChart
};
