"""Tilpasning af vores samarbejde: the follow-up sheet, ratings 1-5 and a plan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..content.models import Item, Model, Text
from ..content.schema import ItemList
from .base import Material

if TYPE_CHECKING:
    from ..build.settings import PrintSettings
    from ..content.loading import Content


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


#: What the page holds besides the plan's rows, in mm.
FURNITURE_MM = 229


class Tilpasning(Material):
    def view(self, content: Content, variant: str, settings: PrintSettings) -> dict[str, Any]:
        text: Adjustment = content.text(self.id)
        view = super().view(content, variant, settings)
        view["plan_row_height"] = (view["page_h"] - FURNITURE_MM) / text.plan_rows
        return view


MATERIAL = Tilpasning(
    "tilpasning",
    "adjustment.yaml",
    Adjustment,
    items=(
        ItemList("ratings", Rating, "noun-rating", "text", web=True, group="group-ratings"),
        ItemList(
            "plan_columns",
            PlanColumn,
            "noun-plan-column",
            "heading",
            addable=False,
            group="group-plan-columns",
        ),
    ),
    number=6,
    slug="tilpasning-af-vores-samarbejde",
)
