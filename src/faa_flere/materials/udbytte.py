"""Udbytte og bidrag til hinanden: one row per organisation, and the shared goal.

Rows are pre-filled with an edition's local partners, with room left for more.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..content.models import Column, Model, Text
from ..content.schema import ItemList
from .base import Material

if TYPE_CHECKING:
    from ..build.settings import PrintSettings
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
#: What a (landscape) page holds besides the rows, in mm.
FURNITURE_MM = 104


class Udbytte(Material):
    def view(self, content: Content, variant: str, settings: PrintSettings) -> dict[str, Any]:
        text: Exchange = content.text(self.id)
        partners = list(content.local.partners) if content.local else []
        count = max(text.rows, len(partners) + 2)
        rows = partners + [""] * (count - len(partners))
        per_page = math.ceil(count / math.ceil(count / ROWS_PER_PAGE))
        pages = [rows[i : i + per_page] for i in range(0, count, per_page)]
        width, height = settings.sheet
        view: dict[str, Any] = {"page_w": height, "page_h": width}  # landscape
        view["row_height"] = (view["page_h"] - FURNITURE_MM) / max(len(page) for page in pages)
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
