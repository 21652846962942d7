// Plotly, run when the page asks for it. The estimator's template preloads
// the bundle (so it downloads and compiles off the main thread from the
// start) and the page runs it once the charts drawn on the server have their
// markers: running it takes about a second on a first visit to a modest
// machine, and the page is usable before that.

let loading = null;

/** Resolves once the preloaded bundle has arrived (or failed to): running
 * it then starts at once, with no wait for the network. */
export function plotlyFetched() {
  const link = /** @type {HTMLAnchorElement} */ (document.getElementById("plotly-src"));
  if (!link || window.Plotly) return Promise.resolve();
  return new Promise((resolve) => {
    if (performance.getEntriesByName(link.href).some((e) => e.responseEnd > 0)) return resolve();
    link.addEventListener("load", () => resolve(), { once: true });
    link.addEventListener("error", () => resolve(), { once: true });
  });
}

/** Resolves with window.Plotly, loading it on the first call. */
export function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const link = /** @type {HTMLAnchorElement} */ (document.getElementById("plotly-src"));
      const script = document.createElement("script");
      script.src = link ? link.href : "";
      script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error("Plotly did not start")));
      script.onerror = () => {
        loading = null; // a later call tries again
        script.remove();
        reject(new Error("the chart library could not be loaded"));
      };
      document.head.append(script);
    });
  }
  return loading;
}
