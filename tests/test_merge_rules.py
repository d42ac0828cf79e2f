"""Each merge rule of a local edition, one by one (see the README's table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from faa_flere import build_pack, load_content, load_edition, paths
from faa_flere.toolkit import PACK_FILENAME

from .pdfcheck import text

OFFICIAL = load_content(paths.materials_dir())
BASE = "area:\n  name: Prøveby\n  plan: Helhedsplanen i Prøveby\n"


def edition(tmp_path: Path, extra: str = "") -> Path:
    folder = tmp_path / "proeveby"
    folder.mkdir(exist_ok=True)
    (folder / "area.yaml").write_text(BASE + extra, encoding="utf-8")
    return folder


def card(content, card_id):
    return next(c for c in content.text("kort").cards if c.id == card_id)


def test_an_edition_without_changes_has_the_official_content(tmp_path):
    content = load_edition(edition(tmp_path))
    assert content.text("kort") == OFFICIAL.text("kort")
    assert content.text("brikker") == OFFICIAL.text("brikker")
    assert content.pack.materials == OFFICIAL.pack.materials
    assert set(content.status.values()) == {"official"}


def test_remove_takes_items_out_by_id(tmp_path):
    content = load_edition(edition(tmp_path, "changes:\n  remove: [k18, synlighed-3, lokaler]\n"))
    assert "k18" not in [c.id for c in content.text("kort").cards]
    assert "synlighed-3" not in [p.id for p in content.text("brikker").pieces]
    assert "lokaler" not in [r.id for r in content.text("tjekliste").rows]
    assert len(content.text("kort").cards) == len(OFFICIAL.text("kort").cards) - 1
    assert content.status["k18"] == "removed"
    assert ("k18", card(OFFICIAL, "k18").text) in content.removed


def test_edit_with_text_replaces_the_main_text_only(tmp_path):
    content = load_edition(edition(tmp_path, "changes:\n  edit:\n    k07: Ny tekst\n"))
    assert card(content, "k07").text == "Ny tekst"
    assert card(content, "k07").category == card(OFFICIAL, "k07").category
    assert content.status["k07"] == "edited"


def test_edit_with_fields_replaces_just_those_fields(tmp_path):
    content = load_edition(
        edition(tmp_path, "changes:\n  edit:\n    faglighed: {question: 'Nyt spørgsmål?'}\n")
    )
    value = next(v for v in content.text("solskinsmodellen").values if v.id == "faglighed")
    official = next(v for v in OFFICIAL.text("solskinsmodellen").values if v.id == "faglighed")
    assert value.question == "Nyt spørgsmål?"
    assert (value.name, value.meaning, value.colour) == (official.name, official.meaning, official.colour)


def test_add_appends_new_items_after_the_official_ones(tmp_path):
    content = load_edition(
        edition(
            tmp_path,
            "changes:\n  add:\n    kort:\n"
            "      - {id: ny-1, category: boern-unge, text: Første}\n"
            "      - {id: ny-2, category: boern-unge, text: Anden}\n",
        )
    )
    assert [c.id for c in content.text("kort").cards[-2:]] == ["ny-1", "ny-2"]
    assert content.text("kort").cards[: len(OFFICIAL.text("kort").cards)] == OFFICIAL.text("kort").cards
    assert content.status["ny-1"] == "local"


def test_an_id_removed_can_be_added_anew(tmp_path):
    content = load_edition(
        edition(
            tmp_path,
            "changes:\n  remove: [k01]\n  add:\n    kort: [{id: k01, category: boern-unge, text: Ny}]\n",
        )
    )
    assert card(content, "k01").text == "Ny"


def test_texts_replace_single_fields_and_lists_whole(tmp_path):
    content = load_edition(
        edition(
            tmp_path, "texts:\n  kort: {title: Vores kort}\n  pakke:\n    cover_intro: [Kun denne linje.]\n"
        )
    )
    assert content.text("kort").title == "Vores kort"
    assert content.text("kort").intro == OFFICIAL.text("kort").intro  # untouched
    assert content.pack.cover_intro == ["Kun denne linje."]  # a list is replaced, not extended


def test_materials_replace_the_official_list_in_the_given_order(tmp_path):
    content = load_edition(edition(tmp_path, "materials: [manual, kort]\n"))
    assert content.pack.materials == ["manual", "kort"]


def test_copies_and_accent(tmp_path):
    content = load_edition(edition(tmp_path, "copies: {brikker: 2}\n").parent / "proeveby")
    assert content.local.copies == {"brikker": 2}
    assert content.palette.colours["accent"] == OFFICIAL.palette.colours["accent"]
    coloured = load_edition(edition(tmp_path, "  accent: '#123456'\n"))
    assert coloured.palette.colours["accent"] == "#123456"


def test_identity_and_partners(tmp_path):
    content = load_edition(
        edition(
            tmp_path, "  contact: {name: Anna Prøve, phone: '11 22 33 44'}\npartners: [Brugsen, Skolen]\n"
        )
    )
    assert content.local.area.name == "Prøveby"
    assert content.local.area.contact.name == "Anna Prøve"
    assert content.local.partners == ("Brugsen", "Skolen")


def test_edition_template_overrides_the_official_one(tmp_path):
    folder = edition(tmp_path, "materials: [tjekliste]\npartners: ['<b>Fed</b> & \"Co\"']\n")
    (folder / "templates").mkdir()
    (folder / "templates" / "tjekliste.html").write_text(
        '{% extends "base.html" %}{% block body %}<p>Lokal skabelon for {{ area.name }}: '
        "{{ organisations[0] }}</p>{% endblock %}",
        encoding="utf-8",
    )
    result = build_pack(folder, tmp_path / "out")
    words = text(result.out_dir / "4-tjekliste-for-bidrag.pdf")
    # The edition's template is used, and the partner's name is printed as text, not markup.
    assert 'Lokal skabelon for Prøveby: <b>Fed</b> & "Co"' in words
    assert "Tjekliste for bidrag" in text(result.out_dir / PACK_FILENAME)  # the cover's contents


@pytest.mark.parametrize("template", ["{{ ''.__class__.__mro__ }}", "{{ cycler.__init__.__globals__ }}"])
def test_edition_templates_are_sandboxed(tmp_path, template):
    from faa_flere import BuildError

    folder = edition(tmp_path, "materials: [tjekliste]\n")
    (folder / "templates").mkdir()
    (folder / "templates" / "tjekliste.html").write_text(template, encoding="utf-8")
    with pytest.raises(BuildError, match="template error"):
        build_pack(folder, tmp_path / "out")


def test_a_template_that_reaches_outside_fails_a_strict_build(tmp_path):
    from faa_flere import BuildError
    from faa_flere.pack.settings import PrintSettings

    folder = edition(tmp_path, "materials: [tjekliste]\n")
    (folder / "templates").mkdir()
    (folder / "templates" / "tjekliste.html").write_text(
        '{% extends "base.html" %}{% block body %}<p>Logo:</p>'
        '<img src="https://example.com/logo.png"><img src="file:///etc/hostname">{% endblock %}',
        encoding="utf-8",
    )
    # Nothing is fetched: WeasyPrint is refused both files, and a strict build stops on it.
    with pytest.raises(BuildError, match=r"renderer reported: .*example\.com"):
        build_pack(folder, tmp_path / "out")
    relaxed = build_pack(folder, tmp_path / "out", settings=PrintSettings(strict=False))
    assert "Logo:" in text(relaxed.out_dir / "4-tjekliste-for-bidrag.pdf")
