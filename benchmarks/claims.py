"""Time `hustings claims` on an article of 5,000 words (goal: well under a second).

Run: uv run python benchmarks/claims.py [--words 5000] [--repeat 5]
The article is made by repeating the two bundled articles' paragraphs (every figure form they
use: "around 1,300", "fewer than 1,400", £200m, quotations going on across paragraphs) until it
has the words asked for; the figures printed are the median and worst of the runs, for reading
the article, drafting every claim and proving each draft as `check` would.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from hustings.proof.drafts.drafting import draft_claims
from hustings.proof.drafts.toml_out import render
from hustings.proof.provenance import article_body

SOURCES = Path(__file__).resolve().parent.parent / "policies" / "sources"


def article(words: int) -> str:
    paragraphs = [
        line
        for path in sorted(SOURCES.glob("*.txt"))
        for line in article_body(path.read_text("utf-8")).splitlines()
        if line.strip()
    ]
    body: list[str] = []
    count = 0
    while count < words:
        paragraph = paragraphs[len(body) % len(paragraphs)]
        body.append(paragraph)
        count += len(paragraph.split())
    return "Headline: benchmark\nDate: 27 March 2024\n---\n" + "\n\n".join(body) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    text = article(options.words)
    path = Path("sources/benchmark.txt")
    times = []
    for _ in range(options.repeat):
        started = time.perf_counter()
        drafted = draft_claims(text, path)
        render(drafted, commented=False)
        times.append(time.perf_counter() - started)
    words = len(article_body(text).split())
    print(f"article: {words:,} words, {drafted.figures_read} figures read, "
          f"{len(drafted.drafts)} drafts")  # fmt: skip
    print(f"claims: median {statistics.median(times) * 1000:.0f} ms, "
          f"worst {max(times) * 1000:.0f} ms over {options.repeat} runs")  # fmt: skip
    # The worst shape for the clause cutter: one sentence of figures, as long as the article.
    crowded = "Jane Doe said " + ", and ".join(
        f"{n} police officers" for n in range(1, options.words // 4)
    )
    started = time.perf_counter()
    drafted = draft_claims(f"Headline: benchmark\n---\n{crowded}.\n", path)
    took = (time.perf_counter() - started) * 1000
    print(f"one sentence of {len(drafted.drafts):,} figures: {took:.0f} ms")


if __name__ == "__main__":
    main()
