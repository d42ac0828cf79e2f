"""The official pack, built for real and read back from its PDFs."""

from __future__ import annotations

import math

import pikepdf
import pytest

from faa_flere import load_content, paths
from faa_flere.toolkit import PACK_FILENAME, REGISTRY
from faa_flere.toolkit.kort import CARD_W

from .pdfcheck import A3, A4, MM, destinations, fonts, page_sizes, qpdf_check, same_size, text

CONTENT = load_content(paths.materials_dir())


def by_name(result):
    return {document.filename: document for document in result.documents}


def path_of(result, material_id: str, variant: str = ""):
    material = next(m for m in REGISTRY if m.id == material_id)
    return result.out_dir / material.filename_for(variant)


def test_writes_every_material_and_the_combined_pack(official):
    names = sorted(p.name for p in official.out_dir.iterdir())
    variants = {"solskinsmodellen": ("a3", "a4")}
    expected = sorted(
        [m.filename_for(v) for m in REGISTRY for v in variants.get(m.id, ("",))] + [PACK_FILENAME, "plotter"]
    )
    assert names == expected
    # The plotter's cut files: one per sheet of pieces, named as the result lists them.
    sheets = {d.filename: d.pages for d in official.documents}["2-brikker-til-vaerdispillet.pdf"]
    plotter = [f"plotter/brikker-ark-{n}.svg" for n in range(1, sheets + 1)]
    assert sorted(official.extra_files) == plotter
    assert sorted(f"plotter/{p.name}" for p in (official.out_dir / "plotter").iterdir()) == plotter


@pytest.mark.parametrize(
    ("material", "variant", "size"),
    [
        ("solskinsmodellen", "a3", A3),
        ("solskinsmodellen", "a4", A4),
        ("brikker", "", A4),
        ("kort", "", A4),
        ("tjekliste", "", A4),
        ("udbytte", "", (A4[1], A4[0])),
        ("tilpasning", "", A4),
        ("manual", "", A4),
    ],
)
def test_page_sizes(official, material, variant, size):
    sizes = page_sizes(path_of(official, material, variant))
    assert sizes, "no pages"
    assert all(same_size(s, size) for s in sizes), sizes


def test_page_counts(official):
    docs = by_name(official)
    pieces = len(CONTENT.text("brikker").pieces) + CONTENT.text("brikker").blank_count + 1
    cards = 1 + len(CONTENT.text("kort").cards) + CONTENT.text("kort").blank_count  # the intro card first
    assert docs["1-solskinsmodellen-a3.pdf"].pages == 1
    # Touching, as the printed puzzle: 2 sheets (laid apart, six a sheet, they took 5).
    assert docs["2-brikker-til-vaerdispillet.pdf"].pages == 2 < math.ceil(pieces / 6)
    assert docs["3-kort-med-positive-forandringer.pdf"].pages == 2 * math.ceil(cards / 9)
    assert docs["4-tjekliste-for-bidrag.pdf"].pages == 1
    assert docs["5-udbytte-og-bidrag-til-hinanden.pdf"].pages == 1
    assert docs["6-tilpasning-af-vores-samarbejde.pdf"].pages == 1
    assert 2 <= docs["7-manual-til-vaerdispillet.pdf"].pages <= 6
    in_pack = sum(d.pages for d in official.documents if d.variant in ("", "a4") and d.material != "pakke")
    assert docs[PACK_FILENAME].pages == 2 + in_pack
    with pikepdf.open(official.out_dir / PACK_FILENAME) as pdf:
        assert len(pdf.pages) == docs[PACK_FILENAME].pages


def test_every_font_is_embedded_and_is_the_shipped_lato(official):
    for path in official.files:
        found = fonts(path)
        assert found, f"{path.name}: no fonts"
        assert all(found.values()), f"{path.name}: not embedded: {found}"
        assert all("Lato" in name for name in found), f"{path.name}: a system font crept in: {found}"


def test_pdfs_pass_qpdf_check(official):
    for path in official.files:
        output = qpdf_check(path)
        assert "WARNING" not in output, f"{path.name}: {output}"


def test_metadata(official):
    for document in official.documents:
        with pikepdf.open(official.out_dir / document.filename) as pdf:
            info = pdf.docinfo
            assert str(info["/Title"]) == document.title
            assert str(info["/Author"]) == CONTENT.pack.author
            assert CONTENT.pack.title in str(info["/Subject"])
            assert str(pdf.Root.Lang) == "da"


def test_poster_shows_every_value(official):
    for variant in ("a3", "a4"):
        words = text(path_of(official, "solskinsmodellen", variant))
        for value in CONTENT.text("solskinsmodellen").values:
            assert value.name in words
            assert value.meaning in words
            assert value.question in words
        assert CONTENT.text("solskinsmodellen").centre in words


def test_pieces_carry_every_statement(official):
    words = text(path_of(official, "brikker"))
    for piece in CONTENT.text("brikker").pieces:
        assert piece.text in words, piece.id
    assert CONTENT.text("brikker").centre in words
    # The label is set in capitals on paper.
    assert (
        words.upper().count(CONTENT.text("brikker").blank_label.upper())
        >= CONTENT.text("brikker").blank_count
    )


def test_cards_carry_every_change(official):
    words = text(path_of(official, "kort"))
    for card in CONTENT.text("kort").cards:
        assert card.text in words, card.id
    for category in CONTENT.text("kort").categories:
        assert category.name in words


def test_card_backs_sit_behind_their_fronts_for_long_edge_duplex(official):
    dests = destinations(path_of(official, "kort"))
    card_w = CARD_W * MM
    ids = (
        ["intro"]
        + [card.id for card in CONTENT.text("kort").cards]
        + [f"tom-{n + 1}" for n in range(CONTENT.text("kort").blank_count)]
    )
    for card_id in ids:
        front, back = dests[f"kort-{card_id}-front"], dests[f"kort-{card_id}-back"]
        assert back.page == front.page + 1, card_id
        assert back.x == pytest.approx(A4[0] - front.x - card_w, abs=0.05), card_id
        assert back.y == pytest.approx(front.y, abs=0.05), card_id


def test_worksheets_have_their_rows(official):
    checklist = text(path_of(official, "tjekliste"))
    for row in CONTENT.text("tjekliste").rows:
        assert row.text in checklist
    exchange = text(path_of(official, "udbytte"))
    assert CONTENT.text("udbytte").goal_label in exchange
    for column in CONTENT.text("udbytte").columns:
        assert column.heading in exchange
    adjustment = text(path_of(official, "tilpasning"))
    for rating in CONTENT.text("tilpasning").ratings:
        assert rating.text in adjustment
    for option in CONTENT.text("tilpasning").decision_options:
        assert option in adjustment


def test_manual_has_steps_with_minutes(official):
    words = text(path_of(official, "manual"))
    steps = next(s for s in CONTENT.text("manual").sections if s.steps).steps
    for step in steps:
        assert step.title in words
    assert f"{sum(s.minutes for s in steps)} min." in words


def test_combined_pack_has_cover_contents_and_all_materials(official):
    words = text(official.out_dir / PACK_FILENAME)
    assert CONTENT.pack.title in words
    assert CONTENT.pack.contents_title in words
    for material in REGISTRY:
        assert CONTENT.text(material.id).title in words
    sizes = page_sizes(official.out_dir / PACK_FILENAME)
    assert not any(same_size(s, A3) for s in sizes), "the combined pack is for A4 printers"


def test_source_date_epoch_sets_the_dates(tmp_path, monkeypatch):
    from faa_flere import build_pack

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = build_pack(out_dir=tmp_path / "dated")
    with pikepdf.open(dated.out_dir / PACK_FILENAME) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20231114")
