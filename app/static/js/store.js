// The page's one state (the JSON form of docs/DESIGN.md §4), its undo and redo
// stacks, the server's analysis of it and the address bar.
//
// Edits come in two kinds. A live edit (a drag, key presses on a marker, a
// slider) calls begin() once, preview() for every step and commit() at the
// end: the whole gesture is one undo step and one history entry. A whole
// replacement (undo, reset, an imported state) is one step by itself.
//
// Analyses: while a gesture runs, the state is sent at most every
// LIVE_INTERVAL_MS and each answer is shown when it arrives; an answer older
// than one already shown is dropped (sequence numbers). On commit the state
// is sent at once. Live answers come without the Monte Carlo draws of
// ranges (?preview=1): the committed answer has them. The browser never computes a slope, fit or aggregate.
//
// Address bar: the server's permalink of what is on screen. While a gesture
// runs it is previewed with replaceState; when the committed analysis
// arrives, the entry we previewed over gets its own URL back and the new
// state is pushed, so Back returns to the state before the gesture.

import { analyzeQuery, analyzeState } from "./api.js";

export const LIVE_INTERVAL_MS = 80;
export const ADDRESS_INTERVAL_MS = 250;
const MAX_UNDO = 500; // steps kept; a state is a few kilobytes

/** JSON text with sorted keys: two states are the same when these match.
 * @param {unknown} value
 * @returns {string}
 */
export function canon(value) {
  if (Array.isArray(value)) return `[${value.map(canon).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canon(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export const clone = (value) => structuredClone(value);

export class Store {
  constructor(state, analysis) {
    this.state = clone(state);
    this.analysis = analysis;
    this.undoStack = [];
    this.redoStack = [];
    this.base = null; // the state before the gesture in progress, if any
    this.baseSeq = 0;
    this.owner = null; // who started it
    this.seq = 0; // last request sent
    this.appliedSeq = 0; // last answer shown
    this.pushFrom = Infinity; // the first request whose answer pushes a history entry
    this.lastSent = -Infinity;
    this.liveTimer = 0;
    this.epoch = 0; // bumped by Back/Forward: answers from before are dropped
    this.committedUrl = analysis.permalink;
    this.pendingAddress = null;
    this.addressTimer = 0;
    this.lastAddress = -Infinity;
    this.handlers = new Map();
    this.fixups = []; // fn(state, base, owner): keep a client-made state valid (js/ranges.js)
  }

  /** Register fn(state, base, owner), run on every state made here (a
   * preview's, a replacement's) before it is shown or sent: it repairs in
   * place what the edit broke elsewhere (a range whose estimate moved or
   * went). base and owner: the gesture's, or null for a replacement. */
  addFixup(fn) {
    this.fixups.push(fn);
  }

  fix(state, base, owner) {
    for (const fn of this.fixups) fn(state, base, owner);
  }

  on(name, fn) {
    if (!this.handlers.has(name)) this.handlers.set(name, []);
    this.handlers.get(name).push(fn);
  }

  emit(name, ...args) {
    for (const fn of this.handlers.get(name) || []) {
      try {
        fn(...args);
      } catch (err) {
        // One broken listener must not stop the others (or the drag).
        setTimeout(() => {
          throw err;
        });
      }
    }
  }

  get canUndo() {
    return this.undoStack.length > 0 || (this.base !== null && canon(this.base) !== canon(this.state));
  }

  get canRedo() {
    return this.redoStack.length > 0;
  }

  // -- edits ------------------------------------------------------------------

  /** Start a gesture (or continue the one `owner` started). A gesture of
   * another owner still open (a slider's, a burst of keys) is committed
   * first, so two gestures never merge into one undo step. */
  begin(owner = null) {
    if (this.base !== null && owner !== this.owner) this.commit();
    if (this.base === null) {
      this.base = clone(this.state);
      this.baseSeq = this.seq;
      this.owner = owner;
    }
  }

  /** A live step of a gesture. `quiet`: the caller has drawn it already. */
  preview(mutate, { quiet = false, owner = null } = {}) {
    this.begin(owner);
    mutate(this.state);
    this.fix(this.state, this.base, this.owner);
    if (!quiet) this.emit("state", this.state);
    this.scheduleLive();
  }

  /** End the gesture in progress: one undo step and one history entry.
   * With an `owner`, only that owner's gesture is ended. */
  commit(owner = undefined) {
    if (this.base === null || (owner !== undefined && owner !== this.owner)) return;
    const base = this.base;
    this.base = null;
    if (canon(base) === canon(this.state)) {
      // Nothing changed (a click on a marker, or a drag back to where it
      // began): if a live preview was shown, show this state's own again.
      if (this.liveTimer || this.seq !== this.baseSeq) this.request("replace");
      return;
    }
    this.pushUndo(base);
    this.redoStack = [];
    this.emit("undo-change");
    this.request("push");
  }

  /** Replace the whole state as one undoable step. `analysis`: its analysis
   * when already known (then no request is made). history: "push",
   * "replace" or "none" (the address bar already shows it). */
  replace(next, { history = "push", analysis = null } = {}) {
    this.commit();
    next = clone(next);
    this.fix(next, null, null);
    if (canon(next) === canon(this.state)) {
      if (analysis) this.accept(++this.seq, analysis, history === "push" ? "replace" : history);
      return false;
    }
    this.pushUndo(this.state);
    this.redoStack = [];
    this.state = clone(next);
    this.emit("state", this.state);
    this.emit("undo-change");
    if (analysis) {
      const seq = ++this.seq;
      if (history === "push") this.pushFrom = Math.min(this.pushFrom, seq);
      this.accept(seq, analysis, history);
    } else {
      this.request(history);
    }
    return true;
  }

  pushUndo(state) {
    this.undoStack.push(state);
    if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
  }

  undo() {
    this.commit();
    if (!this.undoStack.length) return;
    this.redoStack.push(this.state);
    this.state = this.undoStack.pop();
    this.emit("state", this.state);
    this.emit("undo-change");
    this.request("push");
  }

  redo() {
    this.commit();
    if (!this.redoStack.length) return;
    this.undoStack.push(this.state);
    this.state = this.redoStack.pop();
    this.emit("state", this.state);
    this.emit("undo-change");
    this.request("push");
  }

  /** Back or Forward: show the state of the URL now in the address bar. */
  async restoreFromLocation() {
    this.epoch += 1;
    const epoch = this.epoch;
    clearTimeout(this.liveTimer);
    this.liveTimer = 0;
    this.base = null;
    this.pushFrom = Infinity;
    this.pendingAddress = null;
    let analysis;
    try {
      analysis = await analyzeQuery(location.search);
    } catch (err) {
      // Only links we wrote are in the history, but one typed by hand may
      // not be valid: the server's page reads it leniently.
      location.reload();
      return;
    }
    if (epoch !== this.epoch) return;
    this.committedUrl = analysis.permalink;
    this.replace(analysis.state, { history: "none", analysis });
  }

  // -- analyses ---------------------------------------------------------------

  scheduleLive() {
    if (this.liveTimer) return;
    const wait = LIVE_INTERVAL_MS - (performance.now() - this.lastSent);
    if (wait <= 0) {
      this.request("live");
    } else {
      this.liveTimer = setTimeout(() => {
        this.liveTimer = 0;
        this.request("live");
      }, wait);
    }
  }

  request(history) {
    clearTimeout(this.liveTimer);
    this.liveTimer = 0;
    const seq = ++this.seq;
    const epoch = this.epoch;
    this.lastSent = performance.now();
    if (history === "push") this.pushFrom = Math.min(this.pushFrom, seq);
    // Live answers leave out the draws of ranges (the release brings them).
    analyzeState(this.state, { preview: history === "live" }).then(
      (analysis) => {
        if (epoch === this.epoch) this.accept(seq, analysis, history);
      },
      (err) => {
        if (epoch === this.epoch) this.failed(seq, err, history);
      },
    );
  }

  accept(seq, analysis, history) {
    if (seq <= this.appliedSeq) return; // a newer answer is on screen already
    // An older answer for other years would be drawn with this state's year styles: the newer one will come.
    if (seq < this.seq && analysis.state.years.join() !== this.state.years.join()) return;
    this.appliedSeq = seq;
    if (seq === this.seq && this.base === null && canon(analysis.state) !== canon(this.state)) {
      // Take the server's canonical form (rounding, defaults left out).
      this.state = clone(analysis.state);
      this.emit("state", this.state);
    }
    this.analysis = analysis;
    this.updateAddress(analysis.permalink, seq, history);
    this.emit("analysis", analysis, this.state);
  }

  failed(seq, err, history) {
    if (seq < this.seq) return; // a later request will tell
    this.emit("error", err);
    const rejected = err && err.status >= 400 && err.status < 500;
    if (rejected && this.base === null && history === "push" && this.undoStack.length) {
      // The server refused the new state: go back to the last good one.
      this.pushFrom = Infinity;
      this.state = this.undoStack.pop();
      this.emit("state", this.state);
      this.emit("undo-change");
      this.request("replace");
    }
  }

  updateAddress(permalink, seq, history) {
    const url = permalink + location.hash;
    if (history !== "live") this.pendingAddress = null; // a live preview still queued is stale now
    const here = location.pathname + location.search;
    if (history === "none") {
      this.committedUrl = permalink;
      if (here !== permalink) window.history.replaceState(null, "", url);
      return;
    }
    if (seq >= this.pushFrom) {
      this.pushFrom = Infinity;
      if (permalink !== this.committedUrl) {
        // The current entry may show a live preview: give it back its own URL.
        window.history.replaceState(null, "", this.committedUrl + location.hash);
        window.history.pushState(null, "", url);
        this.committedUrl = permalink;
      } else if (here !== permalink) {
        window.history.replaceState(null, "", url);
      }
      return;
    }
    if (history === "replace") {
      this.committedUrl = permalink;
      if (here !== permalink) window.history.replaceState(null, "", url);
      return;
    }
    this.previewAddress(permalink);
  }

  /** During a gesture the address follows at most every ADDRESS_INTERVAL_MS
   * (the last step always lands): in Chromium each replaceState costs
   * milliseconds of main-thread work (session history, the page icon). */
  previewAddress(permalink) {
    this.pendingAddress = permalink;
    if (this.addressTimer) return;
    const wait = ADDRESS_INTERVAL_MS - (performance.now() - this.lastAddress);
    const apply = () => {
      this.addressTimer = 0;
      const next = this.pendingAddress;
      this.pendingAddress = null;
      // Dropped when a commit or Back has set the address since.
      if (next === null) return;
      this.lastAddress = performance.now();
      if (location.pathname + location.search !== next) window.history.replaceState(null, "", next + location.hash);
    };
    if (wait <= 0) apply();
    else this.addressTimer = setTimeout(apply, wait);
  }
}
