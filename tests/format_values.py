"""Policy documents drawn from the format's own types: every value the format allows.

The strategy walks the msgspec Structs of `hustings.policy.model` (Literals, bounded integers,
lists, optional fields, sub-tables), so a value added to a closed set (a qualifier, a topic, a
kind) is drawn here without anyone listing it again. Only what a reference must point at (ids,
the source, the archive) is drawn from small pools, so that relations resolve often enough to
build their flags and derived figures; and quotes are written to state each claim's figure, so
that the proven paths run as well as the unproven ones.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import msgspec
import tomli_w
from hypothesis import strategies as st

from hustings.policy.model import Policy

CLAIM_IDS = ("a", "b", "c", "d")
REFS = (*CLAIM_IDS, "p:a", "q:b", "q:c", "elsewhere:a")
WORDS = st.sampled_from(
    ("London", "national", "not stated", "the Met", "savings", "last year", "x", "Ünïcode ✓")
)
# Fields whose values other fields refer to, or that name files: drawn from small pools.
_BY_NAME: dict[tuple[str, str], st.SearchStrategy[Any]] = {
    ("Policy", "id"): st.sampled_from(("p", "q")),
    ("Policy", "format"): st.just(1),
    ("Claim", "id"): st.sampled_from(CLAIM_IDS),
    ("Claim", "source"): st.just("s"),
    ("Claim", "conditional_on"): st.lists(st.sampled_from(REFS), max_size=2),
    ("Claim", "part_of"): st.sampled_from(REFS),
    ("Officers", "against"): st.sampled_from(REFS),
    ("Money", "pays_for"): st.sampled_from(REFS),
    ("Source", "id"): st.just("s"),
    ("Source", "archive"): st.just("sources/article.txt"),
    ("Source", "date"): st.sampled_from(("2024-03-27", "2019-12-12", "not stated")),
    ("Source", "date_earliest"): st.sampled_from(("2019-12-12", "2024-01-01")),
    ("Who", "election"): st.sampled_from(("mayor.london.2024-05-02",)),
}
_NUMBERS = st.sampled_from((0, 1, 600, 1_000, 1_300, 1_400, 13_000, 200_000_000))


def for_type(typ: Any, owner: str = "", name: str = "") -> st.SearchStrategy[Any]:
    """A strategy for any value of `typ`, as a TOML document would hold it."""
    if (owner, name) in _BY_NAME:
        return _BY_NAME[(owner, name)]
    origin = get_origin(typ)
    if origin is typing.Annotated:
        base, *metas = get_args(typ)
        meta = next((m for m in metas if isinstance(m, msgspec.Meta)), msgspec.Meta())
        if base is int:
            low, high = meta.ge or 0, meta.le or 10**9
            return st.one_of(_NUMBERS.filter(lambda n: low <= n <= high), st.integers(low, high))
        if base is str:
            return WORDS
        if get_origin(base) is list:
            (item,) = get_args(base)
            return st.lists(for_type(item), min_size=meta.min_length or 0, max_size=3)
        return for_type(base)
    if origin is Literal:
        return st.sampled_from(get_args(typ))
    if origin in (Union, types.UnionType):
        return st.one_of([for_type(arg, owner, name) for arg in get_args(typ)])
    if origin is list:
        (item,) = get_args(typ)
        return st.lists(for_type(item), max_size=3)
    if isinstance(typ, type) and issubclass(typ, msgspec.Struct):
        return _struct(typ)
    if typ is bool:
        return st.booleans()
    if typ is type(None):
        return st.none()
    if typ is str:
        return WORDS
    raise TypeError(f"no strategy for {typ!r}: teach format_values.for_type about it")


@st.composite
def _struct_value(draw: st.DrawFn, typ: type[msgspec.Struct]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for info in msgspec.structs.fields(typ):
        if not info.required and not draw(st.booleans()):
            continue  # an optional field left out
        value = draw(for_type(info.type, typ.__name__, info.encode_name))
        if value is not None:  # TOML has no null: a field set to None is one left out
            document[info.encode_name] = value
    return document


def _struct(typ: type[msgspec.Struct]) -> st.SearchStrategy[dict[str, Any]]:
    return _struct_value(typ)


def stating(claim: dict[str, Any]) -> str:
    """A quote that states the claim's figures in the words check reads them by."""
    words = [f"{claim.get('speaker', 'someone')} said"]
    officers = claim.get("officers")
    if officers and isinstance(officers.get("number"), int):
        hedge = officers.get("qualifier") or ("around" if officers.get("approximate") else "")
        words.append(f"{hedge} {officers['number']:,} officers".strip())
    money = claim.get("money")
    if money and isinstance(money.get("amount"), int):
        words.append(f"£{money['amount']:,}")
    return " ".join(words) + "."


@st.composite
def policy_documents(draw: st.DrawFn) -> dict[str, Any]:
    """One valid policy document; its claims' quotes state their figures (mostly)."""
    document = draw(_struct(Policy))
    for claim in document.get("claims", []):
        if draw(st.booleans()):
            claim["quote"] = stating(claim)
    return document


def write_set(folder: Path, documents: list[dict[str, Any]]) -> list[Path]:
    """The documents as policy files with one shared archive holding every quote."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    quotes = [
        text
        for document in documents
        for claim in document.get("claims", [])
        for text in (claim.get("quote"), claim.get("figure_quote"))
        if isinstance(text, str)
    ]
    archive = "Made up for a property test\n---\n" + "\n".join(quotes) + "\n"
    (folder / "sources" / "article.txt").write_text(archive, "utf-8")
    paths = []
    for number, document in enumerate(documents):
        path = folder / f"policy-{number}.toml"
        path.write_text(tomli_w.dumps(document), "utf-8")
        paths.append(path)
    return paths


def closed_sets() -> list[tuple[str, str, tuple[Any, ...]]]:
    """(table, field, values) for every field of the format that takes a closed set of words."""
    found = []
    for struct in _structs(Policy):
        for info in msgspec.structs.fields(struct):
            values = _literal_values(info.type)
            if values and info.encode_name != "format":
                found.append((struct.__name__, info.encode_name, values))
    return found


def _structs(typ: Any, seen: list[type] | None = None) -> list[type]:
    seen = [] if seen is None else seen
    if isinstance(typ, type) and issubclass(typ, msgspec.Struct):
        if typ in seen:
            return seen
        seen.append(typ)
        for info in msgspec.structs.fields(typ):
            _structs(info.type, seen)
    else:
        for arg in get_args(typ):
            _structs(arg, seen)
    return seen


def _literal_values(typ: Any) -> tuple[Any, ...]:
    if get_origin(typ) is Literal:
        return get_args(typ)
    return tuple(value for arg in get_args(typ) for value in _literal_values(arg))


def every_value_documents() -> list[dict[str, Any]]:
    """Two policies in which every value of every closed set stands at least once, each in a
    claim otherwise like one `check` passes (its quote states its figure)."""
    from hustings.proof.checks import TOPIC_FIGURES

    def officers(**changes: Any) -> dict[str, Any]:
        return {"number": 1300, "kinds": "not stated", "scope": "London", **changes}

    def money(**changes: Any) -> dict[str, Any]:
        return {"amount": 200_000_000, "kind": "not stated", "scope": "London", **changes}

    claims: list[dict[str, Any]] = []
    for table, field, values in closed_sets():
        for value in values:
            topic = value if (table, field) == ("Claim", "topic") else "record"
            claim: dict[str, Any] = {
                "id": f"{table}-{field}-{len(claims)}".casefold().replace("_", "-"),
                "topic": topic, "summary": "Someone said something.", "quote": "",
                "speaker": "Someone", "speaker_role": "candidate", "source": "s",
            }  # fmt: skip
            required, allowed = TOPIC_FIGURES[topic]
            if "officers" in allowed:
                claim["officers"] = officers()
            if "money" in allowed and required != "officers":
                claim["money"] = money()
            target = {"Claim": claim, "Officers": claim.get("officers"),
                      "Money": claim.get("money")}.get(table)  # fmt: skip
            if target is None:
                continue
            target[field] = [value] if field == "kinds" and value != "not stated" else value
            claim["quote"] = stating(claim)
            claims.append(claim)
    claims[0]["officers"] = officers(qualifier="under", against=claims[1]["id"])
    claims[0]["quote"] = stating(claims[0])
    source = {"id": "s", "headline": "h", "publisher": "p", "author": "a", "date": "2024-03-27",
              "archive": "sources/article.txt"}  # fmt: skip
    who = {"name": "Pat Example", "party": "Example", "role": "r", "race": "r",
           "scope": "London", "election": "mayor.london.2024-05-02"}  # fmt: skip
    half = len(claims) // 2
    return [
        {"format": 1, "id": "p", "who": who, "sources": [source], "claims": claims[:half]},
        {"format": 1, "id": "q", "who": {**who, "name": "Sam Other"}, "sources": [source],
         "claims": claims[half:]},
    ]  # fmt: skip
