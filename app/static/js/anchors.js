// Position anchors: what AI can do on a category's task at positions 0.25,
// 0.5 and 0.75 (data/categories.yaml, via the page's catalog), so a position
// means the same thing to two people.
//
// Each chart gets three small ticks on its x-axis. Each is a button whose
// accessible name is the anchor's text; hovering or focusing it shows the
// text in a popup. Below the readout one line names the anchor nearest the
// marker last moved or focused ("2026 near: finds and fixes most bugs ...").
//
// Hooks (kept small so the chart and marker code barely change):
//   chart.anchors = new AnchorTicks(chart, category.anchors)   in main.js
//   chart.anchors.follow(marker, focused)   when a marker moves or gets focus
//   nearAnchorText(anchors, x)              words for a marker's value text

import { setText } from "./dom.js";
import { pos } from "./format.js";

export const ANCHOR_KEYS = ["0.25", "0.5", "0.75"];
// Further than this from the nearest anchor, a position is "short of" the
// first or "beyond" the last rather than "near" it.
const NEAR = 0.125;

/** The anchor nearest position x: {key, text, word}, word being "near",
 * "short of" or "beyond"; null without anchors or a position.
 * @param {Record<string, string> | null | undefined} anchors
 * @param {number | null | undefined} x
 * @returns {{key: string, text: string, word: "near" | "short of" | "beyond"} | null}
 */
export function nearAnchor(anchors, x) {
  if (!anchors || x === null || x === undefined) return null;
  /** @type {{key: string, d: number, text: string} | null} */
  let best = null;
  for (const key of ANCHOR_KEYS) {
    const d = Math.abs(x - Number(key));
    if (best === null || d < best.d) best = { key, d, text: anchors[key] };
  }
  if (best === null) return null;
  const at = Number(best.key);
  const word = x < at - NEAR ? "short of" : x > at + NEAR ? "beyond" : "near";
  return { key: best.key, text: best.text, word };
}

/** "near: finds and fixes most bugs ..." (empty without anchors).
 * @param {Record<string, string> | null | undefined} anchors
 * @param {number | null | undefined} x
 * @returns {string}
 */
export function nearAnchorText(anchors, x) {
  const a = nearAnchor(anchors, x);
  return a ? `${a.word}: ${a.text}` : "";
}

export class AnchorTicks {
  constructor(chart, anchors) {
    this.chart = chart;
    this.anchors = anchors;
    this.followed = null; // the marker whose nearest anchor the line names
    this.taken = false; // ... chosen by focus or drag, not by default
    const layer = document.createElement("div");
    layer.className = "anchor-layer";
    for (const key of ANCHOR_KEYS) {
      const wrap = document.createElement("span");
      wrap.className = "anchor";
      const tick = document.createElement("button");
      tick.type = "button";
      tick.className = "anchor-tick";
      tick.dataset.at = key;
      tick.setAttribute("aria-label", anchors[key]);
      wrap.append(tick);
      // The popup spans the plot's width above the axis (so it always fits
      // the card), with its arrow at the tick. It repeats the tick's name,
      // so assistive technology is not told twice.
      const tip = document.createElement("span");
      tip.className = "anchor-tip";
      tip.dataset.at = key;
      tip.setAttribute("aria-hidden", "true");
      const at = document.createElement("b");
      at.textContent = `At ${key}: `;
      tip.append(at, document.createTextNode(anchors[key]));
      // A tap (or click) keeps the popup open until focus leaves the tick;
      // Escape hides it until then.
      tick.addEventListener("click", () => wrap.classList.toggle("pinned"));
      tick.addEventListener("blur", () => wrap.classList.remove("pinned", "dismissed"));
      tick.addEventListener("keydown", (e) => {
        if (e.key === "Escape") wrap.classList.add("dismissed");
      });
      layer.append(wrap, tip);
    }
    // Last in the overlay: after the markers in Tab order (the markers come
    // first; renderState keeps them ahead of this layer).
    chart.overlay.append(layer);
    this.layer = layer;
    this.place();
    this.line = document.createElement("p");
    this.line.className = "anchor-near";
    const readout = chart.card.querySelector(".readout");
    readout.after(this.line);
  }

  /** Put the ticks (and their popups' arrows) at their positions on the
   * axes shown: linear or log (js/loglog.js). */
  place() {
    for (const key of ANCHOR_KEYS) {
      const frac = this.chart.xFrac(Number(key));
      /** @type {HTMLElement} */ /** @type {HTMLElement} */ (/** @type {HTMLElement} */ ((this.layer.querySelector(`.anchor-tick[data-at="${key}"]`))).parentElement).style.left = `${frac * 100}%`;
      /** @type {HTMLElement} */ (this.layer.querySelector(`.anchor-tip[data-at="${key}"]`)).style.setProperty("--at", String(frac));
    }
  }

  /** Name the anchor nearest `marker` below the readout. The marker last
   * focused or taken in hand holds the line; until one is, it names the
   * latest year's estimate. */
  follow(marker, take = false) {
    const held = this.followed;
    const lost = !held || !held.el.isConnected || held.x === null;
    if (take) {
      this.followed = marker;
      this.taken = true;
    } else if (lost || (!this.taken && marker.year >= held.year && marker.x !== null)) {
      this.followed = marker;
      if (lost) this.taken = false;
    }
    if (this.followed !== marker) return;
    const text = marker.x === null ? "" : `${marker.year} at ${pos(marker.x)}, ${nearAnchorText(this.anchors, marker.x)}`;
    setText(this.line, text);
  }
}
