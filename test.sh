#!/usr/bin/env bash
# Runs every test project in the solution and ends with one plain line: "N passed, N failed, N skipped".
#   ./test.sh                 the full suite (what CI runs)
#   ./test.sh --fast          leaves out the specs traited Tier=Slow: NativeAOT publishing, packing and the real
#                             Claude Code (tests/SessionBridge.EndToEnd); for the edit-test loop
#   ./test.sh [--fast] ARGS…  passes ARGS on to dotnet test (e.g. --filter-class '*SendSpecs')
set -uo pipefail
cd "$(dirname "$0")"

case "${1:-}" in
-h | --help)
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
--fast)
    shift
    # A project whose specs are all Slow (EndToEnd) runs none: the test app's "zero tests ran" (exit 8) is fine here.
    set -- --filter-not-trait "Tier=Slow" --ignore-exit-code 8 "$@"
    ;;
esac

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test --solution SessionBridge.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test's closing summary covers every project; restate it in the plain form CI reads.
awk '/^ *failed: /{f=$2} /^ *succeeded: /{p=$2} /^ *skipped: /{s=$2}
     END { if (p != "") printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
