#!/usr/bin/env bash
# Install the app in .venv and serve it on http://127.0.0.1:8000 (pass --port, --host, --workers to change).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
# The versions of requirements.lock, so every machine serves the same code.
.venv/bin/python -m pip install -q --disable-pip-version-check -c requirements.lock -e .
exec .venv/bin/scurve serve "$@"
