"""The edit page's fields for who an edition is for, made from the edition's model.

Every field of ``area`` in ``area.yaml`` (:class:`faa_flere.content.models.Area`, and the
models inside it, like ``contact``) is a field of the form, in the model's order. Its
form name is its parent's name and its own (``area-name``, ``contact-phone``); its label
is the catalogue's message ``web-field.<parent>-<field>`` (and the same with ``.help``,
if declared, is said under it); its length limit is the model's. :data:`SHOWN` declares the
few fields that are shown other than as a line of text. Adding a field to ``area.yaml``
is a change to the model and its words in the catalogue: the form, the page's labels,
the conflict page and where a problem is said all follow from here.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap

from ..content import models
from ..i18n import Words
from ..i18n.messages import MESSAGES

Location = tuple[str, ...]


@dataclass(frozen=True)
class Shown:
    """How a field is shown when not as a plain line of text."""

    widget: str = "text"  # text, or file (the logo: an upload of its own)
    #: What the typed value becomes in area.yaml (a colour in capitals).
    clean: Callable[[str], str] = str.strip
    placeholder: str = ""
    #: The form's name for it, when not its parent's name and its own.
    name: str = ""


#: The fields shown other than as a line of text, by their form name.
SHOWN: Mapping[str, Shown] = {
    "area-accent": Shown(clean=lambda v: v.strip().upper(), placeholder="#0E7C86"),
    "area-logo": Shown("file", name="logo"),
}


@dataclass(frozen=True)
class AreaField:
    """One field of the area on the form."""

    name: str  # the form's name: area-name, contact-phone
    loc: Location  # where it stands in area.yaml: ("area", "name"), ("area", "contact", "phone")
    required: bool
    max_length: int | None
    shown: Shown

    @property
    def label_code(self) -> str:
        return f"web-field.{self.loc[-2]}-{self.loc[-1]}"

    def label(self, words: Words) -> str:
        return words.message_code(self.label_code)

    def help(self, words: Words) -> str:
        code = f"{self.label_code}.help"
        return words.message_code(code) if code in MESSAGES else ""

    def current(self, area: BaseModel | None) -> str:
        """The value the edition has now, as the form shows it."""
        value: Any = area
        for name in self.loc[1:]:
            value = getattr(value, name, None) if value is not None else None
        return "" if value is None else str(value)


def area_fields(model: type[BaseModel] = models.Area) -> list[AreaField]:
    """Every field of ``area`` (in the model's order), the fields of a model inside it
    (``contact``) in their turn."""
    return list(_fields(model, ("area",)))


def _fields(model: type[BaseModel], loc: Location) -> Iterator[AreaField]:
    properties = model.model_json_schema().get("properties", {})
    for name, info in model.model_fields.items():
        inner = _model_of(info.annotation)
        if inner is not None:
            yield from _fields(inner, (*loc, name))
            continue
        form_name = f"{loc[-1]}-{name}"
        shown = SHOWN.get(form_name, Shown())
        yield AreaField(
            shown.name or form_name,
            (*loc, name),
            info.is_required(),
            _max_length(properties.get(name, {})),
            shown,
        )


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (``Contact | None`` holds a Contact), or None."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _max_length(schema: Mapping[str, Any]) -> int | None:
    """The longest text the model takes for a field, from its JSON schema."""
    limits = [schema["maxLength"]] if "maxLength" in schema else []
    limits += [s["maxLength"] for s in schema.get("anyOf", []) if "maxLength" in s]
    return min(limits) if limits else None


def field_named(name: str, fields: list[AreaField]) -> AreaField | None:
    return next((f for f in fields if f.name == name), None)


def field_at(loc: tuple[str | int, ...], fields: list[AreaField]) -> str | None:
    """The form field of a place in area.yaml (the field itself, or the model holding it:
    a contact without a name is said at the name), or None."""
    for field in fields:
        if tuple(loc[: len(field.loc)]) == field.loc:
            return field.name
    for field in fields:
        if field.required and tuple(loc) == field.loc[:-1]:
            return field.name
    return None


def form_values(area: BaseModel | None, fields: list[AreaField]) -> dict[str, list[str]]:
    """What the form sends for these fields when nobody changes anything."""
    return {f.name: [f.current(area)] for f in fields if f.shown.widget != "file"}


def write(data: CommentedMap, form: Mapping[str, list[str]], fields: list[AreaField]) -> None:
    """Put the form's values into ``data`` (area.yaml, parsed with its comments): a value
    typed is set, an empty one removed; a required field is set even when empty (so that it
    is said at its field), and so is every required field of a model that has any value."""
    groups: dict[Location, list[AreaField]] = {}
    for field in fields:
        if field.shown.widget != "file":
            groups.setdefault(field.loc[:-1], []).append(field)
    for parent_loc, group in groups.items():
        values = {f: f.shown.clean((form.get(f.name) or [""])[0]) for f in group}
        outer = len(parent_loc) == 1
        if not outer and not any(values.values()):
            _remove(data, parent_loc)
            continue
        mapping = _mapping(data, parent_loc)
        for position, (field, value) in enumerate(values.items()):
            key = field.loc[-1]
            if value or field.required:
                if mapping.get(key) != value:
                    if key in mapping:
                        mapping[key] = value
                    else:
                        mapping.insert(min(position, len(mapping)), key, value)
            else:
                mapping.pop(key, None)


def _mapping(data: CommentedMap, loc: Location) -> CommentedMap:
    node = data
    for key in loc:
        child = node.get(key)
        if not isinstance(child, CommentedMap):
            child = CommentedMap()
            node[key] = child
        node = child
    return node


def _remove(data: CommentedMap, loc: Location) -> None:
    node: Any = data
    for key in loc[:-1]:
        node = node.get(key) if isinstance(node, CommentedMap) else None
    if isinstance(node, CommentedMap):
        node.pop(loc[-1], None)
