#!/usr/bin/env bash
# The run command (README): install factcheck, build the example project and serve it on
# http://127.0.0.1:8000/ . Extra arguments go to the server (e.g. --port 8080).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python -m pip install --quiet -e .
if python -m factcheck serve --help >/dev/null 2>&1; then
    exec python -m factcheck serve "$@"
fi
python -m factcheck build
echo "Serving site/ on http://127.0.0.1:8000/ (Ctrl-C to stop)"
exec python -m http.server --bind 127.0.0.1 --directory site "${@:-8000}"
