#!/usr/bin/env python3
"""A stand-in for Claude Code showing an AskUserQuestion menu, for tests on real tmux.

It draws the menu as Claude Code 2.1 does (heading, numbered options with descriptions, ❯ on the selected
one, a footer), moves the cursor on Up/Down, and on Enter appends the chosen label to --log and shows an
idle input box. Any other key is appended to --log as "key:<bytes>", so a test sees stray presses.
"""
import argparse, os, sys, termios, tty

parser = argparse.ArgumentParser()
parser.add_argument("--log", required=True)
parser.add_argument("--cursor", type=int, default=1)
args = parser.parse_args()

NBSP = "\u00a0"
OPTIONS = [
    ("PostgreSQL", "Relational, battle-tested"),
    ("SQLite", "Embedded, zero setup"),
    ("Redis", "In-memory key-value"),
    ("Type something.", None),
    ("Chat about this", None),
]
cursor = args.cursor - 1
answered = None


def width():
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 80


def draw():
    rule = "\u2500" * width()
    out = ["\x1b[2J\x1b[H", " Claude Code (fake)\r\n\r\n", "\u276f ask me which database the service should use\r\n"]
    if answered is None:
        out.append(rule + "\r\n \u2610 Database\r\n\r\nWhich database should the service use?\r\n\r\n")
        for i, (label, description) in enumerate(OPTIONS):
            if i == 4:
                out.append(rule + "\r\n")
            mark = "\u276f " if i == cursor else "  "
            out.append(f"{mark}{i + 1}. {label}\r\n")
            if description:
                out.append(f"     {description}\r\n")
        out.append("\r\nEnter to select \u00b7 \u2191/\u2193 to navigate \u00b7 Esc to cancel\r\n")
    else:
        out.append(f"\u25cf You chose {answered}.\r\n\r\n")
        out.append(rule + "\r\n\u276f" + NBSP + "\r\n" + rule + "\r\n  ? for shortcuts\r\n")
    sys.stdout.write("".join(out))
    sys.stdout.flush()


def log(text):
    with open(args.log, "a", encoding="utf-8") as f:
        f.write(text + "\0")


fd = sys.stdin.fileno()
saved = termios.tcgetattr(fd)
tty.setraw(fd)
try:
    draw()
    while True:
        data = os.read(fd, 64)
        if not data:
            break
        i = 0
        while i < len(data):
            if data[i:i + 3] in (b"\x1b[A", b"\x1bOA"):
                cursor = max(0, cursor - 1)
                i += 3
            elif data[i:i + 3] in (b"\x1b[B", b"\x1bOB"):
                cursor = min(len(OPTIONS) - 1, cursor + 1)
                i += 3
            elif data[i:i + 1] == b"\r" and answered is None:
                answered = OPTIONS[cursor][0]
                log(answered)
                i += 1
            else:
                log("key:" + data[i:i + 1].hex())
                i += 1
        draw()
finally:
    termios.tcsetattr(fd, termios.TCSADRAIN, saved)
