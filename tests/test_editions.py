"""Local editions: the sample areas built for real, and each merge rule on its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
from typer.testing import CliRunner

from faa_flere import build_pack, load_edition
from faa_flere.cli import app
from faa_flere.toolkit import PACK_FILENAME

from .pdfcheck import fonts, qpdf_check, text

ROOT = Path(__file__).resolve().parent.parent
AREAS = ROOT / "areas"


@pytest.fixture(scope="session")
def tingbjerg(tmp_path_factory):
    return build_pack(AREAS / "tingbjerg", tmp_path_factory.mktemp("tingbjerg"))


@pytest.fixture(scope="session")
def gellerup(tmp_path_factory):
    return build_pack(AREAS / "gellerup", tmp_path_factory.mktemp("gellerup"))


def pdf(result, name: str) -> Path:
    return result.out_dir / name


def fill_colours(path: Path, page: int = 0) -> set[tuple[int, int, int]]:
    """The fill colours set on one page, as 0-255 RGB."""
    found = set()
    with pikepdf.open(path) as doc:
        for operands, operator in pikepdf.parse_content_stream(doc.pages[page]):
            if str(operator) == "rg":
                found.add(tuple(round(float(v) * 255) for v in operands))
    return found


# --- the sample editions -------------------------------------------------------


def test_tingbjerg_pack_carries_the_area_and_its_edits(tingbjerg):
    words = text(pdf(tingbjerg, PACK_FILENAME))
    assert "LOKAL UDGAVE FOR TINGBJERG" in words  # set in capitals
    assert "Vores fælles indsats i Tingbjerg" in words
    for contact in ("Maja Kjærgaard Holm", "12 34 56 78", "maja.holm@helhedsplan-tingbjerg.example"):
        assert contact in words
    for partner in ("Tingbjerg Bibliotek", "Plejecentret ved Langhusene", "Røde Kors Lektiecafé"):
        assert partner in text(pdf(tingbjerg, "4-tjekliste-for-bidrag.pdf"))
        assert partner in text(pdf(tingbjerg, "5-udbytte-og-bidrag-til-hinanden.pdf"))
    cards = text(pdf(tingbjerg, "3-kort-med-positive-forandringer.pdf"))
    assert "Flere kommer til sommerfesten på Ruten" in cards  # added
    assert "Der bliver mindre hærværk" not in cards  # removed (k18)
    assert "Flere unge gennemfører en erhvervsuddannelse" in cards  # edited (k07)
    assert "Flere unge gennemfører en uddannelse" not in cards
    assert "Kort med gode forandringer i Tingbjerg" in cards  # title replaced
    pieces = text(pdf(tingbjerg, "2-brikker-til-vaerdispillet.pdf"))
    assert "Vi kender vejen til hinanden" in pieces
    assert "Vi får en god historie at fortælle" not in pieces  # removed (synlighed-3)
    assert "Hvad skal jeres medarbejdere kunne bagefter?" in text(pdf(tingbjerg, "1-solskinsmodellen-a3.pdf"))


def test_tingbjerg_svg_logo_is_drawn(tingbjerg):
    # The SVG logo is drawn as vectors: its own dark teal appears on the cover page.
    assert (0x0B, 0x5F, 0x66) in fill_colours(pdf(tingbjerg, PACK_FILENAME), page=0)
    assert (0x0B, 0x5F, 0x66) not in fill_colours(pdf(tingbjerg, "3-kort-med-positive-forandringer.pdf"))


def test_tingbjerg_prints_two_sets_of_pieces(tingbjerg):
    docs = {d.filename: d for d in tingbjerg.documents}
    # 20 official statements - 1 removed + 1 added + 4 blank + centre = 25 pieces, touching:
    # two sheets a set (laid apart, six a sheet, five).
    assert docs["2-brikker-til-vaerdispillet.pdf"].pages == 2 * 2
    # A plotter's cut file for every printed sheet, both sets.
    assert sorted(p.name for p in (tingbjerg.out_dir / "plotter").iterdir()) == [
        f"brikker-ark-{n}.svg" for n in range(1, 5)
    ]


def test_gellerup_pack(gellerup):
    names = {d.filename for d in gellerup.documents}
    assert "6-tilpasning-af-vores-samarbejde.pdf" not in names  # not in its materials
    words = text(pdf(gellerup, PACK_FILENAME))
    assert "Gellerup og Toveshøj" in words
    assert "Yusuf Aydın Lindberg" in words  # noqa: RUF001 - a Turkish dotless i, on purpose
    checklist = text(pdf(gellerup, "4-tjekliste-for-bidrag.pdf"))
    assert "Tolkning og sprog" in checklist  # an added row
    assert "fx beboerhuset, fælleskøkkenet eller hallen" in checklist  # an edited hint
    assert "Supermarkedet i Bazar Vest" in checklist
    cards = text(pdf(gellerup, "3-kort-med-positive-forandringer.pdf"))
    assert "Flere unge får studiejob i Bazar Vest" in cards
    assert "Forældre engagerer sig mere i børnenes skole" not in cards
    # Nine partners and room for more: the exchange sheet runs over two pages.
    exchange = text(pdf(gellerup, "5-udbytte-og-bidrag-til-hinanden.pdf"))
    assert all(p in exchange for p in ("Spejderne", "Lektiecaféen", "Frivilligcentret"))
    assert next(d for d in gellerup.documents if d.material == "udbytte").pages == 2


def test_gellerup_png_logo_is_embedded_as_an_image(gellerup):
    with pikepdf.open(pdf(gellerup, PACK_FILENAME)) as doc:
        images = [
            (int(x.Width), int(x.Height))
            for page in doc.pages
            for x in page.Resources.get("/XObject", {}).values()
            if x.get("/Subtype") == "/Image"
        ]
    assert (360, 160) in images


def test_edition_pdfs_are_clean(tingbjerg, gellerup):
    for result in (tingbjerg, gellerup):
        for path in result.files:
            assert "WARNING" not in qpdf_check(path)
            assert all(fonts(path).values())


def test_cli_builds_an_edition_into_out_area(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(AREAS / "gellerup", tmp_path / "areas" / "gellerup")
    result = CliRunner().invoke(app, ["build", "areas/gellerup"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "gellerup" / PACK_FILENAME).is_file()


# --- commands ------------------------------------------------------------------


def test_validate_accepts_the_samples_and_rejects_a_broken_one(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", str(AREAS / "tingbjerg"), str(AREAS / "gellerup")])
    assert ok.exit_code == 0, ok.output
    assert ok.output.count("OK") == 2
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "area.yaml").write_text("area:\n  name: X\n  plan: Y\npartners: Netto\n", encoding="utf-8")
    bad = runner.invoke(app, ["validate", str(AREAS / "tingbjerg"), str(broken)])
    assert bad.exit_code == 1
    assert "area.yaml:4: partners: expected a list" in bad.output


def test_list_shows_status_of_each_item():
    result = CliRunner().invoke(app, ["list", str(AREAS / "tingbjerg")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()

    def line(item_id):
        return next(x for x in lines if x.split()[:1] == [item_id])

    assert "edited" in line("k07")
    assert "own" in line("tb-01")
    assert "official" in line("k01")
    assert "left out" in line("k18")


def test_new_area_scaffolds_an_edition_that_builds(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["new-area", "Gellerupparken/Toveshøj", "--in", str(tmp_path)])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "gellerupparken-toveshoej"
    text_ = (folder / "area.yaml").read_text(encoding="utf-8")
    for option in (
        "logo:",
        "accent:",
        "contact:",
        "partners:",
        "materials:",
        "copies:",
        "texts:",
        "remove:",
        "edit:",
        "add:",
    ):
        assert option in text_, option
    content = load_edition(folder)
    assert content.local.area.name == "Gellerupparken/Toveshøj"
    built = build_pack(folder, tmp_path / "out")
    assert "Gellerupparken/Toveshøj" in text(built.out_dir / PACK_FILENAME)
    again = runner.invoke(app, ["new-area", "Gellerupparken/Toveshøj", "--in", str(tmp_path)])
    assert again.exit_code == 1
    assert "already exists" in again.output


def test_every_example_in_a_new_area_file_works_when_uncommented(tmp_path):
    """The file tells staff to delete »# « before an example: every example must then load."""
    import re

    folder = tmp_path / "tingbjerg"
    result = CliRunner().invoke(app, ["new-area", "Tingbjerg", "--in", str(tmp_path)])
    assert result.exit_code == 0, result.output
    area = folder / "area.yaml"
    example = re.compile(r"^(\s*)# (?=\s*(?:[a-z_]+:|- ))", re.M)
    text_ = area.read_text(encoding="utf-8")
    uncommented = example.sub(r"\1", text_)
    assert uncommented.count("\n#") < text_.count("\n#")  # examples were found and opened
    area.write_text(uncommented, encoding="utf-8")
    (folder / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
        encoding="utf-8",
    )
    content = load_edition(folder)
    assert content.local.partners == ("Brugsen", "Plejecentret", "Skolen")
    assert content.status["eget-kort-1"] == "local"
    assert content.status["k18"] == "removed"
    assert next(v for v in content.text("solskinsmodellen").values if v.id == "faglighed").question == (
        "Hvad skal I kunne bagefter?"
    )
