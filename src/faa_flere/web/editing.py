"""The web form's view of an edition, and how a saved form becomes area.yaml.

``area.yaml`` is read and written with ruamel.yaml's round trip, so a file edited by
hand keeps its comments and its order. A form becomes the edition's new files in memory
(:func:`apply_form`); they are checked by the same loading and validation as the command
line (:func:`faa_flere.load_edition`) before they are saved. The area's own fields come
from its model (:mod:`.areaform`).
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..content.files import EditionFiles
from ..content.loading import Content
from ..content.schema import ItemList
from ..errors import Problem
from ..toolkit import REGISTRY
from ..toolkit.base import Material
from . import areaform
from .words import WORDS, sentence


def editable(material: Material) -> ItemList | None:
    """The item list staff change on the page for ``material``, if it has one."""
    return next((lst for lst in material.items if lst.web), None)


def item_ref(lst: ItemList) -> str | None:
    """The field of a new item that names another item (a piece's value, a card's category)."""
    return next((ref.field for ref in lst.refs if ref.kind == "item"), None)


def yaml() -> YAML:
    handler = YAML()  # round trip: comments and order survive
    handler.preserve_quotes = True
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = 100
    return handler


@dataclass
class Item:
    id: str
    official: str  # the official text, or the local item's own text
    text: str  # what the edition prints
    status: str  # official, edited, local
    omitted: bool = False
    ref: str = ""  # a local item's value or category


@dataclass
class MaterialForm:
    id: str
    title: str
    official_title: str
    intro: str
    official_intro: str
    included: bool
    intro_label: str = ""
    items: list[Item] = field(default_factory=list)
    refs: list[tuple[str, str]] = field(default_factory=list)  # (id, name) for new items' select


#: The area's fields on the form, from its model.
AREA_FIELDS = areaform.area_fields()


def read_area(edition: EditionFiles) -> CommentedMap:
    data = yaml().load(edition.area_yaml)
    return data if isinstance(data, CommentedMap) else CommentedMap()


def form_view(content: Content, base: Content) -> list[MaterialForm]:
    """The edition as the form shows it: each material's items with their status (``base``
    is the official content)."""
    removed = {item_id for item_id, _ in content.removed}
    forms = []
    for material in REGISTRY:
        material_id = material.id
        text, base_text = content.text(material_id), base.text(material_id)
        intro_field = material.intro_field
        form = MaterialForm(
            material_id,
            text.title,
            base_text.title,
            getattr(text, intro_field),
            getattr(base_text, intro_field),
            material_id in content.pack.materials,
            WORDS.message_code(material.intro_label),
        )
        lst = editable(material)
        if lst is not None:
            main, ref = lst.main or "id", item_ref(lst)
            official_items = {item.id: item for item in getattr(base_text, lst.field)}
            for item_id, official_item in official_items.items():
                if item_id in removed:
                    form.items.append(
                        Item(item_id, getattr(official_item, main), "", "official", omitted=True)
                    )
            current = getattr(text, lst.field)
            for item in current:
                status = content.status.get(item.id, "official")
                official_text = getattr(official_items[item.id], main) if item.id in official_items else ""
                form.items.append(
                    Item(
                        item.id,
                        official_text,
                        getattr(item, main),
                        status,
                        ref=getattr(item, ref) if ref else "",
                    )
                )
            order = list(official_items)
            form.items.sort(key=lambda i: order.index(i.id) if i.id in order else len(order))
            target = next((r.target for r in lst.refs if r.kind == "item"), None)
            if target is not None:
                form.refs = [(i.id, i.name) for i in getattr(content.text(target[0]), target[1])]
        forms.append(form)
    return forms


def form_values(content: Content, forms: list[MaterialForm]) -> dict[str, list[str]]:
    """What the edit page's form sends for this edition when nobody changes anything."""
    assert content.local is not None
    values = areaform.form_values(content.local.area, AREA_FIELDS)
    values["partner"] = list(content.local.partners)
    for m in forms:
        if m.included:
            values[f"material-{m.id}"] = ["1"]
        values[f"title-{m.id}"] = [m.title]
        values[f"intro-{m.id}"] = [m.intro]
        for item in m.items:
            if item.omitted:
                values[f"omit-{item.id}"] = ["1"]
            values[f"edit-{item.id}"] = ["" if item.status == "official" or item.omitted else item.text]
    return {name: value for name, value in values.items() if value not in ([], [""])}


def cleaned(form: dict[str, list[str]]) -> dict[str, list[str]]:
    """A form without the fields that say nothing (empty, or the page's own bookkeeping)."""
    fields = {}
    for name, value in form.items():
        if name in BOOKKEEPING or name.startswith("add-"):
            continue
        kept = [v.strip() for v in value if v.strip()] if name == "partner" else [v.strip() for v in value]
        if kept not in ([], [""]):
            fields[name] = kept
    return fields


#: Fields of the edit form that are not part of the edition.
BOOKKEEPING = {"csrf_token", "base", "upload", "upload-name", "action", "profile", "duplex"}


@dataclass
class Merge:
    """Two edits of one version put together: what both agree on or only one changed, and
    the fields both changed differently (the user chooses)."""

    merged: dict[str, list[str]]
    conflicts: list[str]  # field names
    differ: list[str]  # every field where the two versions differ


def merge(base: dict[str, list[str]], mine: dict[str, list[str]], theirs: dict[str, list[str]]) -> Merge:
    base, mine, theirs = cleaned(base), cleaned(mine), cleaned(theirs)
    merged: dict[str, list[str]] = {}
    conflicts, differ = [], []
    for name in sorted(set(base) | set(mine) | set(theirs), key=_field_order):
        b, m, t = base.get(name, []), mine.get(name, []), theirs.get(name, [])
        if m != t:
            differ.append(name)
        if m == t or t == b:
            value = m
        elif m == b:
            value = t
        else:
            conflicts.append(name)
            value = m
        if value:
            merged[name] = value
    return Merge(merged, conflicts, differ)


def choose(
    mine: dict[str, list[str]], theirs: dict[str, list[str]], choices: dict[str, str]
) -> dict[str, list[str]]:
    """The form made of the user's choice per field (``mine`` where no choice is given).
    New items typed into ``mine`` are always kept: the other version cannot have them."""
    chosen = {name: value for name, value in mine.items() if name.startswith("add-")}
    mine, theirs = cleaned(mine), cleaned(theirs)
    for name in set(mine) | set(theirs):
        value = theirs.get(name, []) if choices.get(name) == "theirs" else mine.get(name, [])
        if value:
            chosen[name] = value
    return chosen


def keep_mine(
    base: dict[str, list[str]], mine: dict[str, list[str]], theirs: dict[str, list[str]]
) -> dict[str, list[str]]:
    """My changes on top of theirs: where both changed a field, mine; elsewhere the change."""
    kept = {name: value for name, value in mine.items() if name.startswith("add-")}
    return {**merge(base, mine, theirs).merged, **kept}


_ORDER = ("area-", "contact-", "partner", "material-", "title-", "intro-", "omit-", "edit-")


def _field_order(name: str) -> tuple[int, str]:
    return next((n for n, prefix in enumerate(_ORDER) if name.startswith(prefix)), len(_ORDER)), name


#: The message code of each field's label.
def label(name: str, forms: list[MaterialForm]) -> str:
    """The words the page uses for a form field."""
    field = areaform.field_named(name, AREA_FIELDS)
    if field is not None:
        return field.label(WORDS)
    if name == "partner":
        return WORDS.message_code("web-field.partner")
    kind, _, rest = name.partition("-")
    for m in forms:
        if rest == m.id:
            if kind in ("material", "title"):
                return WORDS.message_code(f"web-field.{kind}", material=m.official_title)
            return WORDS.message_code(
                "web-field.intro", material=m.official_title, label=m.intro_label.lower()
            )
        for item in m.items:
            if rest == item.id:
                quote = shorten(item.official or item.text)
                code = "web-field.item-omitted" if kind == "omit" else "web-field.item"
                return WORDS.message_code(code, material=m.official_title, text=quote)
    return name


def shorten(text: str, length: int = 50) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@dataclass
class Saved:
    """The outcome of saving a form: the problems by form field, or none."""

    errors: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.general


def apply_form(
    edition: EditionFiles,
    form: dict[str, list[str]],
    base: Content,
    logo: tuple[str, bytes] | None = None,
) -> EditionFiles:
    """The edition's files after the form (and a new ``logo``, name and bytes): area.yaml
    made anew from the form, with its comments kept. Not checked: load it for that.
    ``base`` is the official content."""
    data = read_area(edition)
    areaform.write(data, form, AREA_FIELDS)
    _partners(data, form)
    _materials(data, form)
    _texts(data, form, base)
    _changes(data, form, base)
    files = dict(edition.files)
    if logo is not None:
        suffix = Path(logo[0]).suffix.lower()
        data["area"]["logo"] = f"logo{suffix}"
        for old in [name for name in files if Path(name).stem == "logo" and "/" not in name]:
            del files[old]
        files[f"logo{suffix}"] = logo[1]
    return EditionFiles(_dump(data), files, edition.origin)


def _one(form: dict[str, list[str]], name: str) -> str:
    return (form.get(name) or [""])[0].strip()


def _set(mapping: CommentedMap, key: str, value: Any) -> None:
    """Set or remove ``key``, leaving the mapping's other keys and comments alone."""
    if value in ("", None, [], {}):
        mapping.pop(key, None)
    elif mapping.get(key) != value:
        mapping[key] = value


def _set_list(mapping: CommentedMap, key: str, values: list[Any]) -> None:
    """Set a list in place, so its style (flow or block) and a comment after it survive."""
    current = mapping.get(key)
    if not isinstance(current, CommentedSeq) or not values:
        _set(mapping, key, CommentedSeq(values))
        return
    if list(current) == values:
        return
    trailing = current.ca.items.pop(len(current) - 1, None)
    current.ca.items.clear()
    del current[:]
    current.extend(values)
    if trailing:
        current.ca.items[len(values) - 1] = trailing


def _partners(data: CommentedMap, form: dict[str, list[str]]) -> None:
    names = [name.strip() for name in form.get("partner", []) if name.strip()]
    _set_list(data, "partners", names)


def _materials(data: CommentedMap, form: dict[str, list[str]]) -> None:
    chosen = [m.id for m in REGISTRY if _one(form, f"material-{m.id}")]
    if len(chosen) == len(REGISTRY):
        data.pop("materials", None)
    elif not chosen:
        data["materials"] = CommentedSeq()  # none at all: said as a mistake, not read as "all"
    else:
        _set_list(data, "materials", chosen)


def _texts(data: CommentedMap, form: dict[str, list[str]], base: Content) -> None:
    texts = data.get("texts") if isinstance(data.get("texts"), CommentedMap) else CommentedMap()
    for material in REGISTRY:
        material_id, intro_field = material.id, material.intro_field
        official_text = base.text(material_id)
        own = texts.get(material_id) if isinstance(texts.get(material_id), CommentedMap) else CommentedMap()
        for key, official_value in (
            ("title", official_text.title),
            (intro_field, getattr(official_text, intro_field)),
        ):
            value = _one(form, f"{key if key == 'title' else 'intro'}-{material_id}")
            _set(own, key, value if value and value != official_value else "")
        _set(texts, material_id, own)
    _set(data, "texts", texts)


def _changes(data: CommentedMap, form: dict[str, list[str]], base: Content) -> None:
    changes = data.get("changes") if isinstance(data.get("changes"), CommentedMap) else CommentedMap()
    before = list(changes.get("remove") or [])
    remove = [r for r in before if not _in_form_lists(r, base)]
    edit = changes.get("edit") if isinstance(changes.get("edit"), CommentedMap) else CommentedMap()
    add = changes.get("add") if isinstance(changes.get("add"), CommentedMap) else CommentedMap()
    for material in REGISTRY:
        lst = editable(material)
        if lst is None:
            continue
        material_id, main, ref = material.id, lst.main or "id", item_ref(lst)
        official_items = getattr(base.text(material_id), lst.field)
        for item in official_items:
            if _one(form, f"omit-{item.id}"):
                remove.append(item.id)
                edit.pop(item.id, None)
                continue
            new_text = _one(form, f"edit-{item.id}")
            _set(edit, item.id, new_text if new_text and new_text != getattr(item, main) else "")
        local = [entry for entry in (add.get(material_id) or []) if isinstance(entry, dict)]
        kept = CommentedSeq()
        for entry in local:
            entry_id = str(entry.get("id", ""))
            if _one(form, f"omit-{entry_id}"):
                continue
            if f"edit-{entry_id}" in form:
                entry[main] = _one(form, f"edit-{entry_id}")
            kept.append(entry)
        new_text = _one(form, f"add-{material_id}-text")
        if new_text:
            used = {str(e.get("id")) for e in kept} | {i.id for i in official_items}
            number = 1
            while f"egen-{material_id}-{number}" in used:
                number += 1
            entry = CommentedMap(id=f"egen-{material_id}-{number}")
            if ref:
                entry[ref] = _one(form, f"add-{material_id}-ref")
            entry[main] = new_text
            kept.append(entry)
        _set(add, material_id, kept)
    # Ids that stay removed keep their place; new ones go at the end.
    ordered = [r for r in before if r in remove] + [r for r in remove if r not in before]
    _set_list(changes, "remove", list(dict.fromkeys(ordered)))
    _set(changes, "edit", edit)
    _set(changes, "add", add)
    _set(data, "changes", changes)


def _in_form_lists(item_id: str, base: Content) -> bool:
    """Whether the form shows this item (and so decides whether it is left out)."""
    return any(
        item_id == item.id
        for material in REGISTRY
        if (lst := editable(material)) is not None
        for item in getattr(base.text(material.id), lst.field)
    )


def _dump(data: CommentedMap) -> str:
    stream = io.StringIO()
    yaml().dump(data, stream)
    return stream.getvalue()


# --- problems next to their fields, in Danish ------------------------------------------


def field_for(problem: Problem) -> str | None:
    """The form field a problem belongs to, or None for the top of the page."""
    return field_at(problem.loc)


def field_at(loc: tuple[str | int, ...]) -> str | None:
    """The form field for a location in area.yaml, or None for the top of the page."""
    if loc[:1] == ("area",):
        return areaform.field_at(loc, AREA_FIELDS)
    if loc[:1] == ("partners",):
        return "partners"
    if loc[:2] == ("changes", "edit") and len(loc) > 2:
        return f"edit-{loc[2]}"
    if loc[:2] == ("changes", "add") and len(loc) > 2:
        return f"add-{loc[2]}"
    if loc[:1] == ("texts",) and len(loc) > 2:
        kind = "title" if loc[2] == "title" else "intro"
        return f"{kind}-{loc[1]}"
    return None


def saved_with(problems: list[Problem]) -> Saved:
    """Problems by the form field they belong to; the rest for the top of the page."""
    saved = Saved()
    for problem in problems:
        name = field_for(problem)
        if name:
            message = WORDS.message(problem.message)
            if problem.hint is not None:
                message += f" ({WORDS.message(problem.hint)})"
            saved.errors.setdefault(name, sentence(message))
        else:
            # Staff know the file by its name alone (area.yaml), not the area's folder.
            shown = dataclasses.replace(problem, path=Path(problem.path.name)) if problem.path else problem
            saved.general.append(WORDS.problem(shown))
    return saved
