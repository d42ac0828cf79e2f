"""The shape of the content: which files it has, their models, and the item lists in them.

Declared by the materials (:mod:`faa_flere.toolkit`); loading, validation and the
merge rules of an edition work from it, so a new material needs no change here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Item, Model


@dataclass(frozen=True)
class Reference:
    """A field of an item that names something else: a palette colour, an icon, or an item
    of another list (``("solskinsmodellen", "values")``)."""

    field: str
    kind: str  # "colour", "icon" or "item"
    target: tuple[str, str] = ("", "")
    what: str = ""  # the message code naming what is referred to


@dataclass(frozen=True)
class ItemList:
    """A list of items with ids in a material's file."""

    field: str
    model: type[Item]
    noun: str  # the message code for one item
    main: str | None  # the field that ``id: text`` edits; None where that would be unclear
    addable: bool = True  # ``changes.add.<material>`` appends here (one list per material)
    web: bool = False  # staff leave out, reword and add items of this list on the web page
    refs: tuple[Reference, ...] = ()
    group: str = ""  # its heading in ``faa-flere list`` when a material has several lists


@dataclass(frozen=True)
class ContentFile:
    """A YAML file of the official content: the key it goes by in ``texts:``, and its model."""

    key: str
    filename: str
    model: type[Model]
    items: tuple[ItemList, ...] = ()
    #: Whether ``texts:`` in an edition may change its single fields.
    texts: bool = True
    #: Whether it is a material of the pack (a PDF of its own), not the pack's own file.
    printable: bool = False
    #: Palette colours its template uses beyond the shared ones.
    colours: frozenset[str] = frozenset()
    #: The field holding a material's introduction (the manual has a subtitle instead),
    #: and its label (a message code).
    intro_field: str = "intro"
    intro_label: str = "label-intro"


#: The pack's own file (cover, contents, which materials): ``pakke`` in ``texts:``.
PACK_KEY = "pakke"
#: The palette's file, which editions change only through ``area.accent``.
PALETTE_KEY = "palette"


@dataclass(frozen=True)
class Schema:
    """Every content file, in order."""

    files: tuple[ContentFile, ...]

    def file(self, key: str) -> ContentFile:
        return next(f for f in self.files if f.key == key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.files)

    @property
    def material_keys(self) -> tuple[str, ...]:
        """The materials, in the registry's order."""
        return tuple(f.key for f in self.files if f.printable)

    def item_lists(self) -> list[tuple[ContentFile, ItemList]]:
        return [(f, items) for f in self.files for items in f.items]
