// What the page's modules find on window, declared for the type check
// (tsc --noEmit over jsconfig.json; nothing here reaches the browser).

/** Plotly.js's basic bundle (app/static/vendor/), loaded by js/plotly-loader.js.
 * Its own types are not shipped with the bundle, so it is loose here. */
declare const Plotly: any;

interface Window {
  Plotly?: any;
  /** The page's hooks for people debugging in the console (js/main.js). */
  scurve?: any;
}
