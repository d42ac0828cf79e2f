"""Turn pydantic validation errors into :class:`Problem` lines with file and line.

Unknown keys get a "did you mean" hint from the model's own field names.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .yamlsource import Location, SourceMap

T = typing.TypeVar("T", bound=BaseModel)


def validate(
    model: type[T], data: Any, source: SourceMap, problems: list[Problem], loc: Location = ()
) -> T | None:
    """Validate ``data`` as ``model``; on failure add the problems and return ``None``."""
    try:
        return model.model_validate(data)
    except ValidationError as e:
        errors = e.errors(include_url=False)
        misspelt = _misspelt_fields(model, errors)
        for error in errors:
            loc_ = _clean_loc(error["loc"])
            if error["type"] == "missing" and loc_ in misspelt:
                continue  # the unknown key that is this field misspelt says it better
            problems.append(_problem(model, error, source, loc))
        return None


def _misspelt_fields(model: type[BaseModel], errors: list[Any]) -> set[Location]:
    """Locations of missing fields for which an unknown sibling key looks like a typo."""
    found = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = _clean_loc(error["loc"])
            match = difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc[:-1]), n=1, cutoff=0.6)
            if match:
                found.add((*loc[:-1], match[0]))
    return found


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """A "did you mean" hint, or an empty string."""
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else ""


def _problem(model: type[BaseModel], error: dict[str, Any], source: SourceMap, prefix: Location) -> Problem:
    loc = _clean_loc(error["loc"])
    full = (*prefix, *loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        fields = _fields_at(model, loc[:-1])
        hint = suggest(loc[-1], fields) or (f"allowed keys: {', '.join(fields)}" if fields else "")
        return source.problem(full, "unknown key", hint, key=True)
    if kind == "missing":
        return source.problem(
            full[:-1], f"'{loc[-1]}' is missing", "add it, see the official file for an example"
        )
    return source.problem(full, _message(error), _hint(error))


def _clean_loc(loc: tuple[Any, ...]) -> Location:
    # pydantic adds the name of a constrained type or a union branch to locations.
    return tuple(part for part in loc if isinstance(part, int) or not _is_type_tag(part))


def _is_type_tag(part: str) -> bool:
    return part.startswith(("function-", "constrained-", "json-or-python")) or "[" in part


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind in {"string_type", "int_type", "list_type", "dict_type", "model_type", "date_type", "bool_type"}:
        wanted = {
            "string_type": "text",
            "int_type": "a whole number",
            "list_type": "a list",
            "dict_type": "a mapping of keys to values",
            "model_type": "a mapping of keys to values",
            "date_type": "a date (YYYY-MM-DD)",
            "bool_type": "yes or no (true/false)",
        }[kind]
        return f"expected {wanted}, got {_describe(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        if "#" in pattern:
            return f"'{value}' is not a colour like #F6B81A"
        if "@" in pattern:
            return f"'{value}' is not an e-mail address"
        if "0-9 ()" in pattern:
            return f"'{value}' is not a phone number"
        return f"'{value}' is not a valid id"
    return error["msg"][0].lower() + error["msg"][1:]


def _hint(error: dict[str, Any]) -> str:
    pattern = error.get("ctx", {}).get("pattern", "")
    if error["type"] == "string_pattern_mismatch" and pattern.startswith("^[a-z0-9]"):
        return "ids use lower-case letters a-z, digits and '-', at most 40 characters"
    if error["type"] == "string_type" and isinstance(error.get("input"), (int, float, bool)):
        return "put the text in quotes"
    return ""


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    names = {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "yes/no",
        list: "a list",
        dict: "a mapping",
    }
    return names.get(type(value), type(value).__name__)


def _fields_at(model: type[BaseModel], loc: Location) -> list[str]:
    """The field names of the model found by following ``loc`` from ``model``."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else Any
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            info = annotation.model_fields.get(part)
            if info is None:
                return []
            annotation = info.annotation
        else:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip ``Optional``/``Annotated`` so the model inside shows."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    return annotation
