#!/usr/bin/env bash
# Runs every test project in the solution and ends with one plain line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test --solution SessionBridge.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test's closing summary covers every project; restate it in the plain form CI reads.
awk '/^ *failed: /{f=$2} /^ *succeeded: /{p=$2} /^ *skipped: /{s=$2}
     END { if (p != "") printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
