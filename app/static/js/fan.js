// The aggregate panel's side of ranges (docs/DESIGN.md §3.8): the forecast drawn
// as a fan (the draws' p5-p95 and p25-p75 bands and their median under the
// projected line), each year's mean slope with its intervals and the chance
// it is above 1, the correlation control, and sentences that give intervals
// instead of single quarter-years. All numbers are the server's
// (analysis.uncertainty); nothing here draws or summarises samples.

import { clamp, yearLabel, yearWords } from "./format.js";
import { setAttr, setText } from "./dom.js";
import { setting } from "./limits.js";
import { ForecastChart, YearBars } from "./minicharts.js";
import { drawsPercent, exactPercent } from "./verdict.js";

const NS = "http://www.w3.org/2000/svg";
const RHO_IDLE_COMMIT_MS = 600;

/** "between the end of 2026 and mid 2028" or "around the end of 2026"
 * for a [p5, p50, p95] of years, to the quarter (as scurve.summary). */
function between([lo, , hi]) {
  const [first, last] = [yearWords(lo), yearWords(hi)];
  return first === last ? `around ${first}` : `between ${first} and ${last}`;
}

/** A live answer for a view with ranges: the draws were left out.
 * @param {any} a
 * @returns {boolean}
 */
export function isPreview(a) {
  return !a.uncertainty && Boolean(a.state.ranges && Object.keys(a.state.ranges).length);
}

let lastWithDraws = null;

/** The analysis whose draws to show for `a`: its own, or while live
 * answers leave them out, the last one that had them (shown faded); null
 * for a view without ranges.
 * @param {any} a
 * @returns {any}
 */
export function drawsOf(a) {
  if (a.uncertainty) lastWithDraws = a;
  else if (!isPreview(a)) lastWithDraws = null; // a view without ranges: forget the last
  return lastWithDraws;
}

/** The peak of the forecast in words, over the draws: null without ranges.
 * @param {any} a
 * @returns {string | null}
 */
export function fanPeakWords(a) {
  const u = a.uncertainty;
  if (!u || !u.forecast.peak_year) return null;
  const end = Math.max(a.state.horizon, a.state.years[a.state.years.length - 1]);
  const edge = u.forecast.p_peak_at_edge;
  if (edge >= 0.95) return `still rising at ${end} in ${drawsPercent(edge)} of draws`;
  const span = `peaks ${between(u.forecast.peak_year)} (90% of draws)`;
  return edge > 0.05 ? `${span}; in ${drawsPercent(edge)} of draws it is still rising at ${end}` : span;
}

/** The short label of the peak on the chart: "peak 2026–2028".
 * @param {any} a
 * @returns {string | null}
 */
export function fanPeakLabel(a) {
  const u = a.uncertainty;
  if (!u || !u.forecast.peak_year) return null;
  if (u.forecast.p_peak_at_edge >= 0.95) return "still rising";
  const [lo, , hi] = u.forecast.peak_year;
  const [first, last] = [yearLabel(lo), yearLabel(hi)];
  return first === last ? `peak ${first}` : `peak ${first} – ${last}`;
}

/** The forecast paragraph of a view with ranges.
 * @param {any} a
 * @returns {string | null}
 */
export function fanWords(a) {
  const peak = fanPeakWords(a);
  if (peak === null) return null;
  const n = a.uncertainty.samples.toLocaleString("en");
  const end = Math.max(a.state.horizon, a.state.years[a.state.years.length - 1]);
  return `Projected from your marks and ranges to ${end} (${n} draws): the mean slope ${peak}.`;
}

/** The forecast chart with the draws' bands under its line. */
export class FanChart extends ForecastChart {
  constructor(container) {
    super(container);
    this.fan = document.createElementNS(NS, "g");
    this.fan.setAttribute("class", "fan");
    this.f.svg.insertBefore(this.fan, this.layer);
    this.outer = this.band("fan-90");
    this.inner = this.band("fan-50");
    this.median = this.band("fan-median");
  }

  band(cls) {
    const p = document.createElementNS(NS, "path");
    p.setAttribute("class", cls);
    this.fan.append(p);
    return p;
  }

  /** spec.fan: {t, p5, p25, p50, p75, p95, stale} or null. */
  render(spec) {
    const fan = spec.fan || null;
    super.render(fan ? { ...spec, extent: fan.p95 } : spec);
    setAttr(this.fan, "visibility", fan ? "visible" : "hidden");
    if (!fan) return;
    setAttr(this.fan, "class", fan.stale ? "fan is-stale" : "fan");
    setAttr(this.outer, "d", this.area(fan.t, fan.p5, fan.p95));
    setAttr(this.inner, "d", this.area(fan.t, fan.p25, fan.p75));
    setAttr(this.median, "d", this.path(fan.t, fan.p50));
  }

  /** The pointer's read-out, with the draws' 90% interval where there is a fan. */
  onHover(e) {
    super.onHover(e);
    const fan = this.last && this.last.fan;
    if (!fan || this.tip.hidden) return;
    const px = e.clientX - this.f.svg.getBoundingClientRect().left;
    let best = 0;
    fan.t.forEach((t, i) => {
      if (Math.abs(this.x(t) - px) < Math.abs(this.x(fan.t[best]) - px)) best = i;
    });
    const [lo, hi] = [fan.p5[best], fan.p95[best]];
    if (lo === null || lo === undefined || hi === null || hi === undefined) return;
    this.tip.textContent += ` · 90%: ${lo.toFixed(2)} to ${hi.toFixed(2)}`;
    const w = this.tip.offsetWidth; // longer than the plain tip: kept inside the chart
    const left = Math.max(0, Math.min(this.x(fan.t[best]) - w / 2, this.f.width - w));
    this.tip.style.transform = `translate(${left.toFixed(0)}px, 0)`;
  }

  area(ts, lo, hi) {
    const up = this.path(ts, hi);
    if (!up) return "";
    const back = [];
    for (let i = ts.length - 1; i >= 0; i--) {
      if (lo[i] === null || lo[i] === undefined) continue;
      back.push(`L${this.x(ts[i]).toFixed(1)} ${this.f.y(lo[i], this.top).toFixed(1)}`);
    }
    return `${up}${back.join("")}Z`;
  }
}

/** The mean slope bars with the draws' intervals as whiskers: a thin line
 * p5 to p95, a thick one p25 to p75, in the bar's right part (its value
 * label is centred). rows[i].band: [p5, p25, p50, p75, p95]. */
export class RangeBars extends YearBars {
  constructor(container) {
    super(container);
    this.whiskers = document.createElementNS(NS, "g");
    this.whiskers.setAttribute("class", "whiskers");
    this.f.svg.append(this.whiskers);
  }

  render(rows, compare, stale = false) {
    super.render(rows, compare);
    this.last = [rows, compare, stale];
    const f = this.f;
    const band = f.plotW / Math.max(1, rows.length);
    const barW = Math.min(56, band * (compare ? 0.36 : 0.6));
    const lines = [];
    rows.forEach((r, i) => {
      if (!r.band) return;
      // Off the bar's centre, clear of its value label.
      const cx = f.margin.l + band * (i + 0.5) - (compare ? barW / 2 + 1 : 0) + barW * 0.3;
      const y = (v) => f.y(v, this.top).toFixed(1);
      const x = cx.toFixed(1);
      const [l, rt] = [(cx - 4).toFixed(1), (cx + 4).toFixed(1)];
      lines.push(
        ["w90", x, x, y(r.band[0]), y(r.band[4])],
        ["w90", l, rt, y(r.band[0]), y(r.band[0])],
        ["w90", l, rt, y(r.band[4]), y(r.band[4])],
        ["w50", x, x, y(r.band[1]), y(r.band[3])],
      );
    });
    while (this.whiskers.children.length > lines.length) /** @type {HTMLElement} */ (this.whiskers.lastElementChild).remove();
    lines.forEach(([cls, x1, x2, y1, y2], i) => {
      let line = this.whiskers.children[i];
      if (!line) {
        line = document.createElementNS(NS, "line");
        this.whiskers.append(line);
      }
      setAttr(line, "class", cls);
      setAttr(line, "x1", x1);
      setAttr(line, "x2", x2);
      setAttr(line, "y1", y1);
      setAttr(line, "y2", y2);
    });
    setAttr(this.whiskers, "class", stale ? "whiskers is-stale" : "whiskers");
  }
}

/** The panel's block for ranges: the correlation and each year's intervals. */
export class RangesPanel {
  constructor(root, store) {
    this.root = root;
    this.store = store;
    this.timer = 0;
    root.innerHTML = `
      <h3 class="panel-sub">With your ranges</h3>
      <p class="fineprint ranges-note">Over 2,000 draws of your ranges. On the bars above, the thin
      whisker spans 90% of the draws, the thick one 50%.</p>
      <p class="ranges-status" aria-hidden="true">updating ranges…</p>
      <div class="table-scroll">
      <table class="year-table ranges-table">
        <caption class="visually-hidden">Per year, over the draws: the mean slope's 90% and 50% intervals and the chance it is above 1</caption>
        <thead><tr><th scope="col">Year</th><th scope="col">Mean slope, 90%</th><th scope="col">50%</th><th scope="col">P(mean slope &gt; 1)</th></tr></thead>
        <tbody></tbody>
      </table>
      </div>
      <div class="rho-control">
        <label for="rho-input">Correlation</label>
        <input type="range" id="rho-input" aria-describedby="rho-help">
        <output for="rho-input" id="rho-value"></output>
        <p class="fineprint" id="rho-help">How far the categories' errors go together: at 0 each range is drawn
        on its own, at 1 all are high or low at once (wider aggregate intervals).</p>
      </div>`;
    this.status = root.querySelector(".ranges-status");
    this.body = root.querySelector("tbody");
    this.input = root.querySelector("#rho-input");
    this.limits = setting("rho");
    for (const key of ["min", "max", "step"]) this.input[key] = String(this.limits[key]);
    this.output = root.querySelector("#rho-value");
    this.input.addEventListener("input", () => this.onInput());
    // A burst of key presses or one drag of the thumb is one undo step.
    this.input.addEventListener("change", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), RHO_IDLE_COMMIT_MS);
    });
    this.input.addEventListener("blur", () => this.flush());
    this.pending = false;
  }

  onInput() {
    const rho = clamp(Number(this.input.value), this.limits.min, this.limits.max);
    setText(this.output, rho.toFixed(2));
    this.store.preview((s) => {
      s.rho = rho;
    }, { owner: this });
  }

  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.store.commit(this);
  }

  /** The state on screen: shown only when it has a range. */
  renderState(state) {
    const has = Boolean(state.ranges && Object.keys(state.ranges).length);
    this.root.hidden = !has;
    const rho = state.rho === undefined ? this.limits.default : state.rho;
    if (document.activeElement !== this.input && Number(this.input.value) !== rho) this.input.value = String(rho);
    setText(this.output, rho.toFixed(2));
    this.markPending(has);
  }

  /** Edits not yet analysed: the numbers shown are the last answer's. */
  markPending(on) {
    if (on === this.pending) return;
    this.pending = on;
    this.root.classList.toggle("is-updating", on);
  }

  renderAnalysis(a) {
    const settled = this.store.base === null && this.store.appliedSeq === this.store.seq;
    const u = a.uncertainty;
    if (!u) {
      if (settled) this.markPending(false);
      return;
    }
    this.markPending(!settled);
    const rows = u.years.map((y) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = String(y.year);
      const m = y.mean_slope; // null: no category estimated that year
      const cells = m
        ? [`${m[0].toFixed(2)} to ${m[4].toFixed(2)}`, `${m[1].toFixed(2)} to ${m[3].toFixed(2)}`, m[0] === m[4] ? exactPercent(y.p_supercritical) : drawsPercent(y.p_supercritical)]
        : ["–", "–", "–"];
      tr.append(th, ...cells.map((text) => {
        const td = document.createElement("td");
        td.textContent = text;
        return td;
      }));
      tr.dataset.year = String(y.year);
      return tr;
    });
    const key = rows.map((r) => r.textContent).join("|");
    if (this.body.dataset.key !== key) {
      this.body.dataset.key = key;
      this.body.replaceChildren(...rows);
    }
  }
}

/** The panel's block, kept in step with the store.
 * @param {any} root the panel's element (an HTMLElement)
 * @param {import("./store.js").Store} store
 * @returns {RangesPanel}
 */
export function setUpRangesPanel(root, store) {
  const panel = new RangesPanel(root, store);
  const has = (state) => Boolean(state.ranges && Object.keys(state.ranges).length);
  store.on("state", (state) => panel.renderState(state));
  store.addFixup((state, base) => {
    if (base !== null) panel.markPending(has(state));
  });
  store.on("analysis", (a) => panel.renderAnalysis(a));
  panel.renderState(store.state);
  panel.renderAnalysis(store.analysis);
  return panel;
}
