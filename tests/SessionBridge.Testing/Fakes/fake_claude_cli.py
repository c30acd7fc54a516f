#!/usr/bin/env python3
"""A stand-in for the `claude` command as `session-bridge up` starts it, for tests on real tmux.

It takes Claude Code's flags (--session-id, --resume, --name, --agent, --worktree, --permission-mode, --model and
anything else), and behaves as Claude Code does where up looks:
- its sessions live in $FAKE_CLAUDE_DIR/sessions/<id> (one submitted message a line): --session-id makes one (an id
  in use is an error), --resume reopens one ("No conversation found with session ID: <id>" and exit 1 when gone);
- with FAKE_CLAUDE_UNTRUSTED=1, a folder not listed in $FAKE_CLAUDE_DIR/trusted first shows the folder-trust dialog
  (arrows move, Enter chooses; "Yes, I trust this folder" lists the folder, "No, exit" exits, as Claude Code does, with
  "Claude Code didn't start because this folder isn't trusted."); keys that arrive in the first
  FAKE_CLAUDE_TRUST_DEAF_MS milliseconds of the dialog are lost, as Claude Code 2.1.331 loses keys while it sets the
  dialog up; with FAKE_CLAUDE_TRUST_STUCK=1 the arrows do nothing (the cursor stays on "No, exit");
- a submitted message also makes the session's transcript, as Claude Code does at a session's first turn:
  $CLAUDE_CONFIG_DIR/projects/<cwd, each character not a letter or digit as '-'>/<session id>.jsonl;
- it runs the hook at $FAKE_CLAUDE_HOOK as Claude Code runs it (the SessionStart JSON on stdin, this environment),
  and appends the additionalContext it prints to $FAKE_CLAUDE_DIR/context-<name>.txt (NUL-separated);
- then it shows an idle prompt; a submitted message is appended to its session; /exit runs the hook with
  SessionEnd (reason prompt_input_exit), as Claude Code does, and exits;
- every hook event it ran is appended to $FAKE_CLAUDE_DIR/hooks-<name>.txt, a line each.
Every start appends its argv, cwd and a few variables as one JSON line to $FAKE_CLAUDE_DIR/starts.jsonl.
"""
import json, os, re, select, subprocess, sys, termios, time, tty

home = os.environ["FAKE_CLAUDE_DIR"]
argv = sys.argv[1:]


def flag(name):
    return argv[argv.index(name) + 1] if name in argv and argv.index(name) + 1 < len(argv) else None


name = flag("--name") or "claude"
resume = flag("--resume")
session = resume or flag("--session-id")
sessions = os.path.join(home, "sessions")
os.makedirs(sessions, exist_ok=True)
with open(os.path.join(home, "starts.jsonl"), "a", encoding="utf-8") as starts:
    starts.write(json.dumps({"argv": argv, "cwd": os.getcwd(), "name": name, "pid": os.getpid(),
                             "env": {k: os.environ.get(k) for k in ("TEAM_VAR", "ROLE_VAR", "SESSION_BRIDGE_DIR")}}) + "\n")

path = os.path.join(sessions, session or "none")
if resume and not os.path.exists(path):
    print(f"No conversation found with session ID: {resume}", flush=True)
    sys.exit(1)
if not resume:
    if os.path.exists(path):
        print(f"Error: Session ID {session} is already in use.", flush=True)
        sys.exit(1)
    open(path, "w").close()

NBSP = "\u00a0"
fd = sys.stdin.fileno()
saved = termios.tcgetattr(fd)


def width():
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 80


def write(text):
    sys.stdout.write(text)
    sys.stdout.flush()


def read_keys():
    select.select([fd], [], [])
    return os.read(fd, 65536)


def trusted():
    try:
        with open(os.path.join(home, "trusted"), encoding="utf-8") as f:
            return os.getcwd() in f.read().splitlines()
    except FileNotFoundError:
        return False


def trust_dialog():
    options = ["No, exit", "Yes, I trust this folder"]
    cursor = 0
    deaf_until = time.monotonic() + int(os.environ.get("FAKE_CLAUDE_TRUST_DEAF_MS") or "0") / 1000
    stuck = os.environ.get("FAKE_CLAUDE_TRUST_STUCK") == "1"
    while True:
        rule = "\u2500" * width()
        out = ["\x1b[2J\x1b[H", rule, "\r\n Accessing workspace:\r\n\r\n ", os.getcwd(), "\r\n\r\n",
               " Quick safety check: Is this a project you created or one you trust?\r\n\r\n"]
        for i, option in enumerate(options):
            out.append((" \u276f " if i == cursor else "   ") + option + "\r\n")
        out.append("\r\n Enter to confirm \u00b7 Esc to cancel\r\n")
        write("".join(out))
        keys = read_keys()
        if time.monotonic() < deaf_until:
            continue
        if b"\x1b[A" in keys and not stuck:
            cursor = max(0, cursor - 1)
        elif b"\x1b[B" in keys and not stuck:
            cursor = min(len(options) - 1, cursor + 1)
        elif b"\r" in keys:
            if cursor == 0:
                write("\x1b[2J\x1b[HClaude Code didn't start because this folder isn't trusted.\r\n")
                sys.exit(1)
            with open(os.path.join(home, "trusted"), "a", encoding="utf-8") as f:
                f.write(os.getcwd() + "\n")
            return


def transcript(text):
    config = os.environ.get("CLAUDE_CONFIG_DIR")
    if not config:
        return
    folder = os.path.join(config, "projects", re.sub(r"[^A-Za-z0-9]", "-", os.getcwd()))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"{session}.jsonl"), "a", encoding="utf-8") as f:
        f.write(json.dumps({"type": "user", "message": {"role": "user", "content": text}}) + "\n")


def ran(event):
    with open(os.path.join(home, f"hooks-{name}.txt"), "a", encoding="utf-8") as log:
        log.write(event + "\n")


def session_end():
    command = os.environ.get("FAKE_CLAUDE_HOOK")
    if not command:
        return
    payload = dict(hook_event_name="SessionEnd", session_id=session, reason="prompt_input_exit", cwd=os.getcwd())
    # Nothing is read back, and what the hook starts (a deliverer) must not hold a pipe of ours open.
    subprocess.run([command], input=json.dumps(payload).encode(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ran("SessionEnd")


def hook():
    command = os.environ.get("FAKE_CLAUDE_HOOK")
    if not command:
        return
    payload = dict(hook_event_name="SessionStart", session_id=session, source="resume" if resume else "startup",
                   cwd=os.getcwd())
    done = subprocess.run([command], input=json.dumps(payload).encode(), stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL)
    ran("SessionStart")
    try:
        context = json.loads(done.stdout)["hookSpecificOutput"]["additionalContext"]
    except (ValueError, KeyError, TypeError):
        return
    with open(os.path.join(home, f"context-{name}.txt"), "a", encoding="utf-8") as log:
        log.write(context + "\x00")


def draw(draft, history):
    rule = "\u2500" * width()
    out = ["\x1b[2J\x1b[H", f" Claude Code (fake) \u00b7 {name}\r\n\r\n"]
    for line in history[-20:]:
        out.append("\u276f " + line + "\r\n\u25cf ok\r\n\r\n")
    out.append(rule + "\r\n\u276f" + NBSP + draft + "\r\n" + rule + "\r\n  ? for shortcuts\r\n")
    write("".join(out))


tty.setraw(fd)
try:
    if os.environ.get("FAKE_CLAUDE_UNTRUSTED") == "1" and not trusted():
        trust_dialog()
    hook()
    with open(path, encoding="utf-8") as f:
        history = f.read().splitlines()
    draft = ""
    draw(draft, history)
    while True:
        for char in read_keys().decode("utf-8", "replace"):
            if char == "\r":
                if draft.strip() == "/exit":
                    session_end()
                    sys.exit(0)
                if draft:
                    history.append(draft)
                    with open(path, "a", encoding="utf-8") as f:
                        f.write(draft + "\n")
                    transcript(draft)
                draft = ""
            elif char == "\x03":
                sys.exit(0)
            elif char == "\x7f":
                draft = draft[:-1]
            elif char >= " ":
                draft += char
        draw(draft, history)
finally:
    termios.tcsetattr(fd, termios.TCSADRAIN, saved)
