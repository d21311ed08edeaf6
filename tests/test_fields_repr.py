"""The shared attrs repr reads exactly as the one attrs would compile for the class."""

from __future__ import annotations

import attrs
import pytest

from measurekit.fields_repr import fields_repr
from measurekit.model.periods import Month, Window
from measurekit.model.statement import Figure, Indicator, Role, Unit


def _twins() -> tuple[type, type]:
    """The same class twice, made by attrs with its own repr and with the shared one."""

    def make(shared: bool) -> type:
        class Point:
            x: int
            label: str = "origin"
            secret: str = attrs.field(default="hidden", repr=False)
            tags: tuple[str, ...] = attrs.field(default=(), repr=lambda value: f"<{len(value)}>")
            later: int = attrs.field(init=False, default=0)

        return attrs.frozen(fields_repr(Point) if shared else Point)

    return make(shared=False), make(shared=True)


def test_the_repr_is_the_one_attrs_would_write() -> None:
    attrs_own, shared = _twins()
    assert shared.__repr__ is not attrs_own.__repr__  # attrs compiled no repr for it
    for arguments in [(1,), (2, "corner", "x", ("a", "b"))]:
        assert repr(shared(*arguments)) == repr(attrs_own(*arguments))
    # Worked out by hand: secret is left out, tags shown by its own callable.
    assert repr(shared(2, "corner", "x", ("a", "b"))) == (
        "Point(x=2, label='corner', tags=<2>, later=0)"
    )


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

    @attrs.frozen
    @fields_repr
    class Base:
        a: int

    @attrs.frozen
    class Derived(Base):
        b: int

    assert repr(Derived(1, 2)) == "Derived(a=1, b=2)"


def test_an_object_inside_itself_is_shown_as_dots() -> None:
    @attrs.define
    @fields_repr
    class Node:
        children: list[object]

    node = Node([])
    node.children.append(node)
    assert repr(node) == "Node(children=[...])"


def test_a_class_with_its_own_repr_is_refused() -> None:
    class Own:
        def __repr__(self) -> str:
            return "mine"

    with pytest.raises(TypeError, match="Own has a __repr__ of its own"):
        fields_repr(Own)
