// Share, export, import and compare: the entry point of the controls in
// _share.html. It talks to the estimator only through window.scurve
// (getState, getAnalysis, setState, onChange, showMessage).
import { siteOrigin } from "./api.js";
import { setUpIo } from "./io.js";
import { setUpCompare } from "./compare.js";
import { setUpEmbed } from "./embed.js";
import { setting } from "./limits.js";

const TITLE_MAX = setting("title").max_length;

// The estimator sets window.scurve once its first render is done; module
// scripts may run before that, so wait for it (briefly, then give up quietly:
// the server-rendered links still work without the script).
function whenReady(timeoutMs = 15000) {
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

/** The absolute permalink of the current state.
 * @param {any} analysis
 * @returns {string}
 */
export function absoluteLink(analysis) {
  return siteOrigin() + analysis.permalink;
}

/** The query of a relative permalink "/?v=2&...".
 * @param {string} permalink
 * @returns {string}
 */
export function queryOf(permalink) {
  const i = permalink.indexOf("?");
  return i < 0 ? "" : permalink.slice(i + 1);
}

function setUpTitle(api) {
  const input = /** @type {HTMLInputElement} */ (document.getElementById("state-title"));
  const count = /** @type {HTMLElement} */ (document.getElementById("state-title-count"));
  if (!input) return { commit: async () => {} };
  const show = () => {
    const text = `${input.value.length}/${TITLE_MAX}`;
    if (count.textContent !== text) count.textContent = text;
    count.classList.toggle("share-counter-full", input.value.length >= TITLE_MAX);
  };
  // One undoable step per edit: commit when the field is left or Enter is
  // pressed, not on every keystroke.
  let inflight = null;
  const commit = async () => {
    if (inflight) await inflight; // a click right after typing: let the blur's commit land first
    const title = input.value.trim().slice(0, TITLE_MAX);
    const state = api.getState();
    if ((state.title || "") === title) return;
    inflight = api.setState({ ...state, title }, { history: "replace" });
    try {
      await inflight;
    } catch (err) {
      api.showMessage(`The title was not set: ${/** @type {any} */ (err)?.detail || err}`, "error");
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
  const fallback = /** @type {HTMLElement} */ (document.getElementById("copy-fallback"));
  const field = /** @type {HTMLElement} */ /** @type {HTMLInputElement} */ ((document.getElementById("copy-fallback-input")));
  const status = /** @type {HTMLElement} */ (document.getElementById("share-status"));
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
    await title.commit(); // a title typed but not yet committed belongs in the link
    const link = absoluteLink(api.getAnalysis());
    try {
      if (!navigator.clipboard || !navigator.clipboard.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(link);
      fallback.hidden = true;
      confirm("Link copied to the clipboard.");
    } catch {
      // The clipboard was refused: hand the user the link, selected.
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
