// The "Embed" button of the share tools: copies an iframe snippet of the
// current view's /embed page, for a blog post or any page. The snippet is
// built from the address bar at click time, since the URL follows every drag.

import { siteOrigin } from "./api.js";

// The frame's size: as the server's oEmbed answer gives it for the default
// width (routes/embed.py EMBED_WIDTH, EMBED_HEIGHT).
const WIDTH = 600;
const HEIGHT = 440;

function escapeAttr(text) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The iframe snippet of the view at `href` (an absolute URL of the estimator),
 * on the site's public address (`origin`, SCURVE_PUBLIC_URL when the server has one). */
export function embedSnippet(href, title, origin = new URL(href).origin) {
  const url = new URL(href);
  const src = `${origin}/embed${url.search}`;
  const label = title || "scurve: where does AI stand on the S-curves of AI self-improvement?";
  return (
    `<iframe src="${escapeAttr(src)}" width="${WIDTH}" height="${HEIGHT}" ` +
    `style="border:0;max-width:100%" loading="lazy" title="${escapeAttr(label)}"></iframe>`
  );
}

/** Wire the button; `title.commit()` lands a title typed but not yet committed. */
export function setUpEmbed(api, title) {
  const button = document.getElementById("embed-copy");
  const fallback = document.getElementById("embed-fallback");
  const field = document.getElementById("embed-fallback-input");
  const status = document.getElementById("share-status");
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
