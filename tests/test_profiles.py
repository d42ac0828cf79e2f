"""Print profiles: home (duplex, paper, offset), shop (bleed, marks, PDF/X-4), screen (PDF/UA, forms)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageFilter
from typer.testing import CliRunner

from faa_flere import ContentError, build_pack, load_content, paths
from faa_flere.cli import app
from faa_flere.pack.calibrate import targets
from faa_flere.pack.settings import GENERIC_CMYK, PrintSettings
from faa_flere.toolkit import PACK_FILENAME
from faa_flere.toolkit.brikker import pieces_view
from faa_flere.toolkit.kort import CARD_H, CARD_W

from .pdfcheck import A4, MM, destinations, fonts, page_sizes, qpdf_check, same_size, text, word_boxes

CARDS = "3-kort-med-positive-forandringer.pdf"
CONTENT = load_content(paths.materials_dir())
#: The deck: the card that says how to use it, the cards, the blank cards.
CARD_IDS = (
    ["intro"]
    + [c.id for c in CONTENT.text("kort").cards]
    + [f"tom-{n + 1}" for n in range(CONTENT.text("kort").blank_count)]
)
LETTER = (215.9 * MM, 279.4 * MM)
AREAS = Path(__file__).resolve().parent.parent / "areas"


def cards_only(tmp_path: Path, extra: str = "") -> Path:
    """An edition with only the cards, for quick builds."""
    folder = tmp_path / "kort"
    folder.mkdir(exist_ok=True)
    (folder / "area.yaml").write_text(
        "area:\n  name: Prøveby\n  plan: Helhedsplanen i Prøveby\nmaterials: [kort]\n" + extra,
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    if not GENERIC_CMYK.is_file():
        pytest.fail("make test installs Debian's libgs-common for a CMYK profile")
    return build_pack(out_dir=tmp_path_factory.mktemp("shop"), settings=PrintSettings(profile="shop"))


@pytest.fixture(scope="module")
def screen(tmp_path_factory):
    return build_pack(out_dir=tmp_path_factory.mktemp("screen"), settings=PrintSettings(profile="screen"))


# --- home: duplex and offset ------------------------------------------------------


@pytest.mark.parametrize(
    ("duplex", "offset"),
    [("long", (0.0, 0.0)), ("short", (0.0, 0.0)), ("long", (1.5, -0.8)), ("short", (-2.0, 1.0))],
)
def test_card_backs_line_up_for_each_flip_and_offset(tmp_path, duplex, offset):
    settings = PrintSettings(duplex=duplex, back_offset=offset)
    result = build_pack(cards_only(tmp_path), tmp_path / "out", settings=settings)
    dests = destinations(result.out_dir / CARDS)
    width, height = A4
    for card_id in CARD_IDS:
        front, back = dests[f"kort-{card_id}-front"], dests[f"kort-{card_id}-back"]
        assert back.page == front.page + 1
        # PDF y grows upwards: a destination is the card's top-left corner.
        front_x, front_top = front.x, height - front.y
        back_x, back_top = back.x, height - back.y
        if duplex == "long":
            expected = (width - front_x - CARD_W * MM, front_top)
        else:
            expected = (front_x, height - front_top - CARD_H * MM)
        expected = (expected[0] + offset[0] * MM, expected[1] + offset[1] * MM)
        assert back_x == pytest.approx(expected[0], abs=0.05), card_id
        assert back_top == pytest.approx(expected[1], abs=0.05), card_id


def test_letter_paper(tmp_path):
    result = build_pack(out_dir=tmp_path / "out", settings=PrintSettings(paper="letter"))
    assert (result.out_dir / "1-solskinsmodellen-letter.pdf").is_file()
    for document in result.documents:
        sizes = page_sizes(result.out_dir / document.filename)
        if document.variant == "a3":
            continue
        if document.material == "udbytte":
            assert all(same_size(s, (LETTER[1], LETTER[0])) for s in sizes)
        elif document.material == "pakke":
            assert all(same_size(s, LETTER) or same_size(s, (LETTER[1], LETTER[0])) for s in sizes)
        else:
            assert all(same_size(s, LETTER) for s in sizes), document.filename
    docs = {d.material: d.pages for d in result.documents}
    assert docs["tjekliste"] == 1 and docs["tilpasning"] == 1 and docs["udbytte"] == 1


def test_home_has_no_bleed(official):
    with pikepdf.open(official.out_dir / CARDS) as pdf:
        for page in pdf.pages:
            media = [float(v) for v in page.MediaBox]
            assert [float(v) for v in page.get("/TrimBox", page.MediaBox)] == media
            assert [float(v) for v in page.get("/BleedBox", page.MediaBox)] == media


@pytest.mark.parametrize("pack", ["official", "shop", "screen"])
def test_a_font_subsets_name_belongs_to_one_font_program_across_the_pack(pack, request):
    """A shop merging the PDFs, or a RIP caching fonts by name, gets the right glyphs."""
    programs: dict[str, set[bytes]] = {}
    for path in request.getfixturevalue(pack).files:
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if not (isinstance(obj, pikepdf.Dictionary) and "/DescendantFonts" in obj):
                    continue
                descendant = obj.DescendantFonts[0]
                descriptor = descendant.FontDescriptor
                name = str(descriptor.FontName)
                assert str(obj.BaseFont) == str(descendant.BaseFont) == name, path.name
                tag, _, _ = name[1:].partition("+")
                assert len(tag) == 6 and tag.isupper(), name
                program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                programs.setdefault(tag, set()).add(hashlib.sha256(program.read_bytes()).digest())
    assert len(programs) > 4
    assert all(len(found) == 1 for found in programs.values()), [t for t, f in programs.items() if len(f) > 1]


@pytest.mark.parametrize("pack", ["official", "shop", "screen"])
def test_the_checklists_closing_note_stays_clear_of_its_footer(pack, request):
    """On screen the form fields made every row taller, and the note ran into the footer."""
    path = request.getfixturevalue(pack).out_dir / "4-tjekliste-for-bidrag.pdf"
    words = word_boxes(path)
    first = str(CONTENT.text("tjekliste").footer).split()[0]
    [note_top] = [y0 for word, _, y0, _, _ in words if word == first]
    footer_top = max(y0 for _, _, y0, _, _ in words)
    note = [y1 for _, _, y0, _, y1 in words if note_top <= y0 < footer_top - 0.5 or y0 == note_top]
    assert footer_top - max(note) >= 3, f"{pack}: {footer_top - max(note):.1f} mm"


@pytest.mark.parametrize("pack", ["official", "shop", "screen"])
def test_every_worksheets_text_stays_clear_of_its_footer(pack, request):
    for name in ("4-tjekliste-for-bidrag.pdf", "5-udbytte-og-bidrag-til-hinanden.pdf"):
        words = word_boxes(request.getfixturevalue(pack).out_dir / name)
        footer_top = max(y0 for _, _, y0, _, _ in words)
        above = max(y1 for _, _, y0, _, y1 in words if y0 < footer_top - 0.5)
        assert footer_top - above >= 3, f"{pack} {name}: {footer_top - above:.1f} mm"


# --- shop -------------------------------------------------------------------------


def test_shop_pages_have_trim_and_bleed_boxes(shop):
    bleed = 3 * MM
    for path in shop.files:
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                media = [float(v) for v in page.MediaBox]
                trim = [float(v) for v in page.TrimBox]
                bleed_box = [float(v) for v in page.BleedBox]
                assert trim[0] - media[0] >= bleed - 0.01, path.name
                assert bleed_box[0] == pytest.approx(trim[0] - bleed, abs=0.01)
                assert bleed_box[2] == pytest.approx(trim[2] + bleed, abs=0.01)


def test_shop_cards_are_one_per_page_at_trim_size_front_then_back(shop):
    with pikepdf.open(shop.out_dir / CARDS) as pdf:
        assert len(pdf.pages) == 2 * len(CARD_IDS)
        for page in pdf.pages:
            trim = [float(v) for v in page.TrimBox]
            assert trim[2] - trim[0] == pytest.approx(CARD_W * MM, abs=0.05)
            assert trim[3] - trim[1] == pytest.approx(CARD_H * MM, abs=0.05)
    dests = destinations(shop.out_dir / CARDS)
    for card_id in CARD_IDS:
        assert dests[f"kort-{card_id}-back"].page == dests[f"kort-{card_id}-front"].page + 1


def test_shop_output_is_pdf_x4_with_a_cmyk_output_intent(shop):
    for path in shop.files:
        with pikepdf.open(path) as pdf:
            assert pdf.open_metadata().get("pdfxid:GTS_PDFXVersion") == "PDF/X-4", path.name
            [intent] = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFX"
            assert int(intent.DestOutputProfile.N) == 4  # CMYK
        assert "WARNING" not in qpdf_check(path)
        assert all(fonts(path).values())


def render_page(path: Path, page: int, dpi: int, stem: Path) -> tuple[Image.Image, dict[str, list[int]]]:
    """One page as an RGB image, and its boxes in the image's pixels (left, top, right, bottom)."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path), stem], check=True
    )
    [png] = stem.parent.glob(f"{stem.name}-*.png")
    scale = dpi / 72
    with pikepdf.open(path) as pdf:
        obj = pdf.pages[page - 1].obj
        media = [float(v) for v in obj.MediaBox]
        boxes = {}
        for name in ("MediaBox", "BleedBox", "TrimBox"):
            box = [float(v) for v in obj[f"/{name}"]]
            boxes[name] = [
                round((box[0] - media[0]) * scale),
                round((media[3] - box[3]) * scale),
                round((box[2] - media[0]) * scale),
                round((media[3] - box[1]) * scale),
            ]
    return Image.open(png).convert("RGB"), boxes


def test_shop_pages_have_a_slug_outside_the_bleed(shop):
    """MediaBox holds the BleedBox (3 mm outside the trim) with a slug of 10 mm for the marks."""
    for path in shop.files:
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                media, bleed, trim = (
                    [float(v) for v in page.obj[k]] for k in ("/MediaBox", "/BleedBox", "/TrimBox")
                )
                for side in range(4):
                    outwards = -1 if side < 2 else 1
                    assert (bleed[side] - trim[side]) * outwards == pytest.approx(3 * MM, abs=0.01), path.name
                    assert (media[side] - bleed[side]) * outwards >= 10 * MM - 0.01, path.name


def test_shop_crop_marks_are_in_the_slug_not_in_the_bleed(shop, tmp_path):
    image, boxes = render_page(shop.out_dir / "4-tjekliste-for-bidrag.pdf", 1, 150, tmp_path / "page")
    grey = image.convert("L")
    bleed, trim = boxes["BleedBox"], boxes["TrimBox"]
    # At the top-left corner, outside the bleed box: a mark on each trim line.
    across = grey.crop((0, trim[1] - 1, bleed[0] - 1, trim[1] + 2))
    down = grey.crop((trim[0] - 1, 0, trim[0] + 2, bleed[1] - 1))
    assert across.getextrema()[0] < 128 and down.getextrema()[0] < 128, "no crop marks in the slug"
    # Between the bleed box and the trim box of a white page: nothing at all.
    bleed_corner = grey.crop((bleed[0] + 1, bleed[1] + 1, trim[0] - 1, trim[1] - 1))
    assert bleed_corner.getextrema() == (255, 255), "a crop mark reaches into the bleed"


def test_shop_poster_background_runs_into_the_bleed_and_stops_there(shop, tmp_path):
    image, boxes = render_page(shop.out_dir / "1-solskinsmodellen-a3.pdf", 1, 50, tmp_path / "poster")
    bleed, trim = boxes["BleedBox"], boxes["TrimBox"]
    middle = (trim[1] + trim[3]) // 2
    # Halfway down the left edge, inside the bleed: the poster's cream; in the slug: white paper.
    assert image.getpixel(((bleed[0] + trim[0]) // 2, middle)) != (255, 255, 255)
    assert image.getpixel((bleed[0] - 3, middle)) == (255, 255, 255)


def test_shop_card_backs_run_into_the_bleed(shop, tmp_path):
    """Every back's colour reaches the bleed box on all four sides: no white strip at the trim."""
    dpi = 150
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(shop.out_dir / CARDS), tmp_path / "card"], check=True
    )
    pngs = sorted(tmp_path.glob("card-*.png"))
    with pikepdf.open(shop.out_dir / CARDS) as pdf:
        boxes = [([float(v) for v in page.MediaBox], [float(v) for v in page.BleedBox]) for page in pdf.pages]
    assert len(pngs) == len(boxes) == 2 * len(CARD_IDS)
    scale = dpi / 72
    strip = round(3 * MM * scale)  # the bleed, in pixels
    for number in range(1, len(pngs), 2):  # the backs
        image = Image.open(pngs[number]).convert("RGB")
        media, bleed = boxes[number]
        # The bleed box in the image's pixels (y grows downwards there).
        left = round((bleed[0] - media[0]) * scale)
        top = round((media[3] - bleed[3]) * scale)
        right = round((bleed[2] - media[0]) * scale)
        bottom = round((media[3] - bleed[1]) * scale)
        colour = image.getpixel((left + strip + 10, top + strip + 10))
        assert colour != (255, 255, 255)
        strips = [
            (left + 1, top + strip, left + strip - 1, bottom - strip),  # left
            (right - strip + 1, top + strip, right - 1, bottom - strip),  # right
            (left + strip, top + 1, right - strip, top + strip - 1),  # top
            (left + strip, bottom - strip + 1, right - strip, bottom - 1),  # bottom
        ]
        for box in strips:
            colours = [c for _, c in image.crop(box).getcolors(1 << 16)]
            assert colours == [colour], f"page {number + 1}: not the back's colour in the bleed"


def cut_strokes(page: pikepdf.Page) -> list[str]:
    """The colour-space names of the page's Separation colours named CutContour."""
    spaces = page.obj.Resources.get("/ColorSpace", {})
    return [str(k) for k, v in spaces.items() if isinstance(v, pikepdf.Array) and v[1] == "/CutContour"]


def test_shop_die_line_is_a_cutcontour_spot_colour_on_every_piece_and_card(shop):
    for name in ("2-brikker-til-vaerdispillet.pdf", CARDS):
        with pikepdf.open(shop.out_dir / name) as pdf:
            for page in pdf.pages:
                [key] = cut_strokes(page)
                space = page.obj.Resources.ColorSpace[key]
                assert space[0] == "/Separation" and space[2] == "/DeviceCMYK"
                ops = pikepdf.parse_content_stream(page)
                drawn = [
                    i for i, (_, op) in enumerate(ops) if op == pikepdf.Operator("CS") and ops[i][0][0] == key
                ]
                assert drawn, name
                # Overprinting, stroked only (its gs state sets /OP), 0.25 pt.
                [state] = [o[0] for o, op in ops[drawn[0] - 1 : drawn[0]] if op == pikepdf.Operator("gs")]
                gstate = page.obj.Resources.ExtGState[state]
                assert bool(gstate.OP) and bool(gstate.op) and int(gstate.OPM) == 1
                widths = [float(o[0]) for o, op in ops[drawn[0] :] if op == pikepdf.Operator("w")]
                assert widths[0] == 0.25
                after = [op for _, op in ops[drawn[0] :]]
                assert pikepdf.Operator("S") in after and pikepdf.Operator("f") not in after
    # The worksheets have nothing to cut.
    with pikepdf.open(shop.out_dir / "4-tjekliste-for-bidrag.pdf") as pdf:
        assert not cut_strokes(pdf.pages[0])


@pytest.mark.skipif(shutil.which("gs") is None, reason="make system-deps installs Ghostscript")
def test_shop_die_line_separates_onto_its_own_plate(shop, tmp_path):
    for name, page in (("2-brikker-til-vaerdispillet.pdf", 1), (CARDS, 2)):
        out = tmp_path / name
        out.mkdir()
        subprocess.run(
            [
                "gs",
                "-q",
                "-dNOPAUSE",
                "-dBATCH",
                "-dSAFER",
                "-sDEVICE=tiffsep",
                "-r72",
                f"-dFirstPage={page}",
                f"-dLastPage={page}",
                f"-sOutputFile={out}/p%d.tif",
                str(shop.out_dir / name),
            ],
            check=True,
        )
        [plate] = [p for p in out.iterdir() if "CutContour" in p.name]
        ink = Image.open(plate).convert("L")
        assert ink.getextrema()[0] < 128, f"{name}: the CutContour plate is empty"


def separate(pdf: Path, page: int, out: Path, dpi: int) -> dict[str, Image.Image]:
    """Ghostscript's plates of one page, by ink name, as 8-bit images (dark = ink)."""
    out.mkdir()
    subprocess.run(
        [
            *("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", f"-r{dpi}"),
            *(f"-dFirstPage={page}", f"-dLastPage={page}", f"-sOutputFile={out}/p%d.tif", str(pdf)),
        ],
        check=True,
    )
    plates = {}
    for path in out.glob("p1(*).tif"):
        plates[path.name[3:-5]] = Image.open(path).convert("L")
    return plates


def enclosed_regions(ink: Image.Image) -> int:
    """How many areas the inked lines close off (not counting the one around them)."""
    flood = ink.point(lambda v: 0 if v < 200 else 255)
    width, height = flood.size
    pixels = flood.load()
    regions = 0
    for y in range(0, height, 2):
        for x in range(0, width, 2):
            if pixels[x, y] == 255:
                regions += 1
                ImageDraw.floodfill(flood, (x, y), 128)
    return regions - 1


@pytest.mark.skipif(shutil.which("gs") is None, reason="make system-deps installs Ghostscript")
def test_shop_die_line_plate_draws_the_piece_outlines(shop, tmp_path):
    """Ghostscript's CutContour plate closes off exactly the sheet's pieces, and runs where
    the printed outlines run (the black plate)."""
    sheet = pieces_view(CONTENT, PrintSettings(profile="shop"))["pages"][0]
    plates = separate(shop.out_dir / "2-brikker-til-vaerdispillet.pdf", 1, tmp_path / "pieces", 72)
    cut, black = plates["CutContour"], plates["Black"]
    assert enclosed_regions(cut) == len(sheet.pieces) > 1
    # Every pixel of the die line lies within a pixel of the printed outline.
    near_black = black.point(lambda v: 0 if v < 200 else 255).filter(ImageFilter.MinFilter(3))
    cut_pixels = [(x, y) for y in range(cut.height) for x in range(cut.width) if cut.getpixel((x, y)) < 200]
    assert len(cut_pixels) > 1000
    off = [xy for xy in cut_pixels if near_black.getpixel(xy) == 255]
    assert len(off) <= len(cut_pixels) * 0.01, f"{len(off)} die-line pixels off the printed outline"


def text_fills(page) -> list[tuple[str, tuple[float, ...]]]:
    """The fill colour (operator and operands) of every text-showing operator on ``page``."""
    fill: tuple[str, tuple[float, ...]] = ("g", (0.0,))
    saved, found = [], []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "q":
            saved.append(fill)
        elif op == "Q" and saved:
            fill = saved.pop()
        elif op in ("rg", "k", "g", "sc", "scn"):
            fill = (op, tuple(float(v) for v in operands if not isinstance(v, pikepdf.Name)))
        elif op in ("Tj", "TJ", "'", '"'):
            found.append(fill)
    return found


def test_shop_text_in_the_body_colour_is_black_ink_only(shop):
    blaek = tuple(int(CONTENT.palette.colours["blaek"][i : i + 2], 16) for i in (1, 3, 5))
    for path in shop.files:
        with pikepdf.open(path) as pdf:
            fills = [fill for page in pdf.pages for fill in text_fills(page)]
        rgb = [tuple(round(v * 255) for v in values) for op, values in fills if op == "rg"]
        assert blaek not in rgb, path.name
        assert all(r != g or g != b for r, g, b in rgb), f"{path.name}: grey text in RGB"
        black = [values for op, values in fills if op == "k" and values[:3] == (0, 0, 0) and values[3] > 0.8]
        assert black, f"{path.name}: no text in black ink"


def test_home_keeps_the_body_colour_as_it_is(official):
    with pikepdf.open(official.out_dir / "4-tjekliste-for-bidrag.pdf") as pdf:
        assert all(op != "k" for op, _ in text_fills(pdf.pages[0]))


@pytest.mark.skipif(shutil.which("gs") is None, reason="make system-deps installs Ghostscript")
def test_shop_worksheet_text_separates_onto_the_black_plate_only(shop, tmp_path):
    subprocess.run(
        [
            *("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", "-r72"),
            *("-dFirstPage=1", "-dLastPage=1", f"-sOutputFile={tmp_path}/p%d.tif"),
            str(shop.out_dir / "4-tjekliste-for-bidrag.pdf"),
        ],
        check=True,
    )

    def inked(plate: str) -> float:
        image = Image.open(tmp_path / f"p1({plate}).tif").convert("L")
        histogram = image.histogram()
        return sum(histogram[:250]) / (image.width * image.height)

    # Text, rules and table lines are black ink; cyan is left for the accent and the cream
    # of the table head (about 4 % of the page was cyan before).
    assert inked("Cyan") < 0.01
    assert inked("Black") > 0.02


def test_the_die_line_takes_the_shops_name(tmp_path):
    out = tmp_path / "out"
    args = [
        "build",
        str(cards_only(tmp_path)),
        "--out",
        str(out),
        "--profile",
        "shop",
        "--cut-name",
        "Thru-cut",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    with pikepdf.open(out / CARDS) as pdf:
        spaces = pdf.pages[0].obj.Resources.ColorSpace
        assert "/Thru-cut" in [str(v[1]) for v in spaces.values() if isinstance(v, pikepdf.Array)]
    bad = CliRunner().invoke(
        app, ["build", "--out", str(tmp_path / "x"), "--profile", "shop", "--cut-name", "a/b"]
    )
    assert bad.exit_code == 2
    assert "--cut-name: 'a/b': a spot colour's name" in bad.output


# --- screen -----------------------------------------------------------------------


def test_screen_output_is_tagged_pdf_ua(screen):
    for path in screen.files:
        with pikepdf.open(path) as pdf:
            assert pdf.open_metadata().get("pdfuaid:part") == "1", path.name
            assert "/StructTreeRoot" in pdf.Root
            assert bool(pdf.Root.MarkInfo.Marked)
            assert str(pdf.Root.Lang) == "da"
        assert "WARNING" not in qpdf_check(path)


def test_screen_worksheets_are_fillable(screen):
    for name in (
        "4-tjekliste-for-bidrag.pdf",
        "5-udbytte-og-bidrag-til-hinanden.pdf",
        "6-tilpasning-af-vores-samarbejde.pdf",
    ):
        with pikepdf.open(screen.out_dir / name) as pdf:
            fields = list(pdf.Root.AcroForm.Fields)
            kinds = {str(f.get("/FT")) for f in fields}
            assert len(fields) >= 10, name
            assert "/Tx" in kinds, name
            names = [str(f.T) for f in fields]
            assert len(names) == len(set(names)), f"{name}: field names repeat"
    with pikepdf.open(screen.out_dir / "4-tjekliste-for-bidrag.pdf") as pdf:
        assert "/Btn" in {str(f.get("/FT")) for f in pdf.Root.AcroForm.Fields}  # the ja/måske/nej boxes


def test_screen_cards_and_pieces_are_one_per_page(screen):
    docs = {d.material: d.pages for d in screen.documents}
    assert docs["kort"] == len(CARD_IDS)
    pieces = len(CONTENT.text("brikker").pieces) + CONTENT.text("brikker").blank_count + 1
    assert docs["brikker"] == 1 + pieces  # the intro has the first page


def test_screen_pack_contents_link_to_each_material(screen):
    with pikepdf.open(screen.out_dir / PACK_FILENAME) as pdf:
        contents = pdf.pages[1]
        targets_ = {
            str(a.Dest) for a in contents.get("/Annots", []) if a.get("/Subtype") == "/Link" and "/Dest" in a
        }
    dests = destinations(screen.out_dir / PACK_FILENAME)
    expected = {f"materiale-{m}" for m in CONTENT.pack.materials}
    assert targets_ == expected
    starts = sorted(dests[name].page for name in expected)
    assert starts[0] == 2 and len(set(starts)) == len(expected)


# --- every profile ------------------------------------------------------------------


@pytest.mark.parametrize("profile", ["home", "shop", "screen"])
def test_every_material_of_every_profile_is_reproducible(tmp_path, profile):
    """Two builds in two fresh processes, each with its own caches: the same bytes, file by file."""
    runs = [tmp_path / "a", tmp_path / "b"]
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    builds = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "faa_flere",
                "build",
                str(AREAS / "tingbjerg"),
                "--profile",
                profile,
                "--out",
                str(run),
            ],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for run in runs
    ]
    for build in builds:
        _, errors = build.communicate(timeout=300)
        assert build.returncode == 0, errors
    first, second = ({p.name: p.read_bytes() for p in run.glob("*.pdf")} for run in runs)
    assert len(first) == 9  # every material, the poster twice, and the combined pack
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], name


# --- text that does not fit ---------------------------------------------------------

LONG = (
    "Flere beboere i alle aldre får gode og varige fællesskaber med deres naboer på tværs af opgange, "
    "kulturer og generationer i hele boligområdet, og de mødes både i hverdagen og til de store fester, "
    "som foreningerne, skolen, biblioteket og helhedsplanen laver sammen hen over hele året, "
    "så ingen behøver at sidde alene, når mørket falder på"
)
RATHER_LONG = "Flere unge gennemfører en erhvervsuddannelse og får en læreplads i lokalområdet"


def test_overlong_card_fails_the_build_with_id_file_and_line(tmp_path):
    folder = cards_only(
        tmp_path, f"changes:\n  add:\n    kort:\n      - {{id: lang, category: boern-unge, text: '{LONG}'}}\n"
    )
    with pytest.raises(ContentError) as caught:
        build_pack(folder, tmp_path / "out")
    [message] = [str(p) for p in caught.value.problems]
    assert f"{folder / 'area.yaml'}:8: changes.add.kort[0].text: 'lang' does not fit" in message
    assert "mm too tall at 78 % font size" in message
    assert not (tmp_path / "out").exists()


def test_overflow_is_a_warning_with_no_strict(tmp_path):
    folder = cards_only(
        tmp_path, f"changes:\n  add:\n    kort:\n      - {{id: lang, category: boern-unge, text: '{LONG}'}}\n"
    )
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(tmp_path / "out"), "--no-strict"])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output and "'lang' does not fit" in result.output
    assert (tmp_path / "out" / CARDS).is_file()


def test_text_slightly_too_long_gets_a_smaller_font_instead(tmp_path):
    folder = cards_only(tmp_path, f"changes:\n  edit:\n    k07: {RATHER_LONG}\n")
    result = build_pack(folder, tmp_path / "out")
    assert RATHER_LONG in text(result.out_dir / CARDS)


def test_an_overflowing_official_text_points_at_materials(tmp_path, materials_copy):
    path = materials_copy / "cards.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Flere unge får et fritidsjob", f'"{LONG}"'),
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=r"cards\.yaml:\d+: cards\[0\]\.text: 'k01' does not fit"):
        build_pack(out_dir=tmp_path / "out", materials_dir=materials_copy)


# --- calibration ------------------------------------------------------------------


def test_calibration_sheet(tmp_path):
    out = tmp_path / "kalibrering.pdf"
    result = CliRunner().invoke(app, ["calibrate", "--out", str(out), "--back-offset", "1,-0.5"])
    assert result.exit_code == 0, result.output
    assert [same_size(s, A4) for s in page_sizes(out)] == [True, True]
    words = text(out)
    assert "forside" in words and "bagside" in words
    assert "X = 1,0 mm, Y = -0,5 mm" in words  # a Danish page: decimal commas
    assert "WARNING" not in qpdf_check(out)


def test_calibration_scales_sit_behind_the_targets():
    plain = targets(PrintSettings())
    shifted = targets(PrintSettings(back_offset=(1.0, -0.5)))
    short = targets(PrintSettings(duplex="short"))
    for p, s, t in zip(plain, shifted, short, strict=True):
        assert p["bx"] == pytest.approx(210 - p["x"])
        assert p["by"] == pytest.approx(p["y"])
        assert (s["bx"], s["by"]) == pytest.approx((p["bx"] + 1.0, p["by"] - 0.5))
        assert (t["bx"], t["by"]) == pytest.approx((t["x"], 297 - t["y"]))


def test_bad_print_options_are_clear(tmp_path):
    runner = CliRunner()
    bad_offset = runner.invoke(app, ["build", "--out", str(tmp_path), "--back-offset", "1;2"])
    assert bad_offset.exit_code == 2  # a command line that cannot be used
    assert "--back-offset: '1;2'" in bad_offset.output
    shop_letter = runner.invoke(
        app, ["build", "--out", str(tmp_path), "--profile", "shop", "--paper", "letter"]
    )
    assert shop_letter.exit_code == 2
    assert "shop profile is made on A4" in shop_letter.output
    no_icc = runner.invoke(
        app,
        ["build", "--out", str(tmp_path), "--profile", "shop", "--output-profile", str(tmp_path / "x.icc")],
    )
    assert no_icc.exit_code == 2
    assert "needs a CMYK ICC profile" in no_icc.output
    assert "Traceback" not in bad_offset.output + shop_letter.output + no_icc.output


# --- the worksheets' frames ---------------------------------------------------------


def test_more_ratings_shrink_the_plan_and_keep_the_sheet_on_one_page(tmp_path):
    ratings = "".join(f"      - {{id: ekstra-{n}, text: Ekstra punkt {n}}}\n" for n in range(2))
    folder = tmp_path / "ti"
    folder.mkdir()
    (folder / "area.yaml").write_text(
        "area:\n  name: Ti\n  plan: Planen\nmaterials: [tilpasning]\nchanges:\n  add:\n    tilpasning:\n"
        + ratings,
        encoding="utf-8",
    )
    result = build_pack(folder, tmp_path / "out")
    sheet = next(d for d in result.documents if d.material == "tilpasning")
    assert sheet.pages == 1
    assert "Ekstra punkt 1" in text(result.out_dir / sheet.filename)
    too_many = "".join(f"      - {{id: flere-{n}, text: Punkt {n}}}\n" for n in range(5))
    (folder / "area.yaml").write_text(
        "area:\n  name: Ti\n  plan: Planen\nmaterials: [tilpasning]\nchanges:\n  add:\n    tilpasning:\n"
        + too_many,
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        build_pack(folder, tmp_path / "out2")
    assert "10 ratings leave no room for the plan's 4 rows on the page; at most 7 fit" in str(caught.value)


def test_a_long_introduction_gets_a_smaller_font_or_is_named(tmp_path):
    folder = tmp_path / "intro"
    folder.mkdir()
    longer = "Gå listen igennem sammen med organisationen, og sæt kryds. " * 3
    start = "area:\n  name: Intro\n  plan: Planen\nmaterials: [tjekliste]\ntexts:\n  tjekliste:\n"
    (folder / "area.yaml").write_text(
        f"{start}    intro: {longer}\n",
        encoding="utf-8",
    )
    result = build_pack(folder, tmp_path / "out")
    assert result.documents[0].pages == 1
    (folder / "area.yaml").write_text(
        f"{start}    intro: {longer * 3}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        build_pack(folder, tmp_path / "out2")
    assert "area.yaml:7: texts.tjekliste.intro" in str(caught.value)
