// Positions the page filled in itself: "Add year" places each category's
// marker where its fitted path puts it that year (or at its nearest year).
// Those markers are drawn as extrapolated, and their readout says so, until
// the user moves them. The mark lives in this page only (a link carries
// positions, not where they came from).

class Extrapolated {
  constructor() {
    this.seeds = new Map(); // year -> Map(category id -> position filled in)
  }

  /** The positions just filled in for a new year. */
  seed(year, positions) {
    this.seeds.set(year, new Map(Object.entries(positions)));
  }

  /** The user moved (or typed) this estimate: it is theirs now. */
  touch(id, year) {
    const row = this.seeds.get(year);
    if (row) row.delete(id);
  }

  /** Is the estimate at x still the one filled in? */
  is(id, year, x) {
    const row = this.seeds.get(year);
    return row !== undefined && row.has(id) && row.get(id) === x;
  }
}

export const extrapolated = new Extrapolated();
