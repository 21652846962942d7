#!/usr/bin/env bash
# Rewrite requirements.lock: install the project and its test extra into a
# fresh, throw-away virtual environment (newest versions that pyproject.toml
# allows) and pin every package it got. Review the diff and run the tests
# before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check -e '.[test]'
{
  echo "# Pinned versions of every package scripts/serve.sh and scripts/test.sh install"
  echo "# (a pip constraints file: pip install -c requirements.lock ...)."
  echo "# Made by scripts/lock.sh with $("$tmp/venv/bin/python" --version) on $(uname -sm); do not edit by hand."
  "$tmp/venv/bin/python" -m pip freeze --exclude-editable
} > requirements.lock
echo "requirements.lock: $(grep -vc '^#' requirements.lock) packages pinned"
