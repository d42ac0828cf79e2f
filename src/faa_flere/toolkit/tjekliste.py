"""Tjekliste for bidrag: kinds of contribution, with yes / maybe / no, extent and contact.

One checklist per local partner, with its name filled in, and one blank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..content.models import Column, Item, Model, Text
from ..content.schema import ItemList
from .base import Material, Settings
from .sheet import SheetFrame

if TYPE_CHECKING:
    from ..content.loading import Content


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


#: The checklist's page: header and introduction, the fields, the table's head; below
#: the rows, the closing note and the footer.
FRAME = SheetFrame(top=14.0, blocks={"head": 37.6, "fields": 15.3, "thead": 10.5}, bottom=43.6)
MAX_ROW_MM = 16.0


class Tjekliste(Material):
    def view(self, content: Content, variant: str, settings: Settings) -> dict[str, Any]:
        text: Checklist = content.text(self.id)
        partners = list(content.local.partners) if content.local else []
        rows = len(text.rows) + text.blank_rows
        view = super().view(content, variant, settings)
        view["frame"] = FRAME.heights()
        view["row_height"] = min(MAX_ROW_MM, FRAME.rows_mm(view["page_h"]) / rows)
        return {**view, "organisations": [*partners, ""]}


MATERIAL = Tjekliste(
    "tjekliste",
    "checklist.yaml",
    Checklist,
    items=(ItemList("rows", ChecklistRow, "noun-checklist-row", "text", web=True),),
    number=4,
    slug="tjekliste-for-bidrag",
)
