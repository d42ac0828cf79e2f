"""Kort med positive forandringer: cards in categories, fronts and backs.

On the office printer nine cards share a sheet and each front sheet is followed by its
back sheet, placed for the printer's duplex flip (:mod:`faa_flere.toolkit.imposition`).
The deck is laid out in sections (:meth:`Kort.sections`): a sheet with its back, or a group
of single cards, so that a one-card edit lays out one section again and the deck can be
laid out in several processes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..content.models import Id, Item, Model, Text
from ..content.schema import ItemList, Reference
from .base import Material, Settings
from .imposition import SheetGrid, sheets

if TYPE_CHECKING:
    from ..content.loading import Content


class Category(Item):
    name: Text
    colour: Id
    icon: Id


class Card(Item):
    category: Id
    text: Text


class Cards(Model):
    title: Text
    intro: Text
    card_label: Text
    blank_label: Text
    blank_count: int = Field(ge=0, le=45)
    categories: list[Category] = Field(min_length=1, max_length=12)
    cards: list[Card] = Field(min_length=1, max_length=200)


CARD_W, CARD_H = 63.0, 88.0
#: Single cards (print shop, screen) laid out together as one section.
CARDS_PER_SECTION = 9
#: The line of the note under a sheet of cards (7.5 pt), and the space around it, in mm.
NOTE_H, NOTE_SPACE = 3.6, 1.0


def cut_marks(grid: SheetGrid, edge: float) -> dict[str, Any]:
    """Where the cut marks run in the margins, and where the sheet's note goes.

    Marks stay ``edge`` mm inside the paper (an office printer cannot print nearer) and
    clear of the note; they end 2 mm before the cut where there is room, else 0.5 mm.
    The note goes under the cards if a 3 mm mark still fits above it, else it turns to
    run up the left margin (Letter paper has only 7.7 mm under the cards).
    """
    xs, ys = grid.cut_lines()
    left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    below = grid.paper_h - bottom
    note_below = below >= edge + NOTE_H + NOTE_SPACE + 3 + 2
    bottom_end = grid.paper_h - edge - (NOTE_H + NOTE_SPACE if note_below else 0)
    left_start = edge + (0 if note_below else NOTE_H + NOTE_SPACE)

    def gap(room: float) -> float:
        return 2.0 if room >= 5 else 0.5

    return {
        "top": (max(top - 9, edge), top - gap(top - edge)),
        "bottom": (bottom + gap(bottom_end - bottom), min(bottom + 9, bottom_end)),
        "left": (max(left - 6, left_start), left - gap(left - left_start)),
        "right": (right + 2, min(right + 6, grid.paper_w - edge)),
        "note_below": note_below,
        "note_at": max(edge, 5.0),
    }


def card_grid(settings: Settings) -> SheetGrid:
    """Nine cards to a sheet on the office printer."""
    return SheetGrid(*settings.sheet, CARD_W, CARD_H, 3, 3)


def cards_view(content: Content, settings: Settings) -> dict[str, Any]:
    c: Cards = content.text("kort")
    categories = {cat.id: cat for cat in c.categories}
    order = {cat.id: n for n, cat in enumerate(c.categories)}
    cards = sorted(c.cards, key=lambda card: order[card.category])
    # The deck opens with a card that says how to use it (the material's intro).
    items: list[dict[str, Any]] = [
        {"id": "intro", "text": c.intro, "category": None, "colour": content.colour("sol"), "icon": None}
    ]
    items += [
        {
            "id": card.id,
            "text": card.text,
            "category": categories[card.category],
            "colour": content.colour(categories[card.category].colour),
            "icon": categories[card.category].icon,
        }
        for card in cards
    ]
    items += [
        {"id": f"tom-{n + 1}", "text": "", "category": None, "colour": content.colour("graa"), "icon": None}
        for n in range(c.blank_count)
    ]
    pages: list[dict[str, Any]]
    if settings.profile.single_cards:
        # One card a page at trim size: the print shop imposes them itself; on a
        # screen one card fills the view. Screens show fronts only.
        sides = ("front", "back") if settings.profile.card_backs else ("front",)
        pages = [
            {"side": side, "single": True, "cards": [((0.0, 0.0), item)], "first": False}
            for item in items
            for side in sides
        ]
        pages[0]["first"] = True  # the page the contents link to
        return {
            "pages": pages,
            "page_w": CARD_W,
            "page_h": CARD_H,
            "card_w": CARD_W,
            "card_h": CARD_H,
        }

    grid = card_grid(settings)
    pages = []
    all_sheets = sheets(len(items), grid.per_sheet)
    for number, sheet in enumerate(all_sheets, 1):
        on_sheet = [items[i] for i in sheet]
        fronts = [(grid.front(n), item) for n, item in enumerate(on_sheet)]
        backs = [
            (grid.back(n, settings.duplex, settings.back_offset), item) for n, item in enumerate(on_sheet)
        ]
        # Each page says which sheet it is, so that a section of a few sheets says it too.
        where = {"single": False, "sheet": number, "sheets": len(all_sheets), "first": number == 1}
        pages.append({"side": "front", **where, "cards": [((s.x, s.y), i) for s, i in fronts]})
        pages.append({"side": "back", **where, "first": False, "cards": [((s.x, s.y), i) for s, i in backs]})
    xs, ys = grid.cut_lines()
    return {
        "pages": pages,
        "cut_xs": xs,
        "cut_ys": ys,
        "marks": cut_marks(grid, settings.profile.edge_mm),
        "page_w": grid.paper_w,
        "page_h": grid.paper_h,
        "card_w": CARD_W,
        "card_h": CARD_H,
    }


class Kort(Material):
    def view(self, content: Content, variant: str, settings: Settings) -> dict[str, Any]:
        return cards_view(content, settings)

    def sections(self, view: dict[str, Any], settings: Settings) -> list[dict[str, Any]]:
        """On sheets, one section a sheet (its front and its back); single cards in groups
        of :data:`CARDS_PER_SECTION` (with their backs, where there are backs)."""
        pages: list[dict[str, Any]] = view["pages"]
        if settings.profile.single_cards:
            size = CARDS_PER_SECTION * (2 if settings.profile.card_backs else 1)
        else:
            size = 2
        return [{**view, "pages": pages[i : i + size]} for i in range(0, len(pages), size)]


MATERIAL = Kort(
    "kort",
    "cards.yaml",
    Cards,
    items=(
        ItemList(
            "categories",
            Category,
            "noun-category",
            "name",
            addable=False,
            refs=(Reference("colour", "colour", what="what-colour"), Reference("icon", "icon")),
            group="group-categories",
        ),
        ItemList(
            "cards",
            Card,
            "noun-card",
            "text",
            web=True,
            refs=(Reference("category", "item", ("kort", "categories"), "what-category"),),
            group="group-cards",
        ),
    ),
    number=3,
    slug="kort-med-positive-forandringer",
)
