"""Turn pydantic validation errors into :class:`Problem` lines with file and line.

Unknown keys get a "did you mean" hint from the model's own field names.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Location, Message, Problem, msg
from .models import PATTERN_WORDS
from .yamlsource import SourceMap

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
        said: set[Location] = set()
        for error in errors:
            loc_ = _clean_loc(error["loc"])
            if error["type"] == "missing" and loc_ in misspelt:
                continue  # the unknown key that is this field misspelt says it better
            if loc_ in said:
                continue  # a value that fits no branch of a union: its first branch says enough
            said.add(loc_)
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


def suggest(word: str, choices: typing.Iterable[str]) -> Message | None:
    """A "did you mean" hint, or None."""
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return msg("did-you-mean", word=match[0]) if match else None


def _problem(model: type[BaseModel], error: Any, source: SourceMap, prefix: Location) -> Problem:
    loc = _clean_loc(error["loc"])
    full = (*prefix, *loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        fields = _fields_at(model, loc[:-1])
        hint = suggest(str(loc[-1]), fields) or (msg("allowed-keys", keys=fields) if fields else None)
        return source.problem(full, msg("unknown-key"), hint, key=True)
    if kind == "missing":
        return source.problem(full[:-1], msg("missing-key", key=loc[-1]), msg("missing-key.hint"))
    message, hint = _message(error)
    return source.problem(full, message, hint)


def _clean_loc(loc: tuple[Any, ...]) -> Location:
    # pydantic adds the name of a constrained type or a union branch to locations.
    return tuple(part for part in loc if isinstance(part, int) or not _is_type_tag(part))


def _is_type_tag(part: str) -> bool:
    return part.startswith(("function-", "constrained-", "json-or-python")) or "[" in part


#: pydantic's error types, and the word for what was expected.
_WANTED = {
    "string_type": "type-text",
    "int_type": "type-whole-number",
    "int_from_float": "type-whole-number",
    "int_parsing": "type-whole-number",
    "float_type": "type-number",
    "list_type": "type-list",
    "dict_type": "type-mapping",
    "model_type": "type-mapping",
    "model_attributes_type": "type-mapping",
    "date_type": "type-date",
    "date_from_datetime_inexact": "type-date",
    "bool_type": "type-yes-no",
}


def _message(error: Any) -> tuple[Message, Message | None]:
    """Our own words for a pydantic error: its wording never reaches a user."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    if kind in _WANTED:
        hint = (
            msg("put-in-quotes") if kind == "string_type" and isinstance(value, (int, float, bool)) else None
        )
        return msg("expected-type", wanted=msg(_WANTED[kind]), got=_describe(value)), hint
    if kind == "string_too_short":
        return msg("empty-text"), None
    if kind == "string_too_long":
        return msg("text-too-long", length=len(str(value)), limit=ctx.get("max_length", 0)), None
    if kind == "too_long":
        return msg("list-too-long", length=ctx.get("actual_length", 0), limit=ctx.get("max_length", 0)), None
    if kind == "too_short":
        return msg("list-too-short", length=ctx.get("actual_length", 0), limit=ctx.get("min_length", 0)), None
    if kind in ("greater_than_equal", "greater_than"):
        return msg("number-too-small", value=value, limit=ctx.get("ge", ctx.get("gt", ""))), None
    if kind in ("less_than_equal", "less_than"):
        return msg("number-too-large", value=value, limit=ctx.get("le", ctx.get("lt", ""))), None
    if kind.startswith("date"):
        return msg("not-a-date", value=_short(value)), msg(
            "expected-type", wanted=msg("type-date"), got=_describe(value)
        )
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in PATTERN_WORDS:
        # The words declared with the pattern (models.py): the pattern is a key, not read.
        code, hint_code = PATTERN_WORDS[ctx["pattern"]]
        return msg(code, value=_short(value)), msg(hint_code) if hint_code else None
    return msg("invalid-value"), None


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(value: Any) -> Message:
    if value is None:
        return msg("type-nothing")
    names = {
        str: "type-text",
        int: "type-number",
        float: "type-number",
        bool: "type-yes-no",
        list: "type-list",
        dict: "type-mapping",
    }
    code = names.get(type(value))
    return msg(code) if code else msg("type-other", name=type(value).__name__)


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
