import {
  onAxesChange,
  xFraction,
  yFraction,
  yearStyles
} from "./chunk-IPS73ORP.js";
import {
  analyzeQuery,
  analyzeState,
  curveSamples,
  errorText,
  h,
  request,
  siteOrigin,
  svgEl
} from "./chunk-53C3SWFZ.js";

// app/static/js/crowd-saved.js
var SAVED_KEY = "scurve.crowd.views";
function savedViews() {
  try {
    const list = JSON.parse(localStorage.getItem(SAVED_KEY) || "[]");
    return Array.isArray(list) ? list.filter((v) => v && v.id && v.token) : [];
  } catch {
    return [];
  }
}
function saveView(view) {
  try {
    const list = savedViews().filter((v) => v.id !== view.id);
    list.push(view);
    localStorage.setItem(SAVED_KEY, JSON.stringify(list));
    return true;
  } catch {
    return false;
  }
}
function forgetView(id) {
  try {
    localStorage.setItem(SAVED_KEY, JSON.stringify(savedViews().filter((v) => v.id !== id)));
  } catch {
  }
}
function withdrawLink(id, token) {
  return `${siteOrigin()}/crowd/withdraw#${id}.${token}`;
}

// app/static/js/crowd-withdraw.js
function initWithdraw(form) {
  const idField = form.querySelector("#withdraw-id");
  const tokenField = form.querySelector("#withdraw-token");
  const result = (
    /** @type {HTMLElement} */
    document.getElementById("withdraw-result")
  );
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
      headers: { authorization: `Bearer ${token}` }
    });
    if (r.status === 204) {
      forgetView(id);
      history.replaceState(null, "", location.pathname);
      idField.value = "";
      tokenField.value = "";
      show("Your view has been withdrawn.", true);
      renderSaved();
    } else if (r.status === 404) {
      show("No view matches this id and key: it may have been withdrawn already, or the link was cut short.", false);
    } else {
      show(`The view could not be withdrawn: ${r.body && r.body.detail || `error ${r.status}`}`, false);
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
    ...views.map(
      (v) => h("li", {}, h("a", { href: `/crowd/withdraw#${v.id}.${v.token}`, text: `View ${v.id}` }), ` added ${String(v.created || "").slice(0, 10)}`)
    )
  );
}

// app/static/js/crowd.js
var CrowdTools = class {
  constructor(root, api) {
    this.root = root;
    this.api = api;
    this.status = root.querySelector("#crowd-status");
    this.dialog = root.querySelector("#crowd-dialog");
    this.showButton = root.querySelector("#crowd-show");
    this.crowd = null;
    this.shown = false;
    this.drawSeq = 0;
    root.querySelector("#crowd-add").addEventListener("click", () => this.confirmAdd());
    this.showButton.addEventListener("click", () => this.toggle());
    root.querySelector("#crowd-compare").addEventListener("click", () => this.compare());
    this.dialog.addEventListener("close", () => {
      if (this.dialog.returnValue === "add") this.add();
    });
    api.onChange(() => {
      if (this.shown) this.draw();
    });
    this.resize = new ResizeObserver(() => {
      if (this.shown) this.place();
    });
    for (const overlay of document.querySelectorAll(".card .overlay")) this.resize.observe(overlay);
    onAxesChange(() => {
      if (this.shown) this.place();
    });
  }
  /** A message under the buttons. `keep`: it stays until another replaces
   * it (the withdraw link, the only key to a view); any other goes at the
   * next press of a crowd button. */
  say(nodes, kind = "info", keep = false) {
    this.status.replaceChildren(...(Array.isArray(nodes) ? nodes : [nodes]).filter((n) => n !== null));
    this.status.dataset.kind = kind;
    this.status.dataset.keep = String(keep);
    this.status.hidden = false;
  }
  /** Take down a message the last action left, unless it is one to keep. */
  unsay() {
    if (this.status.hidden || this.status.dataset.keep === "true") return;
    this.status.replaceChildren();
    this.status.hidden = true;
  }
  async fetchCrowd() {
    const r = await request("/api/crowd");
    if (r.status !== 200) throw new Error(r.body && r.body.detail || `the crowd could not be read (${r.status})`);
    this.crowd = r.body;
    return r.body;
  }
  // -- add ---------------------------------------------------------------------
  async confirmAdd() {
    const state = this.api.getState();
    delete state.vs;
    state.title = "";
    for (const entry of Object.values(state.custom || {})) {
      delete entry.group;
      delete entry.question;
    }
    let link;
    try {
      link = (await analyzeState(state)).permalink;
    } catch (err) {
      this.say(`Your view cannot be added: ${errorText(err)}`, "error");
      return;
    }
    this.dialog.querySelector("#crowd-link").textContent = siteOrigin() + link;
    this.dialog.querySelector("#crowd-date").textContent = (/* @__PURE__ */ new Date()).toISOString().slice(0, 10);
    this.dialog.returnValue = "";
    this.dialog.showModal();
  }
  async add() {
    const remember = this.dialog.querySelector("#crowd-remember").checked;
    const r = await request("/api/views", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(this.api.getState())
    });
    if (r.status === 201) {
      const url = withdrawLink(r.body.id, r.body.delete_token);
      const kept = remember && saveView({ id: r.body.id, token: r.body.delete_token, created: r.body.created });
      this.say(
        [
          h("strong", { text: "Your view is in the crowd. " }),
          "To withdraw it later, keep this link (it is the only key to it):",
          h("br"),
          h("a", { href: url, id: "crowd-withdraw-link", class: "crowd-withdraw-link", text: url }),
          kept ? h("span", { class: "crowd-note", text: " This browser remembers it too." }) : null
        ],
        "success",
        true
      );
      if (this.shown) this.refresh();
    } else if (r.status === 200 && r.body && r.body.duplicate) {
      this.say("This same view from your network is already in the crowd (added in the last 24 hours); it was not added twice.");
    } else if (r.status === 429) {
      const wait = Number(r.headers.get("retry-after")) || 3600;
      this.say(`Too many views from your network in the last hour. Try again in about ${Math.ceil(wait / 60)} minutes.`, "error");
    } else {
      this.say(`Your view was not added: ${r.body && r.body.detail || `error ${r.status}`}`, "error");
    }
  }
  // -- show --------------------------------------------------------------------
  async toggle() {
    this.unsay();
    this.shown = !this.shown;
    this.showButton.setAttribute("aria-pressed", String(this.shown));
    this.showButton.textContent = this.shown ? "Hide the crowd" : "Show the crowd";
    if (this.shown) await this.refresh();
    else this.clear();
  }
  async refresh() {
    try {
      await this.fetchCrowd();
    } catch (err) {
      this.say(errorText(err), "error");
      return;
    }
    await this.draw();
  }
  clear() {
    for (const layer of document.querySelectorAll(".crowd-layer")) layer.remove();
    const panel = document.getElementById("crowd-panel");
    if (panel) panel.remove();
    document.body.classList.remove("crowd-shown");
  }
  /** Year colours as the charts use them (the state's years and the compared view's). */
  styles() {
    const analysis = this.api.getAnalysis();
    const years = new Set(analysis.state.years);
    if (analysis.compare) for (const y of analysis.compare.state.years) years.add(y);
    return yearStyles([...years].sort((a, b) => a - b));
  }
  async draw() {
    const crowd = this.crowd;
    if (!crowd) return;
    const seq = ++this.drawSeq;
    const analysis = this.api.getAnalysis();
    const curves = new Map(analysis.categories.map((c) => [c.id, c.curve]));
    const samples = new Map(
      await Promise.all(crowd.categories.map(async (c) => [c.id, curves.has(c.id) ? await curveSamples(curves.get(c.id)) : null]))
    );
    if (seq !== this.drawSeq || !this.shown) return;
    document.body.classList.add("crowd-shown");
    const styles = this.styles();
    const views = `${crowd.n.toLocaleString("en")} view${crowd.n === 1 ? "" : "s"}`;
    if (crowd.n < crowd.min_views) {
      this.say(`The crowd has ${views} so far: its marks show on the charts once a year has ${crowd.min_views} views.`);
    }
    for (const cat of crowd.categories) {
      const card = document.getElementById(`card-${cat.id}`);
      const overlay = card && card.querySelector(".overlay");
      if (!overlay) continue;
      let layer = (
        /** @type {HTMLElement} */
        overlay.querySelector(".crowd-layer")
      );
      if (!layer) {
        layer = h("div", { class: "crowd-layer", "aria-hidden": "true" });
        overlay.prepend(layer);
      }
      const note = cat.years.length ? "" : crowd.n < crowd.min_views ? `Crowd: ${views} so far; a year shows here from ${crowd.min_views}.` : `Crowd: no year here has ${crowd.min_views} views yet.`;
      layer.crowd = { cells: cat.years, samples: samples.get(cat.id), styles, note };
    }
    this.place();
    this.renderPanel(crowd);
  }
  /** Put each cell's range and median on its chart at the overlay's current size. */
  place() {
    for (const layer of document.querySelectorAll(".crowd-layer")) {
      const { cells, samples, styles, note } = (
        /** @type {any} */
        layer.crowd || {}
      );
      const w = (
        /** @type {HTMLElement} */
        layer.parentElement.clientWidth
      );
      const ht = (
        /** @type {HTMLElement} */
        layer.parentElement.clientHeight
      );
      if (!samples || !w || !ht) continue;
      const n = samples.uplift.length - 1;
      const uplift = (x) => {
        const f = Math.min(Math.max(x, 0), 1) * n;
        const i = Math.min(n - 1, Math.floor(f));
        return samples.uplift[i] + (samples.uplift[i + 1] - samples.uplift[i]) * (f - i);
      };
      const px = (x) => xFraction(x) * w;
      const py = (x) => yFraction(uplift(x)) * ht;
      const svg = svgEl("svg", { width: w, height: ht, viewBox: `0 0 ${w} ${ht}`, class: "crowd-svg" });
      for (const cell of cells) {
        const q = cell.quantiles;
        const color = (styles.get(cell.year) || { color: "#5b6675" }).color;
        const g = svgEl("g", {
          class: "crowd-cell",
          "data-year": cell.year,
          "data-n": cell.n,
          "data-p25": q.p25,
          "data-p50": q.p50,
          "data-p75": q.p75
        });
        const pts = [];
        const steps = Math.max(2, Math.ceil((q.p75 - q.p25) * 60));
        for (let k = 0; k <= steps; k++) {
          const x = q.p25 + (q.p75 - q.p25) * k / steps;
          pts.push(`${px(x).toFixed(1)},${py(x).toFixed(1)}`);
        }
        g.append(svgEl("polyline", { class: "crowd-range", points: pts.join(" "), stroke: color }));
        const cx = px(q.p50);
        const cy = py(q.p50);
        const median = svgEl("path", {
          class: "crowd-median",
          d: `M${cx.toFixed(1)} ${(cy - 6).toFixed(1)}l6 6-6 6-6-6z`,
          stroke: color,
          "data-year": cell.year,
          "data-x": cx.toFixed(2)
        });
        const title = svgEl("title");
        title.textContent = `Crowd ${cell.year}: median ${q.p50.toFixed(3)}, middle half ${q.p25.toFixed(3)} to ${q.p75.toFixed(3)} (${cell.n} views)`;
        median.append(title);
        g.append(median);
        svg.append(g);
      }
      layer.replaceChildren(svg);
      if (note) layer.append(h("p", { class: "crowd-none", text: note }));
    }
  }
  renderPanel(crowd) {
    const host = document.getElementById("aggregate-panel");
    if (!host) return;
    let panel = (
      /** @type {HTMLElement} */
      document.getElementById("crowd-panel")
    );
    if (!panel) {
      panel = h("section", { id: "crowd-panel", class: "crowd-panel", "aria-labelledby": "crowd-panel-title" });
      const anchor = host.querySelector(":scope > .panel-sub");
      if (anchor) anchor.before(panel);
      else host.append(panel);
    }
    const head = h("h3", { id: "crowd-panel-title", class: "panel-sub", text: "The crowd" });
    const views = `${crowd.n.toLocaleString("en")} view${crowd.n === 1 ? "" : "s"}`;
    if (!crowd.years.length) {
      const few = crowd.n < crowd.min_views ? `The crowd has ${views} so far; its figures show once a year has ${crowd.min_views}.` : `The crowd has ${views}, but no year has ${crowd.min_views} views with a mean slope yet.`;
      panel.replaceChildren(head, h("p", { class: "crowd-few", id: "crowd-few", text: few }), this.pageLink());
      return;
    }
    const rows = crowd.years.map(
      (y) => h(
        "tr",
        { "data-year": y.year },
        h("th", { scope: "row", text: String(y.year) }),
        h("td", { class: "crowd-mean", text: y.mean_slope.p50.toFixed(2) }),
        h("td", { text: `${y.mean_slope.p25.toFixed(2)}–${y.mean_slope.p75.toFixed(2)}` }),
        h("td", { class: "crowd-share", text: `${Math.round(100 * y.share_supercritical)}%` })
      )
    );
    panel.replaceChildren(
      head,
      h("p", { class: "crowd-lead", text: `${views}: the median of the views' own mean slopes, their middle half, and the share of views above 1.` }),
      h(
        "div",
        { class: "table-scroll" },
        h(
          "table",
          { class: "year-table crowd-table", id: "crowd-year-table" },
          h("caption", { class: "visually-hidden", text: "The crowd's mean slope per year" }),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col", text: "Year" }),
              h("th", { scope: "col", text: "Median" }),
              h("th", { scope: "col", text: "p25–p75" }),
              h("th", { scope: "col", text: "Above 1" })
            )
          ),
          h("tbody", {}, ...rows)
        )
      ),
      this.pageLink()
    );
  }
  pageLink() {
    return h("p", { class: "crowd-more" }, h("a", { href: "/crowd", text: "The crowd in detail" }));
  }
  // -- compare -----------------------------------------------------------------
  async compare() {
    this.unsay();
    let crowd;
    try {
      crowd = await this.fetchCrowd();
    } catch (err) {
      this.say(errorText(err), "error");
      return;
    }
    if (!crowd.median_view) {
      this.say(`There is nothing to compare with yet: the crowd has ${crowd.n} view${crowd.n === 1 ? "" : "s"}, and a median needs ${crowd.min_views}.`);
      return;
    }
    try {
      const median = (await analyzeQuery(crowd.median_view.permalink.replace(/^\/\?/, ""))).state;
      delete median.vs;
      median.title = `The crowd's median (${crowd.n} views)`.slice(0, 80);
      await this.api.setState({ ...this.api.getState(), vs: median });
      this.say(`Compared with the crowd's median view (${crowd.n} views).`, "success");
      if (this.shown) this.draw();
    } catch (err) {
      this.say(`The comparison failed: ${errorText(err)}`, "error");
    }
  }
};
var withdrawForm = document.getElementById("withdraw-form");
if (withdrawForm) initWithdraw(withdrawForm);
var tools = document.getElementById("crowd-tools");
if (tools && window.scurve) {
  new CrowdTools(tools, window.scurve);
  tools.dataset.ready = "true";
}
