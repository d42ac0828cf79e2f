"""Load and check the content of a pack: every YAML file the schema names.

All problems across all files are collected and raised once, as a
:class:`~faa_flere.errors.ContentError`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..errors import ContentError, Location, Message, Problem, msg
from . import models
from .schema import PACK_KEY, PALETTE_KEY, ItemList, Schema
from .validation import suggest, validate
from .yamlsource import ReadCache, SourceMap, load_yaml


class Source(Protocol):
    """Where the values of one content file stand: a file, or an edition laid over one."""

    @property
    def path(self) -> Path: ...

    def line(self, loc: Location, *, key: bool = False) -> int | None: ...

    def problem(
        self, loc: Location, message: Message, hint: Message | None = None, *, key: bool = False
    ) -> Problem: ...


#: The URL scheme of an edition's own files in the HTML (``edition:logo.png``): the renderer
#: reads them from memory. The same URL for the same name wherever the files came from, so
#: a PDF does not depend on the folder it was built from.
EDITION_SCHEME = "edition"


@dataclass(frozen=True)
class Logo:
    """An edition's logo: its file name and bytes, checked (:func:`.assets.check_logo`)."""

    name: str
    data: bytes = field(repr=False)

    @property
    def url(self) -> str:
        return f"{EDITION_SCHEME}:{self.name}"


@dataclass(frozen=True)
class Local:
    """What a local edition adds that the official pack has not: who it is for."""

    area: models.Area
    partners: tuple[str, ...]
    logo: Logo | None
    copies: dict[str, int]
    #: The edition's own templates (untrusted), by name below ``templates/``.
    templates: Mapping[str, bytes] = field(default_factory=dict, repr=False)
    #: Where the edition came from, as problems name it (``areas/tingbjerg``).
    origin: Path = Path()

    def resources(self) -> dict[str, bytes]:
        """The edition's files the HTML refers to, by URL: the logo."""
        return {self.logo.url: self.logo.data} if self.logo else {}


@dataclass(frozen=True)
class Content:
    """The checked content of one pack, with the source of every file."""

    schema: Schema
    texts: Mapping[str, models.Model]
    materials_dir: Path
    sources: Mapping[str, Source] = field(default_factory=dict, compare=False)
    local: Local | None = None
    #: Each item's id and whether it is official, edited or local (or removed).
    status: Mapping[str, str] = field(default_factory=dict, compare=False)
    removed: tuple[tuple[str, str], ...] = ()

    def text(self, key: str) -> Any:
        """The checked model of one content file, by its key (``pakke``, ``kort``, …)."""
        return self.texts[key]

    @property
    def pack(self) -> models.Pack:
        return self.texts[PACK_KEY]  # type: ignore[return-value]

    @property
    def palette(self) -> models.Palette:
        return self.texts[PALETTE_KEY]  # type: ignore[return-value]

    def colour(self, name: str) -> str:
        """The hex value of a palette colour."""
        return self.palette.colours[name]

    def items(self, key: str, items: ItemList) -> list[models.Item]:
        return list(getattr(self.texts[key], items.field))


def read_files(
    materials_dir: Path, schema: Schema, problems: list[Problem], reads: ReadCache | None = None
) -> tuple[dict[str, Any], dict[str, SourceMap]]:
    """The parsed YAML of every content file, and where its values stand (parsed again only
    when changed, with ``reads``)."""
    load = reads.load_yaml if reads is not None else load_yaml
    data: dict[str, Any] = {}
    sources: dict[str, SourceMap] = {}
    if not materials_dir.is_dir():
        problems.append(
            Problem(
                materials_dir,
                None,
                (),
                msg("content-folder-missing"),
                msg("content-folder-missing.hint"),
            )
        )
        return data, sources
    for content_file in schema.files:
        try:
            data[content_file.key], sources[content_file.key] = load(materials_dir / content_file.filename)
        except ContentError as e:
            problems.extend(e.problems)
    known = {f.filename for f in schema.files}
    for extra in sorted(materials_dir.glob("*.y*ml")):
        if extra.name not in known:
            problems.append(
                Problem(
                    extra,
                    None,
                    (),
                    msg("unknown-content-file", name=extra.name),
                    suggest(extra.name, known) or msg("unknown-content-file.hint", files=sorted(known)),
                )
            )
    return data, sources


def make_content(
    schema: Schema,
    data: dict[str, Any],
    sources: Mapping[str, Source],
    materials_dir: Path,
    problems: list[Problem],
    **extra: Any,
) -> Content:
    """Validate parsed data into a :class:`Content`; raise with every problem found."""
    parsed: dict[str, models.Model] = {}
    for content_file in schema.files:
        if content_file.key in data:
            model = validate(content_file.model, data[content_file.key], sources[content_file.key], problems)  # type: ignore[arg-type]
            if model is not None:
                parsed[content_file.key] = model
    if problems:
        raise ContentError(problems)
    content = Content(schema, parsed, materials_dir, sources=sources, **extra)
    check_references(content, problems)
    if problems:
        raise ContentError(problems)
    return content


def official_content(materials_dir: Path, schema: Schema, reads: ReadCache | None = None) -> Content:
    """Load, validate and cross-check the content in ``materials_dir``.

    Every file is read and validated even when another one fails, so that one
    run reports every problem.
    """
    problems: list[Problem] = []
    data, sources = read_files(materials_dir, schema, problems, reads)
    if problems and not data:
        raise ContentError(problems)
    content = make_content(schema, data, sources, materials_dir, problems)
    return dataclasses.replace(content, status={item_id: "official" for item_id in item_ids(content)})


def item_ids(content: Content) -> list[str]:
    """The id of every item of every material."""
    return [item.id for f, lst in content.schema.item_lists() for item in content.items(f.key, lst)]


#: Palette colours the shared templates use: base.css and the sheets' header and footer,
#: the sun drawn on the cover of every pack (``solkerne``) and the calibration sheet
#: (``koral``). A material declares the ones only its own template uses.
SHARED_COLOURS = frozenset({"blaek", "graa", "creme", "linje", "papir", "accent", "sol", "solkerne", "koral"})


def check_references(content: Content, problems: list[Problem]) -> None:
    """Ids are unique, and every reference points at something that exists."""
    src = content.sources
    colours = content.palette.colours
    for content_file, lst in content.schema.item_lists():
        _unique(content.items(content_file.key, lst), src[content_file.key], (lst.field,), problems)
    _unique_across_materials(content, problems)
    icons = [p.stem for p in (content.materials_dir / "icons").glob("*.svg")]

    for content_file, lst in content.schema.item_lists():
        source = src[content_file.key]
        for ref in lst.refs:
            if ref.kind == "colour":
                known: list[str] = list(colours)
            elif ref.kind == "icon":
                known = icons
            else:
                target_key, target_field = ref.target
                known = [item.id for item in getattr(content.texts[target_key], target_field)]
            for i, item in enumerate(content.items(content_file.key, lst)):
                name = getattr(item, ref.field)
                if name in known:
                    continue
                loc = (lst.field, i, ref.field)
                if ref.kind == "icon":
                    problems.append(source.problem(loc, msg("no-icon", name=name), suggest(name, known)))
                else:
                    what = msg(ref.what or "what-colour")
                    problems.append(
                        source.problem(
                            loc, msg("unknown-reference", what=what, name=name), suggest(name, known)
                        )
                    )
    needed = set(SHARED_COLOURS)
    for content_file in content.schema.files:
        needed |= content_file.colours
    for name in sorted(needed - set(colours)):
        problems.append(
            src[PALETTE_KEY].problem(
                ("colours",), msg("colour-needed", name=name), msg("colour-needed.hint", name=name)
            )
        )
    materials = content.schema.material_keys
    for i, material in enumerate(content.pack.materials):
        if material not in materials:
            problems.append(
                src[PACK_KEY].problem(
                    ("materials", i),
                    msg("unknown-reference", what=msg("what-material"), name=material),
                    suggest(material, materials),
                )
            )
        elif material in content.pack.materials[:i]:
            problems.append(
                src[PACK_KEY].problem(
                    ("materials", i), msg("material-twice", name=material), msg("remove-one")
                )
            )


def _unique(items: Iterable[models.Item], source: Source, loc: Location, problems: list[Problem]) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            first = source.line((*loc, seen[item.id], "id"))
            problems.append(
                source.problem(
                    (*loc, i, "id"), msg("duplicate-id", id=item.id, line=first), msg("duplicate-id.hint")
                )
            )
        else:
            seen[item.id] = i


def _unique_across_materials(content: Content, problems: list[Problem]) -> None:
    """An edition names items by id alone, so an id may stand in only one list."""
    first: dict[str, str] = {}
    for content_file, lst in content.schema.item_lists():
        here = f"{content_file.key}.{lst.field}"
        for i, item in enumerate(content.items(content_file.key, lst)):
            if item.id in first and first[item.id] != here:
                problems.append(
                    content.sources[content_file.key].problem(
                        (lst.field, i, "id"),
                        msg("id-used-elsewhere", id=item.id, other=first[item.id]),
                        msg("id-used-elsewhere.hint"),
                    )
                )
            first.setdefault(item.id, here)
