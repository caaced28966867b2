#!/usr/bin/env bash
# The test command (README): bash scripts/test.sh [pytest args...]
#
# Installs what the tests need (scripts/setup.sh), then runs pytest with the given arguments,
# then `ruff check factcheck tests`, `ruff format --check factcheck tests benchmarks scripts`,
# mypy on factcheck and mypy on the tests (both strict, configured in pyproject.toml; the tests
# through scripts/typecheck-tests.sh). All of them run even if one fails; the script fails if any
# of them did. pytest's summary line is repeated last.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

PYTHON="${PYTHON:-$(command -v python || command -v python3)}"

pytest_log="$(mktemp)"
trap 'rm -f "$pytest_log"' EXIT

color=()
[[ -t 1 ]] && color=(--color=yes)

failed=()
pytest_status=0
"$PYTHON" -m pytest "${color[@]}" "$@" 2>&1 | tee "$pytest_log" || pytest_status=$?
((pytest_status == 0)) || failed+=("pytest (exit $pytest_status)")

echo "== ruff check factcheck tests"
"$PYTHON" -m ruff check --quiet factcheck tests || failed+=(ruff)

echo "== ruff format --check factcheck tests benchmarks scripts"
"$PYTHON" -m ruff format --check --quiet factcheck tests benchmarks scripts ||
    failed+=("ruff format")

echo "== mypy"
"$PYTHON" -m mypy || failed+=(mypy)

echo "== mypy tests (scripts/typecheck-tests.sh)"
PYTHON="$PYTHON" bash scripts/typecheck-tests.sh || failed+=("mypy tests")

((${#failed[@]} == 0)) || echo "== FAILED: ${failed[*]}"
# Repeat pytest's own closing line, so that the run ends on the test count.
summary="$(
    sed 's/\x1b\[[0-9;]*m//g' "$pytest_log" |
        grep -E '^=* ?([0-9]+ (passed|failed|errors?|skipped|deselected|xfailed|xpassed)|no tests ran)' |
        tail -n 1 || true
)"
if [[ -n "$summary" ]]; then
    echo "$summary"
fi
((${#failed[@]} == 0))
