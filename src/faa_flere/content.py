"""Load and check the content of a pack: every YAML file in ``materials/``.

All problems across all files are collected and raised once, as a
:class:`~faa_flere.errors.ContentError`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import models
from .catalogue import MATERIAL_IDS
from .errors import ContentError, Problem
from .validation import suggest, validate
from .yamlsource import Location, SourceMap, load_yaml

#: Each content file, the attribute it is loaded into, and its model.
FILES: dict[str, tuple[str, type[models.Model]]] = {
    "pack": ("pack.yaml", models.Pack),
    "palette": ("palette.yaml", models.Palette),
    "sun": ("values.yaml", models.Sun),
    "pieces": ("pieces.yaml", models.Pieces),
    "cards": ("cards.yaml", models.Cards),
    "checklist": ("checklist.yaml", models.Checklist),
    "exchange": ("exchange.yaml", models.Exchange),
    "adjustment": ("adjustment.yaml", models.Adjustment),
    "manual": ("manual.yaml", models.Manual),
}


@dataclass(frozen=True)
class Content:
    """The checked content of one pack, with the source of every file."""

    pack: models.Pack
    palette: models.Palette
    sun: models.Sun
    pieces: models.Pieces
    cards: models.Cards
    checklist: models.Checklist
    exchange: models.Exchange
    adjustment: models.Adjustment
    manual: models.Manual
    materials_dir: Path
    sources: dict[str, Any] = field(default_factory=dict, compare=False)  # SourceMap or OverlaySource
    local: Local | None = None
    #: Each item's id and whether it is official, edited or local (or removed).
    status: dict[str, str] = field(default_factory=dict, compare=False)
    removed: tuple[tuple[str, str], ...] = ()

    def colour(self, name: str) -> str:
        """The hex value of a palette colour."""
        return self.palette.colours[name]

    def icon_path(self, name: str) -> Path:
        return self.materials_dir / "icons" / f"{name}.svg"


@dataclass(frozen=True)
class Local:
    """What a local edition adds that the official pack has not: who it is for."""

    folder: Path
    area: models.Area
    partners: tuple[str, ...]
    logo: Path | None
    copies: dict[str, int]

    @property
    def slug(self) -> str:
        return self.folder.name


def read_files(materials_dir: Path, problems: list[Problem]) -> tuple[dict[str, Any], dict[str, SourceMap]]:
    """The parsed YAML of every content file, and where its values stand."""
    data: dict[str, Any] = {}
    sources: dict[str, SourceMap] = {}
    for name, (filename, _model) in FILES.items():
        try:
            data[name], sources[name] = load_yaml(materials_dir / filename)
        except ContentError as e:
            problems.extend(e.problems)
    return data, sources


def make_content(
    data: dict[str, Any], sources: dict[str, Any], materials_dir: Path, problems: list[Problem], **extra: Any
) -> Content:
    """Validate parsed data into a :class:`Content`; raise with every problem found."""
    parsed = {
        name: validate(model, data[name], sources[name], problems)
        for name, (_f, model) in FILES.items()
        if name in data
    }
    if problems:
        raise ContentError(problems)
    content = Content(**parsed, materials_dir=materials_dir, sources=sources, **extra)
    check_references(content, problems)
    if problems:
        raise ContentError(problems)
    return content


def load_content(materials_dir: Path) -> Content:
    """Load, validate and cross-check the content in ``materials_dir``.

    Every file is read and validated even when another one fails, so that one
    run reports every problem.
    """
    problems: list[Problem] = []
    data, sources = read_files(materials_dir, problems)
    content = make_content(data, sources, materials_dir, problems)
    return dataclasses.replace(content, status={item_id: "official" for item_id in item_ids(content)})


def item_ids(content: Content) -> list[str]:
    """The id of every item of every material."""
    from .overlay import ITEM_LISTS

    return [item.id for lst in ITEM_LISTS for item in getattr(getattr(content, lst.file), lst.field)]


def check_references(content: Content, problems: list[Problem]) -> None:
    """Ids are unique, and every reference points at something that exists."""
    src = content.sources
    colours = content.palette.colours

    _unique(content.sun.values, src["sun"], ("values",), problems)
    _unique(content.pieces.pieces, src["pieces"], ("pieces",), problems)
    _unique(content.cards.categories, src["cards"], ("categories",), problems)
    _unique(content.cards.cards, src["cards"], ("cards",), problems)
    _unique(content.checklist.rows, src["checklist"], ("rows",), problems)
    _unique(content.checklist.columns, src["checklist"], ("columns",), problems)
    _unique(content.exchange.columns, src["exchange"], ("columns",), problems)
    _unique(content.adjustment.ratings, src["adjustment"], ("ratings",), problems)
    _unique(content.adjustment.plan_columns, src["adjustment"], ("plan_columns",), problems)
    _unique(content.manual.sections, src["manual"], ("sections",), problems)
    _unique_across_materials(content, problems)

    for i, value in enumerate(content.sun.values):
        _exists(value.colour, colours, "colour", src["sun"], ("values", i, "colour"), problems)
    for i, category in enumerate(content.cards.categories):
        _exists(category.colour, colours, "colour", src["cards"], ("categories", i, "colour"), problems)
        if not content.icon_path(category.icon).is_file():
            icons = [p.stem for p in (content.materials_dir / "icons").glob("*.svg")]
            problems.append(
                src["cards"].problem(
                    ("categories", i, "icon"),
                    f"no icon named '{category.icon}'",
                    suggest(category.icon, icons),
                )
            )
    value_ids = [v.id for v in content.sun.values]
    for i, piece in enumerate(content.pieces.pieces):
        _exists(piece.value, value_ids, "value", src["pieces"], ("pieces", i, "value"), problems)
    category_ids = [c.id for c in content.cards.categories]
    for i, card in enumerate(content.cards.cards):
        _exists(card.category, category_ids, "category", src["cards"], ("cards", i, "category"), problems)
    for i, material in enumerate(content.pack.materials):
        _exists(material, MATERIAL_IDS, "material", src["pack"], ("materials", i), problems)


def _unique(items: Iterable[models.Item], source: SourceMap, loc: Location, problems: list[Problem]) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            first = source.line((*loc, seen[item.id], "id"))
            problems.append(
                source.problem(
                    (*loc, i, "id"),
                    f"duplicate id '{item.id}' (first used on line {first})",
                    "every id must be unique",
                )
            )
        else:
            seen[item.id] = i


def _exists(
    name: str, known: Iterable[str], what: str, source: SourceMap, loc: Location, problems: list[Problem]
) -> None:
    known = list(known)
    if name not in known:
        problems.append(source.problem(loc, f"unknown {what} '{name}'", suggest(name, known)))


def _unique_across_materials(content: Content, problems: list[Problem]) -> None:
    """An edition names items by id alone, so an id may stand in only one list."""
    from .overlay import ITEM_LISTS

    first: dict[str, str] = {}
    for lst in ITEM_LISTS:
        items = getattr(getattr(content, lst.file), lst.field)
        for i, item in enumerate(items):
            if item.id in first and first[item.id] != f"{lst.file}.{lst.field}":
                problems.append(
                    content.sources[lst.file].problem(
                        (lst.field, i, "id"),
                        f"id '{item.id}' is also used in {first[item.id]}",
                        "ids must be unique across all materials",
                    )
                )
            first.setdefault(item.id, f"{lst.file}.{lst.field}")
