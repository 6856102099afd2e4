"""Schema validation that reports every problem in a document, in plain words.

msgspec stops at the first error and words it for programmers (``Expected `int | str` ``). So the
fast path is one `msgspec.convert`; only when that fails do we walk the document against the same
types to list every problem with its field path (``claims[3].money.amount``), a stable code, and
where one is near enough a "did you mean" for a misspelt field or enum value.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

import msgspec

from .model import Policy
from .problem_codes import Code

_PLAIN_NAMES = {int: "an integer", bool: "true or false", str: "a string", float: "a number"}


@dataclass(frozen=True, slots=True)
class FieldError:
    """One schema problem: where (a field path, "" for the whole document), what, and a hint."""

    field: str
    message: str
    code: Code = Code.SCHEMA
    hint: str | None = None


Errors = list[FieldError]


def validate(document: dict[str, Any]) -> tuple[Policy | None, Errors]:
    """Convert a parsed TOML document to a Policy, or list every problem with its field path."""
    try:
        return msgspec.convert(document, Policy), []
    except msgspec.ValidationError:
        pass
    errors: Errors = []
    _walk(document, Policy, "", errors)
    if not errors:  # msgspec saw something our walk did not: never lose the problem.
        try:
            msgspec.convert(document, Policy)
        except msgspec.ValidationError as exc:
            errors.append(FieldError("", str(exc)))
    return None, _one_instruction_for_an_empty_policy(errors)


def _one_instruction_for_an_empty_policy(errors: Errors) -> Errors:
    """No sources and no claims yet (a fresh `hustings new` file): one instruction, not two."""
    missing = {e.field for e in errors if e.code is Code.MISSING_FIELD}
    if "claims" not in missing:
        return errors
    if "sources" in missing:
        message = (
            "no [[sources]] and no [[claims]] yet: a policy quotes at least one archived source"
        )
        hint = "uncomment the example [[sources]] and [[claims]] in the file and fill them in"
    else:  # a starter that came with its source (a candidate's statement to voters)
        message = "no [[claims]] yet: a policy quotes at least one archived source"
        hint = "uncomment the example [[claims]] in the file and fill it in"
    kept = [e for e in errors if e.field not in ("sources", "claims")]
    return [FieldError("", message, Code.EMPTY_POLICY, hint), *kept]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _walk(value: Any, typ: Any, path: str, errors: Errors) -> None:
    """Check `value` against `typ`, appending a plain-words message for each problem."""
    origin = get_origin(typ)
    if origin is typing.Annotated:
        _walk_annotated(value, typ, path, errors)
    elif isinstance(typ, type) and issubclass(typ, msgspec.Struct):
        _walk_struct(value, typ, path, errors)
    elif origin is list:
        if not isinstance(value, list):
            errors.append(_wrong(path, typ, value))
            return
        (item_type,) = get_args(typ)
        for index, item in enumerate(value):
            _walk(item, item_type, f"{path}[{index}]", errors)
    elif origin in (Union, types.UnionType):
        _walk_union(value, typ, path, errors)
    elif origin is Literal:
        if value not in get_args(typ) or isinstance(value, bool) != _literal_is_bool(typ):
            errors.append(_wrong(path, typ, value))
    elif typ in _PLAIN_NAMES:
        if type(value) is not typ:
            errors.append(_wrong(path, typ, value))
    else:  # a type this walker does not know: let msgspec judge it.
        try:
            msgspec.convert(value, typ)
        except msgspec.ValidationError as exc:
            errors.append(FieldError(path, str(exc)))


def _wrong(path: str, typ: Any, value: Any) -> FieldError:
    """Expected X, got Y; with the nearest allowed word when Y is a misspelt one."""
    from .suggest import did_you_mean  # the walk runs only on failure: so do these imports

    hint = did_you_mean(value, _allowed_words(typ)) if isinstance(value, str) else None
    return FieldError(path, f"expected {describe(typ)}, got {show(value)}", hint=hint)


def _allowed_words(typ: Any) -> list[str]:
    """The string values a type accepts by name: a Literal's, through Annotated and unions."""
    origin = get_origin(typ)
    if origin is Literal:
        return [arg for arg in get_args(typ) if isinstance(arg, str)]
    if origin is typing.Annotated or origin in (Union, types.UnionType):
        return [word for arg in get_args(typ) for word in _allowed_words(arg)]
    return []


def _literal_is_bool(typ: Any) -> bool:
    return all(isinstance(arg, bool) for arg in get_args(typ))


def _walk_annotated(value: Any, typ: Any, path: str, errors: Errors) -> None:
    base, *_ = get_args(typ)
    before = len(errors)
    _walk(value, base, path, errors)
    if len(errors) > before:
        return
    try:
        msgspec.convert(value, typ)
    except msgspec.ValidationError:
        errors.append(_wrong(path, typ, value))


def _walk_struct(value: Any, typ: type[msgspec.Struct], path: str, errors: Errors) -> None:
    if not isinstance(value, dict):
        errors.append(FieldError(path, f"expected a table, got {show(value)}"))
        return
    from .suggest import did_you_mean, nearest

    fields = {f.encode_name: f for f in msgspec.structs.fields(typ)}
    unknown = [key for key in value if key not in fields]
    absent = [name for name in fields if name not in value]
    for key in unknown:
        known = ", ".join(fields)
        errors.append(
            FieldError(
                _join(path, key),
                f"unknown field (known fields: {known})",
                Code.UNKNOWN_FIELD,
                did_you_mean(key, absent),
            )
        )
    for name, info in fields.items():
        if name in value:
            _walk(value[name], info.type, _join(path, name), errors)
        elif info.required:
            misspelt = nearest(name, unknown)
            hint = f'is "{misspelt}" a misspelling of it?' if misspelt else None
            errors.append(
                FieldError(_join(path, name), "missing required field", Code.MISSING_FIELD, hint)
            )


def _walk_union(value: Any, typ: Any, path: str, errors: Errors) -> None:
    options = [arg for arg in get_args(typ) if arg is not type(None)]
    for option in options:  # accepted by any branch: fine.
        try:
            msgspec.convert(value, option)
            return
        except msgspec.ValidationError:
            continue
    # Descend into the branch of the same shape, so the message points inside it.
    for option in options:
        if _same_shape(value, option):
            _walk(value, option, path, errors)
            return
    errors.append(_wrong(path, typ, value))


def _same_shape(value: Any, typ: Any) -> bool:
    base = get_args(typ)[0] if get_origin(typ) is typing.Annotated else typ
    if isinstance(base, type) and issubclass(base, msgspec.Struct):
        return isinstance(value, dict)
    return get_origin(base) is list and isinstance(value, list)


def describe(typ: Any) -> str:
    """Say in words what a type accepts: 'an integer or "not stated"'."""
    origin = get_origin(typ)
    if origin is typing.Annotated:
        base, *metas = get_args(typ)
        for meta in metas:
            if isinstance(meta, msgspec.Meta) and meta.description:
                return meta.description
        return describe(base)
    if origin in (Union, types.UnionType):
        return " or ".join(describe(a) for a in get_args(typ) if a is not type(None))
    if origin is Literal:
        values = [f'"{a}"' if isinstance(a, str) else str(a).lower() for a in get_args(typ)]
        return values[0] if len(values) == 1 else "one of " + ", ".join(values)
    if origin is list:
        return f"an array of {_plural(describe(get_args(typ)[0]))}"
    if isinstance(typ, type) and issubclass(typ, msgspec.Struct):
        return f"a {typ.__name__} table"
    return _PLAIN_NAMES.get(typ, getattr(typ, "__name__", str(typ)))


def _plural(words: str) -> str:
    for single, many in (("an integer", "integers"), ("a string", "strings")):
        if words == single:
            return many
    return words.removeprefix("one of ").join(("(", ")")) if words.startswith("one of") else words


def show(value: Any) -> str:
    """Name what was found, briefly and safely (no raw control characters)."""
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return "string " + ascii(text) if not text.isprintable() else f'string "{text}"'
    if isinstance(value, int):
        return f"integer {value}"
    if isinstance(value, float):
        return f"number {value}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
