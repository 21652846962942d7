// app/static/js/limits.js
var cached = null;
function all() {
  if (cached === null) {
    const block = document.getElementById("scurve-limits");
    if (!block) throw new Error("the page has no #scurve-limits block");
    cached = JSON.parse(block.textContent);
  }
  return cached;
}
function setting(key) {
  return all().settings[key];
}
function part(field, name) {
  return all().categories[field][name];
}
function customLimits() {
  return all().custom;
}
function maxBodyBytes() {
  return all().body.max_bytes;
}
function settings() {
  return Object.entries(all().settings);
}

export {
  setting,
  part,
  customLimits,
  maxBodyBytes,
  settings
};
