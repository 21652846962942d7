// Every request the page's scripts make goes through here (request() is the
// one call of fetch). The server does all the modelling: analyses, curve
// samples, imports, claims and the crowd's figures all come from the API.

/** A 4xx/5xx answer: `body` is the server's error JSON ({detail, errors}). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.detail ? body.detail : `request failed (${status})`);
    this.status = status;
    this.body = body || { detail: this.message, errors: [] };
  }
}

/** The site's public address for links to copy: SCURVE_PUBLIC_URL when the
 * server has one (a meta tag of the page), else this page's origin. */
export function siteOrigin() {
  const meta = /** @type {HTMLMetaElement} */ (document.querySelector('meta[name="scurve-origin"]'));
  return (meta && meta.content) || window.location.origin;
}

const UNREACHABLE = "The server could not be reached; check the connection and try again.";

/** One request: {status, body, headers}, never a throw. status 0: no answer
 * (body says so); body null where the answer is not JSON (or a 204).
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<{status: number, body: any, headers: Headers}>}
 */
export async function request(url, init) {
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

/** The JSON of a successful answer; else an ApiError carrying the server's error JSON. */
async function send(url, init) {
  const { status, body } = await request(url, init);
  if (status < 200 || status >= 300) throw new ApiError(status, body);
  return body;
}

/** POST /api/analyze: the analysis of a JSON state (validated by the server).
 * preview: without the Monte Carlo draws (uncertainty null), for live answers.
 * @param {any} state
 * @param {{preview?: boolean}} [options]
 * @returns {Promise<any>}
 */
export function analyzeState(state, { preview = false } = {}) {
  return send(preview ? "/api/analyze?preview=1" : "/api/analyze", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(state),
  });
}

/** POST /api/import: the state in a CSV (bytes), {state, permalink, warnings, defaulted}.
 * @param {BodyInit} bytes
 * @returns {Promise<any>}
 */
export function importCsv(bytes) {
  return send("/api/import", { method: "POST", headers: { "content-type": "text/csv" }, body: bytes });
}

/** GET /api/analyze?<permalink query>: the analysis of a link's state.
 * @param {string} query
 * @returns {Promise<any>}
 */
export function analyzeQuery(query) {
  return send(`/api/analyze?${query.replace(/^\?/, "")}`, { method: "GET" });
}

const sampleCache = new Map();

/**
 * @param {{midpoint: number, steepness: number, ceiling: number}} curve
 * @returns {string}
 */
export function curveKey(curve) {
  return `${curve.midpoint},${curve.steepness},${curve.ceiling}`;
}

/** Seed the cache with samples the page was served with.
 * @param {{midpoint: number, steepness: number, ceiling: number}} curve
 * @param {any} samples
 */
export function primeSamples(curve, samples) {
  sampleCache.set(curveKey(curve), Promise.resolve(samples));
}

/** GET /api/curve: a curve sampled for drawing (cached per shape).
 * @param {{midpoint: number, steepness: number, ceiling: number}} curve
 * @returns {Promise<any>}
 */
export function curveSamples(curve) {
  const key = curveKey(curve);
  let hit = sampleCache.get(key);
  if (!hit) {
    const q = new URLSearchParams({
      midpoint: String(curve.midpoint),
      steepness: String(curve.steepness),
      ceiling: String(curve.ceiling),
    });
    hit = send(`/api/curve?${q}`, { method: "GET" });
    hit.catch(() => sampleCache.delete(key));
    sampleCache.set(key, hit);
  }
  return hit;
}

const claimsCache = new Map();

/** GET /api/claims?category=<id>: the appendix statements on one category.
 * @param {string} categoryId
 * @returns {Promise<any>}
 */
export function claimsFor(categoryId) {
  let hit = claimsCache.get(categoryId);
  if (!hit) {
    hit = send(`/api/claims?${new URLSearchParams({ category: categoryId })}`, { method: "GET" });
    hit.catch(() => claimsCache.delete(categoryId));
    claimsCache.set(categoryId, hit);
  }
  return hit;
}
