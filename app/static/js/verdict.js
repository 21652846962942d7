// Verdicts in words, from the server's fields. A slope of 1 needs a unit,
// the curve's ceiling (its "full payoff"), which is a belief: so a verdict
// says the payoff it needs (`breakeven_payoff` of a point, `breakeven_scale`
// of a year). "Super-critical" always means a linear slope above 1, in both
// axis views; an elasticity above 1 is "elastic". A year whose mean slope's
// 90% interval over the draws holds 1 is too close to call. Nothing here
// computes a result: it reads the analysis and chooses words.

/**
 * @typedef {{position: number, slope: number, relative_slope: number, phase: string,
 *   supercritical: boolean, elasticity: number, supercritical_loglog: boolean,
 *   breakeven_payoff: number | null}} Point
 * @typedef {{year: number, mean_slope: number | null, supercritical: boolean,
 *   breakeven_scale: number | null}} YearResult
 * @typedef {"sc" | "not" | "close"} YearKind
 */

/** A number as the readouts give payoffs and scales: 0.38, 1.4, 12. */
function short(x) {
  return x >= 10 ? x.toFixed(0) : String(Number(x.toPrecision(2)));
}

/**
 * Where a mark sits on its curve, with no word of motion: before or past
 * the midpoint, or at it (where the server's relative slope is 1).
 * @param {Point} point
 * @returns {string}
 */
export function placeWords(point) {
  if (point.relative_slope === 1) return "at its steepest";
  return point.phase === "early" || point.phase === "accelerating" ? "before the midpoint" : "past the midpoint";
}

/**
 * A mark's verdict with the full payoff it needs: "super-critical while its
 * full payoff is at least 0.38 (you drew 1)".
 * @param {Point} point
 * @param {number} ceiling the full payoff drawn (the curve's ceiling)
 * @returns {string}
 */
export function payoffWords(point, ceiling) {
  const drawn = `(you drew ${short(ceiling)})`;
  const need = point.breakeven_payoff;
  if (need === null) return `not super-critical at any full payoff: the curve is flat here ${drawn}`;
  // A break-even payoff close to the one drawn gets a third digit, so the
  // two never read the same.
  const needText = short(need) === short(ceiling) && need !== ceiling ? String(Number(need.toPrecision(3))) : short(need);
  if (point.supercritical) return `super-critical while its full payoff is at least ${needText} ${drawn}`;
  return `super-critical only with a full payoff of at least ${needText} ${drawn}`;
}

/**
 * An elasticity's reading: above 1 is "elastic", a word with no unit.
 * @param {Point} point
 * @returns {string}
 */
export function elasticWords(point) {
  return point.supercritical_loglog ? "elastic" : "inelastic";
}

/**
 * A Monte Carlo probability: never 0% or 100%, which 2,000 draws cannot
 * show ("<1%", ">99%"), as the server's summary says it.
 * @param {number} p
 * @returns {string}
 */
export function drawsPercent(p) {
  if (p < 0.01) return "<1%";
  if (p > 0.99) return ">99%";
  return `${Math.round(p * 100)}%`;
}

/**
 * A closed-form probability: 0% and 100% only when it is exactly 0 or 1.
 * @param {number} p
 * @returns {string}
 */
export function exactPercent(p) {
  return p === 0 || p === 1 ? `${p * 100}%` : drawsPercent(p);
}

/**
 * The 90% interval of year i's mean slope over the draws, when it holds 1.
 * @param {any} drawn the analysis whose draws are shown (js/fan.js drawsOf), or null
 * @param {number} year
 * @returns {[number, number] | null}
 */
export function closeCall(drawn, year) {
  const y = drawn && drawn.uncertainty ? drawn.uncertainty.years.find((u) => u.year === year) : null;
  const m = y && y.mean_slope;
  return m && m[0] <= 1 && 1 <= m[4] ? [m[0], m[4]] : null;
}

/**
 * A year's verdict: super-critical on average, not, or too close to call.
 * @param {YearResult} y
 * @param {any} drawn
 * @returns {YearKind}
 */
export function yearKind(y, drawn) {
  if (closeCall(drawn, y.year)) return "close";
  return y.supercritical ? "sc" : "not";
}

/**
 * A year's break-even scale in words: "2024 would be super-critical on
 * average if every full payoff were 1.6× larger"; with the draws' interval
 * holding 1, "too close to call" leads.
 * @param {YearResult} y
 * @param {any} drawn
 * @returns {string}
 */
export function scaleWords(y, drawn) {
  const close = closeCall(drawn, y.year);
  // After "too close to call" the year is "it": one sentence, one subject.
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
