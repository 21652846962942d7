// Formatting of numbers the server computed. Nothing here computes a result.

/** Round half-even to 3 decimals on the number's shortest decimal text, as
 * the server does (scurve.kinds.round3): 0.0005 -> 0, 0.0015 -> 0.002,
 * 0.1235 -> 0.124. Both sides are held to tests/rounding_cases.json.
 * @param {number} x
 * @returns {number}
 */
export function round3(x) {
  if (!Number.isFinite(x)) return x;
  if (Number(x.toFixed(3)) === x) return x; // already a 3-decimal number (every value a state holds)
  const [mantissa, exp] = x.toExponential().split("e"); // the shortest digits that give x back
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const drop = digits.length - 1 - Number(exp) - 3; // digits past the third decimal
  if (drop <= 0) return x;
  const kept = drop >= digits.length ? 0n : BigInt(digits.slice(0, digits.length - drop));
  const rest = digits.slice(Math.max(0, digits.length - drop)).padStart(drop, "0");
  const half = "5".padEnd(drop, "0");
  const up = rest > half || (rest === half && kept % 2n === 1n);
  const q = up ? kept + 1n : kept;
  const value = Number(`${q}e-3`);
  return negative && value !== 0 ? -value : value;
}

/**
 * @param {number} x
 * @param {number} lo
 * @param {number} hi
 * @returns {number}
 */
export function clamp(x, lo, hi) {
  return Math.min(hi, Math.max(lo, x));
}

/** A position in its shortest form with at most 3 decimals: 0.45, 0.455, 1.
 * @param {number} x
 * @returns {string}
 */
export function pos(x) {
  return String(round3(x));
}

/**
 * @param {number | null | undefined} x
 * @param {number} [digits]
 * @returns {string}
 */
export function fixed(x, digits = 2) {
  return x === null || x === undefined ? "–" : x.toFixed(digits);
}

/** A decimal year: 2026 -> "2026", 2026.25 -> "2026.25".
 * @param {number} t a decimal year
 * @returns {string}
 */
export function yearText(t) {
  return t.toFixed(2).replace(/\.?0+$/, "");
}

const QUARTER_WORDS = ["the end of", "early", "mid", "late"];

/** A decimal year as people say it, to the nearest quarter. A year Y stands
 * for the end of year Y (t = Y), so a quarter later is early in year Y + 1:
 * 2026 -> "the end of 2026", 2026.25 -> "early 2027", 2026.5 -> "mid 2027",
 * 2026.75 -> "late 2027". As scurve.summary.year_words.
 * @param {number} t a decimal year
 * @returns {string}
 */
export function yearWords(t) {
  const q = Math.floor(t * 4 + 0.5);
  const year = Math.floor(q / 4);
  const r = q - year * 4;
  return r === 0 ? `the end of ${year}` : `${QUARTER_WORDS[r]} ${year + 1}`;
}

/** The same without the article, for a chart's label: "end of 2026".
 * @param {number} t a decimal year
 * @returns {string}
 */
export function yearLabel(t) {
  return yearWords(t).replace(/^the /, "");
}

/** "7 of 10"
 * @param {number} k
 * @param {number} n
 * @returns {string}
 */
export function ofN(k, n) {
  return `${k} of ${n}`;
}

/** A point's phase as its readout says it: at the curve's midpoint exactly
 * (the server's relative_slope is 1 there) the phase rule says
 * "decelerating", but the mark is at its steepest.
 * @param {import("./verdict.js").Point} point
 * @returns {string}
 */
export function phaseText(point) {
  return point.relative_slope === 1 ? "at its steepest" : point.phase;
}

export const PHASE_WORDS = {
  early: "early",
  accelerating: "accelerating",
  decelerating: "decelerating",
  saturating: "saturating",
};


/** The trajectory of a category in words, from its fitted trajectory.
 * @param {any} traj the server's fitted trajectory, or null
 * @returns {string}
 */
export function trendText(traj) {
  if (!traj) return "One estimated year: no trajectory to fit.";
  if (Math.abs(traj.rate) < 0.01) return "Flat: the fitted trajectory does not move.";
  if (traj.rate < 0) return "Falling: your marks go down over time.";
  const parts = [];
  if (traj.supercritical_from !== null && traj.supercritical_to !== null) {
    parts.push(`super-critical from ${yearWords(traj.supercritical_from)} to ${yearWords(traj.supercritical_to)}`);
  } else {
    parts.push("never super-critical on this curve");
  }
  if (traj.peak_year !== null) parts.push(`steepest around ${yearWords(traj.peak_year)}`);
  return `Fitted path: ${parts.join(", ")}.`;
}
