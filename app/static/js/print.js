// Printing: the charts' drawings (Plotly's, and the markers over them) are
// laid out in pixels for the screen's width. On paper each card keeps the
// width its chart has on screen (print.css reads --plot-w), so nothing is
// cut or misplaced; the page's width only decides how many cards share a row.

let observer = null;

/** Keep each card's --plot-w at its plot area's width on screen (cards
 * added later, such as the user's own categories, are kept as well).
 * @param {Iterable<any>} cards
 */
export function keepPlotWidths(cards) {
  observer ||= new ResizeObserver((entries) => {
    for (const e of entries) {
      const w = e.target.clientWidth;
      if (w) /** @type {HTMLElement} */ (e.target.closest(".card")).style.setProperty("--plot-w", `${w}px`);
    }
  });
  for (const card of cards) observer.observe(card.querySelector(".plot-wrap"));
}
