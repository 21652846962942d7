// The aggregate panel: the server's sentence, the mean slope of each year
// against the threshold of 1, the counts of super-critical categories (and
// how many of them sit before their midpoint), each year's verdict with the
// factor every full payoff would need, and the forecast to the horizon:
// progress first (js/progress.js), the mean slope one tab away. Everything
// shown is a field of the server's analysis.

import { fixed, ofN, yearLabel } from "./format.js";
import { keyed, setAttr, setText } from "./dom.js";
import { FanChart, RangeBars, drawsOf, fanPeakLabel, fanWords } from "./fan.js";
import { milestoneLines, progressWords, slopeWords, stillWords } from "./forecast-words.js";
import { ProgressChart } from "./progress.js";
import { GROUP_COLORS, glyph } from "./style.js";
import { wireTabs } from "./tabs.js";
import { closeCall, scaleWords, yearKind } from "./verdict.js";

const KIND_TITLES = {
  sc: "above the threshold of 1: super-critical on average",
  close: "too close to call: the draws' 90% interval holds 1",
  not: "",
};

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
    this.breakeven = root.querySelector("#breakeven-list");
    this.progressText = root.querySelector("#progress-text");
    this.progressBox = root.querySelector("#progress-chart");
    this.progress = new ProgressChart(this.progressBox);
    this.progressLegend = root.querySelector("#progress-legend");
    this.milestones = root.querySelector("#milestone-list");
    // A chart in a hidden tab measured no width: drawn again when shown.
    wireTabs(root.querySelector(".forecast-tabs"), () => this.last && this.drawForecast(this.last));
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
    this.drawBreakeven(analysis);
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
    const drawn = drawsOf(a);
    a.years.forEach((y, i) => {
      const tr = this.yearTable.rows[i];
      const [, mean, sc, acc] = tr.cells;
      // Super-critical on average, not, or too close to call under the ranges.
      const kind = yearKind(y, drawn);
      if (tr.dataset.kind !== kind) {
        tr.dataset.kind = kind;
        tr.classList.toggle("is-sc", kind === "sc");
        mean.classList.toggle("is-sc", kind === "sc");
        mean.classList.toggle("is-close", kind === "close");
        if (kind === "not") mean.removeAttribute("title");
        else mean.title = KIND_TITLES[kind];
      }
      setText(mean, kind === "close" ? `${fixed(y.mean_slope)}, too close to call` : fixed(y.mean_slope));
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

  /** Each year's verdict and the factor every full payoff would need. */
  drawBreakeven(a) {
    const drawn = drawsOf(a);
    const lines = a.years.map((y) => scaleWords(y, drawn));
    keyed(this.breakeven, lines.join("|"), () => {
      this.breakeven.replaceChildren(
        ...lines.map((text, i) => {
          const li = document.createElement("li");
          li.dataset.year = String(a.years[i].year);
          li.dataset.kind = yearKind(a.years[i], drawn);
          li.textContent = text;
          return li;
        }),
      );
    });
  }

  drawForecast(a) {
    this.drawProgress(a);
    this.drawSlope(a);
  }

  /** The lead view: AI's help against its potential, with its milestones. */
  drawProgress(a) {
    const f = a.forecast;
    const drawn = drawsOf(a);
    const still = stillWords(a) !== null;
    const bands = drawn && !still ? drawn.uncertainty.forecast.milestones : [];
    const milestones = still
      ? []
      : f.milestones.map((m) => {
          const band = bands.find((b) => b.share === m.share);
          // Every share as a percentage, as the field under the list takes them.
          return { ...m, label: `${Math.round(m.share * 100)}%`, band: band ? band.year : null };
        });
    const gain = drawn && !still ? drawn.uncertainty.forecast.gain : null;
    const fan = drawn && !still && drawn.forecast.t.length === f.t.length ? drawn.uncertainty.forecast.mean_uplift : null;
    this.progress.render({
      t: f.t,
      u: f.mean_uplift,
      potential: f.potential,
      gain: f.gain,
      gainBand: gain && drawn.forecast.t.length === f.t.length ? gain : null,
      fan: fan && fan.p5.every((v) => v !== null) ? fan : null,
      milestones,
      marks: this.yearMarks(a, (y) => y.mean_uplift),
      compare: a.compare ? { t: a.compare.forecast.t, u: a.compare.forecast.mean_uplift } : null,
      stale: drawn !== null && drawn !== a,
    });
    const words = progressWords(a);
    setText(this.progressText, words);
    setAttr(this.progressBox, "aria-label", `AI's help over time against its potential. ${words}`);
    const lines = milestoneLines(a, drawn);
    keyed(this.milestones, JSON.stringify(lines), () => {
      this.milestones.replaceChildren(
        ...lines.map((line) => {
          const li = document.createElement("li");
          li.dataset.share = String(line.share);
          const head = document.createElement("strong");
          head.textContent = line.head;
          li.append(head, document.createTextNode(` ${line.text}`));
          return li;
        }),
      );
    });
    this.milestones.hidden = !lines.length;
    this.progressLegendDraw(a, milestones.length > 0, bands.length > 0);
  }

  /** The years' glyphs at a value of each year (the mean slope, the mean uplift). */
  yearMarks(a, value) {
    const styles = this.ctx.styles();
    return a.years.map((y) => {
      const style = styles.get(y.year);
      const make = () => {
        const g = glyph(style, "solid", 14);
        g.setAttribute("x", "-7");
        g.setAttribute("y", "-7");
        return g;
      };
      return { t: y.year, value: value(y), glyph: make, key: `${y.year}${style.symbol}${style.color}` };
    });
  }

  progressLegendDraw(a, withMilestones, withBands) {
    const items = [
      ["line-mean", "AI's help, projected"],
      ["potential", "potential"],
      ["marks", "your marks, mean uplift per year"],
    ];
    if (withMilestones) items.splice(2, 0, ["milestone", "milestone"]);
    if (withBands) items.splice(3, 0, ["milestone-band", "its year, 90% of draws"]);
    if (withBands) items.splice(1, 0, ["fan-90", "90% of draws"], ["fan-50", "50%"]);
    if (a.compare) items.splice(1, 0, ["line-compare", "compared view"]);
    this.legendList(this.progressLegend, a, items, false);
  }

  /** The mean slope's view, one tab away. */
  drawSlope(a) {
    const f = a.forecast;
    const drawn = drawsOf(a); // the draws to show as a fan, if any (js/fan.js)
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
    const still = stillWords(a) !== null;
    let peak = null;
    if (f.peak_year !== null && !still) {
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
      marks: this.yearMarks(a, (y) => y.mean_slope),
      span: f.supercritical_from !== null && f.supercritical_to !== null ? [f.supercritical_from, f.supercritical_to] : null,
      peak,
      fan: drawn ? { ...drawn.uncertainty.forecast.mean_slope, t: drawn.forecast.t, stale: drawn !== a } : null,
    });
    setText(this.forecastText, (!still && drawn && fanWords(drawn)) || slopeWords(a));
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
    this.legendList(this.legend, a, items, withGroups);
  }

  /** A chart's legend: [kind, text] items ("marks" shows the symbol of
   * every year on screen), and the groups' colours when asked. */
  legendList(root, a, items, withGroups) {
    const styles = this.ctx.styles();
    const years = a.years.map((y) => y.year);
    const looks = years.map((y) => `${y}${styles.get(y).symbol}${styles.get(y).color}`).join();
    const key = `${items.map((i) => i[0]).join()}|${withGroups}|${looks}`;
    if (!keyed(root, key, () => {})) return;
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
    root.replaceChildren(list);
  }

  drawStrip(a) {
    // A one-line reading pinned to the bottom of small screens while the
    // panel is out of view: the last year's mean slope and counts.
    const last = a.years[a.years.length - 1];
    const count = ofN(last.supercritical_count, a.categories.length);
    const close = closeCall(drawsOf(a), last.year) ? ", too close to call" : "";
    const text = `${last.year}: mean slope ${fixed(last.mean_slope)}${close} · ${count} super-critical · ${last.accelerating_count} before their midpoint`;
    setText(this.strip, text);
  }
}
