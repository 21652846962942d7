import {
  maxBodyBytes,
  setting,
  settings
} from "./chunk-UCBP7DC2.js";
import {
  analyzeQuery,
  errorText,
  h,
  importCsv,
  siteOrigin,
  yearWords
} from "./chunk-53C3SWFZ.js";

// app/static/js/io.js
var MAX_BYTES = maxBodyBytes();
var JSON_NAME = "scurve-estimates.json";
function renderErrors(box, heading, errors) {
  box.replaceChildren();
  const head = document.createElement("p");
  head.className = "share-errors-head";
  head.textContent = heading;
  const list = document.createElement("ul");
  for (const e of errors) {
    const li = document.createElement("li");
    li.textContent = e.msg;
    list.append(li);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.className = "share-errors-close";
  close.textContent = "Dismiss";
  close.addEventListener("click", () => clearErrors(box));
  box.append(head, list, close);
  box.hidden = false;
}
function clearErrors(box) {
  box.hidden = true;
  box.replaceChildren();
}
function errorsOf(err) {
  if (err && err.body && typeof err.body === "object" && !Array.isArray(err.body)) err = err.body;
  if (err && Array.isArray(err.errors) && err.errors.length) {
    return err.errors.map((e) => ({ msg: e.msg || String(e) }));
  }
  if (err && err.detail) return [{ msg: String(err.detail) }];
  return [{ msg: String(err && err.message || err) }];
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
var same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
function cellsChanged(before, after, field) {
  const a = before[field] || {};
  const b = after[field] || {};
  let n = 0;
  for (const id of /* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])) {
    const rowA = a[id] || {};
    const rowB = b[id] || {};
    for (const key of /* @__PURE__ */ new Set([...Object.keys(rowA), ...Object.keys(rowB)])) if (!same(rowA[key], rowB[key])) n += 1;
  }
  return n;
}
function idsChanged(before, after, field) {
  const a = before[field] || {};
  const b = after[field] || {};
  return [.../* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])].filter((id) => !same(a[id], b[id])).length;
}
function settingText(label, value) {
  if (Array.isArray(value)) return `${label} ${value.join(", ")}`;
  if (typeof value === "string") return value ? `${label} “${value}”` : `no ${label}`;
  return `${label} ${value}`;
}
function changesBetween(before, after) {
  const parts = [];
  for (const [key, lim] of settings()) {
    if (key in after && !same(before[key], after[key])) parts.push(settingText(lim.label, after[key]));
  }
  const counted = [
    [cellsChanged(before, after, "estimates"), "position"],
    [cellsChanged(before, after, "ranges"), "range"],
    [idsChanged(before, after, "curves"), "curve"],
    [idsChanged(before, after, "weights"), "weight"],
    [idsChanged(before, after, "custom"), "category of your own"]
  ];
  for (const [n, word] of counted) {
    if (n) parts.push(word === "category of your own" ? `${n} ${n === 1 ? word : "categories of your own"}` : plural(n, word));
  }
  return parts;
}
function kindOf(file, text) {
  const name = (file.name || "").toLowerCase();
  if (name.endsWith(".json") || file.type === "application/json") return "json";
  if (name.endsWith(".csv") || file.type === "text/csv") return "csv";
  return text.trimStart().startsWith("{") ? "json" : "csv";
}
function stateOfJson(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw { errors: [{ msg: `the file is not valid JSON: ${errorText(err)}` }] };
  }
  if (data && typeof data === "object" && !Array.isArray(data)) {
    if (data.state && typeof data.state === "object") return data.state;
    if ("estimates" in data || "years" in data) return data;
  }
  throw {
    errors: [{ msg: 'the JSON file has no "state" object: expected a file exported by this app, {"state": {...}, "analysis": {...}}' }]
  };
}
function setUpIo(api, { queryOf: queryOf2 }) {
  const csvLink = (
    /** @type {HTMLElement} */
    document.getElementById("export-csv")
  );
  const jsonButton = (
    /** @type {HTMLElement} */
    document.getElementById("export-json")
  );
  const input = (
    /** @type {HTMLElement} */
    /** @type {HTMLInputElement} */
    document.getElementById("import-file")
  );
  const box = (
    /** @type {HTMLElement} */
    document.getElementById("import-errors")
  );
  const zone = (
    /** @type {HTMLElement} */
    document.getElementById("drop-zone")
  );
  const refreshCsv = (analysis) => {
    const href = `/export.csv?${queryOf2(analysis.permalink)}`;
    if (csvLink.getAttribute("href") !== href) csvLink.setAttribute("href", href);
  };
  api.onChange((state, analysis) => refreshCsv(analysis));
  refreshCsv(api.getAnalysis());
  jsonButton.addEventListener("click", () => {
    const body = JSON.stringify({ state: api.getState(), analysis: api.getAnalysis() }, null, 2);
    const url = URL.createObjectURL(new Blob([body + "\n"], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = JSON_NAME;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1e4);
  });
  const fail = (file, errors) => {
    const n = errors.length;
    renderErrors(
      box,
      `${file.name || "The file"} was not imported (${plural(n, "problem")}); your estimates are unchanged.`,
      errors
    );
    box.scrollIntoView({ block: "nearest" });
  };
  const importCsv2 = async (bytes) => {
    const data = await importCsv(bytes);
    const current = api.getState();
    const next = { ...data.state };
    for (const key of data.defaulted || []) if (key in current) next[key] = current[key];
    if (current.vs) next.vs = current.vs;
    await api.setState(next, { history: "push" });
    return data.warnings || [];
  };
  const importJson = async (text) => {
    await api.setState(stateOfJson(text), { history: "push" });
    return [];
  };
  let busy = false;
  const importFile = async (file) => {
    if (!file || busy) return;
    busy = true;
    try {
      if (file.size > MAX_BYTES) {
        throw { errors: [{ msg: `the file is ${file.size} bytes; the limit is ${MAX_BYTES} bytes (1 MiB)` }] };
      }
      const bytes = await file.arrayBuffer();
      const text = new TextDecoder("utf-8").decode(bytes);
      const before = api.getState();
      const warnings = kindOf(file, text) === "json" ? await importJson(text) : await importCsv2(bytes);
      clearErrors(box);
      const changed = changesBetween(before, api.getState());
      const what = changed.length ? `: ${changed.join(", ")}` : ": nothing changed";
      const note = warnings.length ? ` Note: ${warnings.join("; ")}.` : "";
      api.showMessage(`Imported ${file.name || "the file"}${what}.${note}`, warnings.length ? "info" : "success");
    } catch (err) {
      fail(file, errorsOf(err));
    } finally {
      busy = false;
      input.value = "";
    }
  };
  input.addEventListener("change", () => importFile(input.files && input.files[0]));
  let depth = 0;
  const hasFiles = (event) => event.dataTransfer && Array.from(event.dataTransfer.types || []).includes("Files");
  const highlight = (on) => {
    document.body.classList.toggle("share-dragging", on);
    zone.classList.toggle("share-drop-active", on);
  };
  document.addEventListener("dragenter", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth += 1;
    highlight(true);
  });
  document.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    highlight(true);
  });
  document.addEventListener("dragleave", (event) => {
    if (!hasFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) highlight(false);
  });
  document.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    highlight(false);
    const files = event.dataTransfer ? event.dataTransfer.files : [];
    if (files.length > 1) api.showMessage(`${files.length} files dropped: importing the first, ${files[0].name}.`, "info");
    importFile(files[0]);
  });
}

// app/static/js/compare.js
var MINUS = "−";
function extractQuery(text) {
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
function signed(delta, digits) {
  if (delta === null || delta === void 0 || Number.isNaN(delta)) return "—";
  const text = Math.abs(delta).toFixed(digits);
  if (Number(text) === 0) return "0";
  return (delta > 0 ? "+" : MINUS) + text;
}
function fixed(value, digits) {
  return value === null || value === void 0 ? "—" : value.toFixed(digits);
}
function peakText(forecast, horizon) {
  if (forecast.peak_year === null || forecast.peak_year === void 0) return "no forecast";
  if (forecast.peak_at_edge) return `still rising at ${horizon}`;
  return `around ${yearWords(forecast.peak_year)}`;
}
var lastDrawnPeak = /* @__PURE__ */ new Map();
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
  if (!u && hasRanges && lastDrawnPeak.has(which)) return lastDrawnPeak.get(which);
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
  }
  return null;
}
function isDefaults(state, catalog) {
  if (!catalog || !state) return false;
  if (catalog.years && JSON.stringify(state.years) !== JSON.stringify(catalog.years)) return false;
  if (Object.keys(state.curves || {}).length || Object.keys(state.weights || {}).length) return false;
  if (Object.keys(state.custom || {}).length) return false;
  return catalog.categories.every((c) => {
    const mine = (state.estimates || {})[c.id] || {};
    const want = Object.fromEntries(
      Object.entries(c.defaults || {}).filter(([y]) => state.years.includes(Number(y)))
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
  const years = [.../* @__PURE__ */ new Set([...analysis.years.map((y) => y.year), ...other.years.map((y) => y.year)])].sort();
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
          text: ma === null || mb === null ? "—" : signed(ma - mb, 2)
        }),
        h("td", {
          "data-field": "supercritical_count",
          text: `${a ? a.supercritical_count : "—"} / ${b ? b.supercritical_count : "—"}`
        })
      )
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
        h("th", { scope: "col", text: "Super-critical" })
      )
    ),
    body
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
        h("th", { scope: "col", text: "Phase" })
      )
    )
  );
  for (const c of analysis.categories) {
    const o = theirs.get(c.id);
    const mine = new Map(c.points.map((p) => [p.year, p]));
    const their = new Map((o ? o.points : []).map((p) => [p.year, p]));
    const years = [.../* @__PURE__ */ new Set([...mine.keys(), ...their.keys()])].sort();
    const body = h(
      "tbody",
      { "data-category": c.id },
      h("tr", { class: "compare-cat" }, h("th", { colspan: "4", scope: "rowgroup", text: c.name }))
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
            text: both ? signed(a.position - b.position, 3) : "—"
          }),
          h("td", {
            "data-field": "slope",
            title: `${a ? a.slope.toFixed(2) : "—"} yours, ${b ? b.slope.toFixed(2) : "—"} compared`,
            text: both ? signed(a.slope - b.slope, 2) : "—"
          }),
          h("td", { "data-field": "phase", class: samePhase ? "compare-same" : "compare-changed", text: phase })
        )
      );
    }
    table.append(body);
  }
  return table;
}
function setUpCompare(api) {
  const toggle = (
    /** @type {HTMLElement} */
    document.getElementById("compare-toggle")
  );
  const form = (
    /** @type {HTMLElement} */
    document.getElementById("compare-form")
  );
  const field = (
    /** @type {HTMLElement} */
    /** @type {HTMLInputElement} */
    document.getElementById("compare-link")
  );
  const defaultsButton = (
    /** @type {HTMLElement} */
    document.getElementById("compare-defaults")
  );
  const clearButton = (
    /** @type {HTMLElement} */
    document.getElementById("compare-clear")
  );
  const box = document.getElementById("compare-errors");
  const panel = document.getElementById("compare-panel");
  const catalog = readCatalog();
  const open = (on) => {
    const hadFocus = form.contains(document.activeElement);
    form.hidden = !on;
    toggle.setAttribute("aria-expanded", String(on));
    if (on) field.focus();
    else if (hadFocus) toggle.focus();
  };
  toggle.addEventListener("click", () => open(form.hidden));
  const compareWith = async (other, history = "push") => {
    const state = { ...api.getState() };
    const vs = { ...other };
    delete vs.vs;
    state.vs = vs;
    await api.setState(state, { history });
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(box);
    const query = extractQuery(field.value);
    if (!query || !query.includes("=")) {
      renderErrors(box, "Nothing to compare with.", [
        { msg: "paste a link to a view of this app: a URL like …/?v=2&years=2024,2025,2026&bug_fixes=…, or just its query" }
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
        clearHere
      ),
      h(
        "p",
        { class: "compare-note" },
        "The compared view's markers are drawn hollow on every chart, and its series on the aggregate charts. ",
        link,
        "."
      ),
      h(
        "p",
        { class: "compare-peak", id: "compare-peak" },
        `The aggregate slope peaks ${peakOf(analysis, "yours")} in yours and ${peakOf(other, "compared")} in the compared view.`
      ),
      h("div", { class: "compare-scroll" }, aggregateTable(analysis, other)),
      h("div", { class: "compare-scroll" }, categoryTable(analysis, other))
    );
    panel.setAttribute("aria-labelledby", "compare-heading");
    panel.hidden = false;
  };
  api.onChange(render);
  render(api.getState(), api.getAnalysis());
}

// app/static/js/embed.js
var WIDTH = 600;
var HEIGHT = 430;
var NARROW_HEIGHT = 810;
function escapeAttr(text) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function embedSnippet(href, title, origin = new URL(href).origin) {
  const url = new URL(href);
  const src = `${origin}/embed${url.search}`;
  const label = title || document.getElementById("page-title")?.dataset.default || "scurve";
  return `<div style="container-type:inline-size;max-width:${WIDTH}px"><iframe src="${escapeAttr(src)}" width="${WIDTH}" height="${HEIGHT}" style="display:block;width:100%;height:clamp(${HEIGHT}px,(560px - 100cqw) * 1000,${NARROW_HEIGHT}px);border:0" loading="lazy" title="${escapeAttr(label)}"></iframe></div>`;
}
function setUpEmbed(api, title) {
  const button = document.getElementById("embed-copy");
  const fallback = document.getElementById("embed-fallback");
  const field = (
    /** @type {HTMLInputElement} */
    document.getElementById("embed-fallback-input")
  );
  const status = (
    /** @type {HTMLElement} */
    document.getElementById("share-status")
  );
  if (!button || !fallback || !field) return;
  const label = button.textContent;
  let reset = 0;
  button.addEventListener("click", async () => {
    await title.commit();
    const snippet = embedSnippet(window.location.href, (api.getState().title || "").trim(), siteOrigin());
    try {
      if (!navigator.clipboard || !navigator.clipboard.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(snippet);
      fallback.hidden = true;
      button.textContent = "Copied ✓";
      button.classList.add("share-done");
      status.textContent = "Embed code copied: paste it into the HTML of a page.";
      clearTimeout(reset);
      reset = setTimeout(() => {
        button.textContent = label;
        button.classList.remove("share-done");
        status.textContent = "";
      }, 2500);
    } catch {
      field.value = snippet;
      fallback.hidden = false;
      field.focus();
      field.select();
      status.textContent = "Copying was blocked: the embed code is selected below, press Ctrl+C to copy it.";
    }
  });
  field.addEventListener("focus", () => field.select());
}

// app/static/js/share.js
var TITLE_MAX = setting("title").max_length;
function whenReady(timeoutMs = 15e3) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const poll = () => {
      const api = window.scurve;
      if (api && typeof api.getState === "function" && typeof api.setState === "function") {
        resolve(api);
      } else if (performance.now() - started > timeoutMs) {
        reject(new Error("the estimator did not start"));
      } else {
        setTimeout(poll, 25);
      }
    };
    poll();
  });
}
function absoluteLink(analysis) {
  return siteOrigin() + analysis.permalink;
}
function queryOf(permalink) {
  const i = permalink.indexOf("?");
  return i < 0 ? "" : permalink.slice(i + 1);
}
function setUpTitle(api) {
  const input = (
    /** @type {HTMLInputElement} */
    document.getElementById("state-title")
  );
  const count = (
    /** @type {HTMLElement} */
    document.getElementById("state-title-count")
  );
  if (!input) return { commit: async () => {
  } };
  const show = () => {
    const text = `${input.value.length}/${TITLE_MAX}`;
    if (count.textContent !== text) count.textContent = text;
    count.classList.toggle("share-counter-full", input.value.length >= TITLE_MAX);
  };
  let inflight = null;
  const commit = async () => {
    if (inflight) await inflight;
    const title = input.value.trim().slice(0, TITLE_MAX);
    const state = api.getState();
    if ((state.title || "") === title) return;
    inflight = api.setState({ ...state, title }, { history: "replace" });
    try {
      await inflight;
    } catch (err) {
      api.showMessage(`The title was not set: ${/** @type {any} */
      err?.detail || err}`, "error");
    } finally {
      inflight = null;
    }
  };
  input.addEventListener("input", show);
  input.addEventListener("change", commit);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      input.blur();
    }
  });
  api.onChange((state) => {
    if (document.activeElement !== input && input.value !== (state.title || "")) input.value = state.title || "";
    show();
  });
  show();
  return { commit };
}
function setUpCopy(api, title) {
  const button = document.getElementById("copy-link");
  const fallback = (
    /** @type {HTMLElement} */
    document.getElementById("copy-fallback")
  );
  const field = (
    /** @type {HTMLElement} */
    /** @type {HTMLInputElement} */
    document.getElementById("copy-fallback-input")
  );
  const status = (
    /** @type {HTMLElement} */
    document.getElementById("share-status")
  );
  if (!button) return;
  let reset = 0;
  const confirm = (text) => {
    status.textContent = text;
    button.textContent = "Copied ✓";
    button.classList.add("share-done");
    clearTimeout(reset);
    reset = setTimeout(() => {
      button.textContent = "Copy link";
      button.classList.remove("share-done");
      status.textContent = "";
    }, 2500);
  };
  button.addEventListener("click", async () => {
    await title.commit();
    const link = absoluteLink(api.getAnalysis());
    try {
      if (!navigator.clipboard || !navigator.clipboard.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(link);
      fallback.hidden = true;
      confirm("Link copied to the clipboard.");
    } catch {
      field.value = link;
      fallback.hidden = false;
      field.focus();
      field.select();
      status.textContent = "Copying was blocked: the link is selected below, press Ctrl+C to copy it.";
    }
  });
  field.addEventListener("focus", () => field.select());
  api.onChange((state, analysis) => {
    if (!fallback.hidden) field.value = absoluteLink(analysis);
  });
}
async function main() {
  const root = document.getElementById("share");
  if (!root) return;
  let api;
  try {
    api = await whenReady();
  } catch {
    return;
  }
  const title = setUpTitle(api);
  setUpCopy(api, title);
  setUpEmbed(api, title);
  setUpIo(api, { queryOf });
  setUpCompare(api);
  root.dataset.ready = "true";
}
main();
export {
  absoluteLink,
  queryOf
};
