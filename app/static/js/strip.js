// The one-line reading pinned to the foot of small screens (#live-strip,
// written by the panel) repeats the headline and the panel: it is shown only
// while neither is in view, so it never covers the headline on first load.

/** Hide `strip` while any of `targets` is on screen.
 * @param {any} strip the #live-strip element (callers pass a query's result unchecked)
 * @param {Iterable<Element | null>} targets
 */
export function showStripWhenAway(strip, targets) {
  const inView = new Set();
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) inView.add(e.target);
      else inView.delete(e.target);
    }
    strip.classList.toggle("is-away", inView.size === 0);
  });
  for (const t of targets) if (t) io.observe(t);
}
