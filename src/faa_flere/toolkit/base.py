"""What a material is: the one declaration that the rest of the pipeline asks.

A material is a module in this package with a ``MATERIAL`` object: its id and number,
its YAML file and model, its item lists (what ``changes`` can remove, edit and add, what
``faa-flere list`` and the web page show), the palette colours its template needs, its
variants (the poster is made in A3 and on the chosen sheet) and its view (what its
template gets to draw). Nothing outside a material's own module branches on its id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ..content.models import Item
from ..content.schema import ContentFile, ItemList

if TYPE_CHECKING:
    from ..content.loading import Content


class Profile(Protocol):
    """What a view asks of a print profile (:mod:`faa_flere.pack.profiles` declares them)."""

    @property
    def single_cards(self) -> bool: ...
    @property
    def single_pieces(self) -> bool: ...
    @property
    def card_backs(self) -> bool: ...
    @property
    def edge_mm(self) -> float: ...
    @property
    def plotter(self) -> bool: ...


class Settings(Protocol):
    """What a view asks of the print settings (:class:`faa_flere.pack.settings.Settings`)."""

    @property
    def paper(self) -> str: ...
    @property
    def duplex(self) -> Literal["long", "short", "none"]: ...
    @property
    def back_offset(self) -> tuple[float, float]: ...
    @property
    def sheet(self) -> tuple[float, float]: ...
    @property
    def profile(self) -> Profile: ...
    @property
    def pieces(self) -> Literal["touching", "apart"]: ...


@dataclass(frozen=True)
class Material(ContentFile):
    """One printable material of the pack."""

    printable: bool = True
    number: int = 0
    slug: str = ""

    @property
    def id(self) -> str:
        return self.key

    @property
    def template(self) -> str:
        return f"{self.id}.html"

    def filename_for(self, variant: str = "") -> str:
        suffix = f"-{variant}" if variant else ""
        return f"{self.number}-{self.slug}{suffix}.pdf"

    def variants(self, settings: Settings) -> tuple[str, ...]:
        """The documents made of this material: one, unless a material says otherwise."""
        return ("",)

    def in_pack(self, variant: str) -> bool:
        """Whether a variant goes into the combined pack (made for one printer)."""
        return True

    def view(self, content: Content, variant: str, settings: Settings) -> dict[str, Any]:
        """What the template gets besides the shared context: at least ``page_w``, ``page_h``."""
        width, height = settings.sheet
        return {"page_w": width, "page_h": height}

    def sections(self, view: dict[str, Any], settings: Settings) -> list[dict[str, Any]]:
        """``view`` split into the views of sections laid out as documents of their own, in
        order (their PDFs are joined into the material's); one section, unless a material
        says otherwise. Nothing in a section may depend on the pages of another."""
        return [view]

    def list_rows(self, content: Content) -> list[tuple[str, list[tuple[str, str]]]]:
        """Groups of ``(id, text)`` for ``faa-flere list``; a group's name may be empty."""
        text = content.text(self.id)
        groups = []
        for items in self.items:
            rows = [(item.id, self.describe(items, item)) for item in getattr(text, items.field)]
            groups.append((items.group, rows))
        return groups

    def describe(self, items: ItemList, item: Item) -> str:
        """An item in one line, for ``list``."""
        return str(getattr(item, items.main or "id"))
