// The aggregate panel: the server's sentence, the mean slope of each year
// against the threshold of 1, the counts of super-critical and accelerating
// categories, and the forecast of the mean slope to the horizon. Everything
// shown is a field of the server's analysis.

import { fixed, ofN, yearLabel, yearWords } from "./format.js";
import { keyed, setText } from "./dom.js";
import { FanChart, RangeBars, drawsOf, fanPeakLabel, fanWords } from "./fan.js";
import { GROUP_COLORS, glyph } from "./style.js";

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
    this.bars = new RangeBars(this.yearsChart); // plain bars without ranges
    this.forecast = new FanChart(this.forecastChart); // a plain line without ranges
    this.legend = root.querySelector("#forecast-legend");
    this.showCategories = false;
    this.toggle.addEventListener("change", () => {
      this.showCategories = this.toggle.checked;
      if (this.last) this.drawForecast(this.last);
    });
    this.last = null;
  }

  render(analysis) {
    this.last = analysis;
    // A live answer without the draws keeps the last sentence with them.
    const drawn = drawsOf(analysis);
    const summary = drawn ? drawn.summary : analysis.summary;
    setText(this.sentence, summary);
    setText(this.headline, summary);
    const cmp = analysis.compare;
    this.compareText.hidden = !cmp;
    if (cmp) setText(this.compareText, `Compared view: ${cmp.summary}`);
    this.drawTable(analysis);
    this.drawYears(analysis);
    this.drawForecast(analysis);
    this.drawStrip(analysis);
  }

  drawTable(a) {
    const n = a.categories.length;
    // Rows are made when the years (or their look) change; an answer during
    // a drag only rewrites the cells whose text changed.
    const styles = this.ctx.styles();
    const key = a.years.map((y) => `${y.year}${styles.get(y.year).color}${styles.get(y.year).symbol}`).join();
    keyed(this.yearTable, key, () => {
      const rows = a.years.map((y) => {
        const tr = document.createElement("tr");
        const th = document.createElement("th");
        th.scope = "row";
        th.append(this.ctx.glyph(y.year, 12), document.createTextNode(String(y.year)));
        tr.append(th, document.createElement("td"), document.createElement("td"), document.createElement("td"));
        return tr;
      });
      this.yearTable.replaceChildren(...rows);
    });
    a.years.forEach((y, i) => {
      const tr = this.yearTable.rows[i];
      const [, mean, sc, acc] = tr.cells;
      const hot = Boolean(y.supercritical);
      if (tr.classList.contains("is-sc") !== hot) {
        tr.classList.toggle("is-sc", hot);
        mean.classList.toggle("is-sc", hot);
        if (hot) mean.title = "above the threshold of 1: super-critical on average";
        else mean.removeAttribute("title");
      }
      setText(mean, fixed(y.mean_slope));
      setText(sc, ofN(y.supercritical_count, n));
      setText(acc, String(y.accelerating_count));
    });
  }

  drawYears(a) {
    const styles = this.ctx.styles();
    const drawn = drawsOf(a); // the draws' intervals as whiskers, if any (js/fan.js)
    const bands = new Map(drawn ? drawn.uncertainty.years.map((y) => [y.year, y.mean_slope]) : []);
    const rows = a.years.map((y) => {
      const band = bands.get(y.year) || null;
      return { year: y.year, value: y.mean_slope, color: styles.get(y.year).color, band, hi: band ? band[4] : null };
    });
    const cmp = a.compare ? new Map(a.compare.years.map((y) => [y.year, y.mean_slope])) : null;
    this.bars.render(rows, cmp, drawn !== null && drawn !== a);
  }

  drawForecast(a) {
    const f = a.forecast;
    const drawn = drawsOf(a); // the draws to show as a fan, if any (js/fan.js)
    const styles = this.ctx.styles();
    const groups = this.ctx.groups;
    const categories = this.showCategories
      ? a.categories
          .filter((c) => f.categories[c.id] && f.categories[c.id].slope)
          .map((c) => ({
            name: c.name,
            color: GROUP_COLORS[groups.indexOf(c.group) % GROUP_COLORS.length],
            slope: f.categories[c.id].slope,
          }))
      : [];
    const marks = a.years.map((y) => {
      const style = styles.get(y.year);
      const make = () => {
        const g = glyph(style, "solid", 14);
        g.setAttribute("x", "-7");
        g.setAttribute("y", "-7");
        return g;
      };
      return { t: y.year, value: y.mean_slope, glyph: make, key: `${y.year}${style.symbol}${style.color}` };
    });
    let peak = null;
    if (f.peak_year !== null) {
      const i = f.t.indexOf(f.peak_year);
      peak = {
        t: f.peak_year,
        value: i >= 0 ? f.mean_slope[i] : null,
        text: (drawn && fanPeakLabel(drawn)) || (f.peak_at_edge ? "still rising" : `peak ${yearLabel(f.peak_year)}`),
      };
    }
    this.forecast.render({
      t: f.t,
      mean: f.mean_slope,
      compare: a.compare ? { t: a.compare.forecast.t, mean: a.compare.forecast.mean_slope } : null,
      categories,
      marks,
      span: f.supercritical_from !== null && f.supercritical_to !== null ? [f.supercritical_from, f.supercritical_to] : null,
      peak,
      fan: drawn ? { ...drawn.uncertainty.forecast.mean_slope, t: drawn.forecast.t, stale: drawn !== a } : null,
    });
    setText(this.forecastText, (drawn && fanWords(drawn)) || forecastWords(a));
    this.forecastLegend(a, categories.length > 0);
  }

  forecastLegend(a, withGroups) {
    const items = [
      ["line-mean", "mean slope, projected"],
      ["marks", "your marks, mean per year"],
      ["span", "mean above 1"],
      ["threshold", "threshold 1"],
    ];
    if (a.compare) items.splice(1, 0, ["line-compare", "compared view"]);
    if (drawsOf(a)) items.splice(1, 0, ["fan-90", "90% of draws"], ["fan-50", "50%"], ["fan-median", "median of draws"]);
    // "your marks" shows the symbol of every year on screen.
    const styles = this.ctx.styles();
    const years = a.years.map((y) => y.year);
    const looks = years.map((y) => `${y}${styles.get(y).symbol}${styles.get(y).color}`).join();
    const key = `${items.map((i) => i[0]).join()}|${withGroups}|${looks}`;
    if (!keyed(this.legend, key, () => {})) return;
    const list = document.createElement("ul");
    for (const [kind, text] of items) {
      const li = document.createElement("li");
      const key = document.createElement("span");
      key.className = `key key-${kind}`;
      key.setAttribute("aria-hidden", "true");
      if (kind === "marks") for (const y of years) key.append(this.ctx.glyph(y, 11));
      li.append(key, document.createTextNode(text));
      list.append(li);
    }
    if (withGroups) {
      this.ctx.groups.forEach((g, i) => {
        const li = document.createElement("li");
        const key = document.createElement("span");
        key.className = "key key-cat";
        key.style.borderColor = GROUP_COLORS[i % GROUP_COLORS.length];
        key.setAttribute("aria-hidden", "true");
        li.append(key, document.createTextNode(g));
        list.append(li);
      });
    }
    this.legend.replaceChildren(list);
  }

  drawStrip(a) {
    // A one-line reading pinned to the bottom of small screens while the
    // panel is out of view: the last year's mean slope and counts.
    const last = a.years[a.years.length - 1];
    const count = ofN(last.supercritical_count, a.categories.length);
    const text = `${last.year}: mean slope ${fixed(last.mean_slope)} · ${count} super-critical · ${last.accelerating_count} accelerating`;
    setText(this.strip, text);
  }
}

/** The forecast's fields in words. */
export function forecastWords(a) {
  const f = a.forecast;
  if (f.peak_year === null) return "No estimate to forecast from.";
  const end = Math.max(a.state.horizon, a.state.years[a.state.years.length - 1]);
  const peak = f.peak_at_edge
    ? `still rising at ${end}`
    : `peaks around ${yearWords(f.peak_year)}`;
  const span =
    f.supercritical_from !== null
      ? `above 1 from ${yearWords(f.supercritical_from)} to ${yearWords(f.supercritical_to)}`
      : "never above 1";
  return `Projected from your marks to ${end}: the mean slope ${peak}, ${span}.`;
}
