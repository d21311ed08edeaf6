"""The shared attrs repr reads exactly as the one attrs would compile for the class."""

from __future__ import annotations

import attrs
import pytest

from measurekit import fields_repr as shared_repr
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
    assert shared.__repr__ is shared_repr._repr  # attrs compiled none for it
    assert attrs_own.__repr__ is not shared_repr._repr
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


def test_every_attrs_class_of_measurekit_and_its_plugins_uses_the_shared_repr() -> None:
    """A class that lost ``@fields_repr`` would bring back a repr compiled on every run."""
    import importlib
    import pkgutil

    import measurekit

    names = [module.name for module in pkgutil.walk_packages(measurekit.__path__, "measurekit.")]
    names += [
        module.name for module in pkgutil.iter_modules() if module.name.startswith("measurekit_")
    ]
    checked = []
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:  # an optional library this environment lacks
            continue
        for value in vars(module).values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == name:
                if value.__name__ == "Database":  # a repr of its own: it hides a password
                    continue
                checked.append(value)
                assert value.__repr__ is shared_repr._repr, value.__qualname__
    assert len(checked) > 100
