#!/usr/bin/env bash
# Install everything factcheck's tests need, on a fresh Debian machine (as root) or an old one.
# Idempotent and non-interactive; run it from anywhere: bash scripts/setup.sh
#
#   Debian:  chromium (driven by Playwright, never a downloaded browser), rsync, Java if absent
#   PyPI:    this package, editable, with its [test] extras (pytest, playwright, ruff, mypy, ...)
#   npm:     vnu-jar (Nu HTML Checker), axe-core and Lighthouse, from package-lock.json into node_modules/
#
# Environment: PYTHON (default: python, else python3); FACTCHECK_SETUP_FORCE=1 reinstalls the
# Python and npm parts even when their stamps say they are up to date.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd -P)"

log() { printf 'setup: %s\n' "$*" >&2; }

PYTHON="${PYTHON:-$(command -v python || command -v python3 || true)}"
if [[ -z "$PYTHON" ]]; then
    log "no python or python3 on PATH"
    exit 1
fi

# ------------------------------------------------------------------------------------- Debian
apt_missing=()
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)
command -v rsync >/dev/null 2>&1 || apt_missing+=(rsync)
command -v java >/dev/null 2>&1 || apt_missing+=(default-jre-headless)

# Retry (only) while another apt/dpkg, e.g. a background install, holds the locks.
apt_retry() {
    local attempt err
    err="$(mktemp)"
    for attempt in $(seq 1 20); do
        if apt-get -o DPkg::Lock::Timeout=60 "$@" 2>"$err"; then
            rm -f "$err"
            return 0
        fi
        if ! grep -qiE 'lock|dpkg was interrupted' "$err"; then
            cat "$err" >&2
            rm -f "$err"
            return 1
        fi
        log "apt is busy (attempt $attempt/20); retrying in 10 s"
        sleep 10
    done
    cat "$err" >&2
    rm -f "$err"
    return 1
}

if ((${#apt_missing[@]})); then
    if [[ "$(id -u)" != 0 ]]; then
        log "missing ${apt_missing[*]}; run as root (or install them) to continue"
        exit 1
    fi
    log "apt-get install ${apt_missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt_retry -qq update >/dev/null
    apt_retry -y -qq install "${apt_missing[@]}" >/dev/null
fi

# ---------------------------------------------------------------------------------------- npm
# The stamp lives inside node_modules/ (git-ignored) so `npm ci`, which wipes it, resets it.
npm_stamp="node_modules/.factcheck-setup-stamp"
if [[ -f package-lock.json ]]; then
    npm_want="$(sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)"
else
    npm_want="$(sha256sum package.json | sha256sum | cut -d' ' -f1)"
fi
if [[ "${FACTCHECK_SETUP_FORCE:-}" == 1 || ! -f "$npm_stamp" ||
    "$(cat "$npm_stamp")" != "$npm_want" ||
    ! -f node_modules/vnu-jar/build/dist/vnu.jar || ! -f node_modules/axe-core/axe.min.js ||
    ! -f node_modules/lighthouse/cli/index.js ]]; then
    if [[ -f package-lock.json ]]; then
        log "npm ci"
        npm ci --no-audit --no-fund --loglevel=error >/dev/null
    else
        log "npm install (no package-lock.json yet)"
        npm install --no-audit --no-fund --loglevel=error >/dev/null
        npm_want="$(sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)"
    fi
    printf '%s\n' "$npm_want" >"$npm_stamp"
fi

# ---------------------------------------------------------------------------------------- pip
# Skip the editable reinstall (~3 s) when pyproject.toml, this checkout's path and the
# interpreter are unchanged and the installation still points here with every requirement present.
pip_stamp_dir="node_modules/.factcheck-setup"
pip_stamp="$pip_stamp_dir/pip-stamp"
pip_want="$(
    {
        sha256sum pyproject.toml
        echo "$REPO_ROOT"
        "$PYTHON" -c 'import sys; print(sys.executable)'
    } | sha256sum | cut -d' ' -f1
)"
pip_ok() {
    [[ -f "$pip_stamp" && "$(cat "$pip_stamp")" == "$pip_want" ]] || return 1
    # factcheck is installed editable from this checkout, with all of its requirements present.
    # (Run from / so the checkout's own factcheck.egg-info doesn't answer for the installation.)
    (cd / && "$PYTHON" - "$REPO_ROOT") <<'PY' >/dev/null 2>&1
import importlib.metadata as md
import json
import pathlib
import re
import sys

dist = md.distribution("factcheck-ssg")
url = json.loads(dist.read_text("direct_url.json") or "{}")
assert url.get("url") == pathlib.Path(sys.argv[1]).as_uri(), url
assert url.get("dir_info", {}).get("editable"), url
for req in dist.requires or []:
    md.version(re.match(r"[A-Za-z0-9._-]+", req).group(0))
PY
}
if [[ "${FACTCHECK_SETUP_FORCE:-}" == 1 ]] || ! pip_ok; then
    # The distribution was called "factcheck" before it took a name of its own on PyPI
    # ("factcheck" there is another project): an old editable install of this checkout under
    # that name goes first (and only that: PyPI's factcheck is left alone).
    if (cd / && "$PYTHON" - "$REPO_ROOT") >/dev/null 2>&1 <<'PY'
import importlib.metadata as md
import json
import pathlib
import sys

url = json.loads(md.distribution("factcheck").read_text("direct_url.json") or "{}")
assert url.get("url") == pathlib.Path(sys.argv[1]).as_uri()
PY
    then
        log "pip uninstall factcheck (the old name of this distribution)"
        PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore \
            "$PYTHON" -m pip uninstall --quiet -y factcheck >/dev/null 2>&1 || true
    fi
    log "pip install -e '.[test]'"
    # (Drop pip's notes about configured local package folders that don't exist on a machine.)
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore \
        "$PYTHON" -m pip install --quiet --progress-bar off -e '.[test]' 2>&1 |
        { grep -vE "^WARNING: Location '[^']*' is ignored: it is neither a file nor a directory\.$" || true; } >&2
    mkdir -p "$pip_stamp_dir"
    printf '%s\n' "$pip_want" >"$pip_stamp"
fi

log "ready ($("$PYTHON" --version 2>&1), $(chromium --version 2>/dev/null | head -n1 || echo 'chromium ?'))"
