"""Reference tables of policies/README.md, made from the definitions they describe.

The README is for people; these tables are where it could drift from the code, so they are
generated here and tests/test_docs.py fails if the README's copy differs. Regenerate with
`uv run python -m hustings.output.readme_tables --write` (or print them without `--write`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import msgspec

from ..compare.comparison import ROWS
from ..compare.flags import readme_table
from ..policy.model import (
    FIELD_HELP,
    CandidateList,
    Claim,
    ClaimWords,
    Money,
    MoneyWords,
    Naming,
    Officers,
    OfficerWords,
    Policy,
    Reading,
    Source,
    Who,
)
from ..policy.problem_codes import MEANING
from ..policy.validate import describe
from ..proof.checks import TOPIC_FIGURES

_TEXT = "a non-empty string of at most 4000 characters"
TABLES = (
    ("[policy file]", Policy),
    ("[who]", Who),
    ("[who.listed_in]", CandidateList),
    ("[[sources]]", Source),
    ("[[sources.names]]", Naming),
    ("[[claims]]", Claim),
    ("[claims.words]", ClaimWords),
    ("[[claims.readings]]", Reading),
    ("[claims.officers]", Officers),
    ("[claims.officers.words]", OfficerWords),
    ("[claims.money]", Money),
    ("[claims.money.words]", MoneyWords),
)


def field_table() -> str:
    """Every field of every table: its type in words, whether required, what it means."""
    lines = ["| table | field | takes | required | meaning |", "|---|---|---|---|---|"]
    for title, struct in TABLES:
        for index, info in enumerate(msgspec.structs.fields(struct)):
            tables = (
                "who",
                "sources",
                "claims",
                "officers",
                "money",
                "ballot",
                "words",
                "readings",
            )
            if info.encode_name in tables:
                many = info.encode_name in ("sources", "claims", "readings", "names")
                takes = "tables" if many else "a table"
            else:
                takes = describe(info.type).replace(_TEXT, "text").replace("|", "\\|")
            table = f"`{title}`" if index == 0 else ""
            required = "yes" if info.required else "no"
            meaning = FIELD_HELP[struct.__name__][info.encode_name].replace("|", "\\|")
            lines.append(f"| {table} | `{info.encode_name}` | {takes} | {required} | {meaning} |")
    return "\n".join(lines)


def topic_table() -> str:
    """Which row each topic is compared in, and which figure table it takes."""
    lines = ["| topic | row | figure table |", "|---|---|---|"]
    for spec in ROWS:
        for topic in spec.topics:
            required, allowed = TOPIC_FIGURES[topic]
            if required:
                figure = f"needs `[claims.{required}]`"
            elif allowed:
                figure = "may have " + " or ".join(f"`[claims.{name}]`" for name in sorted(allowed))
            else:
                figure = "none (a figure belongs in the officers or funding row)"
            lines.append(f"| `{topic}` | {spec.label} | {figure} |")
    return "\n".join(lines)


def proof_words_table() -> str:
    """The words `check` proves fields by: made from the definitions the proofs use."""
    from ..policy.model import (
        AREA_WORDS,
        ATTRIBUTION_VERB,
        KIND_CARRIERS,
        MONEY_KIND_CARRIERS,
        TIME_WORDS,
    )
    from ..proof.field_proofs import (
        HONORIFICS,
        NOT_NAMES,
        SENTENCES_BEFORE,
        SPEECH_VERBS,
        SUMMARY_SMALL_WORDS,
        TARGET_WORDS,
    )

    def quoted(words: Iterable[str]) -> str:
        return ", ".join(f'"{word}"' for word in words)

    lines = ["| what | proven by | words |", "|---|---|---|"]
    for kind, carriers in KIND_CARRIERS.items():
        lines.append(f"| kind `{kind}` | any of | {quoted(carriers)} |")
    for money_kind, carriers in MONEY_KIND_CARRIERS.items():
        lines.append(f"| money kind `{money_kind}` | any of | {quoted(carriers)} |")
    lines.append(
        f"| a scope names a place | a capitalised name, or any of | {quoted(AREA_WORDS)} |"
    )
    lines.append(f"| capitalised, but no name | any of | {quoted(sorted(NOT_NAMES))} |")
    lines.append(
        "| a period names a time | a year, a capitalised month or weekday, or any of | "
        f"{quoted(TIME_WORDS)} |"
    )
    lines.append(f"| a target (`against`) | any of | {quoted(TARGET_WORDS)} |")
    verbs = "; ".join(f'{role}: "{verb}"' for role, verb in ATTRIBUTION_VERB.items())
    lines.append(f"| the summary's verb | by speaker role | {verbs} |")
    small = quoted(sorted(SUMMARY_SMALL_WORDS))
    lines.append(f"| small words a summary may add | any of | {small} |")
    lines.append(f"| the speaker's naming | within | the quote's sentence and {SENTENCES_BEFORE} "
                 "before it |")  # fmt: skip
    lines.append(f"| someone given words | any of | {quoted(SPEECH_VERBS)} |")
    lines.append(f"| honorifics before a short name | any of | {quoted(sorted(HONORIFICS))} |")
    return "\n".join(lines)


def code_table() -> str:
    """Every problem code `check` prints, with what it means."""
    lines = ["| code | meaning |", "|---|---|"]
    lines.extend(f"| `{code}` | {meaning} |" for code, meaning in MEANING.items())
    return "\n".join(lines)


GENERATED = {
    "fields": field_table,
    "topics": topic_table,
    "flags": readme_table,
    "proof-words": proof_words_table,
    "codes": code_table,
}


def write_readme(path: Path) -> None:
    """Put each generated table in place, between `<!-- NAME: ... -->` and `<!-- /NAME -->`."""
    text = path.read_text("utf-8")
    for name, make in GENERATED.items():
        start = text.index(f"<!-- {name}:")
        body = text.index("\n", start) + 1
        end = text.index(f"<!-- /{name} -->")
        text = text[:body] + make() + "\n" + text[end:]
    path.write_text(text, "utf-8")


def main() -> None:
    import sys

    if sys.argv[1:2] == ["--write"]:
        write_readme(Path(sys.argv[2]) if len(sys.argv) > 2 else Path("policies/README.md"))
        return
    for name, make in GENERATED.items():
        print(f"<!-- {name} -->\n{make()}\n")


if __name__ == "__main__":
    main()
