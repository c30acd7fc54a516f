#!/usr/bin/env bash
# Installs the Claude Code version pinned in claude-code.version (npm package @anthropic-ai/claude-code)
# into a cache outside the repository, if it is not there yet, and prints the path of its `claude`.
#   SESSION_BRIDGE_E2E_CACHE           the cache (default ~/.cache/session-bridge-e2e)
#   SESSION_BRIDGE_E2E_CLAUDE_VERSION  another version than the pinned one
# Exit 2 when npm is missing, 3 when the install failed: the end-to-end tests then skip and say why.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=${SESSION_BRIDGE_E2E_CLAUDE_VERSION:-$(tr -d '[:space:]' < "$here/claude-code.version")}
cache=${SESSION_BRIDGE_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/session-bridge-e2e}
dir="$cache/claude-code-$version"
claude="$dir/node_modules/.bin/claude"

if "$claude" --version >/dev/null 2>&1; then
    echo "$claude"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "npm not found: cannot install @anthropic-ai/claude-code@$version" >&2
    exit 2
fi

mkdir -p "$dir"
# One installer at a time (CI's step and a test run may race).
exec 9>"$cache/install.lock"
flock 9
if ! "$claude" --version >/dev/null 2>&1; then
    echo "installing @anthropic-ai/claude-code@$version into $dir" >&2
    if ! npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error \
        "@anthropic-ai/claude-code@$version" >&2; then
        echo "npm install @anthropic-ai/claude-code@$version failed" >&2
        exit 3
    fi
    if ! "$claude" --version >/dev/null 2>&1; then
        echo "installed, but $claude --version does not run" >&2
        exit 3
    fi
fi
echo "$claude"
