import {
  fixed,
  svgEl
} from "./chunk-53C3SWFZ.js";

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
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 20 20");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.classList.add("glyph", `glyph-${kind}`);
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
  svg.append(path);
  return svg;
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

// app/static/js/verdict.js
function short(x) {
  return x >= 10 ? x.toFixed(0) : String(Number(x.toPrecision(2)));
}
function placeWords(point) {
  if (point.relative_slope === 1) return "at its steepest";
  return point.phase === "early" || point.phase === "accelerating" ? "before the midpoint" : "past the midpoint";
}
function payoffWords(point, ceiling) {
  const drawn = `(you drew ${short(ceiling)})`;
  const need = point.breakeven_payoff;
  if (need === null) return `not super-critical at any full payoff: the curve is flat here ${drawn}`;
  const needText = short(need) === short(ceiling) && need !== ceiling ? String(Number(need.toPrecision(3))) : short(need);
  if (point.supercritical) return `super-critical while its full payoff is at least ${needText} ${drawn}`;
  return `super-critical only with a full payoff of at least ${needText} ${drawn}`;
}
function elasticWords(point) {
  return point.supercritical_loglog ? "elastic" : "inelastic";
}
function drawsPercent(p) {
  if (p < 0.01) return "<1%";
  if (p > 0.99) return ">99%";
  return `${Math.round(p * 100)}%`;
}
function exactPercent(p) {
  return p === 0 || p === 1 ? `${p * 100}%` : drawsPercent(p);
}
function closeCall(drawn, year) {
  const y = drawn && drawn.uncertainty ? drawn.uncertainty.years.find((u) => u.year === year) : null;
  const m = y && y.mean_slope;
  return m && m[0] <= 1 && 1 <= m[4] ? [m[0], m[4]] : null;
}
function yearKind(y, drawn) {
  if (closeCall(drawn, y.year)) return "close";
  return y.supercritical ? "sc" : "not";
}
function scaleWords(y, drawn) {
  const close = closeCall(drawn, y.year);
  const who = close ? "it" : String(y.year);
  const whose = close ? "its" : `${y.year}'s`;
  const s = y.breakeven_scale;
  let text;
  if (y.mean_slope === null) text = `${who} has no estimate with weight, so no verdict`;
  else if (s === null) text = `${whose} mean slope is 0: no full payoff makes it super-critical`;
  else if (y.supercritical) text = `${who} stays super-critical on average while every full payoff is at least ${short(s)}× what you drew`;
  else text = `${who} would be super-critical on average if every full payoff were ${short(s)}× larger`;
  if (!close) return `${text}.`;
  return `${y.year} is too close to call (90% of draws: ${close[0].toFixed(2)} to ${close[1].toFixed(2)}); as drawn, ${text}.`;
}

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
function xFraction(x) {
  return logAxes ? logXFrac(x) : x;
}
function xAtFraction(frac) {
  return logAxes ? logXAt(frac) : frac;
}
function yFraction(u) {
  return logAxes ? logYFrac(u) : 1 - u / U_MAX;
}
function tickText(v) {
  return String(v);
}
function logFigure(samples, curve, height, band = null) {
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
  const annotations = [];
  if (band) {
    const [lo, hi] = [Math.max(band[0], X_MIN), band[1]];
    data.unshift({
      type: "scatter",
      mode: "none",
      x: [lo, hi, hi, lo],
      y: [U_MIN, U_MIN, U_MAX, U_MAX],
      fill: "toself",
      fillcolor: BAND_FILL,
      hoverinfo: "skip",
      name: "super-critical band",
      showlegend: false
    });
    const hx = [];
    const hy = [];
    xs.forEach((x, i) => {
      if (x >= band[0] && x <= band[1]) {
        hx.push(x);
        hy.push(us[i]);
      }
    });
    data.splice(2, 0, { ...data[1], x: hx, y: hy, line: { color: CURVE_HOT, width: 3.5, simplify: false }, name: "super-critical part" });
    const right = Math.log10(Math.min(hi, 1));
    const left = Math.log10(lo);
    const mid = (left + right) / 2;
    const under = Math.log10(Math.max(hy.length ? hy[0] : U_MAX, U_MIN)) - 0.25;
    const place = right - left < 0.35 ? { x: left - 0.03, xanchor: "right", yref: "paper", y: 1 } : { x: mid > -0.2 ? right : mid, xanchor: mid > -0.2 ? "right" : "center", yref: "y", y: Math.max(under, LU0 + 0.25) };
    annotations.push({
      xref: "x",
      ...place,
      yanchor: "top",
      text: "super-critical",
      showarrow: false,
      font: { size: 10, color: BAND_TEXT }
    });
  }
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
      ...annotations,
      {
        xref: "x",
        yref: "y",
        // Annotations on log axes take log10 coordinates.
        x: Math.log10(GUIDE.x[0] * 0.95),
        y: Math.log10(GUIDE.u[0]),
        xanchor: "right",
        yanchor: "middle",
        text: "elasticity 1",
        showarrow: false,
        font: { size: 10, color: MUTED }
      }
    ]
  };
  return { data, layout };
}
function span(className, style, text) {
  const el = document.createElement("span");
  el.className = className;
  el.setAttribute("style", style);
  el.textContent = text;
  return el;
}
function logStaticArea(samples, curve, band = null) {
  const area = document.createElement("div");
  area.className = "ps-area ps-log";
  const draw = svgEl("svg", { class: "ps-draw", viewBox: "0 0 1000 1050", preserveAspectRatio: "none", focusable: "false" });
  const px = (x) => (logXFrac(x) * 1e3).toFixed(1);
  const py = (u) => (logYFrac(u) * 1050).toFixed(1);
  if (band) {
    const [lo, hi] = [Number(px(band[0])), Number(px(band[1]))];
    draw.append(svgEl("rect", { class: "ps-band", x: lo, y: 0, width: Math.max(0, hi - lo).toFixed(1), height: 1050 }));
  }
  for (const x of X_TICKS) draw.append(svgEl("line", { class: "ps-grid", x1: px(x), x2: px(x), y1: 0, y2: 1050 }));
  for (const u of U_TICKS) draw.append(svgEl("line", { class: "ps-grid", x1: 0, x2: 1e3, y1: py(u), y2: py(u) }));
  const pts = [];
  const hot = [];
  samples.x.forEach((x, i) => {
    if (!(x >= X_MIN && samples.uplift[i] > 0)) return;
    pts.push(`${px(x)},${py(samples.uplift[i])}`);
    if (band && x >= band[0] && x <= band[1]) hot.push(pts[pts.length - 1]);
  });
  draw.append(svgEl("path", { class: "ps-curve", d: `M${pts.join("L")}` }));
  if (hot.length) draw.append(svgEl("path", { class: "ps-hot", d: `M${hot.join("L")}` }));
  draw.append(
    svgEl("path", {
      class: "ps-guide",
      d: `M${px(GUIDE.x[0])},${py(GUIDE.u[0])}L${px(GUIDE.x[1])},${py(GUIDE.u[1])}`
    })
  );
  draw.append(svgEl("line", { class: "ps-mid", x1: px(curve.midpoint), x2: px(curve.midpoint), y1: 0, y2: 1050 }));
  area.append(draw);
  if (band) {
    const mid = (logXFrac(Math.max(band[0], X_MIN)) + logXFrac(band[1])) / 2 * 100;
    area.append(span("ps-band-label", `left:${mid.toFixed(2)}%`, "super-critical"));
  }
  area.append(
    span("ps-guide-label", `right:${(100 - logXFrac(GUIDE.x[0] * 0.95) * 100).toFixed(2)}%;top:${(logYFrac(GUIDE.u[0]) * 100).toFixed(2)}%`, "slope 1")
  );
  for (const x of X_TICKS) area.append(span("ps-xtick", `left:${(logXFrac(x) * 100).toFixed(2)}%`, tickText(x)));
  for (const u of U_TICKS) area.append(span("ps-ytick", `top:${(logYFrac(u) * 100).toFixed(2)}%`, tickText(u)));
  area.append(span("ps-xtitle", "", "capability at the task (log)"));
  area.append(span("ps-ytitle", "", "uplift (log)"));
  return area;
}
function drawLogDetail(point) {
  const lead = document.createElement("span");
  lead.className = "log-lead";
  const value = document.createElement("span");
  value.className = "elasticity";
  value.textContent = `elasticity ${fixed(point.elasticity)}`;
  const word = document.createElement("span");
  word.className = `elastic-word${point.supercritical_loglog ? " is-elastic" : ""}`;
  word.textContent = elasticWords(point);
  lead.append(value, document.createTextNode(" · "), word);
  return lead;
}

export {
  yearStyles,
  glyph,
  BAND_FILL,
  BAND_TEXT,
  CURVE_COLOR,
  CURVE_HOT,
  INK,
  MUTED,
  FONT,
  GROUP_COLORS,
  PLOT_AXIS,
  placeWords,
  payoffWords,
  elasticWords,
  drawsPercent,
  exactPercent,
  closeCall,
  yearKind,
  scaleWords,
  U_MAX,
  isLogLog,
  onAxesChange,
  wireSwitch,
  xFraction,
  xAtFraction,
  yFraction,
  logFigure,
  logStaticArea,
  drawLogDetail
};
