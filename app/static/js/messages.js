// Messages at the top of the page: errors are alerts (read out at once and
// kept until dismissed), info and success are polite status notes that
// fade after a while. The same text is never shown twice at once.

const KINDS = new Set(["error", "info", "success"]);
const FADE_MS = 9000;

/**
 * @param {any} container the #messages element (callers pass a query's result unchecked)
 * @returns {(text: string, kind?: string) => HTMLDivElement}
 */
export function makeMessenger(container) {
  return function showMessage(text, kind = "info") {
    const k = KINDS.has(kind) ? kind : "info";
    for (const old of container.querySelectorAll(".msg[data-dynamic]")) {
      if (old.dataset.text === text) old.remove();
    }
    const box = document.createElement("div");
    box.className = `msg msg-${k}`;
    box.dataset.dynamic = "1";
    box.dataset.text = text;
    box.setAttribute("role", k === "error" ? "alert" : "status");
    const p = document.createElement("p");
    p.textContent = text;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "msg-close";
    close.setAttribute("aria-label", "Dismiss");
    close.textContent = "×";
    close.addEventListener("click", () => box.remove());
    box.append(p, close);
    container.append(box);
    if (k !== "error") setTimeout(() => box.remove(), FADE_MS);
    return box;
  };
}

/**
 * The text of an error: a server error's detail and each problem's message
 * (an ApiError's body, or such a body thrown as it is), else the message.
 * @param {unknown} err
 * @returns {string}
 */
export function errorText(err) {
  const e = /** @type {any} */ (err);
  const body = e && (e.body || (typeof e.detail === "string" ? e : null));
  if (!body) return String((e && e.message) || e);
  const msgs = (body.errors || []).map((x) => x.msg).filter((m) => m && m !== body.detail);
  return msgs.length ? `${body.detail} (${msgs.join("; ")})` : body.detail;
}
