// "Save PNG" of a chart. The markers on screen are page elements, which
// Plotly's image export cannot see, so the export draws a copy of the
// figure with the markers added as Plotly traces (same colours and shapes),
// a title and a legend, through Plotly.toImage. The page's chart is untouched.

/* global Plotly */
import { pos } from "./format.js";
import { loadPlotly } from "./plotly-loader.js";
import { FONT, INK, MUTED } from "./style.js";

/** Text for a Plotly title: Plotly reads a few tags (<br>, <b>, <a href>)
 * in it, and a custom category's name or question is a stranger's text, so
 * it goes in as entities (which Plotly shows as the characters).
 * @param {string} text
 * @returns {string}
 */
export function plotlyText(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * @param {any} chart
 * @param {Map<number, {color: string, symbol: string}>} styles
 * @param {boolean} showDefaults
 * @returns {{data: any[], layout: any}}
 */
export function exportFigure(chart, styles, showDefaults) {
  const { data, layout } = chart.figure();
  const traces = data.map((t) => ({ ...t, showlegend: false }));
  const add = (markers, kind) => {
    for (const [year, m] of markers) {
      if (m.x === null || m.el.hidden) continue;
      const style = styles.get(year);
      if (!style) continue;
      const u = m.uplift !== undefined && m.uplift !== null ? m.uplift : chart.upliftAt(m.x);
      const hollow = kind === "compare";
      traces.push({
        type: "scatter",
        mode: "markers",
        x: [m.x],
        y: [u],
        name: kind === "estimate" ? `${year}: ${pos(m.x)}` : kind === "compare" ? `${year} (compared view)` : `${year} default`,
        marker: {
          size: hollow ? 15 : 14,
          symbol: hollow ? `${style.symbol}-open` : style.symbol,
          color: style.color,
          opacity: kind === "default" ? 0.35 : 1,
          line: { color: hollow ? style.color : "#ffffff", width: hollow ? 2 : 1.5 },
        },
        showlegend: true,
      });
    }
  };
  if (showDefaults) add(chart.defaults, "default");
  add(chart.compares, "compare");
  add(chart.markers, "estimate");
  return {
    data: traces,
    layout: {
      ...layout,
      height: 520,
      width: 820,
      margin: { l: 64, r: 24, t: 70, b: 60 },
      paper_bgcolor: "#ffffff",
      showlegend: true,
      legend: { orientation: "v", x: 1, xanchor: "right", y: 0.02, yanchor: "bottom", bgcolor: "rgba(255,255,255,0.85)" },
      title: {
        text: `${plotlyText(chart.name)}<br><span style="font-size:12px;color:${MUTED}">${plotlyText(chart.cat.question)}</span>`,
        x: 0.02,
        xanchor: "left",
        font: { family: FONT, size: 18, color: INK },
      },
    },
  };
}

/**
 * @param {any} chart
 * @param {Map<number, {color: string, symbol: string}>} styles
 * @param {boolean} showDefaults
 * @returns {Promise<void>}
 */
export async function savePng(chart, styles, showDefaults) {
  await loadPlotly();
  const fig = exportFigure(chart, styles, showDefaults);
  const url = await Plotly.toImage(fig, { format: "png", width: 820, height: 520, scale: 2 });
  const a = document.createElement("a");
  a.href = url;
  a.download = `scurve-${chart.id}.png`;
  document.body.append(a);
  a.click();
  a.remove();
}
