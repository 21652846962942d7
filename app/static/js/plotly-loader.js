// Plotly: fetched once the page's own scripts are in, run when the page asks
// for it. The estimator names the bundle in <meta name="plotly-src">; this
// module is evaluated once the page's scripts have arrived, and only then
// starts the download, as a preload (compiled off the main thread): on a slow
// connection Plotly's 400 KB would otherwise share it with the page's own
// code and hold the markers back. The page runs it once the charts drawn on
// the server have their markers (js/main.js): running it takes about a second
// on a first visit to a modest machine, and the page is usable before that.

/** What the pages ask of the Plotly bundle (app/static/vendor/, Plotly.js's
 * basic bundle): every trace type, layout component, shape, axis type and
 * function any page uses (js/chart.js and js/loglog.js for the category
 * charts, js/png.js for their PNG export, js/custom.js, js/claims.js for the
 * timeline of /claims). Plotly draws a trace of a type its bundle lacks as a
 * scatter trace, without a word, so tests/test_plotly_bundle.py checks this
 * list against the bundle, and every `type:` and `Plotly.` call of the
 * pages' scripts against this list. */
export const PLOTLY_USES = {
  traces: ["scatter"],
  components: ["shapes", "annotations", "fx"],
  shapes: ["line", "rect"],
  axes: ["linear", "log", "date"],
  functions: ["newPlot", "react", "purge", "toImage", "Plots.resize"],
};

const source = /** @type {HTMLMetaElement | null} */ (document.querySelector('meta[name="plotly-src"]'));
let fetched = null;
let loading = null;

/** Starts the bundle's download (once); resolves when it has arrived or
 * failed to, so that running it then starts at once. */
export function plotlyFetched() {
  if (!fetched) {
    fetched =
      !source || window.Plotly
        ? Promise.resolve()
        : new Promise((resolve) => {
            const link = document.createElement("link");
            link.rel = "preload";
            link.setAttribute("as", "script");
            link.href = source.content;
            link.addEventListener("load", () => resolve(undefined), { once: true });
            link.addEventListener("error", () => resolve(undefined), { once: true });
            document.head.append(link);
          });
  }
  return fetched;
}

plotlyFetched();

/** Resolves with window.Plotly, loading it on the first call. */
export function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = source ? source.content : "";
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
