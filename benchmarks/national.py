"""The app at the size of a country: a fictional corpus of 650 races of 7 candidates.

Run: uv run python benchmarks/national.py [--runs 5]

Writes the corpus (benchmarks/corpus.py: 650 fictional races of 7 candidates, 7 fictional
parties' national policies, fictional archives) in a temporary folder, then measures, in real
pseudo-terminals at 120x40 (pyte reads the screen):
- the first full frame on the corpus (the race picker) against the first frame on the bundled
  files (goal: within 1.5x), median of --runs each, interleaved; with the race index cache
  kept from an earlier start (as a voter opens the app again), and also without one (the
  very first start, or after every file changed);
- RSS of each once its first frame is drawn (goal: within 2x);
- key-to-frame: from a key's bytes to the last byte of the frame it causes (the output quiet for
  30 ms), for typing in the picker's filter, moving in it, opening a race, and moving and
  picking in the overview; each key's median over --runs fresh apps, with the slowest run
  shown beside it (goal: every key under 50 ms);
- `hustings check` on the corpus, wall time (goal: under 3 s), and that it proves everything.
Bytecode is compiled first (this environment may set PYTHONDONTWRITEBYTECODE), so every run
measures start-up, not compiling Textual from source.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import place_names, write_corpus
from pty_session import PtySession

SIZE = (120, 40)
ENV = {
    **os.environ,
    "TERM": "xterm-256color",
    "COLORTERM": "truecolor",
    "XDG_CONFIG_HOME": "/nonexistent-hustings-benchmark",
}
ENV.pop("NO_COLOR", None)
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
APP = [sys.executable, "-m", "hustings.cli"]
BUNDLED_MARKERS = ("£360m", "^p Commands")
PICKER_MARKERS = ("Choose a race · 650 races", "^p Commands", "· 7 candidates")
KEYS = {"down": b"\x1b[B", "up": b"\x1b[A", "enter": b"\r", "space": b" ", "backspace": b"\x7f"}
QUIET = 0.03
NOTHING_AFTER = 0.3


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def first_frame(
    argv: list[str], markers: tuple[str, ...], env: dict[str, str] = ENV
) -> tuple[float, float]:
    """(seconds to the first full frame, RSS in MiB once it has settled)."""
    session = PtySession(argv, SIZE, env)
    try:
        seconds = session.wait_for(*markers, limit=60)
        session.settle()
        return seconds, rss_mib(session.process.pid)
    finally:
        session.close()


FIRST_BYTES: list[float] = []  # seconds to each key's first byte, for the report


def key_to_frame(session: PtySession, data: bytes, limit: float = 5.0) -> float:
    """Seconds from sending `data` to the last byte of what it draws (then QUIET s of quiet).

    Every key driven here changes the screen. The app sends nothing for a key that changes
    nothing, so a key that draws nothing within NOTHING_AFTER is an error, not a timing (the
    filter's cursor blinks at 500 ms and would be counted as the key's frame)."""
    session.settle(quiet=0.1)
    sent = time.perf_counter()
    session.send(data)
    first = last = None
    deadline = sent + limit
    while time.perf_counter() < deadline:
        if session.read(QUIET if last else NOTHING_AFTER, feed=False):
            last = time.perf_counter()
            first = first or last
        elif last is not None:
            break
        else:
            raise TimeoutError(f"nothing drawn within {NOTHING_AFTER} s of {data!r}")
    session.feed()
    if last is None or first is None:
        raise TimeoutError(f"no end to what {data!r} draws within {limit} s")
    FIRST_BYTES.append(first - sent)
    return last - sent


def drive(folder: Path) -> list[tuple[str, float]]:
    """Press keys in the picker and the overview; (label, seconds) for each."""
    session = PtySession([*APP, str(folder)], SIZE, ENV)
    timings: list[tuple[str, float]] = []
    try:
        session.wait_for(*PICKER_MARKERS, limit=60)
        for letter in "northfield":
            timings.append((f"picker: type {letter!r}", key_to_frame(session, letter.encode())))
        for _ in range(5):  # back to "north": 25 races
            timings.append(("picker: backspace", key_to_frame(session, KEYS["backspace"])))
        for _ in range(3):
            timings.append(("picker: down", key_to_frame(session, KEYS["down"])))
        timings.append(("picker: enter (open the race)", key_to_frame(session, KEYS["enter"])))
        for _ in range(5):
            timings.append(("race: down", key_to_frame(session, KEYS["down"])))
        timings.append(("race: up", key_to_frame(session, KEYS["up"])))
        timings.append(("r: back to the picker", key_to_frame(session, b"r")))
        for _ in range(3):
            timings.append(("picker: down", key_to_frame(session, KEYS["down"])))
        return timings
    finally:
        session.close()


def big_race_overview(folder: Path) -> list[tuple[str, float]]:
    """The overview itself: a corpus with one 13-candidate race among the 650."""
    session = PtySession([*APP, str(folder)], SIZE, ENV)
    timings: list[tuple[str, float]] = []
    try:
        session.wait_for(*PICKER_MARKERS[:2], limit=60)
        for letter in "northfield":
            session.send(letter.encode())
        session.wait_for("1 of 650 races match")
        timings.append(("picker: enter (13 candidates)", key_to_frame(session, KEYS["enter"])))
        session.wait_for("Candidate · party")
        for key in ("down", "down", "space", "down", "space", "down", "down", "space", "up"):
            timings.append((f"overview: {key}", key_to_frame(session, KEYS[key])))
        timings.append(("overview: enter (3 side by side)", key_to_frame(session, KEYS["enter"])))
        timings.append(("panes: v (back to the overview)", key_to_frame(session, b"v")))
        return timings
    finally:
        session.close()


def check_time(folder: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [*APP, "check", str(folder)], capture_output=True, text=True, env=ENV, timeout=120
    )
    seconds = time.perf_counter() - start
    return seconds, (done.stdout.strip().splitlines() or ["(nothing)"])[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    compileall.compile_dir(root / "tui", quiet=1)
    import textual

    compileall.compile_dir(Path(textual.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        national, big = Path(tmp) / "national", Path(tmp) / "big"
        places = place_names(650)
        files = write_corpus(national, [(place, 7) for place in places])
        write_corpus(big, [(place, 13 if place == "Northfield" else 7) for place in places])
        print(f"corpus: {files:,} policy files (650 races x 7 candidates + 7 party policies)")

        ENV["XDG_CACHE_HOME"] = tmp  # the race index cache, kept between the runs below
        first_frame([*APP], BUNDLED_MARKERS)  # warm the disk cache, untimed
        first_frame([*APP, str(national)], PICKER_MARKERS)
        ours, bundled, first_start = [], [], []
        for run in range(args.runs):
            bundled.append(first_frame([*APP], BUNDLED_MARKERS))
            ours.append(first_frame([*APP, str(national)], PICKER_MARKERS))
            empty = {**ENV, "XDG_CACHE_HOME": str(Path(tmp) / f"empty-cache-{run}")}
            first_start.append(first_frame([*APP, str(national)], PICKER_MARKERS, empty))
        frame_b = statistics.median(t for t, _ in bundled)
        frame_n = statistics.median(t for t, _ in ours)
        frame_f = statistics.median(t for t, _ in first_start)
        rss_b = statistics.median(r for _, r in bundled)
        rss_n = statistics.median(r for _, r in ours)
        print(f"first full frame at {SIZE[0]}x{SIZE[1]}, median of {args.runs}:")
        print(f"  bundled (one race)      {frame_b * 1000:6.0f} ms   RSS {rss_b:6.1f} MiB")
        print(f"  national (race picker)  {frame_n * 1000:6.0f} ms   RSS {rss_n:6.1f} MiB")
        print(f"  ratio {frame_n / frame_b:.2f}x (goal: 1.5x or less), "
              f"RSS {rss_n / rss_b:.2f}x (goal: 2x or less)")  # fmt: skip
        print(f"  national, first start (no race index cache yet) {frame_f * 1000:.0f} ms: "
              f"{frame_f / frame_b:.2f}x")  # fmt: skip

        # The same keys, in fresh apps, --runs times: each key's median, as for the first frame
        # (one sample per key let a neighbour's burst on a shared machine decide the verdict).
        runs = []
        for _ in range(args.runs):
            FIRST_BYTES.clear()
            timings = drive(national) + big_race_overview(big)
            runs.append([(label, s, f) for (label, s), f in zip(timings, FIRST_BYTES, strict=True)])
        print(f"key to frame (last byte drawn), median of {args.runs} (and the slowest run):")
        medians = []
        for number, (label, _, _) in enumerate(runs[0]):
            last = [run[number][1] for run in runs]
            first = statistics.median(run[number][2] for run in runs)
            median = statistics.median(last)
            medians.append((label, median))
            print(f"  {label:<34} {median * 1000:6.1f} ms   (slowest {max(last) * 1000:5.1f} ms;"
                  f" first byte {first * 1000:5.1f} ms)")  # fmt: skip
        worst = max(medians, key=lambda item: item[1])
        print(f"  worst {worst[1] * 1000:.1f} ms ({worst[0]}) (goal: every key under 50 ms)")

        seconds, verdict = check_time(national)
        print(f"hustings check on {files:,} files: {seconds:.2f} s (goal: under 3 s)")
        print(f"  {verdict}")


if __name__ == "__main__":
    main()
