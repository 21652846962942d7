// Year colours and marker shapes: one per year, the same on every chart, so a
// year is told apart by shape as well as colour (colour alone fails for many
// readers). The same symbols are Plotly marker symbols, used in PNG exports.

// Okabe-Ito based, darkened where needed for contrast on white.
const COLORS = [
  "#0072b2", // blue
  "#d55e00", // vermilion
  "#009e73", // bluish green
  "#b0357a", // reddish purple
  "#6a4fb3", // violet
  "#8c6d1f", // ochre
  "#0e7c8c", // teal
  "#c0392b", // red
  "#4d5b6a", // slate
  "#6b7f1a", // olive
];
const SYMBOLS = [
  "circle",
  "square",
  "triangle-up",
  "diamond",
  "triangle-down",
  "pentagon",
  "hexagon",
  "star",
  "cross",
  "x",
];

/** Colour index of a year: 2024, 2025, 2026 take the first three; other
 * years follow on by their distance from 2024, moving to the next free slot
 * on a clash, so a year keeps its look however the list changes.
 * @param {Iterable<number>} years
 * @returns {Map<number, {color: string, symbol: string}>}
 */
export function yearStyles(years) {
  const taken = new Set();
  const out = new Map();
  for (const year of years) {
    let i = (((year - 2024) % 10) + 10) % 10;
    while (taken.has(i)) i = (i + 1) % 10;
    taken.add(i);
    out.set(year, { color: COLORS[i], symbol: SYMBOLS[i] });
  }
  return out;
}

/** @param {number} n @param {number} r @param {number} [rotate] @param {number | null} [inner] */
function polygon(n, r, rotate = -90, inner = null) {
  const pts = [];
  const count = inner ? n * 2 : n;
  for (let k = 0; k < count; k++) {
    const rad = inner && k % 2 ? inner : r;
    const a = ((rotate + (360 / count) * k) * Math.PI) / 180;
    pts.push(`${(10 + rad * Math.cos(a)).toFixed(2)} ${(10 + rad * Math.sin(a)).toFixed(2)}`);
  }
  return `M${pts.join("L")}Z`;
}

function rotated(path, deg) {
  return { d: path, transform: `rotate(${deg} 10 10)` };
}

const CROSS = "M7.4 2.5H12.6V7.4H17.5V12.6H12.6V17.5H7.4V12.6H2.5V7.4H7.4Z";

// Paths in a 20 x 20 box centred on (10, 10), of similar visual weight.
const PATHS = {
  circle: { d: "M17 10A7 7 0 1 1 3 10A7 7 0 1 1 17 10Z" },
  square: { d: "M3.8 3.8H16.2V16.2H3.8Z" },
  "triangle-up": { d: "M10 2.2L18 16.4H2Z" },
  diamond: { d: "M10 1.8L18.2 10L10 18.2L1.8 10Z" },
  "triangle-down": { d: "M2 3.6H18L10 17.8Z" },
  pentagon: { d: polygon(5, 8.2) },
  hexagon: { d: polygon(6, 8, 0) },
  star: { d: polygon(5, 9.2, -90, 4) },
  cross: { d: CROSS },
  x: rotated(CROSS, 45),
};

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG glyph of a year's marker. kind: "solid" (an estimate), "hollow"
 * (the compared view: dashed outline, no fill) or "faint" (a default).
 * @param {{color: string, symbol: string}} style
 * @param {"solid" | "hollow" | "faint"} [kind]
 * @param {number} [size]
 * @returns {SVGSVGElement}
 */
export function glyph(style, kind = "solid", size = 20) {
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

export const BAND_FILL = "rgba(245, 180, 0, 0.16)";
export const BAND_TEXT = "#7a5a00";
export const CURVE_COLOR = "#334155";
export const CURVE_HOT = "#b45309";
export const THRESHOLD_COLOR = "#b91c1c";
export const INK = "#1b2430";
export const MUTED = "#5b6675";
export const GRID = "#e8ecf1";
export const FONT =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

// Category lines on the forecast, a hue per group.
export const GROUP_COLORS = ["#2f6db3", "#c2621a", "#2e8b57", "#7b4fb3"];

/** The Plotly axis style every category chart shares (linear or log-log). */
export const PLOT_AXIS = {
  fixedrange: true,
  gridcolor: GRID,
  zeroline: false,
  linecolor: "#c5cdd8",
  showline: true,
  tickfont: { size: 10, color: MUTED },
  ticks: "",
};
