"""Udbytte og bidrag til hinanden: one row per organisation, and the shared goal.

Rows are pre-filled with an edition's local partners, with room left for more.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..content.models import Column, Model, Text
from ..content.schema import ItemList
from .base import Material, Settings
from .sheet import SheetFrame

if TYPE_CHECKING:
    from ..content.loading import Content


class Exchange(Model):
    title: Text
    intro: Text
    goal_label: Text
    goal_hint: str = ""
    organisation_heading: Text
    columns: list[Column] = Field(min_length=1, max_length=4)
    rows: int = Field(ge=1, le=12)
    footer: Text


ROWS_PER_PAGE = 8
#: The (landscape) page: header and introduction, the shared goal, the table's head;
#: below the rows, the values of the sun and the footer.
FRAME = SheetFrame(top=11.0, blocks={"head": 28.6, "goal": 23.0, "thead": 10.0}, bottom=31.4)


class Udbytte(Material):
    def view(self, content: Content, variant: str, settings: Settings) -> dict[str, Any]:
        text: Exchange = content.text(self.id)
        partners = list(content.local.partners) if content.local else []
        count = max(text.rows, len(partners) + 2)
        rows = partners + [""] * (count - len(partners))
        per_page = math.ceil(count / math.ceil(count / ROWS_PER_PAGE))
        pages = [rows[i : i + per_page] for i in range(0, count, per_page)]
        width, height = settings.sheet
        view: dict[str, Any] = {"page_w": height, "page_h": width}  # landscape
        view["frame"] = FRAME.heights()
        view["row_height"] = FRAME.rows_mm(view["page_h"]) / max(len(page) for page in pages)
        values = content.text("solskinsmodellen").values
        view["values"] = [{"name": v.name, "colour": content.colour(v.colour)} for v in values]
        return {**view, "pages": pages}


MATERIAL = Udbytte(
    "udbytte",
    "exchange.yaml",
    Exchange,
    items=(ItemList("columns", Column, "noun-column", "heading", web=True),),
    number=5,
    slug="udbytte-og-bidrag-til-hinanden",
)
