#!/usr/bin/env bash
# Publishes session-bridge (the MCP server and command line), session-bridge-hook and session-bridge-nats (both
# with the NATS client, which they hand over to when SESSION_BRIDGE_NATS is set) and session-bridge-web (the board in a
# browser, which `session-bridge web` becomes) into one folder, as install.sh ships them: NativeAOT for this machine
# where it can link, else for the .NET runtime.
# Used by install.sh, the benchmark and the NativeAOT specs, so all three run the same binaries.
#   eng/publish.sh [--aot-only] [--only "<program> …"] <output folder> [more dotnet publish arguments…]
# --aot-only: fail instead of falling back (the benchmark and the specs measure NativeAOT itself), and show
# the build's output (the specs check it for trimming warnings).
# --only: publish just the programs named (e.g. "session-bridge-hook session-bridge-web"): the specs take the server
# and its companion from the tool package, which compiles them already, so each is compiled once per test run.
set -euo pipefail
cd "$(dirname "$0")/.."

aot_only=false
if [ "${1:-}" = "--aot-only" ]; then aot_only=true; shift; fi
only=""
if [ "${1:-}" = "--only" ]; then only=" ${2:?--only takes the programs to publish} "; shift 2; fi
[ $# -ge 1 ] || { echo "usage: eng/publish.sh [--aot-only] [--only \"<program> …\"] <output folder> [dotnet publish arguments…]" >&2; exit 2; }
out=$1
shift

rid=$(eng/native-rid.sh)
log=/tmp/session-bridge-publish.log

# RunAnalyzers=false: the analyzers are most of a compile, and the Debug build (the one CI checks) has run them on
# this same code; a shipped build needs none of them.
publish() {
    local project=$1 program=$2
    shift 2
    if [ -n "$only" ] && [[ "$only" != *" $program "* ]]; then return; fi
    if $aot_only; then
        [ -n "$rid" ] || { echo "eng/publish.sh: NativeAOT is not offered on $(uname -s)-$(uname -m)" >&2; exit 1; }
        dotnet publish "$project" -c Release -r "$rid" -p:PublishAot=true -p:RunAnalyzers=false -o "$out" --nologo "$@"
        return
    fi
    echo "Building $project …"
    local started=$SECONDS
    if [ -n "$rid" ] && dotnet publish "$project" -c Release -r "$rid" -p:PublishAot=true -p:RunAnalyzers=false -o "$out" --nologo -v quiet "$@" >"$log" 2>&1; then
        echo "  NativeAOT build, $((SECONDS - started)) s."
    else
        [ -n "$rid" ] && echo "  NativeAOT build not possible here (see $log); building for the .NET runtime instead."
        dotnet publish "$project" -c Release -p:PublishAot=false -p:RunAnalyzers=false -o "$out" --nologo -v quiet "$@"
    fi
}

mkdir -p "$out"
if ! $aot_only && [ -n "$rid" ]; then
    # The native compiler prints nothing for a long while: say what it is doing and what its time depends on (no
    # fixed figure: a busy 2-core machine took 6½ minutes).
    echo "Compiling session-bridge, session-bridge-hook, session-bridge-nats and session-bridge-web to native code (NativeAOT,"
    echo "$rid): quiet for a while. Four programs compiled one after another: the time depends on the cores and how busy they are,"
    echo "minutes on a 2-core machine. Its output goes to $log."
fi
publish src/SessionBridge session-bridge "$@"
publish hooks/SessionBridge.Hook session-bridge-hook "$@"
publish src/SessionBridge.NatsHost session-bridge-nats "$@"
publish src/SessionBridge.Web session-bridge-web "$@"
rm -f "$out"/*.dbg "$out"/*.pdb
