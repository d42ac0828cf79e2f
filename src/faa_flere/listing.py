"""The items of each material, as a person looks them up by id."""

from __future__ import annotations

from .content import Content

Rows = list[tuple[str, str]]


def material_items(content: Content, material_id: str) -> list[tuple[str, Rows]]:
    """Groups of ``(id, text)`` rows for one material; a group's name may be empty."""
    c = content
    if material_id == "solskinsmodellen":
        return [("", [(v.id, f"{v.name}: {v.meaning}") for v in c.sun.values])]
    if material_id == "brikker":
        return [("", [(p.id, p.text) for p in c.pieces.pieces])]
    if material_id == "kort":
        return [
            ("kategorier", [(cat.id, cat.name) for cat in c.cards.categories]),
            ("kort", [(card.id, card.text) for card in c.cards.cards]),
        ]
    if material_id == "tjekliste":
        return [("", [(row.id, row.text) for row in c.checklist.rows])]
    if material_id == "udbytte":
        return [("", [(col.id, col.heading) for col in c.exchange.columns])]
    if material_id == "tilpasning":
        return [
            ("vurderinger", [(r.id, r.text) for r in c.adjustment.ratings]),
            ("kolonner", [(col.id, col.heading) for col in c.adjustment.plan_columns]),
        ]
    if material_id == "manual":
        return [("", [(s.id, s.heading) for s in c.manual.sections])]
    return []
