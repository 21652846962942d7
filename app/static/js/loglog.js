// The log-log reading of the charts (docs/DESIGN.md §3.2, the essay's footnote 5):
// the same curve u(x) drawn with both axes on log scales, where the slope of
// the drawn curve is the elasticity x u'(x) / u(x), a reading that needs no
// unit. The linear reading stays the default.
//
// Which axes are shown is a display preference of this browser (kept in
// localStorage), not part of a view: a shared link opens on the reader's own
// choice, and the numbers in the link and the API are the same either way.
//
// Everything drawn here comes from the server's curve samples; the
// elasticity and its verdict shown in the readouts come from the server's
// analysis (`elasticity`, `supercritical_loglog` of each point). Only the
// mapping of values to pixels is done here.

import { svgEl } from "./dom.js";
import { fixed } from "./format.js";
import { BAND_FILL, BAND_TEXT, CURVE_COLOR, CURVE_HOT, FONT, INK, MUTED, PLOT_AXIS } from "./style.js";
import { elasticWords } from "./verdict.js";

const STORAGE_KEY = "scurve.axes";
export const X_MIN = 0.01; // the left edge: two decades of capability
export const U_MIN = 0.001; // the bottom edge: three decades of uplift
export const U_MAX = 1.05; // the top of both the linear and the log axes
const LX0 = Math.log10(X_MIN);
const LU0 = Math.log10(U_MIN);
const LU1 = Math.log10(U_MAX);
const X_TICKS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];
const U_TICKS = [0.001, 0.01, 0.1, 1];
// A guide of slope 1 (elasticity 1) in the empty lower right of every chart:
// a mark where the curve is steeper than it is elastic.
const GUIDE = { x: [0.2, 0.8], u: [0.0018, 0.0072] };

let logAxes = readPreference();
const listeners = [];

function readPreference() {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "log";
  } catch (err) {
    return false; // storage blocked: the default
  }
}

/** True when the charts are on log-log axes. */
export function isLogLog() {
  return logAxes;
}

/** Switch the axes, remember the choice and tell the listeners.
 * @param {boolean} on
 */
export function setLogLog(on) {
  const next = Boolean(on);
  if (next === logAxes) return;
  logAxes = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next ? "log" : "linear");
  } catch (err) {
    // not remembered; the page still switches
  }
  document.body.classList.toggle("axes-log", next);
  for (const fn of listeners) fn(next);
}

/**
 * @param {(logLog: boolean) => void} fn
 */
export function onAxesChange(fn) {
  listeners.push(fn);
}

/** Wire the page's switch (a checkbox) to the preference.
 * @param {HTMLInputElement | null} input
 */
export function wireSwitch(input) {
  if (!input) return;
  input.checked = logAxes;
  document.body.classList.toggle("axes-log", logAxes);
  input.addEventListener("change", () => setLogLog(input.checked));
}

// -- value <-> fraction of the plot area (0 = left / top) ---------------------

/** Horizontal fraction of a position on the log axis (clamped to the edges).
 * @param {number} x
 * @returns {number}
 */
export function logXFrac(x) {
  const lx = Math.log10(Math.max(x, X_MIN));
  return Math.min(1, (lx - LX0) / -LX0);
}

/** The position at a horizontal fraction of the log axis.
 * @param {number} frac
 * @returns {number}
 */
export function logXAt(frac) {
  const f = Math.min(1, Math.max(0, frac));
  return 10 ** (LX0 * (1 - f));
}

/** Vertical fraction (from the top) of an uplift on the log axis.
 * @param {number} u
 * @returns {number}
 */
export function logYFrac(u) {
  const lu = Math.log10(Math.max(u, U_MIN));
  return Math.min(1, Math.max(0, (LU1 - lu) / (LU1 - LU0)));
}

// -- on the axes shown (linear or log): what everything drawn over a chart uses

/** Horizontal fraction of the plot area at position x.
 * @param {number} x
 * @returns {number}
 */
export function xFraction(x) {
  return logAxes ? logXFrac(x) : x;
}

/** The position at a horizontal fraction of the plot area.
 * @param {number} frac
 * @returns {number}
 */
export function xAtFraction(frac) {
  return logAxes ? logXAt(frac) : frac;
}

/** Vertical fraction (from the top) of the plot area at uplift u; the
 * linear axis runs from 0 to U_MAX, as the log one ends there.
 * @param {number} u
 * @returns {number}
 */
export function yFraction(u) {
  return logAxes ? logYFrac(u) : 1 - u / U_MAX;
}

function tickText(v) {
  return String(v);
}

// -- the Plotly figure -----------------------------------------------------

/**
 * The chart's figure on log-log axes: its curve from the samples, the
 * midpoint, a guide of slope 1 (elasticity 1) and the super-critical band,
 * the server's positions where the linear slope is above 1: the same band
 * as on linear axes, so no verdict changes with the view.
 * @param {{x: number[], uplift: number[]}} samples
 * @param {{midpoint: number}} curve
 * @param {number} height
 * @param {[number, number] | null} [band]
 */
export function logFigure(samples, curve, height, band = null) {
  const xs = [];
  const us = [];
  samples.x.forEach((x, i) => {
    if (x > 0 && samples.uplift[i] > 0) {
      xs.push(x);
      us.push(samples.uplift[i]);
    }
  });
  const axis = { ...PLOT_AXIS, type: "log" };
  /** @type {any[]} Plotly traces */
  const data = [
    {
      type: "scatter",
      mode: "lines",
      x: xs,
      y: us,
      line: { color: CURVE_COLOR, width: 2, simplify: false },
      hoverinfo: "skip",
      name: "curve",
      showlegend: false,
    },
    {
      type: "scatter",
      mode: "lines",
      x: GUIDE.x,
      y: GUIDE.u,
      line: { color: MUTED, width: 1.5, dash: "dash" },
      hoverinfo: "skip",
      name: "slope 1",
      showlegend: false,
    },
    {
      type: "scatter",
      mode: "lines",
      x: [curve.midpoint, curve.midpoint],
      y: [U_MIN, U_MAX],
      line: { color: MUTED, width: 1, dash: "dot" },
      hoverinfo: "skip",
      name: "midpoint",
      showlegend: false,
    },
  ];
  const annotations = [];
  if (band) {
    const [lo, hi] = [Math.max(band[0], X_MIN), band[1]];
    // A filled trace, not a shape: its corners are data coordinates on these axes.
    data.unshift({
      type: "scatter",
      mode: "none",
      x: [lo, hi, hi, lo],
      y: [U_MIN, U_MIN, U_MAX, U_MAX],
      fill: "toself",
      fillcolor: BAND_FILL,
      hoverinfo: "skip",
      name: "super-critical band",
      showlegend: false,
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
    // Annotations on log axes take log10 coordinates. The curve climbs along
    // the band's top, so in a band wide enough for it (a third of a decade) the
    // label sits under the curve's lowest point in the band, ending at the
    // band's right edge where centring it would run past the plot. A narrower
    // band gets it outside, at the top left, where the rising curve is not.
    const right = Math.log10(Math.min(hi, 1)); // the band may run past the axis, which ends at 1
    const left = Math.log10(lo);
    const mid = (left + right) / 2;
    const under = Math.log10(Math.max(hy.length ? hy[0] : U_MAX, U_MIN)) - 0.25;
    const place =
      right - left < 0.35
        ? { x: left - 0.03, xanchor: "right", yref: "paper", y: 1 }
        : { x: mid > -0.2 ? right : mid, xanchor: mid > -0.2 ? "right" : "center", yref: "y", y: Math.max(under, LU0 + 0.25) };
    annotations.push({
      xref: "x",
      ...place,
      yanchor: "top",
      text: "super-critical",
      showarrow: false,
      font: { size: 10, color: BAND_TEXT },
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
      title: { text: "capability at the task (log)", font: { size: 11, color: MUTED }, standoff: 6 },
    },
    yaxis: {
      ...axis,
      range: [LU0, LU1],
      tickvals: U_TICKS,
      ticktext: U_TICKS.map(tickText),
      title: { text: "uplift (log)", font: { size: 11, color: MUTED }, standoff: 4 },
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
        font: { size: 10, color: MUTED },
      },
    ],
  };
  return { data, layout };
}

// -- the first-paint drawing (before Plotly), on log-log axes ----------------

function span(className, style, text) {
  const el = document.createElement("span");
  el.className = className;
  el.setAttribute("style", style);
  el.textContent = text;
  return el;
}

/**
 * The content of a `.plot-static` box on log-log axes, in the markup of
 * app/render/firstpaint.py's drawing (same classes, drawing units 1000 x 1050),
 * with the super-critical band as on linear axes.
 * @param {{x: number[], uplift: number[]}} samples
 * @param {{midpoint: number}} curve
 * @param {[number, number] | null} [band]
 * @returns {HTMLElement}
 */
export function logStaticArea(samples, curve, band = null) {
  const area = document.createElement("div");
  area.className = "ps-area ps-log";
  const draw = svgEl("svg", { class: "ps-draw", viewBox: "0 0 1000 1050", preserveAspectRatio: "none", focusable: "false" });
  const px = (x) => (logXFrac(x) * 1000).toFixed(1);
  const py = (u) => (logYFrac(u) * 1050).toFixed(1);
  if (band) {
    const [lo, hi] = [Number(px(band[0])), Number(px(band[1]))];
    draw.append(svgEl("rect", { class: "ps-band", x: lo, y: 0, width: Math.max(0, hi - lo).toFixed(1), height: 1050 }));
  }
  for (const x of X_TICKS) draw.append(svgEl("line", { class: "ps-grid", x1: px(x), x2: px(x), y1: 0, y2: 1050 }));
  for (const u of U_TICKS) draw.append(svgEl("line", { class: "ps-grid", x1: 0, x2: 1000, y1: py(u), y2: py(u) }));
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
      d: `M${px(GUIDE.x[0])},${py(GUIDE.u[0])}L${px(GUIDE.x[1])},${py(GUIDE.u[1])}`,
    }),
  );
  draw.append(svgEl("line", { class: "ps-mid", x1: px(curve.midpoint), x2: px(curve.midpoint), y1: 0, y2: 1050 }));
  area.append(draw);
  if (band) {
    const mid = ((logXFrac(Math.max(band[0], X_MIN)) + logXFrac(band[1])) / 2) * 100;
    area.append(span("ps-band-label", `left:${mid.toFixed(2)}%`, "super-critical"));
  }
  area.append(
    span("ps-guide-label", `right:${(100 - logXFrac(GUIDE.x[0] * 0.95) * 100).toFixed(2)}%;top:${(logYFrac(GUIDE.u[0]) * 100).toFixed(2)}%`, "slope 1"),
  );
  for (const x of X_TICKS) area.append(span("ps-xtick", `left:${(logXFrac(x) * 100).toFixed(2)}%`, tickText(x)));
  for (const u of U_TICKS) area.append(span("ps-ytick", `top:${(logYFrac(u) * 100).toFixed(2)}%`, tickText(u)));
  area.append(span("ps-xtitle", "", "capability at the task (log)"));
  area.append(span("ps-ytitle", "", "uplift (log)"));
  return area;
}

// -- the readout ---------------------------------------------------------------

/**
 * The first line of a marker's readout on log-log axes: the server's
 * elasticity and its reading, "elastic" above 1. The linear slope and the
 * verdict follow it as on linear axes: no verdict changes with the view.
 * @param {import("./verdict.js").Point} point
 * @returns {HTMLElement}
 */
export function drawLogDetail(point) {
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
