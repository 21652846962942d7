// The "Embed" button of the share tools: copies an iframe snippet of the
// current view's /embed page, for a blog post or any page. The snippet is
// built from the address bar at click time, since the URL follows every drag.

import { siteOrigin } from "./api.js";

// The frame's size, as the server's oEmbed answer gives it for the default
// width (routes/embed.py snippet, whose comment says why): 600 x 430, and
// 810 high where the host page makes it narrower than 560 px (one column).
const WIDTH = 600;
const HEIGHT = 430;
const NARROW_HEIGHT = 810;

function escapeAttr(text) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The iframe snippet of the view at `href` (an absolute URL of the estimator),
 * on the site's public address (`origin`, SCURVE_PUBLIC_URL when the server has one).
 * @param {string} href
 * @param {string} title
 * @param {string} [origin]
 * @returns {string}
 */
export function embedSnippet(href, title, origin = new URL(href).origin) {
  const url = new URL(href);
  const src = `${origin}/embed${url.search}`;
  // Untitled: the page's question, as the server words it (its heading's default).
  const label = title || document.getElementById("page-title")?.dataset.default || "scurve";
  return (
    `<div style="container-type:inline-size;max-width:${WIDTH}px">` +
    `<iframe src="${escapeAttr(src)}" width="${WIDTH}" height="${HEIGHT}" ` +
    `style="display:block;width:100%;height:clamp(${HEIGHT}px,(560px - 100cqw) * 1000,${NARROW_HEIGHT}px);border:0" ` +
    `loading="lazy" title="${escapeAttr(label)}"></iframe></div>`
  );
}

/** Wire the button; `title.commit()` lands a title typed but not yet committed.
 * @param {any} api
 * @param {{commit: () => Promise<void>}} title
 */
export function setUpEmbed(api, title) {
  const button = document.getElementById("embed-copy");
  const fallback = document.getElementById("embed-fallback");
  const field = /** @type {HTMLInputElement} */ (document.getElementById("embed-fallback-input"));
  const status = /** @type {HTMLElement} */ (document.getElementById("share-status"));
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
      // The clipboard was refused: show the snippet, selected.
      field.value = snippet;
      fallback.hidden = false;
      field.focus();
      field.select();
      status.textContent = "Copying was blocked: the embed code is selected below, press Ctrl+C to copy it.";
    }
  });
  field.addEventListener("focus", () => field.select());
}
