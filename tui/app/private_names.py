"""The private names of the frameworks hustings reaches into, each described with the shape it
is used in, so that a check can tell when one has gone or changed.

Public routes come first. What has none lives in one module per framework: textual_private.py
and rich_private.py here, serve/fork/asyncio_private.py and serve/fork/cpython_private.py for the
live fork. Each lists its names once, as `PrivateName`s, and nothing else in the package touches
a private framework name (tests/test_framework_fence.py reads the source to make sure). The same
lists are checked by tests/test_framework_canary.py, which fails naming the name, and by the
session template before it forks (`LiveApp.check_forkable`).

Plain data and `inspect`: importing this costs nothing, and it imports no framework.
"""

from __future__ import annotations

import dis
import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Method:
    """A function on the owner class whose parameters start with these names."""

    params: tuple[str, ...] = ("self",)


@dataclass(frozen=True)
class Attribute:
    """An attribute of the owner's instances: on a live instance, of one of these types
    ("module:Class", or a builtin's name; none: any); without one, assigned in a method of a
    class the owner inherits from (`self.name = ...`)."""

    types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Class:
    """A class in the owner module, made with parameters starting with these names and
    having these methods."""

    params: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    """Something that is not a name (a memory layout): `check()` says what is wrong, or None."""

    check: Callable[[], str | None] = field(compare=False)


Shape = Method | Attribute | Class | Check


@dataclass(frozen=True)
class PrivateName:
    owner: str  # "module:Class" for a class's name, "module" for a module's
    name: str  # the name itself: "_driver", "XTermParser"
    shape: Shape
    why: str  # why hustings needs it, and which public route was tried

    @property
    def touched(self) -> str:
        """The private identifier code touches to use it: the name, or (for a public name in
        a private module) the module."""
        if self.name.startswith("_"):
            return self.name
        return self.owner.partition(":")[0]

    def __str__(self) -> str:
        return f"{self.owner.replace(':', '.')}.{self.name}"


def resolve(owner: str) -> object:
    """The module or class `owner` names."""
    module_name, _, qualname = owner.partition(":")
    found: object = importlib.import_module(module_name)
    for part in filter(None, qualname.split(".")):
        found = getattr(found, part)
    return found


def problem(private: PrivateName, live: Iterable[object] = ()) -> str | None:
    """What is wrong with `private` (None: it is there, in its shape). `live` objects are
    looked at for instance attributes (the first that is an instance of the owner)."""
    try:
        owner = resolve(private.owner)
    except (ImportError, AttributeError) as exc:
        return f"{private}: its owner {private.owner} is gone ({exc})"
    shape = private.shape
    if isinstance(shape, Check):
        found = shape.check()
        return None if found is None else f"{private}: {found}"
    if isinstance(shape, Attribute):
        assert isinstance(owner, type)
        instance = next((obj for obj in live if isinstance(obj, owner)), None)
        return _attribute_problem(private, owner, shape, instance)
    value = getattr(owner, private.name, None)
    if value is None:
        return f"{private}: gone"
    if isinstance(shape, Method):
        return _params_problem(private, value, shape.params)
    if not isinstance(value, type):
        return f"{private}: not a class but {type(value).__name__}"
    missing = [name for name in shape.methods if not callable(getattr(value, name, None))]
    if missing:
        return f"{private}: no method {', '.join(missing)}"
    return _params_problem(private, value, shape.params)


def problems(names: Iterable[PrivateName], live: Iterable[object] = ()) -> list[str]:
    """Every problem with `names`, one line each."""
    objects = tuple(live)
    return [found for private in names if (found := problem(private, objects)) is not None]


def _params_problem(private: PrivateName, function: object, params: tuple[str, ...]) -> str | None:
    if not callable(function):
        return f"{private}: not callable"
    try:
        have = tuple(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return f"{private}: its parameters cannot be read"
    if have[: len(params)] != params:
        return f"{private}: parameters {have}, expected {params} first"
    return None


def _attribute_problem(private: PrivateName, owner: type, shape: Attribute,
                       instance: object | None) -> str | None:  # fmt: skip
    if instance is None:
        if private.name in vars(owner) or _assigned(owner, private.name):
            return None
        return f"{private}: no longer assigned by {owner.__name__} or its bases"
    if not hasattr(instance, private.name):
        return f"{private}: gone"
    if not shape.types:
        return None
    value = getattr(instance, private.name)
    types = tuple(_type(name) for name in shape.types)
    if isinstance(value, types):
        return None
    return f"{private}: a {type(value).__name__}, expected {' or '.join(shape.types)}"


def _type(name: str) -> type:
    if ":" not in name:
        builtin = {"None": type(None), "bool": bool, "int": int, "dict": dict, "set": set}
        return builtin[name]
    found = resolve(name)
    assert isinstance(found, type)
    return found


def _assigned(owner: type, name: str) -> bool:
    """Whether a class `owner` inherits from assigns `self.<name>` in one of its methods (read
    from their bytecode: no source is read, so the session template keeps no copy of it)."""
    for cls in owner.__mro__:
        for value in vars(cls).values():
            function = getattr(value, "__func__", value)
            code = getattr(function, "__code__", None)
            if code is None or name not in code.co_names:
                continue
            if any(op.opname == "STORE_ATTR" and op.argval == name
                   for op in dis.get_instructions(code)):  # fmt: skip
                return True
    return False
