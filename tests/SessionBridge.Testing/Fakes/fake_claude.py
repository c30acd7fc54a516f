#!/usr/bin/env python3
"""A stand-in for Claude Code's prompt, for tests on real tmux.

It draws what matters of Claude Code's screen (past turns, a spinner while busy, the input box between two
rules, a footer), turns bracketed paste on as Claude Code does, and behaves like it: a paste lands in the
input, Enter submits it (or queues it while busy), and every submitted message is appended to --log.
--swallow-enters N ignores the first N Enters (a lost Enter); --slow-enter SECONDS takes each Enter that late (a loaded
machine); --draft TEXT starts with a half-typed draft;
--busy SECONDS is how long each turn works. --hook PATH --state DIR runs that hook as Claude Code runs its
hooks (a child process, the event JSON on stdin, SESSION_BRIDGE_DIR=DIR): SessionStart on start,
UserPromptSubmit when a prompt is taken, Stop when a turn ends; the additionalContext a hook prints is what
the model would read, appended to <--log>.context (NUL-separated).
"""
import argparse, json, os, select, subprocess, sys, termios, time, tty

parser = argparse.ArgumentParser()
parser.add_argument("--log", required=True)
parser.add_argument("--busy", type=float, default=0.0)
parser.add_argument("--swallow-enters", type=int, default=0)
parser.add_argument("--slow-enter", type=float, default=0.0)
parser.add_argument("--draft", default="")
parser.add_argument("--hook")
parser.add_argument("--state")
args = parser.parse_args()

NBSP = "\u00a0"
history, queued = [], []
draft = args.draft
busy_until = 0.0
swallow = args.swallow_enters


def width():
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 80


def draw():
    rule = "\u2500" * width()
    out = ["\x1b[2J\x1b[H", " Claude Code (fake)\r\n\r\n"]
    for line in history[-30:]:
        out.append(line.replace("\n", "\r\n  ") + "\r\n\r\n")
    busy = time.time() < busy_until
    for q in queued:
        out.append("\u276f " + q.replace("\n", "\r\n  ") + "\r\n  \u23bf  Queued \u00b7 ctrl+x ctrl+s to send now\r\n")
    if busy:
        out.append("\u2736 Working\u2026 (1s \u00b7 \u2193 5 tokens)\r\n")
    out.append(rule + "\r\n")
    if queued and not draft:
        out.append("\u276f" + NBSP + "Press up to edit queued messages\r\n")
    else:
        out.append("\u276f" + NBSP + draft.replace("\n", "\r\n  ") + "\r\n")
    out.append(rule + "\r\n")
    out.append("  ? for shortcuts" + (" \u00b7 esc to interrupt" if busy else "") + "\r\n")
    sys.stdout.write("".join(out))
    sys.stdout.flush()


def hook(event, **fields):
    if not args.hook:
        return
    payload = dict(hook_event_name=event, session_id="fake-session", **fields)
    done = subprocess.run([args.hook], input=json.dumps(payload).encode(), env=dict(os.environ, SESSION_BRIDGE_DIR=args.state),
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        context = json.loads(done.stdout)["hookSpecificOutput"]["additionalContext"]
    except (ValueError, KeyError, TypeError):
        return
    with open(args.log + ".context", "a", encoding="utf-8") as log:
        log.write(event + ": " + context + "\x00")


def submit(text):
    global busy_until
    with open(args.log, "a", encoding="utf-8") as log:
        log.write(text + "\x00")
    hook("UserPromptSubmit", prompt=text)
    history.append("\u276f " + text)
    busy_until = time.time() + args.busy


def finish_turn():
    history.append("\u25cf ok")
    hook("Stop", stop_hook_active=False, last_assistant_message="ok")
    if queued:
        submit(queued.pop(0))


fd = sys.stdin.fileno()
saved = termios.tcgetattr(fd)
tty.setraw(fd)
hook("SessionStart", source="startup")
sys.stdout.write("\x1b[?2004h")
draw()
buffer, pasting, was_busy = b"", False, False
try:
    while True:
        ready, _, _ = select.select([fd], [], [], 0.05)
        now_busy = time.time() < busy_until
        if was_busy and not now_busy:
            finish_turn()
            draw()
        was_busy = time.time() < busy_until
        if not ready:
            continue
        buffer += os.read(fd, 65536)
        while buffer:
            if pasting:
                end = buffer.find(b"\x1b[201~")
                if end < 0:
                    break
                draft += buffer[:end].decode("utf-8", "replace").replace("\r", "\n")
                buffer, pasting = buffer[end + 6:], False
            elif buffer.startswith(b"\x1b[200~"):
                buffer, pasting = buffer[6:], True
            elif buffer.startswith(b"\x1b") and len(buffer) < 6 and b"\x1b[200~".startswith(buffer):
                break
            elif buffer[:1] == b"\r":
                buffer = buffer[1:]
                time.sleep(args.slow_enter)
                if swallow > 0:
                    swallow -= 1
                elif draft:
                    if time.time() < busy_until:
                        queued.append(draft)
                    else:
                        submit(draft)
                    draft = ""
            elif buffer[:1] == b"\x03":
                raise KeyboardInterrupt
            else:
                char, buffer = buffer[:1], buffer[1:]
                if char == b"\x7f":
                    draft = draft[:-1]
                elif char >= b" ":
                    draft += char.decode("latin-1")
        draw()
except KeyboardInterrupt:
    pass
finally:
    termios.tcsetattr(fd, termios.TCSADRAIN, saved)
