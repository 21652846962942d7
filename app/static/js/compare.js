// Compare with another view: pick it (the defaults, or a pasted permalink),
// clear it, and list per category and year the difference in position, slope
// and phase. The other view travels in the link as `vs.` parameters and in
// the JSON state as `vs`; the server analyses it (analysis.compare) and the
// estimator draws its markers. Here we only subtract two server numbers.
import { h } from "./dom.js";
import { yearWords } from "./format.js";
import { analyzeQuery } from "./api.js";
import { clearErrors, errorsOf, renderErrors } from "./io.js";

const MINUS = "\u2212";

/** The query of whatever was pasted: a full URL, "/?query", "?query" or a bare query.
 * @param {string} text
 * @returns {string}
 */
export function extractQuery(text) {
  let t = text.trim();
  if (!t) return "";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
    try {
      return new URL(t).search.slice(1);
    } catch {
      return "";
    }
  }
  const hash = t.indexOf("#");
  if (hash >= 0) t = t.slice(0, hash);
  const q = t.indexOf("?");
  return q >= 0 ? t.slice(q + 1) : t;
}

/** A signed difference, fixed to `digits`; an exact (rounded) zero is "0".
 * @param {number | null | undefined} delta
 * @param {number} digits
 * @returns {string}
 */
export function signed(delta, digits) {
  if (delta === null || delta === undefined || Number.isNaN(delta)) return "—";
  const text = Math.abs(delta).toFixed(digits);
  if (Number(text) === 0) return "0";
  return (delta > 0 ? "+" : MINUS) + text;
}

function fixed(value, digits) {
  return value === null || value === undefined ? "—" : value.toFixed(digits);
}

function peakText(forecast, horizon) {
  if (forecast.peak_year === null || forecast.peak_year === undefined) return "no forecast";
  if (forecast.peak_at_edge) return `still rising at ${horizon}`;
  return `around ${yearWords(forecast.peak_year)}`;
}

const lastDrawnPeak = new Map(); // "yours" | "compared" -> text, kept through live answers without draws

/** The peak of a view: with ranges, the draws' 90% interval of years. */
function peakOf(a, which) {
  const u = a.uncertainty;
  const hasRanges = Boolean(a.state.ranges && Object.keys(a.state.ranges).length);
  if (u && u.forecast.peak_year && u.forecast.p_peak_at_edge < 0.95) {
    const [lo, , hi] = u.forecast.peak_year;
    const [first, last] = [yearWords(lo), yearWords(hi)];
    const text = first === last ? `around ${first} (90%)` : `between ${first} and ${last} (90%)`;
    lastDrawnPeak.set(which, text);
    return text;
  }
  if (!u && hasRanges && lastDrawnPeak.has(which)) return lastDrawnPeak.get(which); // a live preview
  lastDrawnPeak.delete(which);
  return peakText(a.forecast, a.state.horizon);
}

function readCatalog() {
  const node = document.getElementById("scurve-data");
  if (!node) return null;
  try {
    const data = JSON.parse(node.textContent);
    const cats = data.categories;
    if (Array.isArray(cats)) return { years: null, categories: cats };
    if (cats && Array.isArray(cats.categories)) return cats;
  } catch {
    // fall through: without the catalog the view is just not labelled "the defaults"
  }
  return null;
}

function isDefaults(state, catalog) {
  if (!catalog || !state) return false;
  if (catalog.years && JSON.stringify(state.years) !== JSON.stringify(catalog.years)) return false;
  if (Object.keys(state.curves || {}).length || Object.keys(state.weights || {}).length) return false;
  if (Object.keys(state.custom || {}).length) return false; // the defaults have none of the user's own
  return catalog.categories.every((c) => {
    const mine = (state.estimates || {})[c.id] || {};
    const want = Object.fromEntries(
      Object.entries(c.defaults || {}).filter(([y]) => state.years.includes(Number(y))),
    );
    const keys = Object.keys(want);
    return Object.keys(mine).length === keys.length && keys.every((y) => mine[y] === want[y]);
  });
}

function labelOf(state, catalog) {
  if (state.title) return `“${state.title}”`;
  if (isDefaults(state, catalog)) return "the defaults";
  return "the other view";
}

function aggregateTable(analysis, other) {
  const theirs = new Map(other.years.map((y) => [y.year, y]));
  const years = [...new Set([...analysis.years.map((y) => y.year), ...other.years.map((y) => y.year)])].sort();
  const mine = new Map(analysis.years.map((y) => [y.year, y]));
  const body = h("tbody");
  for (const year of years) {
    const a = mine.get(year);
    const b = theirs.get(year);
    const ma = a ? a.mean_slope : null;
    const mb = b ? b.mean_slope : null;
    body.append(
      h(
        "tr",
        { "data-year": String(year) },
        h("th", { scope: "row", text: String(year) }),
        h("td", { "data-field": "mean_slope", text: `${fixed(ma, 2)} / ${fixed(mb, 2)}` }),
        h("td", {
          "data-field": "mean_slope_delta",
          text: ma === null || mb === null ? "—" : signed(ma - mb, 2),
        }),
        h("td", {
          "data-field": "supercritical_count",
          text: `${a ? a.supercritical_count : "—"} / ${b ? b.supercritical_count : "—"}`,
        }),
      ),
    );
  }
  return h(
    "table",
    { class: "compare-table compare-aggregate", id: "compare-aggregate" },
    h("caption", {}, "All categories ", h("small", { text: "yours / compared" })),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col", text: "Year" }),
        h("th", { scope: "col", text: "Mean slope" }),
        h("th", { scope: "col", text: "Δ" }),
        h("th", { scope: "col", text: "Super-critical" }),
      ),
    ),
    body,
  );
}

function categoryTable(analysis, other) {
  const theirs = new Map(other.categories.map((c) => [c.id, c]));
  const table = h(
    "table",
    { class: "compare-table compare-diff", id: "compare-table" },
    h("caption", {}, "Per category ", h("small", { text: "Δ = yours minus compared; phase: yours / compared" })),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col", text: "Year" }),
        h("th", { scope: "col", text: "Position Δ" }),
        h("th", { scope: "col", text: "Slope Δ" }),
        h("th", { scope: "col", text: "Phase" }),
      ),
    ),
  );
  for (const c of analysis.categories) {
    const o = theirs.get(c.id);
    const mine = new Map(c.points.map((p) => [p.year, p]));
    const their = new Map((o ? o.points : []).map((p) => [p.year, p]));
    const years = [...new Set([...mine.keys(), ...their.keys()])].sort();
    const body = h(
      "tbody",
      { "data-category": c.id },
      h("tr", { class: "compare-cat" }, h("th", { colspan: "4", scope: "rowgroup", text: c.name })),
    );
    if (!years.length) {
      body.append(h("tr", {}, h("td", { colspan: "4", class: "compare-none", text: "no estimates in either view" })));
    }
    for (const year of years) {
      const a = mine.get(year);
      const b = their.get(year);
      const both = a && b;
      const samePhase = both && a.phase === b.phase;
      const phase = samePhase ? `${a.phase} (both)` : `${a ? a.phase : "—"} / ${b ? b.phase : "—"}`;
      body.append(
        h(
          "tr",
          { "data-year": String(year) },
          h("th", { scope: "row", text: String(year) }),
          h("td", {
            "data-field": "position",
            title: `${a ? a.position.toFixed(3) : "—"} yours, ${b ? b.position.toFixed(3) : "—"} compared`,
            text: both ? signed(a.position - b.position, 3) : "—",
          }),
          h("td", {
            "data-field": "slope",
            title: `${a ? a.slope.toFixed(2) : "—"} yours, ${b ? b.slope.toFixed(2) : "—"} compared`,
            text: both ? signed(a.slope - b.slope, 2) : "—",
          }),
          h("td", { "data-field": "phase", class: samePhase ? "compare-same" : "compare-changed", text: phase }),
        ),
      );
    }
    table.append(body);
  }
  return table;
}

/**
 * @param {any} api
 */
export function setUpCompare(api) {
  const toggle = /** @type {HTMLElement} */ (document.getElementById("compare-toggle"));
  const form = /** @type {HTMLElement} */ (document.getElementById("compare-form"));
  const field = /** @type {HTMLElement} */ /** @type {HTMLInputElement} */ ((document.getElementById("compare-link")));
  const defaultsButton = /** @type {HTMLElement} */ (document.getElementById("compare-defaults"));
  const clearButton = /** @type {HTMLElement} */ (document.getElementById("compare-clear"));
  const box = document.getElementById("compare-errors");
  const panel = document.getElementById("compare-panel");
  const catalog = readCatalog();

  const open = (on) => {
    const hadFocus = form.contains(document.activeElement);
    form.hidden = !on;
    toggle.setAttribute("aria-expanded", String(on));
    if (on) field.focus();
    else if (hadFocus) toggle.focus(); // focus must not fall to <body> with the form
  };
  toggle.addEventListener("click", () => open(form.hidden));

  const compareWith = async (other, history = "push") => {
    const state = { ...api.getState() };
    const vs = { ...other };
    delete vs.vs; // a compared view has no comparison of its own
    state.vs = vs;
    await api.setState(state, { history });
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(box);
    const query = extractQuery(field.value);
    if (!query || !query.includes("=")) {
      renderErrors(box, "Nothing to compare with.", [
        { msg: "paste a link to a view of this app: a URL like …/?v=2&years=2024,2025,2026&bug_fixes=…, or just its query" },
      ]);
      return;
    }
    try {
      const data = await analyzeQuery(query);
      await compareWith(data.state);
      const ignored = (data.warnings || []).filter((w) => w.startsWith("ignored"));
      const note = ignored.length ? ` (${ignored.join("; ")})` : "";
      api.showMessage(`Comparing with ${labelOf(data.state, catalog)}${note}.`, ignored.length ? "info" : "success");
      open(false);
    } catch (err) {
      const errors = errorsOf(err);
      renderErrors(box, `That link cannot be compared with (${errors.length} problem${errors.length === 1 ? "" : "s"}); nothing changed.`, errors);
    }
  });

  defaultsButton.addEventListener("click", async () => {
    clearErrors(box);
    try {
      // The defaults, seen to the same horizon so the two forecasts line up.
      await compareWith({ horizon: api.getState().horizon });
      api.showMessage("Comparing with the defaults.", "success");
      open(false);
    } catch (err) {
      renderErrors(box, "The comparison could not be set.", errorsOf(err));
    }
  });

  const clear = async () => {
    const state = { ...api.getState() };
    if (!state.vs) return;
    delete state.vs;
    try {
      await api.setState(state, { history: "push" });
      api.showMessage("Comparison cleared.", "info");
    } catch (err) {
      api.showMessage(`The comparison could not be cleared: ${errorsOf(err)[0].msg}`, "error");
    }
  };
  clearButton.addEventListener("click", clear);

  const render = (state, analysis) => {
    const other = analysis && analysis.compare;
    clearButton.hidden = !other;
    toggle.textContent = other ? "Change comparison…" : "Compare…";
    if (!panel) return;
    if (!other) {
      panel.hidden = true;
      panel.replaceChildren();
      return;
    }
    const label = labelOf(other.state, catalog);
    const clearHere = h("button", { type: "button", class: "share-button", id: "compare-panel-clear", text: "Clear comparison" });
    clearHere.addEventListener("click", clear);
    const link = h("a", { href: other.permalink, text: "Open the compared view on its own" });
    panel.replaceChildren(
      h(
        "div",
        { class: "compare-head" },
        h("h2", { id: "compare-heading", text: `Your view compared with ${label}` }),
        clearHere,
      ),
      h(
        "p",
        { class: "compare-note" },
        "The compared view's markers are drawn hollow on every chart, and its series on the aggregate charts. ",
        link,
        ".",
      ),
      h(
        "p",
        { class: "compare-peak", id: "compare-peak" },
        `The aggregate slope peaks ${peakOf(analysis, "yours")} in yours and ` +
          `${peakOf(other, "compared")} in the compared view.`,
      ),
      h("div", { class: "compare-scroll" }, aggregateTable(analysis, other)),
      h("div", { class: "compare-scroll" }, categoryTable(analysis, other)),
    );
    panel.setAttribute("aria-labelledby", "compare-heading");
    panel.hidden = false;
  };
  api.onChange(render);
  render(api.getState(), api.getAnalysis());
}
