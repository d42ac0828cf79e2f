"""The content models shared by every material, the pack's own files and ``area.yaml``.

Each material declares its own model in its module in :mod:`faa_flere.toolkit`.

Every item that a local edition may add, remove or edit carries a stable ``id``.
Cross-references (a piece's value, a card's category, a colour name) are
checked in :mod:`faa_flere.content.loading`, where the source lines are known.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: The patterns a text must match, each declared once with the words for a value that
#: does not (the message and its hint, by code): validation finds the words by the pattern
#: pydantic reports, never by reading it.
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}$"
COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
EMAIL_PATTERN = r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$"
PHONE_PATTERN = r"^\+?[0-9 ()-]{6,20}$"
PATTERN_WORDS: dict[str, tuple[str, str | None]] = {
    ID_PATTERN: ("not-an-id", "not-an-id.hint"),
    COLOUR_PATTERN: ("not-a-colour", None),
    EMAIL_PATTERN: ("not-an-email", None),
    PHONE_PATTERN: ("not-a-phone", "not-a-phone.hint"),
}

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Id = Annotated[str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN)]
HexColour = Annotated[str, StringConstraints(strip_whitespace=True, pattern=COLOUR_PATTERN)]


class Model(BaseModel):
    """Strict base: unknown keys are errors, values are not coerced across types."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Item(Model):
    """Anything with a stable id."""

    id: Id


# --- pack.yaml -------------------------------------------------------------


class Pack(Model):
    title: Text
    subtitle: Text
    publisher: Text
    author: Text
    date: datetime.date
    edition_label: Text
    local_label: Text
    cover_intro: list[Text]
    contents_title: Text
    how_to_title: Text
    how_to: list[Text]
    materials: list[Id] = Field(min_length=1)


# --- palette.yaml ----------------------------------------------------------


class Palette(Model):
    colours: dict[Id, HexColour] = Field(min_length=1)


class Column(Item):
    """A column of a worksheet table (the checklist's and the exchange sheet's)."""

    heading: Text
    hint: str = ""


# --- area.yaml (a local edition) --------------------------------------------

Email = Annotated[str, StringConstraints(strip_whitespace=True, pattern=EMAIL_PATTERN)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=PHONE_PATTERN)]


class Contact(Model):
    name: Text
    role: str = ""
    phone: Phone | None = None
    email: Email | None = None


class Area(Model):
    """``area`` in area.yaml: who the edition is for. The web form shows its fields in this
    order (:mod:`faa_flere.web.areaform`), each labelled by the catalogue's
    ``web-field.<parent>-<field>``."""

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    plan: Text
    contact: Contact | None = None
    accent: HexColour | None = None
    logo: str | None = None


class Changes(Model):
    remove: list[Id] = []
    edit: dict[Id, Text | dict[str, Any]] = {}
    add: dict[Id, list[dict[str, Any]]] = {}


class EditionFile(Model):
    """``area.yaml``: a housing area's edits laid over the official content."""

    area: Area
    partners: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]] = (
        Field(default=[], max_length=30)
    )
    materials: list[Id] | None = None
    copies: dict[Id, int] = {}
    texts: dict[Id, dict[str, Any]] = {}
    changes: Changes = Changes()
