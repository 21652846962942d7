// The forecast in words, from the server's fields: progress first (AI's help
// U(t) against its potential, the milestones), then the mean slope. The
// words follow the marks: a forecast that does not move says so, one year
// of marks is held where it is with no milestone or peak, and only motion
// the numbers show is named. As scurve.summary (still_text, forecast_text).

import { yearWords } from "./format.js";
import { drawsPercent } from "./verdict.js";

/** A fitted rate at least this large either way moves the forecast (scurve.trajectory.RISING). */
const RISING = 0.01;
const SHARE_WORDS = new Map([
  [0.25, "a quarter of"],
  [0.5, "half"],
  [0.75, "three quarters of"],
]);

/**
 * @typedef {{share: number, year: number | null, already: boolean}} Milestone
 * @typedef {{share: number, year: [number, number, number] | null, p_reached: number}} MilestoneBand
 */

/**
 * The forecast's last year: the later of the horizon and the last year.
 * @param {any} a an analysis
 * @returns {number}
 */
export function forecastEnd(a) {
  return Math.max(a.state.horizon, a.state.years[a.state.years.length - 1]);
}

/**
 * Why the forecast holds the marks where they are, or null when it moves
 * (some category's marks rise or fall).
 * @param {any} a
 * @returns {string | null}
 */
export function stillWords(a) {
  if (a.categories.some((c) => c.trajectory && Math.abs(c.trajectory.rate) >= RISING)) return null;
  if (a.state.years.length === 1 || a.categories.every((c) => !c.trajectory)) {
    return "with one year of marks the forecast holds them where they are, with no milestone or peak";
  }
  return "your marks do not move from year to year, so the forecast holds them where they are";
}

/**
 * A milestone's share of the potential: "half", "90% of".
 * @param {number} q
 * @returns {string}
 */
export function shareWords(q) {
  return SHARE_WORDS.get(q) || `${Math.round(q * 100)}% of`;
}

/**
 * @param {Milestone} m
 * @param {number} end
 * @returns {string}
 */
function clause(m, end) {
  const what = `${shareWords(m.share)} its potential`;
  if (m.already) return `is already at ${what}`;
  if (m.year === null) return `does not reach ${what} by ${end}`;
  return `reaches ${what} around ${yearWords(m.year)}`;
}

/** "a", "a and b", "a, b and c" */
function list(items) {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The mean slope's course in words: "peaks around the end of 2026 and is
 * above 1 from late 2025 to late 2029".
 * @param {any} f the analysis's forecast
 * @returns {string}
 */
function slopeCourse(f) {
  let text;
  if (f.peak_year === null) text = "stays where it is";
  else if (f.peak_at_edge) text = "is still rising at the horizon";
  else if (f.peak_year === f.t[0]) text = `is highest at the start, ${yearWords(f.peak_year)}`;
  else text = `peaks around ${yearWords(f.peak_year)}`;
  const span = f.supercritical_from !== null && f.supercritical_to !== null;
  return `${text} and ${span ? `is above 1 from ${yearWords(f.supercritical_from)} to ${yearWords(f.supercritical_to)}` : "never rises above 1"}`;
}

/**
 * The table of values' forecast sentence (scurve.summary.forecast_text).
 * @param {any} a
 * @returns {string}
 */
export function tableForecastText(a) {
  const f = a.forecast;
  const end = forecastEnd(a);
  const still = stillWords(a);
  if (still !== null) return `Forecast to ${end}: ${still}.`;
  if (f.potential === null || !f.milestones.length) return `Forecast to ${end}: no category with an estimate carries any weight.`;
  return `Forecast to ${end}: AI's help ${list(f.milestones.map((m) => clause(m, end)))}; the mean slope ${slopeCourse(f)}.`;
}

/**
 * The mean-slope view's paragraph.
 * @param {any} a
 * @returns {string}
 */
export function slopeWords(a) {
  const still = stillWords(a);
  if (still !== null) return `${still[0].toUpperCase()}${still.slice(1)}.`;
  const f = a.forecast;
  const end = forecastEnd(a);
  const course = slopeCourse(f).replace("is still rising at the horizon", `is still rising at ${end}`);
  return `Projected from your marks to ${end}: the mean slope ${course}.`;
}

/**
 * The progress view's paragraph: where AI's help goes against its
 * potential, when it grows fastest, and what feedback adds.
 * @param {any} a
 * @returns {string}
 */
export function progressWords(a) {
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
    text += i === f.t.length - 1
      ? ` It grows faster and faster to ${end}, by ${f.gain[i].toFixed(2)} a year at the end.`
      : ` It grows fastest around ${yearWords(f.gain_peak_year)}, by ${f.gain[i].toFixed(2)} a year.`;
  }
  const g = f.speedup[f.speedup.length - 1];
  if (a.state.feedback > 0 && g > 1.005) text += ` Feedback makes progress ${g.toFixed(2)}× as fast by ${end}.`;
  return text;
}

/**
 * One line per milestone for the progress view: when, and with ranges the
 * draws' interval or the share of draws that reach it. Empty when the
 * forecast holds the marks where they are.
 * @param {any} a
 * @param {any} drawn the analysis whose draws are shown (js/fan.js drawsOf), or null
 * @returns {{share: number, head: string, text: string}[]}
 */
export function milestoneLines(a, drawn) {
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

/**
 * @param {MilestoneBand} band
 * @param {number} end
 * @returns {string}
 */
function bandWords(band, end) {
  if (band.year === null) return `${drawsPercent(band.p_reached)} of draws reach it by ${end}`;
  const [lo, hi] = [yearWords(band.year[0]), yearWords(band.year[2])];
  const span = lo === hi ? `around ${lo}` : `${lo} to ${hi}`;
  if (band.p_reached === 1) return `90% of draws: ${span}`;
  return `${drawsPercent(band.p_reached)} of draws reach it by ${end}, 90% of those ${span}`;
}
