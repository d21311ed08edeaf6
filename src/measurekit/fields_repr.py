"""One ``__repr__`` for every attrs class, so that attrs need not compile one per class.

attrs writes each class's methods as Python source and compiles that source when the class
is made. measurekit has about 140 attrs classes, and a command makes most of them as it
starts: compiling their methods is about a tenth of a small build's work, and the
``__repr__`` is two fifths of that compiling (the recursion guard and the f-string attrs
writes for each class). A repr is only ever read by a person debugging, so one shared
function that reads the fields at call time costs nothing that matters.

Put ``@fields_repr`` *below* the attrs decorator, so that it runs first::

    @attrs.frozen
    @fields_repr
    class Figure: ...

attrs then finds a ``__repr__`` of the class's own (its ``auto_detect``, on by default in
``attrs.define`` and ``attrs.frozen``) and writes none. The text is what attrs' own repr
gives: ``Figure(measure='homicide', value=3, ...)``, fields marked ``repr=False`` left out,
a field's own repr callable used, and ``...`` for an object met again inside itself.
"""

from __future__ import annotations

import reprlib
from typing import TYPE_CHECKING, TypeVar

import attrs

if TYPE_CHECKING:
    from attrs import AttrsInstance

C = TypeVar("C", bound=type)


def fields_repr(cls: C) -> C:
    """Give ``cls`` (a class about to be made an attrs class) the shared repr; a class
    with a ``__repr__`` of its own is refused, since this would silently replace it."""
    if "__repr__" in vars(cls):
        raise TypeError(f"{cls.__qualname__} has a __repr__ of its own; leave out @fields_repr")
    setattr(cls, "__repr__", _repr)  # noqa: B010 - mypy forbids assigning to a method
    return cls


@reprlib.recursive_repr()
def _repr(self: AttrsInstance) -> str:
    """``ClassName(field=value, ...)`` over the attrs fields of ``self``'s class."""
    shown = []
    for field in attrs.fields(type(self)):
        if field.repr is False:
            continue
        # As attrs: a field set by __init__ must be there; another may not be yet.
        value = (
            getattr(self, field.name) if field.init else getattr(self, field.name, attrs.NOTHING)
        )
        text = repr(value) if field.repr is True else field.repr(value)
        shown.append(f"{field.name}={text}")
    name = type(self).__qualname__.rsplit(">.", 1)[-1]
    return f"{name}({', '.join(shown)})"
