// Export (CSV link, JSON file) and import (CSV via POST /api/import, JSON via
// setState, by file picker or by dropping a file on the page). A failed
// import lists every problem and leaves the estimates exactly as they were;
// a successful one says what it changed.

import { importCsv as postCsv } from "./api.js";
import { maxBodyBytes, settings } from "./limits.js";
import { errorText } from "./messages.js";

const MAX_BYTES = maxBodyBytes(); // the server's limit; checked here to answer at once
const JSON_NAME = "scurve-estimates.json";

/** Render a list of problems (the API's `errors`) into a role=alert box.
 * @param {any} box an HTMLElement (callers pass a query's result unchecked)
 * @param {string} heading
 * @param {{msg: string}[]} errors
 */
export function renderErrors(box, heading, errors) {
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

/**
 * @param {any} box an HTMLElement (callers pass a query's result unchecked)
 */
export function clearErrors(box) {
  box.hidden = true;
  box.replaceChildren();
}

/** The errors of a failed request or rejected setState, as a list.
 * @param {any} err
 * @returns {{msg: string}[]}
 */
export function errorsOf(err) {
  // setState may reject with the error JSON itself or with an error carrying it as .body.
  if (err && err.body && typeof err.body === "object" && !Array.isArray(err.body)) err = err.body;
  if (err && Array.isArray(err.errors) && err.errors.length) {
    return err.errors.map((e) => ({ msg: e.msg || String(e) }));
  }
  if (err && err.detail) return [{ msg: String(err.detail) }];
  return [{ msg: String((err && err.message) || err) }];
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** How many {id: {key: value}} cells differ between two states' `field`. */
function cellsChanged(before, after, field) {
  const a = before[field] || {};
  const b = after[field] || {};
  let n = 0;
  for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const rowA = a[id] || {};
    const rowB = b[id] || {};
    for (const key of new Set([...Object.keys(rowA), ...Object.keys(rowB)])) if (!same(rowA[key], rowB[key])) n += 1;
  }
  return n;
}

/** How many ids of a {id: value} field differ. */
function idsChanged(before, after, field) {
  const a = before[field] || {};
  const b = after[field] || {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((id) => !same(a[id], b[id])).length;
}

function settingText(label, value) {
  if (Array.isArray(value)) return `${label} ${value.join(", ")}`;
  if (typeof value === "string") return value ? `${label} “${value}”` : `no ${label}`;
  return `${label} ${value}`;
}

/** What going from one state to another changed, in words:
 * ["feedback 1.5", "title “Mine”", "12 positions", "3 ranges"]. The settings
 * and their names come from the page's limits (the server's field table).
 * @param {any} before a state
 * @param {any} after a state
 * @returns {string[]}
 */
export function changesBetween(before, after) {
  const parts = [];
  for (const [key, lim] of settings()) {
    if (key in after && !same(before[key], after[key])) parts.push(settingText(lim.label, after[key]));
  }
  const counted = [
    [cellsChanged(before, after, "estimates"), "position"],
    [cellsChanged(before, after, "ranges"), "range"],
    [idsChanged(before, after, "curves"), "curve"],
    [idsChanged(before, after, "weights"), "weight"],
    [idsChanged(before, after, "custom"), "category of your own"],
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
  // The app's export is {"state": ..., "analysis": ...}; a bare state is read too.
  if (data && typeof data === "object" && !Array.isArray(data)) {
    if (data.state && typeof data.state === "object") return data.state;
    if ("estimates" in data || "years" in data) return data;
  }
  throw {
    errors: [{ msg: 'the JSON file has no "state" object: expected a file exported by this app, {"state": {...}, "analysis": {...}}' }],
  };
}

/**
 * @param {any} api window.scurve
 * @param {{queryOf: (permalink: string) => string}} options
 */
export function setUpIo(api, { queryOf }) {
  const csvLink = /** @type {HTMLElement} */ (document.getElementById("export-csv"));
  const jsonButton = /** @type {HTMLElement} */ (document.getElementById("export-json"));
  const input = /** @type {HTMLElement} */ /** @type {HTMLInputElement} */ ((document.getElementById("import-file")));
  const box = /** @type {HTMLElement} */ (document.getElementById("import-errors"));
  const zone = /** @type {HTMLElement} */ (document.getElementById("drop-zone"));

  // From the analysis handed to the listener: api.getAnalysis() would copy
  // the whole analysis on every answer of a drag.
  const refreshCsv = (analysis) => {
    const href = `/export.csv?${queryOf(analysis.permalink)}`;
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
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });

  const fail = (file, errors) => {
    const n = errors.length;
    renderErrors(
      box,
      `${file.name || "The file"} was not imported (${plural(n, "problem")}); your estimates are unchanged.`,
      errors,
    );
    box.scrollIntoView({ block: "nearest" });
  };

  const importCsv = async (bytes) => {
    const data = await postCsv(bytes);
    // A CSV carries the whole state but the comparison, which stays as it is
    // on screen; so do the settings an older CSV has no column for.
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
      const warnings = kindOf(file, text) === "json" ? await importJson(text) : await importCsv(bytes);
      clearErrors(box);
      const changed = changesBetween(before, api.getState());
      const what = changed.length ? `: ${changed.join(", ")}` : ": nothing changed";
      const note = warnings.length ? ` Note: ${warnings.join("; ")}.` : "";
      api.showMessage(`Imported ${file.name || "the file"}${what}.${note}`, warnings.length ? "info" : "success");
    } catch (err) {
      fail(file, errorsOf(err));
    } finally {
      busy = false;
      input.value = ""; // picking the same file again still fires "change"
    }
  };

  input.addEventListener("change", () => importFile(input.files && input.files[0]));

  // Drop anywhere on the page; the highlight shows while files are dragged over.
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
