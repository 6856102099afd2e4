"""Start-up against a bare Textual app of the same shape, and bytes written per navigation key.

Run: uv run python benchmarks/startup.py [--runs 7]

Both apps run in a real pseudo-terminal at 120x40 in the same run, interleaved; the clock stops
when pyte sees the full first frame (hustings: £360m and the footer; bare: its last widget).
Prints the median of each and the ratio of medians. Then it drives hustings with navigation
keys and prints, per key, the bytes written to the terminal and the time from the key to its
last byte, with the maximum of each.

Goals: start-up <= 1.0x the bare app; every key <= 8 KB and <= 20 ms to its last byte.

Bytecode is compiled first (site-packages and tui, `python -m compileall`): this environment
sets PYTHONDONTWRITEBYTECODE, so without it every start would compile Textual from source and
the ratio would measure the compiler, not the apps.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import time
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
HUSTINGS = ([sys.executable, "-m", "hustings.cli"], ("£360m", "^p Commands"))
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


GOAL_RATIO, GOAL_BYTES, GOAL_SECONDS = 1.0, 8 * 1024, 0.020


def compile_bytecode() -> list[str]:
    """Compile every module both apps import, so no run pays for compiling; the folders done."""
    folders = [sysconfig.get_paths()["purelib"], str(HERE.parent / "tui")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", "0", *folders], check=True)
    return folders


def per_key(presses: list[str]) -> list[tuple[int, float]]:
    """(bytes, seconds to the last byte) for each key, after the first frame has settled."""
    session = PtySession(HUSTINGS[0], SIZE, ENV)
    try:
        session.wait_for(*HUSTINGS[1])
        session.settle()
        results = []
        for key in presses:
            sent = time.perf_counter()
            session.send(KEYS[key])
            results.append(session.settle_timed(sent))
        return results
    finally:
        session.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folders = compile_bytecode()
    print("bytecode compiled first (python -m compileall): " + ", ".join(folders))
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
    print(f"  ratio of medians {ratio:.2f}x (goal: {GOAL_RATIO:.1f}x or less)")
    presses = ["right", "down", "down", "down", "right", "down", "up", "left", "down", "down",
               "right", "up", "down", "down", "down", "left",
               "pagedown", "pagedown", "pageup", "end", "home"]  # fmt: skip
    results = per_key(presses)
    print(f"per navigation key over {len(results)} presses (bytes, time to the last byte):")
    for key, (size, seconds) in zip(presses, results, strict=True):
        over = " OVER GOAL" if size > GOAL_BYTES or seconds > GOAL_SECONDS else ""
        print(f"  {key:<9} {size / 1024:5.1f} KB  {seconds * 1000:5.1f} ms{over}")
    sizes = [size for size, _ in results]
    times = [seconds for _, seconds in results]
    print(
        f"  bytes: median {statistics.median(sizes) / 1024:.1f} KB, max {max(sizes) / 1024:.1f} KB"
        f" (goal: every key <= {GOAL_BYTES // 1024} KB)"
    )
    print(
        f"  time to last byte: median {statistics.median(times) * 1000:.1f} ms, max "
        f"{max(times) * 1000:.1f} ms (goal: every key <= {GOAL_SECONDS * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
