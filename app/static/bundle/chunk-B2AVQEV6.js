// app/static/js/format.js
function round3(x) {
  return Math.round(x * 1e3) / 1e3;
}
function clamp(x, lo, hi) {
  return Math.min(hi, Math.max(lo, x));
}
function pos(x) {
  return String(round3(x));
}
function fixed(x, digits = 2) {
  return x === null || x === void 0 ? "–" : x.toFixed(digits);
}
var QUARTER_WORDS = ["the end of", "early", "mid", "late"];
function yearWords(t) {
  const q = Math.floor(t * 4 + 0.5);
  const year = Math.floor(q / 4);
  const r = q - year * 4;
  return r === 0 ? `the end of ${year}` : `${QUARTER_WORDS[r]} ${year + 1}`;
}
function yearLabel(t) {
  return yearWords(t).replace(/^the /, "");
}
function ofN(k, n) {
  return `${k} of ${n}`;
}
function phaseText(point) {
  return point.relative_slope === 1 ? "at its steepest" : point.phase;
}
function trendText(traj) {
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

export {
  round3,
  clamp,
  pos,
  fixed,
  yearWords,
  yearLabel,
  ofN,
  phaseText,
  trendText
};
