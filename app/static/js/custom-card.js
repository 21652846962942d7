// The card of a category of your own: the same markup as index.html's cards
// (so CategoryChart, markers, ShapeControl and Save PNG work on it unchanged)
// and its edit box. Every text here is set as textContent, an attribute or a
// form value: a name is never read as markup.

import { h, setText } from "./dom.js";
import { customLimits } from "./limits.js";

const LIMITS = customLimits();
export const CUSTOM_GROUP = LIMITS.group.default;
export const NAME_MAX = LIMITS.name.max_length;
const GROUP_MAX = LIMITS.group.max_length;
const QUESTION_MAX = LIMITS.question.max_length;

export const chars = (text) => [...text].length; // code points, as the server counts
export const hasControl = (text) => /\p{Cc}/u.test(text);
// Invisible format characters (U+200B, U+202E, ...): the server refuses them in names.
export const hasFormat = (text) => /\p{Cf}/u.test(text);

/** A card as index.html renders it (without the server's first-paint chart:
 * Plotly draws this one).
 * @param {{id: string, name: string, question: string}} cat
 * @returns {HTMLElement}
 */
export function cardElement(cat) {
  const details = h("details", { class: "shape" }, h("summary", { text: "Curve shape" }), h("div", { class: "shape-body" }));
  const box = h("input", { type: "checkbox", class: "leave-out-box" });
  return h(
    "article",
    { class: "card card-custom", id: `card-${cat.id}`, "data-category": cat.id, "aria-labelledby": `name-${cat.id}` },
    h("header", { class: "card-head" }, h("h3", { id: `name-${cat.id}`, text: cat.name })),
    h("p", { class: "question", text: cat.question }),
    h(
      "div",
      { class: "plot-wrap" },
      h("div", { class: "plot", "aria-hidden": "true" }),
      h("div", { class: "overlay" }),
    ),
    h("table", { class: "readout" }, h("caption", { class: "visually-hidden", text: `${cat.name}: your estimates` }), h("tbody")),
    h("p", { class: "trend" }),
    h("label", { class: "check leave-out" }, box, " Leave out of the aggregate"),
    h(
      "div",
      { class: "card-foot" },
      details,
      h("button", { type: "button", class: "btn btn-quiet save-png", "aria-label": `Save PNG of the ${cat.name} chart`, text: "Save PNG" }),
    ),
  );
}

/** The edit controls of a custom card: Edit (name, group, question) and
 * Remove. `host` (custom.js) judges names, commits and removes.
 * @param {import("./chart.js").CategoryChart} chart
 * @param {import("./custom.js").CustomCategories} host
 * @returns {{card: any, open: (on: boolean) => void, name: HTMLInputElement, group: HTMLInputElement,
 *   question: HTMLInputElement, remove: HTMLButtonElement} | undefined}
 */
export function decorateCard(chart, host) {
  const card = chart.card;
  if (card.dataset.decorated) return;
  card.dataset.decorated = "1";
  const id = chart.id;
  const head = card.querySelector(".card-head");
  const panelId = `edit-${id}`;
  const editBtn = h("button", { type: "button", class: "btn btn-quiet custom-edit-btn", "aria-expanded": "false", "aria-controls": panelId, text: "Edit" });
  const removeBtn = h("button", { type: "button", class: "btn btn-quiet custom-remove", "aria-label": `Remove ${chart.name}`, text: "Remove" });
  head.append(h("div", { class: "custom-actions" }, editBtn, removeBtn));

  const field = (key, label, hint) => {
    const input = h("input", { type: "text", id: `${key}-${id}-field`, class: `custom-${key}`, autocomplete: "off", spellcheck: "true" });
    const error = h("p", { class: "field-error", id: `${key}-${id}-error`, "aria-live": "polite" });
    input.setAttribute("aria-describedby", error.id);
    const row = h("div", { class: "custom-field" }, h("label", { for: input.id }, label, h("span", { class: "hint", text: hint })), input, error);
    return { input, error, row };
  };
  const name = field("name", "Name", `required, 1 to ${NAME_MAX} characters`);
  name.input.required = true;
  const group = field("group", "Group", "where the card sits; empty: Your categories");
  const groupList = h("datalist", { id: `groups-${id}` });
  group.input.setAttribute("list", groupList.id);
  const question = field("question", "Question", `optional, at most ${QUESTION_MAX} characters`);
  const form = h("form", { class: "custom-edit", id: panelId, novalidate: "" }, name.row, group.row, groupList, question.row);
  form.hidden = true;
  head.after(form);

  const open = (on) => {
    form.hidden = !on;
    editBtn.setAttribute("aria-expanded", String(on));
    if (on) groupList.replaceChildren(...host.groupOrder(host.store.state).map((g) => h("option", { value: g })));
  };
  editBtn.addEventListener("click", () => open(form.hidden));
  removeBtn.addEventListener("click", () => host.remove(chart));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    commitName();
  });

  const showProblem = (f, problem) => {
    setText(f.error, problem);
    if (problem) f.input.setAttribute("aria-invalid", "true");
    else f.input.removeAttribute("aria-invalid");
  };
  const current = (key) => ((host.store.state.custom || {})[id] || {})[key] || "";

  name.input.addEventListener("input", () => showProblem(name, host.nameProblem(name.input.value, id)));
  const commitName = () => {
    const problem = host.nameProblem(name.input.value, id);
    if (problem) {
      showProblem(name, problem);
      return;
    }
    showProblem(name, "");
    host.setField(id, "name", name.input.value.trim());
  };
  name.input.addEventListener("change", commitName);
  name.input.addEventListener("blur", () => {
    if (!name.input.getAttribute("aria-invalid")) return;
    // Leaving a bad name: the card keeps its name, the message says why.
    const problem = name.error.textContent;
    name.input.removeAttribute("aria-invalid");
    name.input.value = current("name");
    setText(name.error, `Not renamed: ${problem}`);
  });

  const textField = (f, key, limit, fallback) => {
    const check = () => {
      const text = f.input.value.trim();
      if (hasControl(text)) return "Control characters are not allowed.";
      if (chars(text) > limit) return `At most ${limit} characters; this has ${chars(text)}.`;
      return "";
    };
    f.input.addEventListener("input", () => showProblem(f, check()));
    f.input.addEventListener("change", () => {
      const problem = check();
      showProblem(f, problem);
      if (!problem) host.setField(id, key, f.input.value.trim() || fallback);
    });
    f.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        f.input.dispatchEvent(new Event("change"));
      }
    });
  };
  textField(group, "group", GROUP_MAX, CUSTOM_GROUP);
  textField(question, "question", QUESTION_MAX, "");

  const st = host.store.state.custom[id];
  name.input.value = st.name;
  group.input.value = st.group || CUSTOM_GROUP;
  question.input.value = st.question || "";
  return { card, open, name: name.input, group: group.input, question: question.input, remove: removeBtn };
}
