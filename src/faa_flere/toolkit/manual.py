"""Manual til værdispillet: purpose, participants, steps with minutes, printing and cutting."""

from __future__ import annotations

from pydantic import Field

from ..content.models import Item, Model, Text
from ..content.schema import ItemList
from .base import Material


class Step(Item):
    title: Text
    minutes: int = Field(ge=1, le=120)
    text: Text


class Fact(Model):
    label: Text
    text: Text


class Section(Item):
    heading: Text
    text: list[Text] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    bullets: list[Text] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    note: str = ""


class Manual(Model):
    title: Text
    subtitle: Text
    contact_title: Text
    sections: list[Section] = Field(min_length=1)


MATERIAL = Material(
    "manual",
    "manual.yaml",
    Manual,
    items=(ItemList("sections", Section, "noun-section", "heading"),),
    number=7,
    slug="manual-til-vaerdispillet",
    intro_field="subtitle",
    intro_label="label-subtitle",
)
