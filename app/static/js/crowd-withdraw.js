// The withdraw page (/crowd/withdraw): its form, filled from the link's
// #id.token, sends the DELETE, and the views this browser remembers are
// listed under it.
import { forgetView, savedViews } from "./crowd-saved.js";
import { h } from "./dom.js";
import { request } from "./api.js";

/**
 * @param {any} form the withdraw page's form (an HTMLElement)
 */
export function initWithdraw(form) {
  const idField = form.querySelector("#withdraw-id");
  const tokenField = form.querySelector("#withdraw-token");
  const result = /** @type {HTMLElement} */ (document.getElementById("withdraw-result"));
  const show = (text, ok) => {
    result.textContent = text;
    result.classList.toggle("cr-error", !ok);
    result.setAttribute("role", ok ? "status" : "alert");
    result.hidden = false;
  };
  const fill = () => {
    const m = /^#([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(location.hash);
    if (m) {
      idField.value = m[1];
      tokenField.value = m[2];
    }
  };
  fill();
  window.addEventListener("hashchange", fill);
  renderSaved();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const id = idField.value.trim();
    const token = tokenField.value.trim();
    const r = await request(`/api/views/${encodeURIComponent(id)}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    if (r.status === 204) {
      forgetView(id);
      // The key is no use any more; take it out of the address bar too.
      history.replaceState(null, "", location.pathname);
      idField.value = "";
      tokenField.value = "";
      show("Your view has been withdrawn.", true);
      renderSaved();
    } else if (r.status === 404) {
      show("No view matches this id and key: it may have been withdrawn already, or the link was cut short.", false);
    } else {
      show(`The view could not be withdrawn: ${(r.body && r.body.detail) || `error ${r.status}`}`, false);
    }
  });
}

function renderSaved() {
  const box = document.getElementById("withdraw-saved");
  const list = document.getElementById("withdraw-saved-list");
  if (!box || !list) return;
  const views = savedViews();
  box.hidden = views.length === 0;
  list.replaceChildren(
    ...views.map((v) =>
      h("li", {}, h("a", { href: `/crowd/withdraw#${v.id}.${v.token}`, text: `View ${v.id}` }), ` added ${String(v.created || "").slice(0, 10)}`),
    ),
  );
}
