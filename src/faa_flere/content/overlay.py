"""The merge rules: how a local edition's edits are laid over the official content.

The edits work on the parsed YAML, before validation, so the merged content is
checked by the very same models as the official files. Each merged value
remembers where it came from, so a problem in an edit is reported at its line
in ``area.yaml`` and a problem in official content at its official file.

Rules, in the order they apply:

1. ``changes.remove``: a list of ids; each item is taken out of its material.
2. ``changes.edit``: ``id: text`` replaces the item's main text; ``id: {field: value}``
   replaces just those fields. Other fields keep their official values.
3. ``changes.add``: ``material: [items]`` appends new items, with new ids, to the
   material's list (after the official ones).
4. ``texts``: ``material: {field: value}`` replaces single fields of a material
   (title, intro, labels ...); item lists are changed only through ``changes``.
5. ``materials`` replaces the official list of materials; ``copies`` repeats one.
6. ``area.accent`` replaces the palette's ``accent`` colour.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Location, Message, Problem, msg
from . import models
from .schema import PACK_KEY, PALETTE_KEY, ItemList, Schema
from .validation import suggest
from .yamlsource import SourceMap


@dataclass(frozen=True)
class Placed:
    """An item list and the file it stands in."""

    file: str
    lst: ItemList

    @property
    def field(self) -> str:
        return self.lst.field


@dataclass
class Origin:
    """Where one merged item came from."""

    kind: str  # "official", "edited" or "local"
    official_index: int | None = None
    area_loc: Location = ()
    fields: frozenset[str] = frozenset()
    plain_text: bool = False  # edited as ``id: text``


@dataclass
class OverlaySource:
    """Finds the line of a merged value: in ``area.yaml`` if the edition set it, else officially."""

    official: SourceMap
    area: SourceMap
    origins: dict[str, list[Origin]] = field(default_factory=dict)
    #: Top-level fields the edition replaced, and where in area.yaml it did.
    redirects: dict[str, Location] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.official.path

    def _target(self, loc: Location) -> tuple[SourceMap, Location]:
        loc = tuple(loc)
        if loc and loc[0] in self.redirects:
            return self.area, (*self.redirects[str(loc[0])], *loc[1:])
        if len(loc) == 1 and loc[0] in self.origins:
            # The list as a whole (too many items): where the edition added to it, if it did.
            added = [o for o in self.origins[str(loc[0])] if o.kind == "local"]
            if added:
                return self.area, added[0].area_loc[:-1]
        if len(loc) >= 2 and loc[0] in self.origins and isinstance(loc[1], int):
            origin = self.origins[str(loc[0])][loc[1]]
            rest = loc[2:]
            if origin.kind == "local":
                return self.area, (*origin.area_loc, *rest)
            if origin.kind == "edited" and (not rest or rest[0] in origin.fields):
                return self.area, origin.area_loc if origin.plain_text else (*origin.area_loc, *rest)
            # Only local items lack an official index, and edits come before additions.
            assert origin.official_index is not None
            return self.official, (loc[0], origin.official_index, *rest)
        return self.official, loc

    def line(self, loc: Location, *, key: bool = False) -> int | None:
        source, target = self._target(loc)
        return source.line(target, key=key)

    def problem(
        self, loc: Location, message: Message, hint: Message | None = None, *, key: bool = False
    ) -> Problem:
        source, target = self._target(loc)
        return source.problem(target, message, hint, key=key)


@dataclass
class Overlay:
    """The merged data, where each value came from, and each item's status."""

    schema: Schema
    data: dict[str, Any]
    sources: dict[str, OverlaySource]
    status: dict[str, str] = field(default_factory=dict)  # id -> official / edited / local
    removed: list[tuple[str, str]] = field(default_factory=list)  # (id, text)

    def lists(self) -> list[Placed]:
        return [Placed(f.key, lst) for f, lst in self.schema.item_lists()]


def _items(data: dict[str, Any], placed: Placed) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = data[placed.file][placed.field]
    return items


def _main_text(item: dict[str, Any], placed: Placed) -> str:
    return str(item.get(placed.lst.main or "name", item.get("id")))


def apply(
    schema: Schema,
    official: dict[str, Any],
    official_sources: dict[str, SourceMap],
    edition: models.EditionFile,
    area: SourceMap,
    problems: list[Problem],
) -> Overlay:
    """Merge ``edition`` into a copy of the ``official`` parsed YAML, reporting every problem."""
    data = copy.deepcopy(official)
    sources = {name: OverlaySource(src, area) for name, src in official_sources.items()}
    overlay = Overlay(schema, data, sources)
    materials = schema.material_keys
    for lst in overlay.lists():
        sources[lst.file].origins[lst.field] = [Origin("official", i) for i in range(len(_items(data, lst)))]
        for item in _items(data, lst):
            overlay.status[item["id"]] = "official"

    _remove(overlay, edition, area, problems)
    _edit(overlay, edition, area, problems)
    _add(overlay, edition, area, problems)
    _texts(overlay, edition, area, problems)
    _references(overlay, edition, area, problems)

    if edition.materials is not None:
        for i, material in enumerate(edition.materials):
            if material not in materials:
                problems.append(
                    area.problem(
                        ("materials", i),
                        msg("unknown-material-named", name=material),
                        suggest(material, materials) or msg("materials-are", names=list(materials)),
                    )
                )
            elif material in edition.materials[:i]:
                problems.append(
                    area.problem(("materials", i), msg("material-twice", name=material), msg("remove-one"))
                )
        data[PACK_KEY]["materials"] = list(edition.materials)
        sources[PACK_KEY].redirects["materials"] = ("materials",)
    for material, count in edition.copies.items():
        if material not in materials:
            problems.append(
                area.problem(
                    ("copies", material), msg("unknown-material"), suggest(material, materials), key=True
                )
            )
        elif not 1 <= count <= 10:
            problems.append(area.problem(("copies", material), msg("bad-copies", count=count)))
    if edition.area.accent:
        data[PALETTE_KEY]["colours"]["accent"] = edition.area.accent
    return overlay


def _find(overlay: Overlay, item_id: str) -> tuple[Placed, int] | None:
    for lst in overlay.lists():
        for index, item in enumerate(_items(overlay.data, lst)):
            if item.get("id") == item_id:
                return lst, index
    return None


def _all_ids(overlay: Overlay) -> Iterator[str]:
    for lst in overlay.lists():
        for item in _items(overlay.data, lst):
            yield str(item.get("id"))


def _unknown_id(overlay: Overlay, item_id: str) -> tuple[Message, Message]:
    removed = {i for i, _ in overlay.removed}
    if item_id in removed:
        return msg("id-removed", id=item_id), msg("id-removed.hint")
    return msg("unknown-id", id=item_id), suggest(item_id, _all_ids(overlay)) or msg("list-shows-ids")


def _remove(overlay: Overlay, edition: models.EditionFile, area: SourceMap, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for i, item_id in enumerate(edition.changes.remove):
        loc = ("changes", "remove", i)
        if item_id in seen:
            problems.append(area.problem(loc, msg("listed-twice", id=item_id), msg("remove-one")))
            continue
        seen.add(item_id)
        found = _find(overlay, item_id)
        if found is None:
            message, hint = _unknown_id(overlay, item_id)
            problems.append(area.problem(loc, message, hint))
            continue
        lst, index = found
        item = _items(overlay.data, lst).pop(index)
        overlay.sources[lst.file].origins[lst.field].pop(index)
        overlay.removed.append((item_id, _main_text(item, lst)))
        overlay.status[item_id] = "removed"


def _edit(overlay: Overlay, edition: models.EditionFile, area: SourceMap, problems: list[Problem]) -> None:
    for item_id, change in edition.changes.edit.items():
        loc = ("changes", "edit", item_id)
        found = _find(overlay, item_id)
        if found is None:
            message, hint = _unknown_id(overlay, item_id)
            problems.append(area.problem(loc, message, hint, key=True))
            continue
        lst, index = found
        item = _items(overlay.data, lst)[index]
        origin = overlay.sources[lst.file].origins[lst.field][index]
        if isinstance(change, str):
            if lst.lst.main is None:
                fields = ", ".join(f for f in lst.lst.model.model_fields if f != "id")
                problems.append(
                    area.problem(
                        loc,
                        msg("several-texts", noun=msg(lst.lst.noun)),
                        msg("several-texts.hint", fields=fields),
                    )
                )
                continue
            item[lst.lst.main] = change
            changed = frozenset({lst.lst.main})
        else:
            if "id" in change:
                problems.append(area.problem((*loc, "id"), msg("id-fixed"), msg("id-fixed.hint")))
                continue
            item.update(change)
            changed = frozenset(change)
        overlay.sources[lst.file].origins[lst.field][index] = Origin(
            "edited", origin.official_index, loc, changed, plain_text=isinstance(change, str)
        )
        overlay.status[item_id] = "edited"


def _add(overlay: Overlay, edition: models.EditionFile, area: SourceMap, problems: list[Problem]) -> None:
    targets = {lst.file: lst for lst in overlay.lists() if lst.lst.addable}
    for material, items in edition.changes.add.items():
        lst = targets.get(material)
        if lst is None:
            problems.append(
                area.problem(
                    ("changes", "add", material), msg("cannot-add"), suggest(material, targets), key=True
                )
            )
            continue
        for i, item in enumerate(items):
            loc = ("changes", "add", material, i)
            item_id = item.get("id")
            if (
                isinstance(item_id, str)
                and item_id in overlay.status
                and overlay.status[item_id] != "removed"
            ):
                problems.append(
                    area.problem((*loc, "id"), msg("id-in-use", id=item_id), msg("id-in-use.hint"))
                )
                continue
            _items(overlay.data, lst).append(dict(item))
            overlay.sources[lst.file].origins[lst.field].append(Origin("local", None, loc))
            if isinstance(item_id, str):
                overlay.status[item_id] = "local"


def _texts(overlay: Overlay, edition: models.EditionFile, area: SourceMap, problems: list[Problem]) -> None:
    files = {f.key: f for f in overlay.schema.files if f.texts}
    for key, fields in edition.texts.items():
        if key not in files:
            problems.append(
                area.problem(("texts", key), msg("unknown-material"), suggest(key, files), key=True)
            )
            continue
        list_fields = {lst.field for lst in files[key].items}
        allowed = [f for f in files[key].model.model_fields if f not in list_fields and f != "materials"]
        for name, value in fields.items():
            if name in list_fields:
                problems.append(
                    area.problem(
                        ("texts", key, name),
                        msg("items-under-changes"),
                        msg("items-under-changes.hint"),
                        key=True,
                    )
                )
            elif name not in allowed:
                problems.append(
                    area.problem(("texts", key, name), msg("unknown-key"), suggest(name, allowed), key=True)
                )
            else:
                overlay.data[key][name] = value
                overlay.sources[key].redirects[name] = ("texts", key, name)


def _references(
    overlay: Overlay, edition: models.EditionFile, area: SourceMap, problems: list[Problem]
) -> None:
    """Removing a value or category that remaining items use is an error at the removal."""
    for placed in overlay.lists():
        for ref in placed.lst.refs:
            if ref.kind != "item":
                continue
            target_file, target_field = ref.target
            known = {item.get("id") for item in overlay.data[target_file][target_field]}
            users: dict[str, list[str]] = {}
            for item in _items(overlay.data, placed):
                if item.get(ref.field) not in known:
                    users.setdefault(str(item.get(ref.field)), []).append(str(item.get("id")))
            for i, item_id in enumerate(edition.changes.remove):
                if item_id in users:
                    names = ", ".join(users.pop(item_id))
                    problems.append(
                        area.problem(
                            ("changes", "remove", i),
                            msg("still-used", id=item_id, users=names),
                            msg("still-used.hint"),
                        )
                    )
