"""Command-line values of plain types (text, flags, paths) converted without loading pydantic.

Typer (from 0.29) converts every parameter's value through a pydantic `TypeAdapter`, built when
the command line is parsed; importing pydantic and building the adapters costs a short
`annotator import` more CPU than the rest of its start-up. For the types our commands use, the
adapter's result is simple and is given here directly, so the same value reaches the command:

    str             the string click parsed
    bool            the flag's True/False
    Path            Path(value) (typer's default path checks: a path that exists must be readable)
    list of those   a list of each item converted
    None            None (or () for a list), as typer's own conversion returns before its adapter

Anything else (another type, a parser, path options such as `exists=True`, a value of an
unexpected kind, an unreadable path whose error typer words) goes to typer's own conversion,
built only then. On a typer whose parameters lack that conversion step nothing is changed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, get_args, get_origin

_NOT_PLAIN = object()


def use_plain_conversion(command: Any) -> None:
    """Give a built command's parameters, and the help option click adds when parsing, the
    plain conversion above."""
    _convert_plainly(command.params)
    make_help_option = getattr(command, "get_help_option", None)
    if make_help_option is None:
        return

    def help_option(ctx: Any) -> Any:
        option = make_help_option(ctx)
        if option is not None:
            _convert_plainly([option])
        return option

    command.get_help_option = help_option


def _convert_plainly(params: list[Any]) -> None:
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        typer_conversion = getattr(param, "get_runtime_param", None)
        if descriptor is None or typer_conversion is None or isinstance(typer_conversion, _PlainConversion):
            continue  # not a typer parameter of the kind this knows, or done already
        param.get_runtime_param = _PlainConversion(param, descriptor.annotation, descriptor.parameter_info,
                                                   typer_conversion)


class _PlainConversion:
    """Stands in for typer's `get_runtime_param` (and for what it returns: `.coerce`)."""

    def __init__(self, param: Any, annotation: Any, info: Any, typer_conversion: Callable[[], Any]) -> None:
        self.multiple = param.multiple or param.nargs == -1
        self.convert = _converter(annotation, info, self.multiple)
        self.typer_conversion = typer_conversion

    def __call__(self) -> "_PlainConversion":
        return self

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            return () if self.multiple else None
        if self.convert is not None:
            result = self.convert(value)
            if result is not _NOT_PLAIN:
                return result
        return self.typer_conversion().coerce(value, param=param, ctx=ctx)


def _converter(annotation: Any, info: Any, multiple: bool) -> Callable[[Any], Any] | None:
    if getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
        return None
    if multiple:
        if get_origin(annotation) is not list or len(get_args(annotation)) != 1:
            return None
        item = _converter(get_args(annotation)[0], info, False)
        if item is None:
            return None

        def each(value: Any) -> Any:
            if type(value) not in (list, tuple):
                return _NOT_PLAIN
            items = [item(v) for v in value]
            return _NOT_PLAIN if any(i is _NOT_PLAIN for i in items) else items

        return each
    if annotation is str:
        return lambda value: value if type(value) is str else _NOT_PLAIN
    if annotation is bool:
        return lambda value: value if type(value) is bool else _NOT_PLAIN
    if annotation is Path and _default_path_checks(info):
        return _path
    return None


def _default_path_checks(info: Any) -> bool:
    """Typer's path options at their defaults, bar `readable` (checked in _path)."""
    return (getattr(info, "path_type", None) is None and not getattr(info, "exists", True)
            and getattr(info, "file_okay", False) and getattr(info, "dir_okay", False)
            and not getattr(info, "writable", True) and not getattr(info, "resolve_path", True)
            and not getattr(info, "allow_dash", True) and getattr(info, "readable", None) is True)


def _path(value: Any) -> Any:
    if type(value) is not str:
        return _NOT_PLAIN
    if os.path.exists(value) and not os.access(value, os.R_OK):
        return _NOT_PLAIN  # typer refuses it, in its own words
    return Path(value)
