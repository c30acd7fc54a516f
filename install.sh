#!/usr/bin/env bash
# Sets SessionBridge up for the current user:
#   1. publishes session-bridge (the MCP server) and session-bridge-hook (the SessionStart hook), NativeAOT
#      where this machine can link it, into $SESSION_BRIDGE_PREFIX/bin (default ~/.local/share/session-bridge);
#   2. registers the server with Claude Code for every project: claude mcp add session-bridge -s user -- …
#      (or prints that line when claude is not on PATH);
#   3. merges the hook into ~/.claude/settings.json (backed up first; everything else kept).
# ./install.sh --uninstall undoes all three.
set -euo pipefail
cd "$(dirname "$0")"

prefix="${SESSION_BRIDGE_PREFIX:-$HOME/.local/share/session-bridge}"
bin="$prefix/bin"
server="$bin/session-bridge"
hook="$bin/session-bridge-hook"

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

if [ "${1:-}" = "--uninstall" ]; then
    if command -v claude >/dev/null 2>&1; then
        claude mcp remove session-bridge -s user >/dev/null 2>&1 && say "Removed session-bridge from Claude Code (user scope)." || true
    fi
    if [ -x "$server" ]; then
        "$server" uninstall
    fi
    rm -rf "$bin"
    say "Removed $bin. Your state (~/.claude/session-bridge) is kept; delete it by hand if you want."
    exit 0
fi

command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is needed to build: https://dotnet.microsoft.com/download"
command -v tmux >/dev/null 2>&1 || say "Note: tmux is not installed; SessionBridge needs it at run time."

eng/publish.sh "$bin"
say "Installed $server and $hook."

if command -v claude >/dev/null 2>&1; then
    claude mcp remove session-bridge -s user >/dev/null 2>&1 || true
    claude mcp add session-bridge -s user -- "$server"
    say "Registered with Claude Code (user scope): claude mcp list should show session-bridge connected."
else
    say "claude is not on PATH. Once Claude Code is installed, run:"
    say "  claude mcp add session-bridge -s user -- $server"
fi

"$server" install --hook "$hook"
