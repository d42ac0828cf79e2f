"""Content files parsed once for many editions, and again as soon as one changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from faa_flere.content.yamlsource import ReadCache
from faa_flere.errors import ContentError
from faa_flere.toolkit import load_edition

ROOT = Path(__file__).resolve().parent.parent


def test_a_text_is_parsed_once_and_a_changed_one_again(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text("title: Kort\n", encoding="utf-8")
    reads = ReadCache()
    first, source = reads.load_yaml(path)
    assert reads.load_yaml(path)[0] is first  # kept, not parsed again
    # The same text in another folder: not parsed again, but its problems name that file.
    copy = tmp_path / "prøve" / "kort.yaml"
    copy.parent.mkdir()
    copy.write_text("title: Kort\n", encoding="utf-8")
    again, where = reads.load_yaml(copy)
    assert again is first and where.path == copy and source.path == path
    path.write_text("title: Kort med positive forandringer\n", encoding="utf-8")
    assert reads.load_yaml(path)[0] == {"title": "Kort med positive forandringer"}
    path.write_text("title: [\n", encoding="utf-8")
    with pytest.raises(ContentError):
        reads.load_yaml(path)  # an error is said every time, never kept
    with pytest.raises(ContentError):
        reads.load_yaml(path)


def test_editions_read_through_one_cache_see_an_official_change(tmp_path):
    materials = tmp_path / "materials"
    shutil.copytree(ROOT / "materials", materials)
    reads = ReadCache()
    edition = ROOT / "areas" / "tingbjerg"
    before = load_edition(edition, materials, reads=reads)
    cards = materials / "cards.yaml"
    text = cards.read_text(encoding="utf-8")
    label = before.text("kort").card_label  # not edited by the edition
    cards.write_text(text.replace(f"card_label: {label}", "card_label: God forandring"), encoding="utf-8")
    after = load_edition(edition, materials, reads=reads)
    assert after.text("kort").card_label == "God forandring" != label
    # The data the cache holds is shared: the edition's edits never reach it.
    assert load_edition(edition, materials, reads=reads).text("kort") == after.text("kort")
