// The aggregate panel: the server's sentence, the mean slope of each year
// against the threshold of 1, the counts of super-critical and accelerating
// categories, and the forecast of the mean slope to the horizon. Everything
// shown is a field of the server's analysis.

/* global Plotly */
import { fixed, ofN, yearText } from "./format.js";
import { FONT, GRID, GROUP_COLORS, INK, MUTED, THRESHOLD_COLOR } from "./style.js";

const CONFIG = { displayModeBar: false, responsive: true };

function axis(extra) {
  return {
    fixedrange: true,
    gridcolor: GRID,
    zeroline: false,
    linecolor: "#c5cdd8",
    showline: true,
    tickfont: { size: 10, color: MUTED },
    ...extra,
  };
}

function thresholdShape(xref = "paper") {
  return {
    type: "line",
    xref,
    yref: "y",
    x0: 0,
    x1: 1,
    y0: 1,
    y1: 1,
    line: { color: THRESHOLD_COLOR, width: 1.5, dash: "dash" },
  };
}

export class Panel {
  constructor(root, ctx) {
    this.ctx = ctx;
    this.sentence = root.querySelector("#panel-sentence");
    this.compareText = root.querySelector("#panel-compare");
    this.yearsChart = root.querySelector("#years-chart");
    this.yearTable = root.querySelector("#year-table tbody");
    this.forecastText = root.querySelector("#forecast-text");
    this.forecastChart = root.querySelector("#forecast-chart");
    this.toggle = root.querySelector("#show-trajectories");
    this.headline = document.getElementById("headline");
    this.strip = document.getElementById("live-strip");
    this.showCategories = false;
    this.toggle.addEventListener("change", () => {
      this.showCategories = this.toggle.checked;
      if (this.last) this.drawForecast(this.last);
    });
    this.last = null;
  }

  render(analysis) {
    this.last = analysis;
    this.sentence.textContent = analysis.summary;
    this.headline.textContent = analysis.summary;
    const cmp = analysis.compare;
    this.compareText.hidden = !cmp;
    if (cmp) this.compareText.textContent = `Compared view: ${cmp.summary}`;
    this.drawTable(analysis);
    this.drawYears(analysis);
    this.drawForecast(analysis);
    this.drawStrip(analysis);
  }

  drawTable(a) {
    const n = a.categories.length;
    const rows = a.years.map((y) => {
      const tr = document.createElement("tr");
      if (y.supercritical) tr.className = "is-sc";
      const th = document.createElement("th");
      th.scope = "row";
      th.append(this.ctx.glyph(y.year, 12), document.createTextNode(String(y.year)));
      const mean = document.createElement("td");
      mean.textContent = fixed(y.mean_slope);
      if (y.supercritical) {
        const tag = document.createElement("span");
        tag.className = "sc-tag";
        tag.textContent = "above 1";
        mean.append(" ", tag);
      }
      const sc = document.createElement("td");
      sc.textContent = ofN(y.supercritical_count, n);
      const acc = document.createElement("td");
      acc.textContent = String(y.accelerating_count);
      tr.append(th, mean, sc, acc);
      return tr;
    });
    this.yearTable.replaceChildren(...rows);
  }

  drawYears(a) {
    const styles = this.ctx.styles();
    const years = a.years.map((y) => String(y.year));
    const data = [
      {
        type: "bar",
        name: "your view",
        x: years,
        y: a.years.map((y) => y.mean_slope),
        marker: { color: a.years.map((y) => styles.get(y.year).color) },
        text: a.years.map((y) => fixed(y.mean_slope)),
        textposition: "outside",
        cliponaxis: false,
        hovertemplate: "%{x}: mean slope %{y:.2f}<extra></extra>",
      },
    ];
    const cmp = a.compare;
    if (cmp) {
      const byYear = new Map(cmp.years.map((y) => [String(y.year), y.mean_slope]));
      data.push({
        type: "bar",
        name: "compared view",
        x: years,
        y: years.map((y) => (byYear.has(y) ? byYear.get(y) : null)),
        marker: {
          color: "rgba(255,255,255,0.6)",
          line: { color: MUTED, width: 1.5 },
          pattern: { shape: "/", fgcolor: MUTED, size: 6 },
        },
        hovertemplate: "%{x}: compared view %{y:.2f}<extra></extra>",
      });
    }
    const top = Math.max(2, ...data.flatMap((t) => t.y.filter((v) => v !== null))) * 1.18;
    const layout = {
      height: 190,
      margin: { l: 36, r: 10, t: 14, b: 26 },
      font: { family: FONT, size: 11, color: INK },
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "#ffffff",
      barmode: "group",
      bargap: 0.35,
      showlegend: !!cmp,
      legend: { orientation: "h", x: 0, y: 1.18, font: { size: 10 } },
      xaxis: axis({ type: "category" }),
      yaxis: axis({ range: [0, top], title: { text: "mean slope", font: { size: 11, color: MUTED } } }),
      shapes: [thresholdShape()],
      annotations: [
        {
          xref: "paper",
          yref: "y",
          x: 1,
          y: 1,
          xanchor: "right",
          yanchor: "bottom",
          text: "threshold 1",
          showarrow: false,
          font: { size: 10, color: THRESHOLD_COLOR },
        },
      ],
    };
    return Plotly.react(this.yearsChart, data, layout, CONFIG);
  }

  drawForecast(a) {
    const f = a.forecast;
    const styles = this.ctx.styles();
    const groups = this.ctx.groups;
    const data = [];
    a.categories.forEach((c) => {
      const fc = f.categories[c.id];
      if (!fc || !fc.slope) return;
      data.push({
        type: "scatter",
        mode: "lines",
        name: c.name,
        x: f.t,
        y: fc.slope,
        line: { width: 1.2, color: GROUP_COLORS[groups.indexOf(c.group) % GROUP_COLORS.length] },
        opacity: 0.55,
        visible: this.showCategories ? true : "legendonly",
        showlegend: this.showCategories,
        hovertemplate: `${c.name}: %{y:.2f}<extra></extra>`,
      });
    });
    if (a.compare) {
      data.push({
        type: "scatter",
        mode: "lines",
        name: "compared view",
        x: a.compare.forecast.t,
        y: a.compare.forecast.mean_slope,
        line: { color: MUTED, width: 2, dash: "dash" },
        hovertemplate: "compared view: %{y:.2f}<extra></extra>",
      });
    }
    data.push({
      type: "scatter",
      mode: "lines",
      name: "mean slope",
      x: f.t,
      y: f.mean_slope,
      line: { color: INK, width: 3 },
      hovertemplate: "%{x}: mean slope %{y:.2f}<extra></extra>",
    });
    data.push({
      type: "scatter",
      mode: "markers",
      name: "your marks, mean per year",
      x: a.years.map((y) => y.year),
      y: a.years.map((y) => y.mean_slope),
      marker: {
        size: 11,
        color: a.years.map((y) => styles.get(y.year).color),
        symbol: a.years.map((y) => styles.get(y.year).symbol),
        line: { color: "#ffffff", width: 1.5 },
      },
      hovertemplate: "%{x}: your marks' mean %{y:.2f}<extra></extra>",
    });
    const shapes = [thresholdShape()];
    if (f.supercritical_from !== null && f.supercritical_to !== null) {
      shapes.unshift({
        type: "rect",
        xref: "x",
        yref: "paper",
        x0: f.supercritical_from,
        x1: f.supercritical_to,
        y0: 0,
        y1: 1,
        fillcolor: "rgba(245, 180, 0, 0.16)",
        line: { width: 0 },
        layer: "below",
      });
    }
    const annotations = [];
    if (f.peak_year !== null) {
      const i = f.t.indexOf(f.peak_year);
      annotations.push({
        x: f.peak_year,
        y: i >= 0 ? f.mean_slope[i] : null,
        text: f.peak_at_edge ? "still rising" : `peak ${yearText(f.peak_year)}`,
        showarrow: true,
        arrowhead: 0,
        ax: 0,
        ay: -22,
        font: { size: 10, color: INK },
      });
    }
    const layout = {
      height: this.showCategories ? 360 : 250,
      margin: { l: 36, r: 10, t: 22, b: 30 },
      font: { family: FONT, size: 11, color: INK },
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "#ffffff",
      hovermode: "x",
      showlegend: true,
      legend: { orientation: "h", x: 0, y: -0.14, yanchor: "top", font: { size: 10 } },
      xaxis: axis({ dtick: 1, tickformat: "d" }),
      yaxis: axis({ rangemode: "tozero", title: { text: "slope", font: { size: 11, color: MUTED } } }),
      shapes,
      annotations,
    };
    this.forecastText.textContent = forecastWords(a);
    return Plotly.react(this.forecastChart, data, layout, CONFIG);
  }

  drawStrip(a) {
    // A one-line reading pinned to the bottom of small screens while the
    // panel is out of view: the last year's mean slope and counts.
    const last = a.years[a.years.length - 1];
    this.strip.textContent = `${last.year}: mean slope ${fixed(last.mean_slope)} · ${ofN(
      last.supercritical_count,
      a.categories.length,
    )} super-critical · ${last.accelerating_count} accelerating`;
  }
}

/** The forecast's fields in words. */
export function forecastWords(a) {
  const f = a.forecast;
  if (f.peak_year === null) return "No estimate to forecast from.";
  const end = Math.max(a.state.horizon, a.state.years[a.state.years.length - 1]);
  const peak = f.peak_at_edge
    ? `still rising at ${end}`
    : `peaks around ${yearText(f.peak_year)}`;
  const span =
    f.supercritical_from !== null
      ? `above 1 from ${yearText(f.supercritical_from)} to ${yearText(f.supercritical_to)}`
      : "never above 1";
  return `Projected from your marks to ${end}: the mean slope ${peak}, ${span}.`;
}
