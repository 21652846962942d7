// The legend above the charts: one entry per year (colour and shape), the
// default positions when shown, the compared view when there is one, and
// the band and midpoint.

import { keyed } from "./dom.js";
import { isLogLog } from "./loglog.js";
import { glyph } from "./style.js";

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

/**
 * @param {any} root the #legend element (callers pass a query's result unchecked)
 * @param {any} state
 * @param {any} analysis
 * @param {Map<number, {color: string, symbol: string}>} styles
 */
export function renderLegend(root, state, analysis, styles) {
  const cmp = analysis && analysis.compare;
  const key = `${state.years}|${cmp ? `${cmp.state.years}|${cmp.state.title}` : ""}|${isLogLog()}`;
  keyed(root, key, () => draw(root, state, cmp, styles));
}

function draw(root, state, cmp, styles) {
  const list = document.createElement("ul");
  for (const year of state.years) list.append(item(glyph(styles.get(year), "solid", 16), `end of ${year}`));
  const firstDefault = styles.get(state.years[0]);
  list.append(item(glyph(firstDefault, "faint", 16), "default position", "legend-defaults"));
  if (cmp) {
    const style = styles.get(cmp.state.years[0]) || firstDefault;
    const title = cmp.state.title ? `compared view (${cmp.state.title})` : "compared view";
    list.append(item(glyph(style, "hollow", 16), title, "legend-compare"));
  }
  list.append(item(swatch("swatch-band"), "super-critical band (slope above 1)"));
  if (isLogLog()) list.append(item(swatch("swatch-guide"), "elasticity 1: where the curve is steeper, a mark is elastic"));
  list.append(item(swatch("swatch-mid"), "midpoint (steepest)"));
  const phases = document.createElement("p");
  phases.className = "legend-phases";
  // "Super-critical" means a linear slope above 1 in both views; its unit is
  // the curve's ceiling, the full payoff, which each readout names.
  phases.textContent =
    "Each readout says where a mark sits (before or past its curve's midpoint), its slope, and the full payoff " +
    "it needs to be super-critical: a slope above 1 is measured in units of the curve's ceiling, a belief.";
  if (isLogLog()) {
    phases.textContent =
      "Log-log axes: a curve's slope here is its elasticity, the percentage change in uplift per percentage " +
      "change in capability, a reading with no unit; above 1 it is called elastic. Super-critical still means " +
      "a slope above 1 on linear axes, the shaded band.";
  }
  root.replaceChildren(list, phases);
}
