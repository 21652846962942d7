// The estimator page: reads the server's JSON block (catalog, analysis of the
// page's state, curve samples), draws the ten charts, wires the controls and
// exposes window.scurve for the other scripts of the page (share, compare):
//
//   getState()            the current state, JSON form of docs/DESIGN.md §4
//   getAnalysis()         the latest analysis from the server
//   setState(json, {history: "push" | "replace"})
//                         validated by the server; on success it replaces
//                         the state as one undoable step and resolves with
//                         the analysis; on failure it rejects with the
//                         server's error JSON and changes nothing
//   onChange(cb)          cb(state, analysis) after each new analysis
//   showMessage(text, kind)   kind "error" | "info" | "success"

import { AnchorTicks } from "./anchors.js";
import { analyzeState, primeSamples } from "./api.js";
import { CategoryChart } from "./chart.js";
import { wireClaims } from "./chart-claims.js";
import { Controls } from "./controls.js";
import { CustomCategories, customCategory } from "./custom.js";
import { setText } from "./dom.js";
import { trendText } from "./format.js";
import { renderLegend } from "./legend.js";
import { FeedbackControl, LagControl } from "./feedback.js";
import { MilestoneShares } from "./milestone-shares.js";
import { onAxesChange, wireSwitch } from "./loglog.js";
import { errorText, makeMessenger } from "./messages.js";
import { Panel } from "./panel.js";
import { Ranges } from "./ranges.js";
import { setUpRangesPanel } from "./fan.js";
import { plotlyFetched } from "./plotly-loader.js";
import { setting } from "./limits.js";
import { keepPlotWidths } from "./print.js";
import { savePng } from "./png.js";
import { ShapeControl } from "./shape.js";
import { stickBothWays } from "./side.js";
import { showStripWhenAway } from "./strip.js";
import { Signals } from "./signals.js";
import { UpliftChart } from "./stacked.js";
import { TornadoChart } from "./tornado.js";
import { Store, clone } from "./store.js";
import { glyph, yearStyles } from "./style.js";
import { renderValues } from "./table.js";

const data = JSON.parse(/** @type {HTMLElement} */ (document.getElementById("scurve-data")).textContent);
document.documentElement.classList.add("js");

const catalog = data.categories;
const groups = [...new Set(catalog.categories.map((c) => c.group))];
const store = new Store(data.analysis.state, data.analysis);
const showMessage = makeMessenger(document.getElementById("messages"));
const changeListeners = [];

let styleCache = { key: "", map: new Map() };
/** Year styles over the years on screen: the state's and the compared view's. */
function styles() {
  const years = new Set(store.state.years);
  const cmp = store.analysis && store.analysis.compare;
  if (cmp) for (const y of cmp.state.years) years.add(y);
  const sorted = [...years].sort((a, b) => a - b);
  const key = sorted.join(",");
  if (key !== styleCache.key) styleCache = { key, map: yearStyles(sorted) };
  return styleCache.map;
}

function defaultState() {
  return {
    years: [...catalog.years],
    estimates: Object.fromEntries(catalog.categories.map((c) => [c.id, { ...c.defaults }])),
    curves: {},
    weights: {},
    horizon: setting("horizon").default,
    title: "",
  };
}

const ctx = {
  store,
  styles,
  groups,
  showMessage,
  defaultState,
  trendText,
  glyph: (year, size) => glyph(styles().get(year) || { color: "#5b6675", symbol: "circle" }, "solid", size),
};

// -- build ---------------------------------------------------------------------

const byId = new Map(data.analysis.categories.map((c) => [c.id, c]));
/** A card's chart, shape control, claims and Save PNG (custom.js makes its cards the same way). */
function makeChart(card, cat, samples) {
  const chart = new CategoryChart(card, cat, samples, ctx);
  if (cat.anchors) chart.anchors = new AnchorTicks(chart, cat.anchors);
  keepPlotWidths([card]);
  chart.shape = new ShapeControl(chart, card.querySelector("details.shape"));
  wireClaims(card, cat.id, showMessage);
  card.querySelector(".save-png").addEventListener("click", () => {
    savePng(chart, styles(), document.body.classList.contains("show-defaults")).catch((err) =>
      showMessage(`The image could not be made: ${err.message || err}`, "error"),
    );
  });
  return chart;
}
const catalogById = new Map(catalog.categories.map((c) => [c.id, c]));
// Built-in categories, then the state's own (docs/DESIGN.md §4.6), as the server drew their cards.
const charts = data.analysis.categories.map((result) => {
  const card = document.getElementById(`card-${result.id}`);
  primeSamples(result.curve, data.samples[result.id]);
  const cat = catalogById.get(result.id) || customCategory(result.id, data.analysis.state.custom[result.id]);
  return makeChart(card, cat, data.samples[result.id]);
});
const custom = new CustomCategories(ctx, { charts, makeChart, catalog, samples: data.custom_samples });
const controls = new Controls(ctx);
const panel = new Panel(document.getElementById("aggregate-panel"), ctx);
stickBothWays(document.querySelector(".side"));
showStripWhenAway(document.getElementById("live-strip"), [
  document.getElementById("headline"),
  document.getElementById("aggregate-panel"),
]);
const valuesBlock = /** @type {HTMLElement} */ /** @type {HTMLDialogElement} */ ((document.getElementById("values-block")));
valuesBlock.open = false; // with JavaScript the charts show it all; the table stays for reference
valuesBlock.addEventListener("toggle", () => {
  if (valuesBlock.open) renderValues(/** @type {HTMLElement} */ (document.getElementById("values-body")), store.analysis);
});
const title = /** @type {HTMLElement} */ (document.getElementById("page-title"));

function renderState(state) {
  custom.sync(state); // cards come and go with the state's own categories
  const st = styles();
  for (const chart of charts) {
    chart.renderState(state, st);
    chart.shape.render(state);
  }
  controls.render(state);
  renderLegend(document.getElementById("legend"), state, store.analysis, st);
}

function renderAnalysis(analysis) {
  const st = styles();
  const cmp = analysis.compare ? new Map(analysis.compare.categories.map((c) => [c.id, c])) : null;
  for (const result of analysis.categories) {
    const chart = charts.find((c) => c.id === result.id);
    if (chart) chart.renderAnalysis(result, cmp ? cmp.get(result.id) : null, st);
  }
  panel.render(analysis);
  custom.renderAnalysis(analysis);
  // The folded table is brought up to date when opened, not on every answer.
  if (valuesBlock.open) renderValues(/** @type {HTMLElement} */ (document.getElementById("values-body")), analysis);
  renderLegend(document.getElementById("legend"), store.state, analysis, st);
  setText(title, analysis.state.title || title.dataset.default);
  const docTitle = analysis.state.title ? `${analysis.state.title} · scurve` : `scurve: ${title.dataset.default}`;
  if (document.title !== docTitle) document.title = docTitle;
}

store.on("state", renderState);
store.on("analysis", (analysis, state) => {
  renderAnalysis(analysis);
  // One copy for all listeners (they read it): answers come ten times a
  // second during a drag.
  const copy = changeListeners.length ? clone(state) : null;
  for (const cb of changeListeners) {
    try {
      cb(copy, analysis);
    } catch (err) {
      setTimeout(() => {
        throw err; // reported, without stopping the other listeners
      });
    }
  }
});
store.on("error", (err) => showMessage(errorText(err), "error"));
window.addEventListener("popstate", () => store.restoreFromLocation());

// The address bar holds the permalink of what is on screen from the start
// (a link with problems shows its repaired form).
if (location.pathname + location.search !== data.analysis.permalink) {
  window.history.replaceState(null, "", data.analysis.permalink + location.hash);
}

renderState(store.state);
for (const chart of charts) {
  const result = byId.get(chart.id);
  chart.start(result.curve, result.band);
}
renderAnalysis(store.analysis);
// Ranges on the estimates (js/ranges.js) and their numbers in the panel (js/fan.js).
new Ranges(charts, ctx);
setUpRangesPanel(document.getElementById("ranges-panel"), store);

// Issue 10: the unit-free signals, the stacked uplift, feedback, log-log axes.
new Signals(document.getElementById("panel-signals"), ctx);
new FeedbackControl(document.getElementById("feedback-control"), ctx);
new LagControl(document.getElementById("lag-control"), ctx);
new MilestoneShares(/** @type {HTMLFormElement} */ (document.getElementById("milestones-form")), ctx);
new UpliftChart(document.getElementById("uplift-chart"), document.getElementById("uplift-legend"), ctx);
new TornadoChart(/** @type {HTMLElement} */ (document.getElementById("tornado-section")), ctx);
wireSwitch(/** @type {HTMLInputElement} */ (document.getElementById("loglog")));
onAxesChange(() => {
  for (const chart of charts) chart.applyAxes();
  renderAnalysis(store.analysis);
});

window.scurve = {
  getState: () => clone(store.state),
  getAnalysis: () => clone(store.analysis),
  async setState(json, { history = "push" } = {}) {
    let analysis;
    try {
      analysis = await analyzeState(json);
    } catch (err) {
      throw /** @type {any} */ (err).body || { detail: String(err), errors: [] };
    }
    store.replace(analysis.state, { history: history === "replace" ? "replace" : "push", analysis });
    return analysis;
  },
  onChange(cb) {
    if (typeof cb === "function") changeListeners.push(cb);
  },
  showMessage,
};

/** Resolves when the page is idle and no drag or burst of keys is under
 * way: running Plotly holds the main thread for up to a second on a first
 * visit, which must not land in the middle of a gesture. */
function whenQuiet() {
  return new Promise((resolve) => {
    const check = () => (store.base === null ? resolve(undefined) : setTimeout(wait, 250));
    const wait = () => requestIdleCallback(check, { timeout: 1000 });
    wait();
  });
}

// The charts are on screen (drawn by the server, markers placed above) once
// the next frame is painted; then Plotly runs and redraws each chart. The
// page works throughout, and without Plotly if it fails to load.
requestAnimationFrame(() =>
  setTimeout(() => {
    performance.mark("scurve:charts-drawn");
    document.body.dataset.interactive = "true";
    plotlyFetched()
      .then(whenQuiet)
      .then(() => Promise.all(charts.map((chart) => chart.drawPlotly())))
      .then(() => performance.mark("scurve:plotly-drawn"))
      .catch((err) =>
        showMessage(
          `The chart library did not load (${err.message || err}), so the charts stay as first drawn: ` +
            "a changed curve shape is not redrawn and Save PNG is unavailable. Reloading the page may help.",
          "error",
        ),
      )
      .finally(() => {
        document.body.dataset.ready = "true";
        document.dispatchEvent(new CustomEvent("scurve:ready"));
      });
  }),
);
