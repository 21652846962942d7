#!/usr/bin/env bash
# Rebuild the committed browser assets from the npm packages pinned in
# package-lock.json (Node and npm with the npm registry needed; serving and
# testing the app need neither):
#  - app/static/vendor/: Plotly.js's basic bundle (the pages draw only scatter
#    traces, shapes and annotations) and its licence, with SHA256SUMS;
#  - app/static/bundle/: the estimator's ES modules bundled by esbuild into one
#    file per page script (main, share, crowd) and the chunks they share, as
#    readable code, and its stylesheets (app/static/estimator.css and what it
#    imports) into one, with manifest.json naming each source and its SHA-256.
#    The app serves the bundle only while every source still has that hash;
#    otherwise it serves the modules one by one (and says so in its log).
#
#   bash scripts/build-assets.sh          rebuild both (after changing a module or a pinned version)
#   bash scripts/build-assets.sh --check  fail unless the committed files are exactly what a rebuild gives
set -euo pipefail
cd "$(dirname "$0")/.."
CHECK=0
[ "${1:-}" = "--check" ] && CHECK=1

npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
node_modules/.bin/esbuild --version >/dev/null 2>&1 || node node_modules/esbuild/install.js

STATIC=app/static
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# -- Plotly.js ------------------------------------------------------------------
PKG=node_modules/plotly.js-basic-dist-min
VERSION=$(node -p "require('./$PKG/package.json').version")
mkdir -p "$WORK/vendor"
cp "$PKG/plotly-basic.min.js" "$WORK/vendor/plotly-basic-$VERSION.min.js"
cp "$PKG/LICENSE" "$WORK/vendor/plotly.js-LICENSE.txt"
(cd "$WORK/vendor" && sha256sum "plotly-basic-$VERSION.min.js" plotly.js-LICENSE.txt > SHA256SUMS)

# -- the page's modules -------------------------------------------------------
# Not minified: the bundle stays readable in the browser's debugger (each
# module's code under a "// app/static/js/<name>.js" line), and gzip takes
# most of what minifying would.
node_modules/.bin/esbuild "$STATIC/js/main.js" "$STATIC/js/share.js" "$STATIC/js/crowd.js" \
  --bundle --splitting --format=esm --charset=utf8 --legal-comments=none --log-level=warning \
  --outdir="$WORK/bundle" --metafile="$WORK/js.json"
node_modules/.bin/esbuild "$STATIC/estimator.css" \
  --bundle --charset=utf8 --legal-comments=none --log-level=warning \
  --outdir="$WORK/bundle" --metafile="$WORK/css.json"
node -e '
const fs = require("fs"), crypto = require("crypto"), path = require("path");
const rel = (p) => path.relative("app/static", p).split(path.sep).join("/");
const entries = {}, sources = {};
for (const metafile of process.argv.slice(1)) {
  const meta = JSON.parse(fs.readFileSync(metafile));
  for (const [file, o] of Object.entries(meta.outputs)) if (o.entryPoint) entries[rel(o.entryPoint)] = "bundle/" + path.basename(file);
  for (const file of Object.keys(meta.inputs)) sources[rel(file)] = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}
const sorted = (o) => Object.fromEntries(Object.entries(o).sort());
fs.writeFileSync(path.join(path.dirname(process.argv[1]), "bundle", "manifest.json"), JSON.stringify({
  built_by: "scripts/build-assets.sh", esbuild: require("esbuild/package.json").version,
  entries: sorted(entries), sources: sorted(sources) }, null, 2) + "\n");
' "$WORK/js.json" "$WORK/css.json"
rm "$WORK/js.json" "$WORK/css.json"

if [ "$CHECK" -eq 1 ]; then
  if diff -r "$WORK/vendor" "$STATIC/vendor" >/dev/null && diff -r "$WORK/bundle" "$STATIC/bundle" >/dev/null; then
    echo "$STATIC/vendor and $STATIC/bundle are what a rebuild gives (Plotly.js basic $VERSION)"
    exit 0
  fi
  diff -rq "$WORK/vendor" "$STATIC/vendor" || true
  diff -rq "$WORK/bundle" "$STATIC/bundle" || true
  echo "out of date: run bash scripts/build-assets.sh and commit app/static/vendor and app/static/bundle"
  exit 1
fi

rm -rf "$STATIC/vendor" "$STATIC/bundle"
cp -r "$WORK/vendor" "$WORK/bundle" "$STATIC/"
echo "wrote $STATIC/vendor (Plotly.js basic $VERSION) and $STATIC/bundle ($(ls "$STATIC/bundle" | wc -l) files)"
