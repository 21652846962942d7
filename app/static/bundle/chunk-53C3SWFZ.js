// app/static/js/dom.js
var SVG_NS = "http://www.w3.org/2000/svg";
function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === void 0 || v === null || v === false) continue;
    if (k === "class") e.className = String(v);
    else if (k === "text") e.textContent = String(v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== void 0) e.append(c);
  return e;
}
function svgEl(tag, attrs = {}, parent = null) {
  const e = (
    /** @type {SVGElement} */
    document.createElementNS(SVG_NS, tag)
  );
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (parent) parent.append(e);
  return e;
}
var keys = /* @__PURE__ */ new WeakMap();
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
function keyed(el, key, build) {
  if (keys.get(el) === key) return false;
  keys.set(el, key);
  build();
  return true;
}
function wireSlider(el, target) {
  el.addEventListener("pointerdown", (e) => target.onPointerDown(e));
  el.addEventListener("pointermove", (e) => target.onPointerMove(e));
  for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) {
    el.addEventListener(type, (e) => target.onPointerEnd(e));
  }
  el.addEventListener("keydown", (e) => target.onKeyDown(e));
  el.addEventListener("blur", () => target.flushKeys());
}

// app/static/js/format.js
function round3(x) {
  if (!Number.isFinite(x)) return x;
  if (Number(x.toFixed(3)) === x) return x;
  const [mantissa, exp] = x.toExponential().split("e");
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const drop = digits.length - 1 - Number(exp) - 3;
  if (drop <= 0) return x;
  const kept = drop >= digits.length ? 0n : BigInt(digits.slice(0, digits.length - drop));
  const rest = digits.slice(Math.max(0, digits.length - drop)).padStart(drop, "0");
  const half = "5".padEnd(drop, "0");
  const up = rest > half || rest === half && kept % 2n === 1n;
  const q = up ? kept + 1n : kept;
  const value = Number(`${q}e-3`);
  return negative && value !== 0 ? -value : value;
}
function clamp(x, lo, hi) {
  return Math.min(hi, Math.max(lo, x));
}
function pos(x) {
  return String(round3(x));
}
function fixed(x, digits = 2) {
  return x === null || x === void 0 ? "–" : x.toFixed(digits);
}
var QUARTER_WORDS = ["the end of", "early", "mid", "late"];
function yearWords(t) {
  const q = Math.floor(t * 4 + 0.5);
  const year = Math.floor(q / 4);
  const r = q - year * 4;
  return r === 0 ? `the end of ${year}` : `${QUARTER_WORDS[r]} ${year + 1}`;
}
function yearLabel(t) {
  return yearWords(t).replace(/^the /, "");
}
function ofN(k, n) {
  return `${k} of ${n}`;
}
function trendText(traj) {
  if (!traj) return "One estimated year: no trajectory to fit.";
  if (Math.abs(traj.rate) < 0.01) return "Flat: the fitted trajectory does not move.";
  if (traj.rate < 0) return "Falling: your marks go down over time.";
  const parts = [];
  if (traj.supercritical_from !== null && traj.supercritical_to !== null) {
    parts.push(`super-critical from ${yearWords(traj.supercritical_from)} to ${yearWords(traj.supercritical_to)}`);
  } else {
    parts.push("never super-critical on this curve");
  }
  if (traj.peak_year !== null) parts.push(`steepest around ${yearWords(traj.peak_year)}`);
  return `Fitted path: ${parts.join(", ")}.`;
}

// app/static/js/api.js
var ApiError = class extends Error {
  constructor(status, body) {
    super(body && body.detail ? body.detail : `request failed (${status})`);
    this.status = status;
    this.body = body || { detail: this.message, errors: [] };
  }
};
function siteOrigin() {
  const meta = (
    /** @type {HTMLMetaElement} */
    document.querySelector('meta[name="scurve-origin"]')
  );
  return meta && meta.content || window.location.origin;
}
var UNREACHABLE = "The server could not be reached; check the connection and try again.";
async function request(url, init) {
  let res;
  try {
    res = await fetch(url, { credentials: "same-origin", ...init });
  } catch {
    return { status: 0, body: { detail: UNREACHABLE, errors: [] }, headers: new Headers() };
  }
  let body = null;
  if (res.status !== 204) {
    try {
      body = await res.json();
    } catch {
      body = null;
    }
  }
  return { status: res.status, body, headers: res.headers };
}
async function send(url, init) {
  const { status, body } = await request(url, init);
  if (status < 200 || status >= 300) throw new ApiError(status, body);
  return body;
}
function analyzeState(state, { preview = false } = {}) {
  return send(preview ? "/api/analyze?preview=1" : "/api/analyze", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(state)
  });
}
function importCsv(bytes) {
  return send("/api/import", { method: "POST", headers: { "content-type": "text/csv" }, body: bytes });
}
function analyzeQuery(query) {
  return send(`/api/analyze?${query.replace(/^\?/, "")}`, { method: "GET" });
}
var sampleCache = /* @__PURE__ */ new Map();
function curveKey(curve) {
  return `${curve.midpoint},${curve.steepness},${curve.ceiling}`;
}
function primeSamples(curve, samples) {
  sampleCache.set(curveKey(curve), Promise.resolve(samples));
}
function curveSamples(curve) {
  const key = curveKey(curve);
  let hit = sampleCache.get(key);
  if (!hit) {
    const q = new URLSearchParams({
      midpoint: String(curve.midpoint),
      steepness: String(curve.steepness),
      ceiling: String(curve.ceiling)
    });
    hit = send(`/api/curve?${q}`, { method: "GET" });
    hit.catch(() => sampleCache.delete(key));
    sampleCache.set(key, hit);
  }
  return hit;
}
var claimsCache = /* @__PURE__ */ new Map();
function claimsFor(categoryId) {
  let hit = claimsCache.get(categoryId);
  if (!hit) {
    hit = send(`/api/claims?${new URLSearchParams({ category: categoryId })}`, { method: "GET" });
    hit.catch(() => claimsCache.delete(categoryId));
    claimsCache.set(categoryId, hit);
  }
  return hit;
}

// app/static/js/messages.js
var KINDS = /* @__PURE__ */ new Set(["error", "info", "success"]);
var FADE_MS = 9e3;
function makeMessenger(container) {
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
function errorText(err) {
  const e = (
    /** @type {any} */
    err
  );
  const body = e && (e.body || (typeof e.detail === "string" ? e : null));
  if (!body) return String(e && e.message || e);
  const msgs = (body.errors || []).map((x) => x.msg).filter((m) => m && m !== body.detail);
  return msgs.length ? `${body.detail} (${msgs.join("; ")})` : body.detail;
}

export {
  h,
  svgEl,
  setText,
  setAttr,
  keyed,
  wireSlider,
  round3,
  clamp,
  pos,
  fixed,
  yearWords,
  yearLabel,
  ofN,
  trendText,
  siteOrigin,
  request,
  analyzeState,
  importCsv,
  analyzeQuery,
  curveKey,
  primeSamples,
  curveSamples,
  claimsFor,
  makeMessenger,
  errorText
};
