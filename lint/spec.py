"""Rule parameters declared as pydantic models, built as pydantic models only to validate.

A check type's ``Params`` (and the models of its data files) are written
exactly as pydantic models, with this module's ``BaseModel``, ``Field``,
``ConfigDict``, ``field_validator`` and ``model_validator`` in place of
pydantic's. Importing them costs nothing: pydantic is imported, and the
real pydantic model built from the declaration, only when something is
validated (a rule file that is new or changed, ``Params(...)`` called in
code) or its ``model_fields`` are asked for. A validated spec is a light
frozen object of the declared class (attributes as declared, nested models
as their declared classes, pydantic's values otherwise), never a pydantic
instance, so a rule validated now and a rule read back from the rule cache
(``to_plain``/``from_plain``) are the same kind of object and compile the
same way. ``model_construct``, ``model_copy`` and ``model_dump`` behave as
pydantic's do on such objects.

Plain form (the rule cache's, JSON-safe): scalars and lists as they are;
a dict as ``{"$o": {key: value}}`` (string keys) or ``{"$d": [[key,
value], ...]}``, a tuple ``{"$t": [...]}``, a set
``{"$set": [...]}``, a frozenset ``{"$fs": [...]}``, a date ``{"$date":
"YYYY-MM-DD"}``, a model ``{"$m": "module.Class", "f": {field: value}}``
(only classes declared with this module: nothing else is ever built from
a cache). Any other value is ``Unplain``: such a rule is not cached.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any, ClassVar

_MISSING = object()
_CLASSES: dict[str, type[BaseModel]] = {}  # "module.Qualname" -> declared class (from_plain)


class Unplain(TypeError):
    """A value with no plain form."""


class _FieldInfo:
    __slots__ = ("args", "kwargs")

    def __init__(self, args: tuple[Any, ...], kwargs: dict[str, Any]):
        self.args, self.kwargs = args, kwargs

    def default(self) -> Any:
        if "default_factory" in self.kwargs:
            return self.kwargs["default_factory"]()
        if self.args and self.args[0] is not ...:
            return self.args[0]
        return self.kwargs.get("default", _MISSING)


def Field(*args: Any, **kwargs: Any) -> Any:
    """pydantic's ``Field``, recorded for when the model is built."""
    return _FieldInfo(args, kwargs)


class _Validator:
    __slots__ = ("args", "func", "kind", "kwargs")

    def __init__(self, kind: str, args: tuple[Any, ...], kwargs: dict[str, Any], func: Any):
        self.kind, self.args, self.kwargs, self.func = kind, args, kwargs, func


def field_validator(*fields: str, **kwargs: Any) -> Any:
    """pydantic's ``field_validator``, recorded for when the model is built."""
    return lambda func: _Validator("field", fields, kwargs, func)


def model_validator(**kwargs: Any) -> Any:
    """pydantic's ``model_validator``, recorded for when the model is built."""
    return lambda func: _Validator("model", (), kwargs, func)


ConfigDict = dict


class _Meta(type):
    @property
    def model_fields(cls) -> dict[str, Any]:
        """The built pydantic model's fields (builds it)."""
        return cls._pydantic().model_fields  # type: ignore[attr-defined]


class BaseModel(metaclass=_Meta):
    """A declared model: see the module docstring."""

    model_config: ClassVar[dict[str, Any]] = {}
    _fields: ClassVar[dict[str, Any]] = {}  # name -> default (_FieldInfo, value or _MISSING), in order
    _own: ClassVar[dict[str, Any]] = {}  # the annotations this class declares (strings)
    _validators: ClassVar[dict[str, _Validator]] = {}
    _built: ClassVar[Any] = None

    def __init_subclass__(cls, **kwargs: Any):
        super().__init_subclass__(**kwargs)
        own = {k: v for k, v in cls.__dict__.get("__annotations__", {}).items() if not str(v).startswith("ClassVar")}  # noqa: RUF063 - inspect costs an import
        fields: dict[str, Any] = {}
        for base in reversed(cls.__mro__[1:]):
            fields.update(base.__dict__.get("_fields", {}))
        validators = {k: v for k, v in cls.__dict__.items() if isinstance(v, _Validator)}
        for name in validators:
            delattr(cls, name)
        for name in own:
            fields[name] = cls.__dict__.get(name, _MISSING)
            if name in cls.__dict__:
                delattr(cls, name)  # instances hold every field
        cls._fields, cls._own, cls._validators, cls._built = fields, own, validators, None
        _CLASSES[f"{cls.__module__}.{cls.__qualname__}"] = cls

    # -- pydantic, when validating -------------------------------------------

    @classmethod
    def _pydantic(cls) -> Any:
        built = cls.__dict__.get("_built")
        if built is not None:
            return built
        import pydantic

        parent = next((b for b in cls.__bases__ if issubclass(b, BaseModel)), BaseModel)
        pbase = pydantic.BaseModel if parent is BaseModel else parent._pydantic()
        module = sys.modules[cls.__module__].__dict__
        models = _Models(module)  # the declared models named in annotations: their pydantic models
        namespace: dict[str, Any] = {
            "__module__": cls.__module__,
            "__qualname__": cls.__qualname__,
            "__annotations__": {k: eval(v, module, models) if isinstance(v, str) else v for k, v in cls._own.items()},
        }
        if "model_config" in cls.__dict__:
            namespace["model_config"] = pydantic.ConfigDict(**cls.__dict__["model_config"])
        for name in cls._own:
            default = cls._fields[name]
            if isinstance(default, _FieldInfo):
                namespace[name] = pydantic.Field(*default.args, **default.kwargs)
            elif default is not _MISSING:
                namespace[name] = default
        for name, v in cls._validators.items():
            maker = pydantic.field_validator(*v.args, **v.kwargs) if v.kind == "field" else pydantic.model_validator(**v.kwargs)
            namespace[name] = maker(v.func)
        meta: Any = type(pbase)  # pydantic's model metaclass: the model as if it were declared
        built = meta(cls.__name__, (pbase,), namespace)
        built._declared = cls
        type.__setattr__(cls, "_built", built)
        return built

    @classmethod
    def model_validate(cls, data: Any) -> Any:
        """Validate ``data`` with the pydantic model; the result as a declared object."""
        return _light(cls._pydantic().model_validate(_undeclared(data)))

    def __init__(self, **data: Any):
        """Validated, as pydantic's constructor is."""
        done = type(self).model_validate(data)
        object.__setattr__(self, "__dict__", done.__dict__)

    # -- the declared object -------------------------------------------------

    @classmethod
    def model_construct(cls, **values: Any) -> Any:
        """An object with these values and the defaults, not validated (pydantic's ``model_construct``)."""
        obj = object.__new__(cls)
        d = obj.__dict__
        for name, default in cls._fields.items():
            if name in values:
                d[name] = values[name]
            else:
                value = default.default() if isinstance(default, _FieldInfo) else default
                if value is _MISSING:
                    raise TypeError(f"{cls.__name__}: {name} is required")
                d[name] = value
        return obj

    def model_copy(self, update: dict[str, Any] | None = None) -> Any:
        obj = object.__new__(type(self))
        obj.__dict__.update(self.__dict__)
        if update:
            obj.__dict__.update(update)
        return obj

    def model_dump(self, *, include: set[str] | None = None, by_alias: bool = False, exclude_none: bool = False) -> dict[str, Any]:
        aliases = {}
        if by_alias:
            aliases = {n: d.kwargs["alias"] for n, d in type(self)._fields.items() if isinstance(d, _FieldInfo) and "alias" in d.kwargs}
        out = {}
        for name, value in self.__dict__.items():
            if (include is not None and name not in include) or (exclude_none and value is None):
                continue
            out[aliases.get(name, name)] = _dump(value, by_alias, exclude_none)
        return out

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((type(self), tuple(_hashable(v) for v in self.__dict__.values())))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    def __reduce__(self) -> Any:  # picklable (worker processes): by its values, never validated again
        return (_construct, (type(self), self.__dict__))


class _Models(dict[str, Any]):
    """Names in a module's annotations: a declared model stands for its pydantic model."""

    def __init__(self, module: dict[str, Any]):
        super().__init__()
        self.module = module

    def __missing__(self, name: str) -> Any:
        value = self.module.get(name)
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
            return value._pydantic()
        raise KeyError(name)  # not a model: looked up in the module, then the builtins


def _construct(cls: type[BaseModel], values: dict[str, Any]) -> Any:
    obj = object.__new__(cls)
    obj.__dict__.update(values)
    return obj


def _hashable(v: Any) -> Any:
    if isinstance(v, list):
        return tuple(_hashable(x) for x in v)
    if isinstance(v, dict):
        return tuple((k, _hashable(x)) for k, x in v.items())
    return v


def _dump(v: Any, by_alias: bool, exclude_none: bool) -> Any:
    if isinstance(v, BaseModel):
        return v.model_dump(by_alias=by_alias, exclude_none=exclude_none)
    if isinstance(v, list):
        return [_dump(x, by_alias, exclude_none) for x in v]
    if isinstance(v, dict):
        return {k: _dump(x, by_alias, exclude_none) for k, x in v.items()}
    return v


def _undeclared(v: Any) -> Any:
    """Input to validate with declared objects in it as the data they hold (pydantic takes that)."""
    if isinstance(v, BaseModel):
        return v.model_dump(by_alias=True)
    if isinstance(v, dict):
        return {k: _undeclared(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_undeclared(x) for x in v]
    return v


def _light(v: Any) -> Any:
    """A validated pydantic value with its pydantic models turned into declared objects."""
    declared = getattr(type(v), "_declared", None)
    if declared is not None:
        obj = object.__new__(declared)
        obj.__dict__.update((name, _light(getattr(v, name))) for name in declared._fields)
        return obj
    if isinstance(v, list):
        return [_light(x) for x in v]
    if isinstance(v, tuple):
        return tuple(_light(x) for x in v)
    if isinstance(v, dict):
        return {k: _light(x) for k, x in v.items()}
    return v


# -- plain form ---------------------------------------------------------------


def to_plain(v: Any) -> Any:
    """``v`` as JSON-safe data (see the module docstring); ``Unplain`` if it has none."""
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, list):
        return [to_plain(x) for x in v]
    if isinstance(v, BaseModel):
        name = f"{type(v).__module__}.{type(v).__qualname__}"
        if _CLASSES.get(name) is not type(v):
            raise Unplain(name)
        return {"$m": name, "f": {k: to_plain(x) for k, x in v.__dict__.items()}}
    if isinstance(v, dict):
        if all(type(k) is str for k in v):
            return {"$o": {k: to_plain(x) for k, x in v.items()}}
        return {"$d": [[to_plain(k), to_plain(x)] for k, x in v.items()]}
    if isinstance(v, tuple):
        return {"$t": [to_plain(x) for x in v]}
    if isinstance(v, frozenset):
        return {"$fs": [to_plain(x) for x in v]}
    if isinstance(v, set):
        return {"$set": [to_plain(x) for x in v]}
    if type(v) is dt.date:
        return {"$date": v.isoformat()}
    raise Unplain(type(v).__name__)


_SCALAR = (str, int, float, bool, type(None))


def from_plain(v: Any) -> Any:
    """The value ``to_plain`` was given (``Unplain`` for anything it cannot have made)."""
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, list):
        return [x if isinstance(x, _SCALAR) else from_plain(x) for x in v]
    if isinstance(v, dict) and len(v) <= 2:
        if "$m" in v:
            cls = _CLASSES.get(v["$m"])
            fields = v.get("f")
            if cls is None or not isinstance(fields, dict) or fields.keys() != cls._fields.keys():
                raise Unplain(str(v["$m"]))
            obj = object.__new__(cls)
            d = obj.__dict__
            for k in cls._fields:
                x = fields[k]
                d[k] = x if isinstance(x, _SCALAR) else from_plain(x)
            return obj
        (tag, items), = v.items()
        if tag == "$o" and isinstance(items, dict):
            return {k: x if isinstance(x, _SCALAR) else from_plain(x) for k, x in items.items()}
        if tag == "$d" and isinstance(items, list):
            return {_key(from_plain(k)): from_plain(x) for k, x in items}
        if tag == "$t" and isinstance(items, list):
            return tuple(from_plain(x) for x in items)
        if tag == "$fs" and isinstance(items, list):
            return frozenset(_key(from_plain(x)) for x in items)
        if tag == "$set" and isinstance(items, list):
            return {_key(from_plain(x)) for x in items}
        if tag == "$date" and isinstance(items, str):
            return dt.date.fromisoformat(items)
    raise Unplain(repr(v)[:40])


def _key(v: Any) -> Any:
    if isinstance(v, (list, dict, set)):
        raise Unplain("unhashable key")
    return v
