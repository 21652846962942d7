// The evidence page: draws the timeline of the claims and filters the page by
// category in place. The server renders the whole page (the filter also works
// without this script, as /claims?category=<id>); this only adds the
// drawing, the instant filter and the URL that follows it.

const page = /** @type {HTMLElement} */ (document.getElementById("claims-page"));
const data = JSON.parse(/** @type {HTMLElement} */ (document.getElementById("claims-data")).textContent);
const plot = /** @type {HTMLElement} */ (document.getElementById("claims-timeline"));
const select = /** @type {HTMLElement} */ /** @type {HTMLInputElement} */ ((document.getElementById("claims-category")));
const form = /** @type {HTMLElement} */ (document.getElementById("claims-filter"));
const count = /** @type {HTMLElement} */ (document.getElementById("claims-count"));
const empty = /** @type {HTMLElement} */ (document.getElementById("claims-empty"));
const emptyName = /** @type {HTMLElement} */ (document.getElementById("claims-empty-name"));
const cards = /** @type {HTMLElement[]} */ (Array.from(document.querySelectorAll("#claims-list > .pg-claim")));

const DAY = 86400000;
const SYMBOLS = { for: "circle", against: "x", mixed: "diamond" };
const names = Object.fromEntries(data.categories.map((c) => [c.id, c.name]));
const time = (iso) => Date.parse(iso + "T00:00:00Z");
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

page.classList.add("pg-js");
let selected = data.selected || "";
let span = "all";

// Organisations as lanes, the earliest to speak at the bottom.
const firstDate = new Map();
for (const c of data.claims) {
  const t = time(c.date);
  if (!firstDate.has(c.organization) || t < firstDate.get(c.organization)) firstDate.set(c.organization, t);
}
const lanes = [...firstDate.keys()].sort((a, b) => firstDate.get(a) - firstDate.get(b) || a.localeCompare(b));
const laneOf = new Map(lanes.map((org, i) => [org, i]));

// Claims of one lane within three weeks of each other would sit on top of one
// another (OpenAI spoke on 5 and 6 February 2026): spread each such run a
// little across its lane. Offsets are fixed once, so filtering never moves a point.
const offset = new Map();
for (const org of lanes) {
  const mine = data.claims.filter((c) => c.organization === org).sort((a, b) => time(a.date) - time(b.date) || (a.id < b.id ? -1 : 1));
  let run = [];
  const flush = () => {
    run.forEach((c, i) => offset.set(c.id, run.length === 1 ? 0 : -0.2 + (0.4 * i) / (run.length - 1)));
    run = [];
  };
  for (const c of mine) {
    if (run.length && time(c.date) - time(run[run.length - 1].date) > 21 * DAY) flush();
    run.push(c);
  }
  flush();
}

const dates = data.claims.map((c) => time(c.date));
const first = Math.min(...dates);
const last = Math.max(...dates);
const RANGES = {
  all: [isoDay(first - 110 * DAY), isoDay(last + 45 * DAY)],
  recent: [isoDay(last - 92 * DAY), isoDay(last + 12 * DAY)],
};

function css(name, fallback) {
  const v = getComputedStyle(page).getPropertyValue(name).trim();
  return v || fallback;
}

function traces(claims) {
  return Object.keys(SYMBOLS).map((stance) => {
    const mine = claims.filter((c) => c.stance === stance);
    const color = css(`--pg-${stance}`, "#333");
    return {
      type: "scatter",
      mode: "markers",
      name: data.stances[stance],
      x: mine.map((c) => c.date),
      y: mine.map((c) => laneOf.get(c.organization) + offset.get(c.id)),
      customdata: mine.map((c) => [c.id, c.organization, c.subject, data.stances[stance], c.categories.map((id) => names[id]).join(", ")]),
      hovertemplate:
        "<b>%{customdata[1]}: %{customdata[2]}</b><br>%{x|%-d %b %Y} · %{customdata[3]}<br>" +
        "<span style='font-size:0.9em'>%{customdata[4]}</span><extra></extra>",
      marker: {
        symbol: SYMBOLS[stance],
        size: stance === "against" ? 15 : 14,
        color,
        line: { color: stance === "against" ? color : "#ffffff", width: stance === "against" ? 0 : 1.5 },
      },
      hoverlabel: { bordercolor: color, bgcolor: "#ffffff", font: { color: css("--pg-ink", "#1b2330") } },
    };
  });
}

function layout() {
  const ink = css("--pg-ink", "#1b2330");
  const muted = css("--pg-muted", "#5b6472");
  const line = css("--pg-line", "#d9dee6");
  return {
    height: 48 * lanes.length + 70,
    margin: { l: 10, r: 14, t: 8, b: 34 },
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { family: getComputedStyle(page).fontFamily, size: 12, color: ink },
    showlegend: false,
    dragmode: false,
    hovermode: "closest",
    xaxis: {
      type: "date",
      range: RANGES[span],
      fixedrange: true,
      tickformat: "%b %Y",
      // Whole months only: a %b %Y label on a half-month tick would repeat.
      dtick: span === "recent" ? "M1" : plot.clientWidth < 560 ? "M6" : "M3",
      tickangle: 0,
      showgrid: true,
      gridcolor: line,
      linecolor: line,
      tickfont: { color: muted },
      zeroline: false,
    },
    yaxis: { range: [-0.55, lanes.length - 0.2], fixedrange: true, showticklabels: false, showgrid: false, zeroline: false },
    shapes: lanes.map((_, i) => ({
      type: "line",
      xref: "paper",
      x0: 0,
      x1: 1,
      y0: i,
      y1: i,
      line: { color: line, width: 1 },
      layer: "below",
    })),
    // Each organisation's name sits on its own lane line (the line broken
    // under it), not between two lanes.
    annotations: lanes.map((org, i) => ({
      xref: "paper",
      x: 0,
      y: i,
      xanchor: "left",
      yanchor: "middle",
      text: org,
      showarrow: false,
      bgcolor: css("--pg-card", "#ffffff"),
      borderpad: 2,
      font: { size: 12, color: muted },
    })),
  };
}

const CONFIG = { displayModeBar: false, responsive: true, scrollZoom: false, doubleClick: false };

function draw() {
  if (!window.Plotly) return;
  const shown = data.claims.filter((c) => !selected || c.categories.includes(selected));
  window.Plotly.react(plot, traces(shown), layout(), CONFIG);
}

function apply(category, how) {
  selected = category;
  select.value = category;
  let visible = 0;
  for (const card of cards) {
    const on = !category || (card.dataset.categories || "").split(" ").includes(category);
    card.hidden = !on;
    if (on) visible += 1;
  }
  count.replaceChildren();
  if (category) {
    const name = document.createElement("strong");
    name.textContent = names[category];
    count.append(`${visible} of ${cards.length} statements bear on `, name, ".");
  } else {
    count.textContent = `All ${cards.length} statements, newest first.`;
  }
  emptyName.textContent = category ? names[category] : "";
  empty.hidden = visible > 0;
  draw();
  if (how === "push") {
    const url = new URL(window.location.href);
    if (category) url.searchParams.set("category", category);
    else url.searchParams.delete("category");
    window.history.pushState({ category }, "", url.pathname + url.search + url.hash);
  }
}

select.addEventListener("change", () => apply(select.value, "push"));
form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  apply(select.value, "push");
});
window.addEventListener("popstate", () => {
  const cat = new URL(window.location.href).searchParams.get("category") || "";
  apply(names[cat] ? cat : "", "none");
});

for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-range]"))) {
  button.addEventListener("click", () => {
    span = button.dataset.range || span;
    for (const b of document.querySelectorAll("[data-range]")) b.setAttribute("aria-pressed", String(b === button));
    draw();
  });
}

draw();

// Fewer date ticks on a narrow plot: redraw when the width class changes.
let narrow = plot.clientWidth < 560;
window.addEventListener("resize", () => {
  if ((plot.clientWidth < 560) !== narrow) {
    narrow = !narrow;
    draw();
  }
});

// A point opens its card: scroll to it, focus it and mark it briefly.
if (window.Plotly) {
  /** @type {any} */ (plot).on("plotly_click", (ev) => {
    const point = ev && ev.points && ev.points[0];
    if (!point) return;
    const card = document.getElementById(`claim-${point.customdata[0]}`);
    if (!card) return;
    card.scrollIntoView({ behavior: "smooth", block: "center" });
    card.focus({ preventScroll: true });
    card.classList.remove("pg-flash");
    void card.offsetWidth; // restart the animation
    card.classList.add("pg-flash");
  });
}
