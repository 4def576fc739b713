#!/usr/bin/env bash
# Create the virtual environment and install what translit needs, light: no torch, no stanza, no spaCy.
# Usage: scripts/setup.sh [--dev]     (re-running is cheap: it only installs what changed)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "translit needs Python 3.11 or newer; install it and run again (or set PYTHON=/path/to/python3)." >&2
  exit 2
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "Creating the virtual environment in $VENV ..."
  "$PYTHON" -m venv "$VENV" || {
    echo "Could not create a virtual environment: install your system's python3-venv package." >&2
    exit 2
  }
fi

stamp="$VENV/.translit-installed"
wanted=(requirements.txt requirements-nodeps.txt)
[ "${1:-}" = "--dev" ] && { wanted+=(requirements-dev.txt); stamp="$stamp-dev"; }
digest=$(cat "${wanted[@]}" | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ]; then
  exit 0
fi

pip=("$VENV/bin/python" -m pip --disable-pip-version-check -q)
echo "Installing dependencies into $VENV ..."
"${pip[@]}" install -r requirements.txt
# argostranslate's own dependency list would pull stanza/spaCy/torch: install it alone.
"${pip[@]}" install --no-deps -r requirements-nodeps.txt
[ "${1:-}" = "--dev" ] && "${pip[@]}" install -r requirements-dev.txt
"${pip[@]}" install --no-deps -e . >/dev/null
echo "$digest" > "$stamp"
