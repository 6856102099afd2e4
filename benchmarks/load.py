"""Time loading and validating 1,000 policy files of 50 claims each (goal: under 1 s).

Run: uv run python benchmarks/load.py [--files 1000] [--claims 50] [--repeat 5]
It generates the files in a temporary folder, loads them the way `hustings check` does (parse,
validate, check references, prove every quote, figure and field against the archive) and prints
the figures. Every file states the same claims from one article, so each claim's fields are
proven once per load, as for any claim that files repeat; benchmarks/national.py times `check`
on 14,957 claims that all differ.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import tomli_w

from hustings.proof.load import load_paths

SENTENCE = (
    "Candidate {n} said: “We will recruit around {n} more police officers for the town of "
    "Place{n}.”"
)


def write_corpus(folder: Path, files: int, claims: int) -> int:
    """Write the archive and the policy files; return the total bytes of policy text."""
    (folder / "sources").mkdir()
    body = "\n\n".join(SENTENCE.format(n=n) for n in range(claims))
    (folder / "sources" / "article.txt").write_text("Benchmark archive\n---\n" + body, "utf-8")
    total = 0
    for index in range(files):
        document = {
            "format": 1,
            "id": f"candidate-{index}",
            "who": {
                "name": f"Candidate Number{index}",
                "party": "Party",
                "role": "candidate",
                "race": "Benchmark race",
                "scope": "London",
            },
            "sources": [
                {
                    "id": "article",
                    "headline": "A benchmark article",
                    "publisher": "Pub",
                    "author": "Author",
                    "date": "2024-03-27",
                    "archive": "sources/article.txt",
                }
            ],
            "claims": [_claim(n) for n in range(claims)],
        }
        text = tomli_w.dumps(document)
        total += len(text.encode())
        (folder / f"candidate-{index:04d}.toml").write_text(text, "utf-8")
    return total


def _claim(n: int) -> dict:
    claim = {
        "id": f"claim-{n}",
        "topic": "officers" if n % 2 else "pledge",
        "summary": f"Candidate {n} said they would recruit "
        + (f"around {n} " if n % 2 else "")
        + f"more police officers for Place{n}.",
        "quote": f"We will recruit around {n} more police officers for the town of Place{n}.",
        "quote_kind": "direct",
        "speaker": f"Candidate {n}",
        "speaker_role": "candidate",
        "source": "article",
        "note": "A note that pads each claim to a realistic size for a policy file like ours.",
    }
    if n % 2:
        claim["officers"] = {
            "number": n,
            "approximate": True,
            "kinds": ["police officers"],
            "scope": f"the town of Place{n}",
            "timeframe": "not stated",
        }
    return claim


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = write_corpus(folder, args.files, args.claims)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = load_paths([folder])
            times.append(time.perf_counter() - start)
        assert len(result.policies) == args.files and not result.problems, result.problems[:3]
    print(f"files: {args.files} x {args.claims} claims, {size / args.files / 1024:.1f} KB each")
    print(
        "load + validate + quote, figure and field proofs: "
        f"median {statistics.median(times):.3f} s, "
        f"best {min(times):.3f} s over {args.repeat} runs (goal: < 1 s)"
    )


if __name__ == "__main__":
    main()
