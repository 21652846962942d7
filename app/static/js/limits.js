// The bounds of the page's controls, from the server's field table
// (scurve/fields.py), handed over once in the page's #scurve-limits block:
// no module copies a bound of its own.
//
//   setting("feedback")   {link, label, default, min, max, step}
//   part("curves", "midpoint"), part("weights", "weight")   {min, max, step}
//   custom                {max_count, name: {max_length, default}, group, question}
//   body                  {max_bytes}

let cached = null;

function all() {
  if (cached === null) {
    const block = document.getElementById("scurve-limits");
    if (!block) throw new Error("the page has no #scurve-limits block");
    cached = JSON.parse(block.textContent);
  }
  return cached;
}

/** A setting's limits, by its JSON key.
 * @param {string} key
 * @returns {any}
 */
export function setting(key) {
  return all().settings[key];
}

/** The limits of one number of a per-category field: part("curves", "ceiling").
 * @param {string} field
 * @param {string} name
 * @returns {any}
 */
export function part(field, name) {
  return all().categories[field][name];
}

/** The limits of your own categories: their count and their texts. */
export function customLimits() {
  return all().custom;
}

/** The largest body (and imported file) the server takes, in bytes. */
export function maxBodyBytes() {
  return all().body.max_bytes;
}

/** Every setting, in the table's order: [key, limits]. */
export function settings() {
  return Object.entries(all().settings);
}
