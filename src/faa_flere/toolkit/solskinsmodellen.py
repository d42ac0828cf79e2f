"""Solskinsmodellen: the poster of the five common values, a sun with one ray per value.

All measures of the drawing are for an A3 poster, in millimetres; an A4 poster is the
same drawing scaled by 1/sqrt(2), so both look alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..content.models import Id, Item, Model, Text
from ..content.schema import ItemList, Reference
from .base import Material, Settings

if TYPE_CHECKING:
    from ..content.loading import Content


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


# --- the drawing ----------------------------------------------------------------

A3 = (297.0, 420.0)
MARGIN = 14.0
CENTRE = (148.5, 248.0)
DISC_RADIUS = 42.0
RAY_INNER, RAY_OUTER, RAY_HALF_WIDTH = 30.0, 104.0, 17.0
SPARK_OUTER, SPARK_HALF_WIDTH = 62.0, 7.0
BOX_WIDTH, BOX_HEIGHT = 90.0, 60.0
BOX_DISTANCE = 138.0


@dataclass(frozen=True)
class Ray:
    """One value's ray: the polygon to fill and the text box it points at (mm, A3)."""

    points: str
    box_x: float
    box_y: float
    angle: float


@dataclass(frozen=True)
class SunLayout:
    rays: tuple[Ray, ...]
    sparks: tuple[str, ...]  # the small rays between the value rays
    centre: tuple[float, float] = CENTRE
    disc_radius: float = DISC_RADIUS
    box_width: float = BOX_WIDTH
    box_height: float = BOX_HEIGHT


def _polygon(angle: float, inner: float, outer: float, half_width: float) -> str:
    """A tapering ray pointing at ``angle`` degrees (0 = right, clockwise, as in SVG)."""
    a = math.radians(angle)
    cx, cy = CENTRE
    ux, uy = math.cos(a), math.sin(a)
    px, py = -uy, ux
    tip_half = half_width * 0.18
    corners = [
        (cx + inner * ux + half_width * px, cy + inner * uy + half_width * py),
        (cx + outer * ux + tip_half * px, cy + outer * uy + tip_half * py),
        (cx + outer * ux - tip_half * px, cy + outer * uy - tip_half * py),
        (cx + inner * ux - half_width * px, cy + inner * uy - half_width * py),
    ]
    return " ".join(f"{x:.2f},{y:.2f}" for x, y in corners)


def layout(count: int) -> SunLayout:
    """Rays and text boxes for ``count`` values, the first pointing straight up."""
    step = 360.0 / count
    rays = []
    for k in range(count):
        angle = -90.0 + k * step
        a = math.radians(angle)
        bx = CENTRE[0] + BOX_DISTANCE * math.cos(a)
        by = CENTRE[1] + BOX_DISTANCE * math.sin(a) * 0.96
        bx = min(max(bx, MARGIN + BOX_WIDTH / 2), A3[0] - MARGIN - BOX_WIDTH / 2)
        rays.append(
            Ray(
                _polygon(angle, RAY_INNER, RAY_OUTER, RAY_HALF_WIDTH),
                round(bx - BOX_WIDTH / 2, 2),
                round(by - BOX_HEIGHT / 2, 2),
                angle,
            )
        )
    sparks = tuple(
        _polygon(-90.0 + (k + 0.5) * step, RAY_INNER, SPARK_OUTER, SPARK_HALF_WIDTH) for k in range(count)
    )
    return SunLayout(tuple(rays), sparks)


# --- the material ---------------------------------------------------------------


def sun_view(content: Content, page: tuple[float, float]) -> dict[str, Any]:
    """The A3 drawing, scaled to fit a page of ``page`` (width, height in mm)."""
    text: Sun = content.text("solskinsmodellen")
    local = content.local
    centre = text.centre_local.replace("{område}", local.area.name) if local else text.centre
    page_w, page_h = page
    scale = min(page_w / A3[0], page_h / A3[1])
    drawing = layout(len(text.values))
    values = [
        {"value": value, "colour": content.colour(value.colour), "ray": ray}
        for value, ray in zip(text.values, drawing.rays, strict=True)
    ]
    return {
        "centre": centre,
        "scale": scale,
        "layout": drawing,
        "values": values,
        "drawing_w": A3[0],
        "drawing_h": A3[1],
        "offset_x": (page_w - A3[0] * scale) / 2,
        "offset_y": (page_h - A3[1] * scale) / 2,
        "page_w": page_w,
        "page_h": page_h,
    }


class Solskinsmodellen(Material):
    def variants(self, settings: Settings) -> tuple[str, ...]:
        """The poster in A3, and on the chosen sheet."""
        return ("a3", settings.paper)

    def in_pack(self, variant: str) -> bool:
        return variant != "a3"  # the combined pack is for one printer

    def view(self, content: Content, variant: str, settings: Settings) -> dict[str, Any]:
        return sun_view(content, A3 if variant == "a3" else settings.sheet)

    def describe(self, items: ItemList, item: Item) -> str:
        return f"{item.name}: {item.meaning}"  # type: ignore[attr-defined]


MATERIAL = Solskinsmodellen(
    "solskinsmodellen",
    "values.yaml",
    Sun,
    items=(
        ItemList(
            "values", Value, "noun-value", None, refs=(Reference("colour", "colour", what="what-colour"),)
        ),
    ),
    number=1,
    slug="solskinsmodellen",
)
