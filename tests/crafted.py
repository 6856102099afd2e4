"""A comparison whose every text field comes from a list of strings: for property tests.

Structs are made directly (not parsed), so nothing `check` would refuse is filtered out: every
view must be safe whatever it is given.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from hypothesis import strategies as st

from hustings.compare.comparison import Comparison, compare
from hustings.policy.model import Claim, Money, Officers, Policy, Source, Who
from hustings.policy.policy_set import LoadedPolicy, PolicySet
from hustings.policy.problems import Problem


def crafted_comparison(texts: list[str], proven: bool = True) -> Comparison:
    """Two policies whose every text field is taken, in turn, from `texts`.

    The claims are linked (conditional_on, part_of, pays_for, against) and have different scopes
    and kinds of money, so every flag and derived figure is built, its labels from that text.
    Structs are made directly (not parsed), so nothing `check` would refuse is filtered out:
    the exports must be safe whatever they are given.
    """
    pick: Iterator[str] = itertools.cycle(texts or ["x"])

    def text() -> str:
        return next(pick)

    def ident(suffix: str) -> str:  # anything but ':', which separates a reference's parts
        return text().replace(":", "") + suffix

    def source(sid: str) -> Source:
        return Source(
            id=sid,
            headline=text(),
            publisher=text(),
            author=text(),
            date=text(),
            date_note=text(),
            url=text(),
            archive=text(),
        )

    def claim(cid: str, topic: str, sid: str, **figures: object) -> Claim:
        return Claim(
            id=cid,
            topic=topic,
            summary=text(),
            quote=text(),
            speaker=text(),
            speaker_role="candidate",
            source=sid,
            note=text(),
            **figures,  # type: ignore[arg-type]
        )

    def who() -> Who:
        return Who(name=text(), party=text(), role=text(), race=text(), scope=text(), sort_as="s")

    a_id, b_id = ident("-a"), ident("-b")
    whole, target, cond = ident("-whole"), ident("-target"), ident("-cond")
    part, money, elsewhere = ident("-part"), ident("-money"), ident("-else")
    a_source, b_source = ident("-sa"), ident("-sb")
    a = Policy(
        format=1,
        id=a_id,
        who=who(),
        sources=[source(a_source)],
        claims=[
            claim(cond, "condition", a_source),
            claim(
                part,
                "officers",
                a_source,
                officers=Officers(
                    number=1300,
                    approximate=True,
                    qualifier="fewer than",
                    kinds=["police officers", "PCSOs", "special constables"],
                    scope=text(),
                    timeframe=text(),
                    against=target,
                ),
                conditional_on=[cond, f"{text()}:{text()}"],
                part_of=f"{b_id}:{whole}",
            ),
            claim(
                target,
                "pledge",
                a_source,
                officers=Officers(number=1500, kinds="not stated", scope=text()),
            ),
            claim(
                money,
                "funding",
                a_source,
                money=Money(
                    amount=200_000_000,
                    kind="savings",
                    comes_from=text(),
                    scope=text(),
                    period=text(),
                    pays_for=part,
                ),
            ),
        ],
    )
    b = Policy(
        format=1,
        id=b_id,
        who=who(),
        sources=[source(b_source)],
        claims=[
            claim(
                whole,
                "officers",
                b_source,
                officers=Officers(number=13000, kinds="not stated", scope=text()),
            ),
            claim(
                elsewhere,
                "funding",
                b_source,
                money=Money(amount="not stated", kind="new investment", scope=text()),
                part_of=f"{text()}:{text()}",
            ),
        ],
    )

    def loaded(policy: Policy) -> LoadedPolicy:
        context = {c.id: (text() if proven else None) for c in policy.claims}
        return LoadedPolicy(policy, text(), context)

    problem = Problem(path=text(), message=text(), line=3, field=text(), hint=text())
    return compare(PolicySet((loaded(a), loaded(b)), (problem,)))


# Any text a policy file can hold (lone surrogates cannot survive UTF-8 decoding or TOML), with
# the characters that matter here made likely.
HOSTILE = "\x00\x07\x08\t\n\r\x1b\x7f\x85\x9b\u202e\u2028\ufeff\U000e0041=+-@'\"<>#*_`[]|&!\\ 1."
texts = st.text(
    st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(HOSTILE)), max_size=30
)

# No raw character 0x00-0x1F (but newline) or 0x7F-0x9F in any export's text.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
