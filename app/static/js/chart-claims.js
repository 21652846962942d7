// The "N claims" button of a chart: the essay's appendix statements that
// bear on the category, fetched from GET /api/claims?category=<id> when first
// opened. Stance is shown as a word and a shape (not colour alone), with the
// same shapes as the evidence page: for = disc, against = cross, mixed = diamond.

import { claimsFor } from "./api.js";
import { errorText } from "./messages.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const STANCE_PATHS = {
  for: null,
  against: "M2 2 10 10M10 2 2 10",
  mixed: "M6 0.8 11.2 6 6 11.2 0.8 6Z",
};

function stanceMark(stance) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 12 12");
  svg.setAttribute("width", "12");
  svg.setAttribute("height", "12");
  svg.setAttribute("aria-hidden", "true");
  svg.classList.add("stance-mark", `stance-${stance}`);
  if (stance === "for") {
    const c = document.createElementNS(SVG_NS, "circle");
    c.setAttribute("cx", "6");
    c.setAttribute("cy", "6");
    c.setAttribute("r", "5");
    svg.append(c);
  } else {
    const p = document.createElementNS(SVG_NS, "path");
    p.setAttribute("d", STANCE_PATHS[stance] || STANCE_PATHS.mixed);
    svg.append(p);
  }
  return svg;
}

const STANCE_WORDS = { for: "for", against: "against", mixed: "mixed" };

function formatDate(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

function claimItem(c) {
  const li = document.createElement("li");
  li.className = "claim";
  const head = document.createElement("p");
  head.className = "claim-head";
  const time = document.createElement("time");
  time.dateTime = c.date;
  time.textContent = formatDate(c.date);
  const who = document.createElement("strong");
  who.textContent = `${c.organization} · ${c.subject}`;
  const stance = document.createElement("span");
  stance.className = `stance stance-${c.stance}`;
  stance.append(stanceMark(c.stance), document.createTextNode(` ${STANCE_WORDS[c.stance] || c.stance}`));
  head.append(time, document.createTextNode(" "), who, document.createTextNode(" "), stance);
  const quote = document.createElement("blockquote");
  quote.textContent = c.quote;
  li.append(head, quote);
  if (c.source) {
    const src = document.createElement("p");
    src.className = "claim-source";
    src.textContent = `Reported by ${c.source}.`;
    li.append(src);
  }
  return li;
}

/**
 * @param {HTMLElement} card
 * @param {string} categoryId
 * @param {(text: string, kind?: string) => void} showMessage
 */
export function wireClaims(card, categoryId, showMessage) {
  const btn = card.querySelector(".claims-btn");
  /** @type {HTMLElement | null} */
  const panel = card.querySelector(".claims-list");
  if (!btn || !panel) return;
  let loaded = false;
  btn.addEventListener("click", async () => {
    const open = btn.getAttribute("aria-expanded") !== "true";
    btn.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    if (!open || loaded) return;
    panel.textContent = "Loading the claims…";
    try {
      const claims = await claimsFor(categoryId);
      const list = document.createElement("ul");
      list.className = "claims";
      list.append(...claims.map(claimItem));
      const more = document.createElement("a");
      more.href = `/claims?${new URLSearchParams({ category: categoryId })}`;
      more.className = "claims-more";
      more.textContent = "All the evidence for this category →";
      panel.replaceChildren(list, more);
      loaded = true;
    } catch (err) {
      panel.textContent = "";
      btn.setAttribute("aria-expanded", "false");
      panel.hidden = true;
      showMessage(`The claims could not be loaded: ${errorText(err)}`, "error");
    }
  });
}
