#!/usr/bin/env bash
# Sets SessionBridge up for the current user:
#   1. publishes session-bridge (the MCP server and command line) and session-bridge-hook (the hook Claude
#      Code runs on its events), NativeAOT where this machine can link it, into
#      $SESSION_BRIDGE_PREFIX/bin (default ~/.local/share/session-bridge), and links both into ~/.local/bin;
#      beside them session-bridge-nats, the same programs with the NATS client, which they hand over to when
#      SESSION_BRIDGE_NATS is set, and session-bridge-web, the board in a browser that `session-bridge web` becomes
#      (both found beside them, never on PATH, so they are not linked);
#   2. registers the server with Claude Code for every project: claude mcp add session-bridge -s user -- …
#      (or prints that line when claude is not on PATH);
#   3. wires the hook into ~/.claude/settings.json on every event (backed up first; everything else kept).
#
#   ./install.sh               build and install; in a terminal it asks (y/N) about the next two, otherwise
#                              (CI, scripts) it never waits and only prints what to run
#   ./install.sh --add-path    also add the PATH line for ~/.local/bin to your shell's profile file (once)
#   ./install.sh --allow-tools also add mcp__session-bridge to permissions.allow in ~/.claude/settings.json,
#                              so sessions call the session-bridge tools without a permission prompt
#   ./install.sh --yes         both of them
#   ./install.sh --from DIR    install the session-bridge and session-bridge-hook already built in DIR
#                              (what dotnet publish wrote) instead of building them
#   ./install.sh --uninstall   undo all of it
set -euo pipefail
cd "$(dirname "$0")"

prefix="${SESSION_BRIDGE_PREFIX:-$HOME/.local/share/session-bridge}"
bin="$prefix/bin"
links="$HOME/.local/bin"
server="$bin/session-bridge"
hook="$bin/session-bridge-hook"
companion="$bin/session-bridge-nats"
web="$bin/session-bridge-web"
programs=(session-bridge session-bridge-hook)

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

from=""
uninstall=false
allow_tools=false
add_path=false
while [ $# -gt 0 ]; do
    case "$1" in
        --uninstall) uninstall=true ;;
        --allow-tools) allow_tools=true ;;
        --add-path) add_path=true ;;
        --yes | -y) allow_tools=true; add_path=true ;;
        --from) [ $# -ge 2 ] || die "--from needs the directory that holds the built programs"; from=$2; shift ;;
        -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option $1 (./install.sh --help lists them)" ;;
    esac
    shift
done

if $uninstall; then
    if command -v claude >/dev/null 2>&1; then
        if claude mcp remove session-bridge -s user >/dev/null 2>&1; then
            say "Removed session-bridge from Claude Code (user scope)."
        else
            say "Claude Code has no session-bridge server at user scope; nothing to remove there."
        fi
    else
        say "claude is not on PATH, so session-bridge is still registered with Claude Code. Run this once claude is on PATH:"
        say "  claude mcp remove session-bridge -s user"
    fi
    if [ -x "$server" ]; then
        "$server" uninstall
    else
        say "$server is not there, so the hook could not be taken out of ~/.claude/settings.json: remove its session-bridge-hook entries by hand."
    fi
    for program in "${programs[@]}"; do
        link="$links/$program"
        if [ -L "$link" ] && [ "$(readlink "$link")" = "$bin/$program" ]; then
            rm -f "$link"
            say "Removed the link $link."
        fi
    done
    rm -rf "$bin"
    say "Removed $bin (session-bridge, session-bridge-hook, session-bridge-nats and session-bridge-web)."
    if rmdir "$prefix" 2>/dev/null; then
        say "Removed $prefix (it was empty)."
    fi
    say "Your state (${SESSION_BRIDGE_DIR:-$HOME/.claude/session-bridge}) is kept; delete it by hand if you want."
    exit 0
fi

# The PATH line for ~/.local/bin, for the user's shell, when it is not on PATH yet.
on_path=true
case ":$PATH:" in
    *":$links:"* | *":$links/:"*) ;;
    *)
        on_path=false
        case "$(basename "${SHELL:-sh}")" in
            bash) profile="~/.bashrc"; line='export PATH="$HOME/.local/bin:$PATH"' ;;
            zsh) profile="~/.zshrc"; line='export PATH="$HOME/.local/bin:$PATH"' ;;
            fish) profile="~/.config/fish/config.fish"; line='fish_add_path $HOME/.local/bin' ;;
            *) profile="~/.profile"; line='export PATH="$HOME/.local/bin:$PATH"' ;;
        esac
        profile_file="$HOME/${profile#\~/}"
        ;;
esac

# Asked before the build, so nobody has to sit through it to answer. Only a terminal is asked: CI and scripts
# get no question to hang on, and say yes with the flags.
ask() {
    local answer=""
    printf '%s (y/N) ' "$1"
    read -r answer || true
    case "$answer" in [yY] | [yY][eE][sS]) return 0 ;; *) return 1 ;; esac
}
if [ -t 0 ]; then
    if ! $on_path && ! $add_path && ! grep -qsxF "$line" "$profile_file"; then
        ask "Add $links to your PATH in $profile?" && add_path=true
    fi
    if ! $allow_tools && ! grep -qs '"mcp__session-bridge"' "$HOME/.claude/settings.json"; then
        ask "Allow the session-bridge tools in every session, without a permission prompt (--allow-tools)?" && allow_tools=true
    fi
fi

mkdir -p "$bin"
if [ -n "$from" ]; then
    for program in "${programs[@]}"; do
        [ -x "$from/$program" ] || die "$from/$program is not there: --from takes the directory dotnet publish wrote"
    done
    cp -R "$from"/. "$bin"/
    say "Installed the programs built in $from."
    [ -e "$companion" ] || [ -e "$companion.dll" ] ||
        say "Note: $from has no session-bridge-nats: a team on NATS (SESSION_BRIDGE_NATS) cannot run until it is installed beside them."
    [ -e "$web" ] || [ -e "$web.dll" ] ||
        say "Note: $from has no session-bridge-web: 'session-bridge web' cannot run until it is installed beside them."
else
    command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is needed to build: https://dotnet.microsoft.com/download"
    eng/publish.sh "$bin"
fi
command -v tmux >/dev/null 2>&1 || say "Note: tmux is not installed; SessionBridge needs it at run time."
say "Installed $server and $hook, and beside them $companion for teams on NATS and $web for 'session-bridge web'."

# Both programs on PATH by their bare names, as the README uses them.
mkdir -p "$links"
for program in "${programs[@]}"; do
    link="$links/$program"
    if [ -e "$link" ] && [ ! -L "$link" ]; then
        say "Left $link as it is: it is a file of its own, not a link. Move it away and run ./install.sh again to link $bin/$program there."
    else
        ln -sfn "$bin/$program" "$link"
    fi
done
say "Linked session-bridge and session-bridge-hook into $links."
if ! $on_path; then
    if grep -qsxF "$line" "$profile_file"; then
        say "$profile already adds $links to PATH; a new terminal has it."
    elif $add_path; then
        mkdir -p "$(dirname "$profile_file")"
        printf '\n# session-bridge (./install.sh)\n%s\n' "$line" >>"$profile_file"
        say "Added $links to PATH in $profile; a new terminal has it."
    else
        say "$links is not on your PATH. Add this line to $profile, then open a new terminal:"
        say "  $line"
        say "  (or run ./install.sh --add-path)"
    fi
fi

if command -v claude >/dev/null 2>&1; then
    claude mcp remove session-bridge -s user >/dev/null 2>&1 || true
    claude mcp add session-bridge -s user -- "$server"
    say "Registered with Claude Code (user scope): claude mcp list should show session-bridge connected."
else
    say "claude is not on PATH. Once Claude Code is installed, run:"
    say "  claude mcp add session-bridge -s user -- $server"
fi

if $allow_tools; then
    "$server" install --hook "$hook" --allow-tools
else
    "$server" install --hook "$hook"
    if ! grep -qs '"mcp__session-bridge"' "$HOME/.claude/settings.json"; then
        say "Each session's first session-bridge tool call will stop on a permission prompt. To allow them all:"
        say "  session-bridge install --allow-tools     (or ./install.sh --allow-tools)"
    fi
fi

# The one thing to do next.
if $on_path; then
    say "Next, in your project folder:"
    say "  session-bridge up"
else
    say "Next, in this terminal (it has not read $profile), then in your project folder:"
    say "  $line"
    say "  session-bridge up"
fi
