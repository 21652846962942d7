#!/usr/bin/env bash
# Install everything the tests need (Chromium from Debian, the Python packages
# in .venv, TypeScript by npm ci) and run every test: lint, Python and JS types,
# unit, API, fuzz and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium for the browser tests; PostgreSQL's server binaries for the crowd's
# tests, which start their own server in a temporary directory (no service).
NEEDED=""
command -v chromium >/dev/null 2>&1 || NEEDED="$NEEDED chromium"
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || NEEDED="$NEEDED postgresql"
# Node and npm for the browser code's type check (TypeScript over JSDoc).
command -v npm >/dev/null 2>&1 || NEEDED="$NEEDED nodejs npm"
if [ -n "$NEEDED" ]; then
  echo "== installing$NEEDED (Debian packages)"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -q
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $NEEDED
fi

if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  python3 -m venv .venv
fi
echo "== installing the project and its test extra (versions of requirements.lock)"
.venv/bin/python -m pip install -q --disable-pip-version-check -c requirements.lock -e '.[test]'

echo "== ruff"
.venv/bin/ruff check .
echo "== mypy"
.venv/bin/mypy
echo "== tsc (the browser code's JSDoc types; TypeScript pinned in package-lock.json)"
npm ci --silent --no-audit --no-fund
node_modules/.bin/tsc --noEmit -p jsconfig.json
echo "== pytest"
.venv/bin/python -m pytest "$@"
