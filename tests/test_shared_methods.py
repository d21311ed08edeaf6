"""The shared attrs methods behave exactly as the ones attrs would compile for the class:
the same repr text, the same equality, and equal objects hashing alike."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import attrs
import pytest

import measurekit
from measurekit import shared_methods as shared
from measurekit.model.periods import Month, Window
from measurekit.model.statement import Figure, Indicator, Role, Unit
from measurekit.shared_methods import shared_methods, shared_repr


def _twins() -> tuple[type, type]:
    """The same frozen class twice, made by attrs with its own methods and with the shared
    ones: a field left out of the repr, one shown by its own callable, one not set by
    ``__init__``, one left out of equality, one compared through a key, one not hashed."""

    def make(share: bool) -> type:
        class Point:
            x: int
            label: str = "origin"
            secret: str = attrs.field(default="hidden", repr=False)
            tags: tuple[str, ...] = attrs.field(default=(), repr=lambda value: f"<{len(value)}>")
            later: int = attrs.field(init=False, default=0)
            note: str = attrs.field(default="", eq=False)
            name: str = attrs.field(default="a", eq=str.lower)
            extra: frozenset[str] = attrs.field(default=frozenset(), hash=False)

        return attrs.frozen(shared_methods(Point) if share else Point)

    return make(share=False), make(share=True)


def test_attrs_compiles_none_of_the_shared_methods() -> None:
    attrs_own, own_less = _twins()
    for name, function in [("__repr__", shared._repr), ("__eq__", shared._eq)]:
        assert getattr(own_less, name) is function
        assert getattr(attrs_own, name) is not function
    assert own_less.__hash__ is shared._hash


def test_the_repr_is_the_one_attrs_would_write() -> None:
    attrs_own, own_less = _twins()
    for arguments in [(1,), (2, "corner", "x", ("a", "b"))]:
        assert repr(own_less(*arguments)) == repr(attrs_own(*arguments))
    # Worked out by hand: secret is left out, tags shown by its own callable.
    assert repr(own_less(2, "corner", "x", ("a", "b"))) == (
        "Point(x=2, label='corner', tags=<2>, later=0, note='', name='a', extra=frozenset())"
    )


#: Pairs of argument lists, and whether their objects are equal, worked out by hand from
#: the fields' settings: ``secret`` is compared (only hidden from the repr), ``note`` is
#: not, ``name`` is compared without case, ``extra`` is compared but not hashed.
PAIRS: list[tuple[tuple[Any, ...], tuple[Any, ...], bool]] = [
    ((1,), (1,), True),
    ((1,), (2,), False),
    ((1, "a"), (1, "b"), False),
    ((1, "a", "s"), (1, "a", "t"), False),
    ((1, "a", "s", (), "one note"), (1, "a", "s", (), "another"), True),
    ((1, "a", "s", (), "", "Name"), (1, "a", "s", (), "", "NAME"), True),
    ((1, "a", "s", (), "", "a", frozenset("x")), (1, "a", "s", (), "", "a", frozenset()), False),
]


@pytest.mark.parametrize(("first", "second", "equal"), PAIRS)
def test_equality_and_hash_are_the_ones_attrs_would_write(
    first: tuple[Any, ...], second: tuple[Any, ...], equal: bool
) -> None:
    for cls in _twins():
        a, b = cls(*first), cls(*second)
        assert (a == b) is equal
        assert (a != b) is not equal
        if equal:
            assert hash(a) == hash(b)
        assert hash(a) == hash(cls(*first))


def test_a_field_left_out_of_the_hash_does_not_change_it() -> None:
    for cls in _twins():
        a = cls(1, "a", "s", (), "", "a", frozenset("x"))
        b = cls(1, "a", "s", (), "", "a", frozenset())
        assert a != b
        assert hash(a) == hash(b)


def test_fields_are_compared_with_equals_as_attrs_compares_them() -> None:
    """attrs compares field by field with ``==``, so a field holding NaN (which is not
    equal to itself) makes an object unequal even to itself."""
    nan = float("nan")
    for cls in _twins():
        point = cls(nan)
        assert point != point
        assert cls(1.0) == cls(1.0)


def test_a_class_that_is_not_frozen_compares_by_value_and_is_unhashable() -> None:
    def make(share: bool) -> type:
        class Box:
            x: int

        return attrs.define(shared_methods(Box) if share else Box)

    for cls in (make(share=False), make(share=True)):
        assert cls(1) == cls(1)
        assert cls(1) != cls(2)
        with pytest.raises(TypeError, match="unhashable type: 'Box'"):
            hash(cls(1))


def test_a_class_made_at_run_time_is_freed_with_what_it_keeps() -> None:
    """What a class is compared by is kept on the class itself, not in a table that
    would keep every class alive."""
    import gc
    import weakref

    @attrs.frozen
    @shared_methods
    class Passing:
        x: int

    assert Passing(1) == Passing(1)
    assert hash(Passing(1)) == hash(Passing(1))
    gone = weakref.ref(Passing)
    del Passing
    gc.collect()
    assert gone() is None


def test_objects_of_other_classes_are_never_equal() -> None:
    attrs_own, own_less = _twins()
    assert own_less(1) != attrs_own(1)
    assert attrs_own(1) != own_less(1)
    assert own_less(1) != (1, "origin")
    assert own_less(1).__eq__(object()) is NotImplemented

    @attrs.frozen
    @shared_methods
    class Other:
        x: int
        label: str = "origin"

    assert own_less(1) != Other(1)


def test_a_class_with_one_field_or_none() -> None:
    @attrs.frozen
    @shared_methods
    class One:
        x: int

    @attrs.frozen
    @shared_methods
    class Empty:
        pass

    assert One(1) == One(1)
    assert One(1) != One(2)
    assert {One(1), One(1), One(2)} == {One(1), One(2)}
    assert Empty() == Empty()
    assert hash(Empty()) == hash(Empty())


def test_nested_values_and_subclasses() -> None:
    month = Month(2023, 6)
    assert repr(month) == "Month(year=2023, month=6)"
    figure = Figure(
        "homicide",
        Indicator("offences", "Homicide offences", "offence", "offences"),
        Role.CURRENT,
        Window(month, month),
        Unit.COUNT,
        3,
    )
    text = repr(figure)
    assert text.startswith(
        "Figure(measure='homicide', indicator=Indicator(id='offences', label='Homicide "
        "offences', noun='offence', plural='offences', definition=None), "
        "role=<Role.CURRENT: 'current'>, "
    )
    assert "window=Window(start=Month(year=2023, month=6), end=Month(year=2023, month=6))" in text
    assert text.endswith("note=None, lookups=())")
    assert figure == attrs.evolve(figure)
    assert figure != attrs.evolve(figure, value=4)

    @attrs.frozen
    @shared_methods
    class Base:
        a: int

    @attrs.frozen
    class Derived(Base):
        b: int

    assert repr(Derived(1, 2)) == "Derived(a=1, b=2)"
    assert Derived(1, 2) == Derived(1, 2)
    assert Derived(1, 2) != Derived(1, 3)


def test_an_object_inside_itself_is_shown_as_dots() -> None:
    @attrs.define
    @shared_repr
    class Node:
        children: list[object]

    node = Node([])
    node.children.append(node)
    assert repr(node) == "Node(children=[...])"


@pytest.mark.parametrize("name", ["__repr__", "__eq__", "__hash__"])
def test_a_class_with_a_method_of_its_own_is_refused(name: str) -> None:
    own = type("Own", (), {name: lambda self, *other: 0})
    with pytest.raises(TypeError, match=f"Own has a {name} of its own"):
        shared_methods(own)


def _attrs_classes() -> list[type]:
    """Every attrs class measurekit and its built-in plugins define."""
    names = [module.name for module in pkgutil.walk_packages(measurekit.__path__, "measurekit.")]
    for plugin in pkgutil.iter_modules():
        if plugin.name.startswith("measurekit_"):
            names.append(plugin.name)
            package = importlib.import_module(plugin.name)
            names += [
                module.name
                for module in pkgutil.walk_packages(
                    getattr(package, "__path__", []), f"{plugin.name}."
                )
            ]
    found = []
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:  # an optional library this environment lacks
            continue
        for value in vars(module).values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == name:
                found.append(value)
    return found


#: The classes attrs writes the equality and hash for: months key every tally (a cached
#: hash), and the periods order themselves.
ATTRS_EQUALITY = {"Month", "FinancialYear", "FinancialQuarter", "Window"}


def test_every_attrs_class_of_measurekit_and_its_plugins_shares_its_methods() -> None:
    """A class that lost the decorator would bring back methods compiled on every run; a
    class with the shared hash must be frozen (an instance that changes cannot hash by
    its value)."""
    classes = _attrs_classes()
    assert len(classes) > 140
    assert {"measurekit_police_uk.folder", "measurekit_ons_pfa.tables"} <= {
        cls.__module__ for cls in classes
    }
    for cls in classes:
        if cls.__name__ == "Database":  # a repr of its own: it hides a password
            continue
        assert cls.__repr__ is shared._repr, cls.__qualname__
        if cls.__name__ in ATTRS_EQUALITY:
            assert cls.__eq__ is not shared._eq, cls.__qualname__
            continue
        assert cls.__eq__ is shared._eq, cls.__qualname__
        assert cls.__hash__ is shared._hash, cls.__qualname__
        assert shared._is_frozen(cls), cls.__qualname__
