#!/usr/bin/env bash
# Mutation testing of the publication rules (docs/security.md, section 9):
#
#     bash scripts/mutation.sh [--max-children N] [PATTERN...]
#
# 1. mutmut (configured in pyproject.toml, [tool.mutmut]) mutates the functions below, which
#    decide what a reader may see, and runs the fast tests of those rules against each mutant
#    (only the tests that reach the mutated function). Mutants are made in mutants/ (not in
#    git), afresh each run. PATTERNs, if given, replace the list below (for example
#    'factcheck.model.*' to try one module).
# 2. scripts/mutation_report.py counts the results per module and prints every survivor's diff;
#    a survivor must be killed by a test or be one of the equivalent mutants it lists.
# 3. scripts/hand_mutants.py applies the mutants mutmut cannot make (constants, properties,
#    templates, lines outside these functions) and runs the same tests on each.
#
# Exits 1 if a mutant survived that is not explained as equivalent. Not part of the test
# suite (it takes minutes, see docs/security.md): the tests that kill the mutants are.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python}"
if ! "$PYTHON" -c "import mutmut" 2>/dev/null; then
    echo "mutation.sh: mutmut is not installed; pip install -e '.[mutation]'" >&2
    exit 2
fi
MUTMUT=("$PYTHON" -m mutmut)

ARGS=()
while [[ $# -gt 0 && "$1" == --* ]]; do
    ARGS+=("$1" "$2")
    shift 2
done

FUNCTIONS=(
    # review.py: where a claim stands, when it is published and as what (every function)
    "factcheck.review.*"
    # model.py: which verdicts are ours, and which a reader may see
    "factcheck.model.xǁProjectǁis_ours__mutmut_*"
    "factcheck.model.xǁProjectǁpublished_verdicts__mutmut_*"
    "factcheck.model.xǁProjectǁoutside_verdicts__mutmut_*"
    # loader.py: a verdict's status and a reviewer's role as read from their files
    "factcheck.loader.x__verdict__mutmut_*"
    "factcheck.loader.x__reviewer__mutmut_*"
    # crossref.py: each claim's standing set from the rules; an approved verdict shows its work
    "factcheck.crossref.x_cross_reference__mutmut_*"
    "factcheck.crossref.x__check_shows_its_work__mutmut_*"
    # views.py: what reaches a template (without preview, nothing unpublished)
    "factcheck.views.xǁSiteViewsǁ_claimant_pages__mutmut_*"
    "factcheck.views.xǁSiteViewsǁpublished_verdicts__mutmut_*"
    "factcheck.views.xǁSiteViewsǁshown_verdicts__mutmut_*"
    "factcheck.views.xǁSiteViewsǁshown_outside_verdicts__mutmut_*"
    "factcheck.views.xǁSiteViewsǁstatus_label__mutmut_*"
    "factcheck.views.xǁSiteViewsǁclaim__mutmut_*"
    "factcheck.views.xǁSiteViewsǁ_claim__mutmut_*"
    "factcheck.views.xǁSiteViewsǁ_review__mutmut_*"
    "factcheck.views.xǁSiteViewsǁclaims_by_date__mutmut_*"
    "factcheck.views.xǁSiteViewsǁnumbered_sources__mutmut_*"
    "factcheck.views.xǁSiteViewsǁverdict__mutmut_*"
    "factcheck.views.xǁSiteViewsǁarticle_body__mutmut_*"
    # pages.py: which claims, verdicts and sources each page lists (the desk: a hand mutant)
    "factcheck.pages.x_site_context__mutmut_*"
    "factcheck.pages.x_groups__mutmut_*"
    "factcheck.pages.x_page_specs__mutmut_*"
    "factcheck.pages.x__article_summary__mutmut_*"
    "factcheck.pages.x__article_page__mutmut_*"
    "factcheck.pages.x__claim_page__mutmut_*"
    "factcheck.pages.x__related__mutmut_*"
    "factcheck.pages.x__related_index__mutmut_*"
    "factcheck.pages.x__evidence_page__mutmut_*"
    "factcheck.pages.x__reviewer_pages__mutmut_*"
    "factcheck.pages.x__tags__mutmut_*"
    # exports.py: a ClaimReview only for a published claim, the data feed only of those
    "factcheck.exports.x_claim_review__mutmut_*"
    "factcheck.exports.x__claim_review__mutmut_*"
    "factcheck.exports.x__line__mutmut_*"
    "factcheck.exports.x_data_feed__mutmut_*"
    # build.py: the review preview only under .factcheck-cache/
    "factcheck.build.x__keep_preview_in_cache__mutmut_*"
    # readiness.py: what publish refuses (every function)
    "factcheck.readiness.*"
)
if [[ $# -gt 0 ]]; then
    FUNCTIONS=("$@")
fi

rm -rf mutants
# The mutated modules are large (every mutant of a function is a function of its own) and take
# seconds to compile; each mutant's process imports the ones the warm process had not yet. With
# bytecode kept, that is paid once: a run took 5 to 10 times as long without it.
unset PYTHONDONTWRITEBYTECODE
start=$(date +%s)
"${MUTMUT[@]}" run "${ARGS[@]}" "${FUNCTIONS[@]}"
echo "mutmut: $(($(date +%s) - start)) s"
status=0
"$PYTHON" scripts/mutation_report.py "${FUNCTIONS[@]}" || status=1
if [[ $# -eq 0 ]]; then
    "$PYTHON" scripts/hand_mutants.py || status=1
fi
echo "mutation.sh: $(($(date +%s) - start)) s in all"
exit "$status"
