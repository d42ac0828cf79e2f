"""The content models: one pydantic model per file in ``materials/``.

Every item that a local edition may add, remove or edit carries a stable ``id``.
Cross-references (a piece's value, a card's category, a colour name) are
checked in :mod:`faa_flere.content`, where the source lines are known.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9-]{0,39}$"),
]
HexColour = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^#[0-9A-Fa-f]{6}$")]


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


# --- values.yaml (Solskinsmodellen) -----------------------------------------


class Value(Item):
    name: Text
    colour: Id
    meaning: Text
    question: Text


class Sun(Model):
    title: Text
    subtitle: Text
    intro: Text
    centre: Text
    centre_local: Text
    centre_label: Text
    footer: Text
    values: list[Value] = Field(min_length=3, max_length=7)


# --- pieces.yaml (Brikker til værdispillet) ---------------------------------


class Piece(Item):
    value: Id
    text: Text


class Pieces(Model):
    title: Text
    intro: Text
    centre: Text
    blank_label: Text
    blank_count: int = Field(ge=0, le=24)
    pieces: list[Piece] = Field(min_length=1, max_length=80)


# --- cards.yaml (Kort med positive forandringer) ----------------------------


class Category(Item):
    name: Text
    colour: Id
    icon: Id


class Card(Item):
    category: Id
    text: Text


class Cards(Model):
    title: Text
    intro: Text
    card_label: Text
    blank_label: Text
    blank_count: int = Field(ge=0, le=45)
    categories: list[Category] = Field(min_length=1, max_length=12)
    cards: list[Card] = Field(min_length=1, max_length=200)


# --- worksheets -------------------------------------------------------------


class Column(Item):
    heading: Text
    hint: str = ""


class ChecklistRow(Item):
    text: Text
    hint: str = ""


class Checklist(Model):
    title: Text
    intro: Text
    header_fields: list[Text]
    what_heading: Text
    other_label: Text
    answers: list[Text] = Field(min_length=2, max_length=4)
    columns: list[Column] = Field(min_length=1, max_length=4)
    rows: list[ChecklistRow] = Field(min_length=1, max_length=20)
    blank_rows: int = Field(ge=0, le=10)
    footer: Text


class Exchange(Model):
    title: Text
    intro: Text
    goal_label: Text
    goal_hint: str = ""
    organisation_heading: Text
    columns: list[Column] = Field(min_length=1, max_length=4)
    rows: int = Field(ge=1, le=12)
    footer: Text


class Rating(Item):
    text: Text


class PlanColumn(Item):
    heading: Text


class Adjustment(Model):
    title: Text
    intro: Text
    header_fields: list[Text]
    ratings_title: Text
    scale_low: Text
    scale_high: Text
    comment_heading: Text
    ratings: list[Rating] = Field(min_length=1, max_length=10)
    plan_title: Text
    plan_columns: list[PlanColumn] = Field(min_length=2, max_length=5)
    plan_rows: int = Field(ge=1, le=8)
    decision_title: Text
    decision_options: list[Text] = Field(min_length=2, max_length=5)
    next_meeting_label: Text


# --- manual.yaml ------------------------------------------------------------


class Step(Item):
    title: Text
    minutes: int = Field(ge=1, le=120)
    text: Text


class Fact(Model):
    label: Text
    text: Text


class Section(Item):
    heading: Text
    text: list[Text] = []
    facts: list[Fact] = []
    bullets: list[Text] = []
    steps: list[Step] = []
    note: str = ""


class Manual(Model):
    title: Text
    subtitle: Text
    contact_title: Text
    sections: list[Section] = Field(min_length=1)


# --- area.yaml (a local edition) --------------------------------------------

Email = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()-]{6,20}$")]


class Contact(Model):
    name: Text
    role: str = ""
    phone: Phone | None = None
    email: Email | None = None


class Area(Model):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    plan: Text
    logo: str | None = None
    accent: HexColour | None = None
    contact: Contact | None = None


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
