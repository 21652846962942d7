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
  if (isLogLog()) list.append(item(swatch("swatch-guide"), "slope 1 on log-log axes: steeper is super-critical"));
  else list.append(item(swatch("swatch-band"), "super-critical band (slope above 1)"));
  list.append(item(swatch("swatch-mid"), "midpoint (steepest)"));
  const phases = document.createElement("p");
  phases.className = "legend-phases";
  phases.innerHTML =
    'Phases: <b>early</b>, <b class="is-sc">accelerating</b> and <b class="is-sc">decelerating</b> ' +
    "(both super-critical: slope above 1), <b>saturating</b>. Slope: how much a step of capability adds.";
  if (isLogLog()) {
    phases.textContent =
      "Log-log axes: a curve's slope here is its elasticity, the percentage change in uplift per percentage " +
      "change in capability. Above 1 is super-critical whatever the curve's ceiling; the readouts lead with it.";
  }
  root.replaceChildren(list, phases);
}
