"""One ``__repr__``, ``__eq__`` and ``__hash__`` for every attrs class, so that attrs need
not compile them for each class.

attrs writes each class's methods as Python source and compiles that source when the class
is made. measurekit has about 140 attrs classes, and a command makes most of them as it
starts: compiling their methods was about a tenth of a small build's work, and the repr,
the equality and the hash were two thirds of that compiling. Functions that read the
class's fields when called do the same work for every class; only the classes whose
equality is hot (a month keys every tally) or ordered keep attrs' own.

Put the decorator *below* the attrs decorator, so that it runs first::

    @attrs.frozen
    @shared_methods
    class Figure: ...

attrs then finds the methods in the class's own body (its ``auto_detect``, on by default
in ``attrs.define`` and ``attrs.frozen``) and writes none of them.

- :func:`shared_methods` gives the repr, equality and hash, for a *frozen* class (a
  class whose instances can change must not hash by value). Equal means of the same class
  with equal fields, fields marked ``eq=False`` left out and a field's ``eq_key`` applied;
  the hash is over the fields attrs would hash (``hash=False`` left out), so equal
  objects hash alike, as attrs' own methods do.
- :func:`shared_repr` gives the repr only, for a class that orders its instances or
  caches its hash (attrs writes those with its equality).

The repr reads as attrs' own: ``Figure(measure='homicide', value=3, ...)``, fields marked
``repr=False`` left out, a field's own repr callable used, and ``...`` for an object met
again inside itself.
"""

from __future__ import annotations

import operator
import reprlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

if TYPE_CHECKING:
    from attrs import Attribute, AttrsInstance

C = TypeVar("C", bound=type)

#: How to read what an instance is compared by and hashed by, for each class (made the
#: first time the class is compared or hashed, once attrs has made it).
_READERS: dict[type, tuple[Callable[[Any], tuple[Any, ...]], Callable[[Any], tuple[Any, ...]]]]
_READERS = {}


def shared_repr(cls: C) -> C:
    """Give ``cls`` (a class about to be made an attrs class) the shared repr; a class
    with a ``__repr__`` of its own is refused, since this would silently replace it."""
    _refuse_own(cls, ("__repr__",))
    setattr(cls, "__repr__", _repr)  # noqa: B010 - mypy forbids assigning to a method
    return cls


def shared_methods(cls: C) -> C:
    """Give ``cls`` (a class about to be made a frozen attrs class) the shared repr,
    equality and hash; a class with any of them of its own is refused."""
    _refuse_own(cls, ("__repr__", "__eq__", "__hash__"))
    setattr(cls, "__repr__", _repr)  # noqa: B010
    setattr(cls, "__eq__", _eq)  # noqa: B010
    setattr(cls, "__hash__", _hash)  # noqa: B010
    return cls


def _refuse_own(cls: type, names: Sequence[str]) -> None:
    for name in names:
        if name in vars(cls):
            raise TypeError(f"{cls.__qualname__} has a {name} of its own; it would be replaced")


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


def _eq(self: AttrsInstance, other: object) -> object:
    """Whether ``other`` is of ``self``'s class and its compared fields are equal."""
    if other.__class__ is not self.__class__:
        return NotImplemented
    compared = _readers(self.__class__)[0]
    equal: bool = compared(self) == compared(other)
    return equal


def _hash(self: AttrsInstance) -> int:
    """A hash of ``self``'s class and its hashed fields."""
    return hash((self.__class__, _readers(self.__class__)[1](self)))


def _readers(
    cls: type,
) -> tuple[Callable[[Any], tuple[Any, ...]], Callable[[Any], tuple[Any, ...]]]:
    """How to read the fields ``cls`` compares and the fields it hashes, as attrs picks
    them (a field is hashed when ``hash=True``, or when it is compared and ``hash`` is
    not given)."""
    readers = _READERS.get(cls)
    if readers is None:
        fields = attrs.fields(cls)
        compared = [field for field in fields if field.eq]
        hashed = [
            field for field in fields if field.hash is True or (field.hash is None and field.eq)
        ]
        readers = _READERS[cls] = (_reader(compared), _reader(hashed))
    return readers


def _reader(fields: Sequence[Attribute[Any]]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving an instance's values of ``fields`` as a tuple, each through its
    ``eq_key`` where it has one."""
    names = [field.name for field in fields]
    keys = [getattr(field, "eq_key", None) for field in fields]  # (not in attrs' stubs)
    if any(keys):
        return lambda instance: tuple(
            key(getattr(instance, name)) if key else getattr(instance, name)
            for name, key in zip(names, keys, strict=True)
        )
    if len(names) > 1:
        return operator.attrgetter(*names)  # a tuple, read in C
    if names:
        read = operator.attrgetter(names[0])
        return lambda instance: (read(instance),)
    return lambda instance: ()
