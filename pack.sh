#!/usr/bin/env bash
# Packs the server as a .NET tool and MCP server package into ./nupkg (or the folder given):
#   SessionBridge.<version>.nupkg        the package users install; it names the two below
#   SessionBridge.<rid>.<version>.nupkg  NativeAOT for this machine's platform (fast start, ~28 MB)
#   SessionBridge.any.<version>.nupkg    framework-dependent, for every other platform
# `dotnet tool install` and `dnx` pick the NativeAOT one on this platform. A feed for several platforms needs
# the <rid> package of each (a NativeAOT build is made on its own platform); list them all in
# ToolPackageRuntimeIdentifiers there (SessionBridge.csproj sets it from NativeToolRid). Where no native toolchain is present, only the framework-dependent
# package is made (as plain `dotnet pack` does).
set -euo pipefail
cd "$(dirname "$0")"

out="${1:-nupkg}"
project=src/SessionBridge/SessionBridge.csproj

rid=$(eng/native-rid.sh)

# RunAnalyzers=false: the analyzers are most of a compile, and the Debug build (the one CI checks) has run them on
# this same code; a shipped build needs none of them.
pack() { dotnet pack "$project" -c Release -o "$out" --nologo -v quiet -p:RunAnalyzers=false "$@"; }

if [ -n "$rid" ] && pack -r "$rid" -p:NativeToolRid="$rid" >/tmp/session-bridge-pack.log 2>&1; then
    pack -p:NativeToolRid="$rid"
    pack -r any -p:NativeToolRid="$rid"
    echo "Packed SessionBridge for $rid (NativeAOT) and any other platform into $out"
else
    [ -n "$rid" ] && echo "NativeAOT not possible here (see /tmp/session-bridge-pack.log): packing framework-dependent only"
    pack
    echo "Packed SessionBridge (framework-dependent) into $out"
fi
