#!/usr/bin/env bash
# Saves real Claude Code screens (menus, permission prompts, busy, idle, …) at three sizes into a folder, for the
# screen classifier's fixtures: a tool, not a test (eng/SessionBridge.ScreenCapture). Needs tmux and the pinned Claude Code
# (tests/SessionBridge.EndToEnd/install-claude.sh installs it). Takes a few minutes.
#   eng/capture-screens.sh tests/SessionBridge.Tests/Fixtures/screens-<version>
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: eng/capture-screens.sh <folder>" >&2; exit 2; }
folder=$(realpath -m "$1")
cd "$(dirname "$0")/.."
dotnet run --project eng/SessionBridge.ScreenCapture -- "$folder"
