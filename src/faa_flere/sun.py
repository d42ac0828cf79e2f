"""The geometry of Solskinsmodellen: a sun with one ray and one text box per value.

All measures are for an A3 poster, in millimetres; an A4 poster is the same
drawing scaled by 1/sqrt(2), so both look alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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
