"""Tilpasning af vores samarbejde: the follow-up sheet, ratings 1-5 and a plan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..content.models import Item, Model, Text
from ..content.schema import ItemList
from ..errors import ContentError, msg
from .base import Material, Settings
from .sheet import SheetFrame

if TYPE_CHECKING:
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


#: One rating's row, in mm.
RATING_ROW_MM = 11.06
#: A plan row lower than this has no room to write in.
MIN_PLAN_ROW_MM = 10.0


def frame(ratings: int) -> SheetFrame:
    """The follow-up sheet's page: its ratings table grows with the number of ratings, and
    the plan's rows get what is left."""
    return SheetFrame(
        top=14.0,
        blocks={
            "head": 37.6,
            "fields": 11.3,
            "ratings_title": 11.1,
            "ratings": 6.8 + ratings * RATING_ROW_MM,
            "plan_title": 11.1,
            "plan_thead": 6.8,
        },
        bottom=75.0,
    )


class Tilpasning(Material):
    def view(self, content: Content, variant: str, settings: Settings) -> dict[str, Any]:
        text: Adjustment = content.text(self.id)
        view = super().view(content, variant, settings)
        sheet = frame(len(text.ratings))
        view["frame"] = sheet.heights()
        view["rating_row"] = RATING_ROW_MM - 0.06  # the cell; its border adds the rest
        view["plan_row_height"] = sheet.rows_mm(view["page_h"]) / text.plan_rows
        if view["plan_row_height"] < MIN_PLAN_ROW_MM:
            room = frame(0).rows_mm(view["page_h"]) - MIN_PLAN_ROW_MM * text.plan_rows
            limit = max(0, int(room // RATING_ROW_MM))
            source = content.sources[self.id]
            problem = source.problem(
                ("ratings", len(text.ratings) - 1),  # the last one: an edition's own, if it added some
                msg("too-many-ratings", count=len(text.ratings), limit=limit, rows=text.plan_rows),
                msg("too-many-ratings.hint"),
            )
            raise ContentError([problem])
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
