"""What changed between two saved versions of an edition, as data to put into words.

:func:`describe_changes` compares two loaded editions (what
:func:`faa_flere.load_edition` returns) and lists each difference as a :class:`Change`:
a message code and its parameters, never words. The web page's history puts them
into Danish (or English) with :func:`changes_in_words` and :func:`summary`.

The order is stable: the area (name, plan, contact, colour, logo, partners), then the
pack's own texts, then each material in the pack's order (in the pack or not, copies,
title, introduction, other texts, then its items in their order).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..i18n import Words
from ..i18n.messages import PLURALS, Message, msg
from . import models
from .loading import Content, Logo
from .schema import PACK_KEY, ContentFile, ItemList

#: How long a quote of an item's text may be, in characters, with its "…".
QUOTE_LENGTH = 60


@dataclass(frozen=True)
class Change:
    """One difference between two versions: what to say, and what it is about."""

    message: Message
    #: What the one-line summary counts it under: a message code, or a counted noun's code
    #: in :data:`~faa_flere.i18n.messages.PLURALS` (``noun-card.count``).
    topic: str
    #: The material and the item it is about, if any (for links on the page).
    material: str = ""
    item: str = ""


#: The change listed for a first version (there is nothing before it to compare with).
FIRST_VERSION = Change(msg("first-version"), "first-version")


def describe_changes(old: Content | None, new: Content) -> list[Change]:
    """Every difference between ``old`` and ``new``; ``[FIRST_VERSION]`` when there is no ``old``.

    Both are editions of the same official content; the logos are compared by their bytes.
    """
    if old is None:
        return [FIRST_VERSION]
    changes: list[Change] = []
    changes += _area(old.local.area if old.local else None, new.local.area if new.local else None)
    changes += _logo(old.local.logo if old.local else None, new.local.logo if new.local else None)
    changes += _partners(old.local.partners if old.local else (), new.local.partners if new.local else ())
    for content_file in new.schema.files:
        if content_file.texts:
            changes += _content_file(content_file, old, new)
    return changes


def changes_in_words(changes: Iterable[Change], words: Words) -> list[str]:
    """Each change as a sentence: ``Kontakt: e-mail ændret til mette@example.dk``."""
    return [_capital(words.message(change.message)) for change in changes]


def summary(changes: Sequence[Change], words: Words) -> str:
    """One line for a list of versions: ``3 ændringer: kontakt, 2 kort``."""
    if not changes:
        return words.message_code("no-changes")
    if list(changes) == [FIRST_VERSION]:
        return words.message_code("first-version")
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.topic] = counts.get(change.topic, 0) + 1
    topics = [
        words.count(topic, count) if topic in PLURALS else words.message_code(topic)
        for topic, count in counts.items()
    ]
    return words.message_code("changes-summary", changes=words.count("changes", len(changes)), topics=topics)


def quote(text: str, length: int = QUOTE_LENGTH) -> str:
    """``text`` on one line, cut at a word with "…" when longer than ``length``."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:-–") + "…"  # noqa: RUF001 (the dash is the Danish one)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the area: name, plan, contact, colour, logo, partners --------------------------------


def _area(old: models.Area | None, new: models.Area | None) -> list[Change]:
    if old is None or new is None:
        return []
    changes = []
    if old.name != new.name:
        changes.append(Change(msg("area-name-changed", name=new.name), "topic-name"))
    if old.plan != new.plan:
        changes.append(Change(msg("area-plan-changed", name=new.plan), "topic-plan"))
    for name in models.Contact.model_fields:
        before = getattr(old.contact, name, None) or ""
        after = getattr(new.contact, name, None) or ""
        if before == after:
            continue
        field = msg(f"contact-field.{name}")
        if after:
            changes.append(Change(msg("contact-changed", field=field, value=after), "topic-contact"))
        else:
            changes.append(Change(msg("contact-cleared", field=field), "topic-contact"))
    if old.accent != new.accent:
        message = msg("accent-changed", colour=new.accent) if new.accent else msg("accent-official")
        changes.append(Change(message, "topic-colour"))
    # Any other field of the area says its change by the label the form shows it with.
    for name in type(new).model_fields:
        if name in _AREA_SAID:
            continue
        before, after = str(getattr(old, name, None) or ""), str(getattr(new, name, None) or "")
        if before != after:
            field = msg(f"web-field.area-{name}")
            message = (
                msg("area-field-changed", field=field, value=after)
                if after
                else msg("area-field-cleared", field=field)
            )
            changes.append(Change(message, "topic-area"))
    return changes


#: The area's fields said above in words of their own (the logo by :func:`_logo`).
_AREA_SAID = frozenset({"name", "plan", "contact", "accent", "logo"})


def _logo(old: Logo | None, new: Logo | None) -> list[Change]:
    if old is None and new is None:
        return []
    if old is None:
        return [Change(msg("logo-added"), "topic-logo")]
    if new is None:
        return [Change(msg("logo-removed"), "topic-logo")]
    if old.data != new.data:
        return [Change(msg("logo-changed"), "topic-logo")]
    return []


def _partners(old: Sequence[str], new: Sequence[str]) -> list[Change]:
    """Removed and added names; a name replaced at the same place in the list is a change."""
    removed = [(i, name) for i, name in enumerate(old) if name not in new]
    added = [(i, name) for i, name in enumerate(new) if name not in old]
    renamed = {i: name for i, name in added if i in dict(removed)}
    changes = []
    for i, name in removed:
        if i in renamed:
            changes.append(Change(msg("partner-renamed", old=name, name=renamed[i]), "topic-partners"))
        else:
            changes.append(Change(msg("partner-removed", name=name), "topic-partners"))
    for i, name in added:
        if i not in renamed:
            changes.append(Change(msg("partner-added", name=name), "topic-partners"))
    if not changes and list(old) != list(new):
        changes.append(Change(msg("partners-reordered"), "topic-partners"))
    return changes


# --- a material: in the pack, copies, texts, items -----------------------------------------


def _content_file(content_file: ContentFile, old: Content, new: Content) -> list[Change]:
    key = content_file.key
    before, after = old.text(key), new.text(key)
    title = after.title
    changes = []
    if content_file.printable:
        if (key in old.pack.materials) != (key in new.pack.materials):
            code = "material-included" if key in new.pack.materials else "material-excluded"
            changes.append(Change(msg(code, material=title), "topic-materials", key))
        copies = _copies(old).get(key, 1), _copies(new).get(key, 1)
        if copies[0] != copies[1]:
            changes.append(
                Change(msg("copies-changed", material=title, count=copies[1]), "topic-materials", key)
            )
    if before.title != title:
        changes.append(Change(msg("title-changed", old=before.title, title=title), "topic-texts", key))
    intro = None
    if content_file.printable:
        intro = content_file.intro_field
        if getattr(before, intro) != getattr(after, intro):
            label = msg(content_file.intro_label)
            changes.append(Change(msg("intro-changed", material=title, label=label), "topic-texts", key))
    # Item lists are compared item by item below; the pack's list of materials above.
    skip = {"title", intro, *(lst.field for lst in content_file.items)}
    if key == PACK_KEY:
        skip.add("materials")
    for name in type(after).model_fields:
        if name not in skip and getattr(before, name) != getattr(after, name):
            changes.append(Change(msg("text-changed", material=title, field=name), "topic-texts", key))
    for lst in content_file.items:
        changes += _items(key, lst, old, new)
    return changes


def _copies(content: Content) -> Mapping[str, int]:
    return content.local.copies if content.local else {}


def _items(key: str, lst: ItemList, old: Content, new: Content) -> list[Change]:
    before = {item.id: item for item in getattr(old.text(key), lst.field)}
    after = {item.id: item for item in getattr(new.text(key), lst.field)}
    changes = []
    for item_id in _merged_order(list(before), list(after)):
        old_item, new_item = before.get(item_id), after.get(item_id)
        if new_item is not None and old_item is not None:
            if old_item == new_item:
                continue
            reverted = old.status.get(item_id) == "edited" and new.status.get(item_id) == "official"
            code = "item-reverted" if reverted else "item-changed"
            message = msg(code, noun=msg(lst.noun), text=quote(_text(lst, new_item)))
        elif new_item is not None:  # an own item is new; an official one was left out before
            if new.status.get(item_id) == "local":
                message = msg("item-added", noun=msg(f"{lst.noun}.new"), text=quote(_text(lst, new_item)))
            else:
                message = msg("item-back", noun=msg(f"{lst.noun}.the"), text=quote(_text(lst, new_item)))
        else:
            assert old_item is not None
            code = "item-deleted" if old.status.get(item_id) == "local" else "item-omitted"
            message = msg(code, noun=msg(f"{lst.noun}.the"), text=quote(_text(lst, old_item)))
        changes.append(Change(message, f"{lst.noun}.count", key, item_id))
    return changes


def _merged_order(before: list[str], after: list[str]) -> list[str]:
    """The ids of both lists in their order: an id only in ``before`` after the one before it."""
    order = list(after)
    for i, item_id in enumerate(before):
        if item_id in order:
            continue
        previous = next((p for p in reversed(before[:i]) if p in order), None)
        order.insert(0 if previous is None else order.index(previous) + 1, item_id)
    return order


def _text(lst: ItemList, item: Any) -> str:
    """What the item says, as the overlay names it: its main text, else its name."""
    return str(getattr(item, lst.main or "name", item.id))


def to_data(changes: Sequence[Change]) -> list[dict[str, Any]]:
    """Changes as plain data (JSON), to keep with a version; words are chosen when shown."""
    return [
        {"message": _message_data(c.message), "topic": c.topic, "material": c.material, "item": c.item}
        for c in changes
    ]


def from_data(data: Sequence[dict[str, Any]]) -> list[Change]:
    """The changes :func:`to_data` kept."""
    return [
        Change(
            _message_of(entry["message"]), entry["topic"], entry.get("material", ""), entry.get("item", "")
        )
        for entry in data
    ]


def _message_data(message: Message) -> dict[str, Any]:
    return {
        "code": message.code,
        "params": [
            [name, {"message": _message_data(value)} if isinstance(value, Message) else value]
            for name, value in message.params
        ],
    }


def _message_of(data: dict[str, Any]) -> Message:
    params = tuple(
        (name, _message_of(value["message"]) if isinstance(value, dict) else value)
        for name, value in data["params"]
    )
    return Message(data["code"], params)
