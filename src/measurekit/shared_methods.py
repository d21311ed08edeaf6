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

- :func:`shared_methods` gives the repr, equality and hash. Equal means of the same
  class with each compared field equal (``==`` field by field, fields marked
  ``eq=False`` left out, a field's ``eq_key`` applied); the hash is over the fields
  attrs would hash (``hash=False`` left out), so equal objects hash alike. Hashing an
  instance of a class that is not frozen raises :class:`TypeError`, since it could
  change. All as attrs' own methods behave, but that the hash values differ, that
  attrs sets such a class's ``__hash__`` to None where this one raises, that every
  compared field is read before any is compared (attrs stops at the first that
  differs), and that the decorator gives value equality whatever ``eq=`` the attrs
  decorator is given: leave it off a class that should compare by identity.
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

#: The class attribute holding a class's :class:`_Readers` (made the first time one of its
#: instances is compared or hashed, once attrs has made the class).
_READERS = "__measurekit_readers__"


def shared_repr(cls: C) -> C:
    """Give ``cls`` (a class about to be made an attrs class) the shared repr; a class
    with a ``__repr__`` of its own is refused, since this would silently replace it."""
    _refuse_own(cls, ("__repr__",))
    setattr(cls, "__repr__", _repr)  # noqa: B010 - mypy forbids assigning to a method
    return cls


def shared_methods(cls: C) -> C:
    """Give ``cls`` (a class about to be made an attrs class, frozen to be hashable) the
    shared repr, equality and hash; a class with any of them of its own is refused."""
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
    """Whether ``other`` is of ``self``'s class and each compared field of the two is
    equal (``==`` field by field, as attrs compares them: NaN is not equal to itself)."""
    if other.__class__ is not self.__class__:
        return NotImplemented
    compared = _readers(self.__class__).compared
    return all(map(operator.eq, compared(self), compared(other)))


def _hash(self: AttrsInstance) -> int:
    """A hash of ``self``'s class and its hashed fields; an unhashable type's error for a
    class that is not frozen (its instances could change), as attrs makes such a class."""
    hashed = _readers(self.__class__).hashed
    if hashed is None:
        raise TypeError(f"unhashable type: {type(self).__name__!r}")
    return hash((self.__class__, hashed(self)))


class _Readers:
    """How to read the values of the fields a class compares and those it hashes (None
    when the class is not frozen)."""

    __slots__ = ("compared", "hashed")

    def __init__(
        self,
        compared: Callable[[Any], tuple[Any, ...]],
        hashed: Callable[[Any], tuple[Any, ...]] | None,
    ) -> None:
        self.compared = compared
        self.hashed = hashed


def _readers(cls: type) -> _Readers:
    """``cls``'s :class:`_Readers`, made once and kept on the class itself (so a class
    made and dropped at run time is freed with them). The fields are those attrs picks:
    a field is hashed when ``hash=True``, or when it is compared and ``hash`` is not
    given."""
    readers: _Readers | None = cls.__dict__.get(_READERS)
    if readers is None:
        fields = attrs.fields(cls)
        compared = [field for field in fields if field.eq]
        hashed = [
            field for field in fields if field.hash is True or (field.hash is None and field.eq)
        ]
        readers = _Readers(_reader(compared), _reader(hashed) if _is_frozen(cls) else None)
        type.__setattr__(cls, _READERS, readers)
    return readers


def _is_frozen(cls: type) -> bool:
    """Whether attrs made ``cls`` frozen."""
    properties = getattr(cls, "__attrs_props__", None)  # attrs 25.4 and later
    if properties is not None:
        return bool(properties.is_frozen)
    from attr import _make  # before 25.4, only attrs' own setattr tells

    return getattr(cls, "__setattr__", None) is getattr(_make, "_frozen_setattrs", object())


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
