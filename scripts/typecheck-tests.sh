#!/usr/bin/env bash
# mypy (strict, as configured in pyproject.toml) over the tests: bash scripts/typecheck-tests.sh
#
# pytest imports the tests in its default "prepend" mode: every folder of tests that is not a
# package goes on sys.path as it is, so its modules are top-level (`from serve_helpers import`),
# and tests/ is there for all of them (`from helpers import`, `from support.browser import`).
# Several of those folders have a conftest.py, and the tests of tests/site import theirs
# (`from conftest import Built`), but one mypy run can hold only one module of a name. So each
# folder gets a run of its own, with MYPYPATH set to what pytest puts on sys.path for it: the
# folder, then tests/. A run checks the folder's modules and the packages in it (tests/support)
# and resolves each import to the file pytest imports for it; one folder's helpers are not seen
# from another. A shared helper (tests/helpers.py) is also checked in each run that imports it,
# so an error in it is shown once per such run. All runs share mypy's cache. Every folder is
# checked even if one fails; the script fails if any did.
# Environment: PYTHON (default: python, else python3).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-$(command -v python || command -v python3)}"

# The folders pytest puts on sys.path: each folder holding Python files, or for a package the
# folder that holds its top package.
folders=()
while IFS= read -r folder; do
    while [[ -f "$folder/__init__.py" ]]; do folder="$(dirname "$folder")"; done
    folders+=("$folder")
done < <(find tests -name __pycache__ -prune -o -name '*.py' -printf '%h\n')
mapfile -t folders < <(printf '%s\n' "${folders[@]}" | sort -u)

shopt -s nullglob
failed=()
for folder in "${folders[@]}"; do
    files=("$folder"/*.py)
    for package in "$folder"/*/__init__.py; do files+=("$(dirname "$package")"); done
    search_path="$folder"
    [[ "$folder" == tests ]] || search_path="$folder:tests"
    # mypy's closing line ("Success: ..." or "Found N errors ...") says which folder it is about.
    MYPYPATH="$search_path" "$PYTHON" -m mypy "${files[@]}" 2>&1 |
        sed -E "s#^(Success: |Found [0-9]+ errors? )#$folder: \1#" || failed+=("$folder")
done

if ((${#failed[@]})); then
    echo "mypy found errors in the tests of: ${failed[*]}"
    exit 1
fi
