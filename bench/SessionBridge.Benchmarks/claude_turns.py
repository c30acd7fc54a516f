#!/usr/bin/env python3
"""A Claude-like pane for the benchmark's wait_for figures, run under the name claude in a tmux pane.

It shows real Claude Code screens (--busy-screen, --idle-screen) and takes commands, one a line, from the
FIFO --commands: "busy" starts a turn (the busy screen; with --hook, then the hook on UserPromptSubmit, as
Claude Code runs it: a child process, the event JSON on stdin, SESSION_BRIDGE_DIR=--state), "stop" ends it
(with --hook, the hook on Stop first; then the idle screen). After each command it appends
"<command> <time.monotonic_ns()>" to --times: for "stop", the moment the Stop hook exited (or, without
hooks, the idle screen was written).
"""
import argparse, json, os, subprocess, sys, time

parser = argparse.ArgumentParser()
parser.add_argument("--commands", required=True)
parser.add_argument("--times", required=True)
parser.add_argument("--busy-screen", required=True)
parser.add_argument("--idle-screen", required=True)
parser.add_argument("--hook")
parser.add_argument("--state")
args = parser.parse_args()

screens = {}
for name in ("busy", "idle"):
    with open(getattr(args, name + "_screen"), encoding="utf-8") as f:
        screens[name] = "\x1b[2J\x1b[H" + "\r\n".join(f.read().rstrip("\n").split("\n"))


def draw(name):
    sys.stdout.write(screens[name])
    sys.stdout.flush()


def hook(event, **fields):
    payload = dict(hook_event_name=event, session_id="bench-session", cwd=os.getcwd(), transcript_path="/tmp/x.jsonl",
                   permission_mode="default", **fields)
    subprocess.run([args.hook], input=json.dumps(payload).encode(), env=dict(os.environ, SESSION_BRIDGE_DIR=args.state),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


draw("idle")
# Read and write: the FIFO never reports end of file between the benchmark's writes.
commands = os.fdopen(os.open(args.commands, os.O_RDWR), "r")
for line in commands:
    command = line.strip()
    if command == "busy":
        draw("busy")
        if args.hook:
            hook("UserPromptSubmit", prompt="bench turn")
    elif command == "stop":
        if args.hook:
            hook("Stop", stop_hook_active=False, last_assistant_message="The turn is done.")
        else:
            draw("idle")
    else:
        continue
    at = time.monotonic_ns()
    if command == "stop" and args.hook:
        draw("idle")  # after the hook, as Claude Code redraws after its Stop hook
    with open(args.times, "a", encoding="utf-8") as times:
        times.write(f"{command} {at}\n")
