"""Colour arithmetic on palette colours (hex strings)."""

from __future__ import annotations


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: ``amount`` 1 is the colour itself, 0 is white."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(255 - (255 - c) * amount) for c in (r, g, b))
    return "#" + "".join(f"{c:02X}" for c in mixed)
