"""Start-up against a bare Textual app of the same shape, and bytes written per navigation key.

Run: uv run python benchmarks/startup.py [--runs 7]

Both apps run in a real pseudo-terminal at 120x40 in the same run, interleaved; the clock stops
when pyte sees the full first frame (hustings: £360m and the footer; bare: its last widget).
Prints the median of each and the ratio of medians (goal: 1.2x or less). Then it drives
hustings with arrow keys and prints the bytes written to the terminal per key (goal: < 8 KB).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from pty_session import PtySession

HERE = Path(__file__).resolve().parent
SIZE = (120, 40)
ENV = {
    **os.environ,
    "TERM": "xterm-256color",
    "COLORTERM": "truecolor",
    "XDG_CONFIG_HOME": "/nonexistent-hustings-benchmark",  # default keys and theme, never a file
}
ENV.pop("NO_COLOR", None)
HUSTINGS = ([sys.executable, "-m", "tui.cli"], ("£360m", "^p Commands"))
BARE = ([sys.executable, str(HERE / "bare_app.py")], ("BARE-READY", "^p palette"))
KEYS = {
    "down": b"\x1b[B",
    "up": b"\x1b[A",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "pagedown": b"\x1b[6~",
    "pageup": b"\x1b[5~",
    "end": b"\x1b[F",
    "home": b"\x1b[H",
}


def first_frame(argv: list[str], markers: tuple[str, ...]) -> float:
    session = PtySession(argv, SIZE, ENV)
    try:
        return session.wait_for(*markers)
    finally:
        session.close()


def bytes_per_key(presses: list[str]) -> list[int]:
    session = PtySession(HUSTINGS[0], SIZE, ENV)
    try:
        session.wait_for(*HUSTINGS[1])
        session.settle()
        sizes = []
        for key in presses:
            session.send(KEYS[key])
            sizes.append(session.settle())
        return sizes
    finally:
        session.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    first_frame(*HUSTINGS)  # warm the disk cache for both, untimed
    first_frame(*BARE)
    ours, bare = [], []
    for _ in range(args.runs):
        ours.append(first_frame(*HUSTINGS))
        bare.append(first_frame(*BARE))
    ratio = statistics.median(ours) / statistics.median(bare)
    print(f"first full frame, {args.runs} runs each at {SIZE[0]}x{SIZE[1]}:")
    print(f"  hustings  median {statistics.median(ours) * 1000:.0f} ms")
    print(f"  bare app  median {statistics.median(bare) * 1000:.0f} ms")
    print(f"  ratio of medians {ratio:.2f}x (goal: 1.2x or less)")
    presses = ["right", "down", "down", "down", "right", "down", "up", "left", "down", "down",
               "right", "up", "down", "down", "down", "left",
               "pagedown", "pagedown", "pageup", "end", "home"]  # fmt: skip
    sizes = bytes_per_key(presses)
    print(f"bytes per navigation key over {len(sizes)} presses:")
    for key, size in zip(presses, sizes, strict=True):
        print(f"  {key:<9} {size / 1024:5.1f} KB")
    print(
        f"  median {statistics.median(sizes) / 1024:.1f} KB, mean "
        f"{statistics.mean(sizes) / 1024:.1f} KB, max {max(sizes) / 1024:.1f} KB (goal: < 8 KB)"
    )


if __name__ == "__main__":
    main()
