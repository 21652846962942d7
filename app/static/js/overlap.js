// Markers of one chart at (nearly) the same place: each would hide the
// other. In year order, a marker within NEAR px of one already placed is
// lifted off the curve by LIFT px (down instead near the top of the plot),
// on a thin stem back to its true place, so both stay visible and both can
// be picked up. The position is never changed: only where the glyph is
// drawn (a marker dragged over another hops over it).

const NEAR = 10; // px between centres below which two glyphs (20 px) crowd
const LIFT = 20; // px a crowded marker is drawn off its place: its centre is out of the other's 34 px target

/** Recompute the lifts of `chart`'s markers from their places (m.px, m.py)
 * and redraw those whose lift changed. Cheap: at most ten markers.
 * @param {any} chart
 */
export function spreadMarkers(chart) {
  const order = [...chart.markers.values()]
    .filter((m) => m.x !== null && m.px !== undefined)
    .sort((a, b) => a.year - b.year);
  const placed = [];
  for (const m of order) {
    let level = 0;
    const taken = new Set();
    for (const o of placed) {
      if (Math.hypot(o.px - m.px, o.py - m.py) < NEAR) taken.add(o.level);
    }
    while (taken.has(level)) level += 1;
    placed.push({ px: m.px, py: m.py, level });
    // Upwards, unless that would leave the plot: then downwards.
    const up = m.py - LIFT * level > 8;
    const lift = level === 0 ? 0 : (up ? -1 : 1) * LIFT * level;
    if (lift !== m.lift) {
      m.lift = lift;
      m.el.classList.toggle("lift-up", lift < 0);
      m.el.classList.toggle("lift-down", lift > 0);
      m.el.style.setProperty("--stem", `${Math.abs(lift)}px`);
      m.applyTransform();
    }
  }
}
