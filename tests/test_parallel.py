"""One pack laid out in several processes (``--jobs``): the same bytes as in one, the same
errors, and a combined pack put together from the materials' PDFs that still leads from
its contents to every material."""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from typer.testing import CliRunner

from faa_flere import build_pack
from faa_flere.cli import app
from faa_flere.pack.builder import FRONT_PAGES
from faa_flere.pack.settings import PrintSettings
from faa_flere.render.combine import combine
from faa_flere.toolkit import PACK_FILENAME

from .pdfcheck import destinations, qpdf_check
from .test_profiles import CONTENT, LONG

PROFILES = ["home", "shop", "screen"]


@pytest.fixture(scope="module", params=PROFILES)
def both(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The official pack built with one process and with two, SOURCE_DATE_EPOCH set."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        settings = PrintSettings(profile=request.param)
        serial = build_pack(out_dir=tmp_path_factory.mktemp("jobs1"), settings=settings, jobs=1)
        parallel = build_pack(out_dir=tmp_path_factory.mktemp("jobs2"), settings=settings, jobs=2)
    return serial.out_dir, parallel.out_dir


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_processes_write_the_same_bytes_as_one(both: tuple[Path, Path]) -> None:
    serial, parallel = files(both[0]), files(both[1])
    assert sorted(serial) == sorted(parallel)
    different = [name for name in serial if serial[name] != parallel[name]]
    assert not different


def test_the_combined_pack_is_the_cover_then_every_materials_pdf(both: tuple[Path, Path]) -> None:
    out = both[1]
    qpdf_check(out / PACK_FILENAME)
    in_pack = [m for m in CONTENT.pack.materials]
    dests = destinations(out / PACK_FILENAME)
    with pikepdf.open(out / PACK_FILENAME) as pdf:
        contents = pdf.pages[1]
        links = {str(a.Dest) for a in contents.get("/Annots", []) if a.get("/Subtype") == "/Link"}
        total = len(pdf.pages)
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
    assert links == {f"materiale-{m}" for m in in_pack}
    # Each material's name points at a page of its own, in the pack's order, after the front.
    starts = [dests[f"materiale-{m}"].page for m in in_pack]
    assert starts == sorted(starts) and starts[0] == FRONT_PAGES and len(set(starts)) == len(starts)
    assert starts[-1] < total
    assert titles[0] == CONTENT.pack.title  # the cover's bookmarks, then the materials'
    assert CONTENT.text("manual").title in titles


def stream_shape(stream: pikepdf.Stream) -> tuple[str, str]:
    """A stream's raw data (hashed) and its dictionary apart from /Length, references by number."""
    entries = {name: value for name, value in stream.stream_dict.items() if name != "/Length"}
    shape = pikepdf.Dictionary(entries).unparse(resolved=False).decode("latin-1")
    return hashlib.sha256(stream.read_raw_bytes()).hexdigest(), shape


def test_the_combined_pack_keeps_one_copy_of_what_the_materials_share(both: tuple[Path, Path]) -> None:
    """Each material's PDF brings its own colour profile, whole fonts, crop marks and
    appearances; the pack keeps one of each. Font subsets of different glyphs stay apart."""
    with pikepdf.open(both[1] / PACK_FILENAME) as pdf:
        streams = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)]
        alike = Counter(stream_shape(s) for s in streams)
        assert max(alike.values()) == 1
        # Nor the same data under two dictionaries, where it would matter.
        big = Counter(stream_shape(s)[0] for s in streams if len(s.read_raw_bytes()) >= 1024)
        assert max(big.values()) == 1
        if "/OutputIntents" in pdf.Root:  # shop: the CMYK profile once, the output intent's
            [intent] = pdf.Root.OutputIntents
            profile = intent.DestOutputProfile
            copies = [s.objgen for s in streams if s.read_raw_bytes() == profile.read_raw_bytes()]
            assert copies == [profile.objgen]


def test_identical_resources_of_the_parts_become_one_object_and_placed_ones_stay_apart() -> None:
    """Fonts down to their programs, resources that loop, content streams: one each; a link
    annotation belongs to its page, however alike."""

    def part(text: bytes) -> bytes:
        pdf = pikepdf.new()
        pdf.add_blank_page()
        page = pdf.pages[0]
        program = pdf.make_stream(b"the same font program")
        descriptor = pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontFile2=program)
        font = pikepdf.Dictionary(Type=pikepdf.Name.Font, FontDescriptor=pdf.make_indirect(descriptor))
        # A resource that leads back to itself: alike all the same.
        loop = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name("/Loop")))
        loop.Next = loop
        page.Resources = pikepdf.Dictionary(
            Font=pikepdf.Dictionary(F1=pdf.make_indirect(font)), Properties=pikepdf.Dictionary(L=loop)
        )
        page.Contents = pdf.make_stream(text)
        link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 1, 1])
        page.Annots = pikepdf.Array([pdf.make_indirect(link)])
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()

    data = combine(part(b"front"), [part(b"same page"), part(b"same page")])
    assert data == combine(part(b"front"), [part(b"same page"), part(b"same page")])
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = [page.obj for page in pdf.pages]
        assert len({page.Resources.Font.F1.objgen for page in pages}) == 1
        assert len({page.Resources.Properties.L.objgen for page in pages}) == 1
        assert len({page.Contents.objgen for page in pages}) == 2  # the front's and the parts' one
        assert len({page.Annots[0].objgen for page in pages}) == 3  # each page its own link
        streams = [o.read_bytes() for o in pdf.objects if isinstance(o, pikepdf.Stream)]
        assert streams.count(b"the same font program") == 1


def two_materials(tmp_path: Path) -> Path:
    """An edition of the cards (one of them too long) and the manual: two to lay out."""
    folder = tmp_path / "to"
    folder.mkdir()
    (folder / "area.yaml").write_text(
        "area:\n  name: Prøveby\n  plan: Helhedsplanen i Prøveby\nmaterials: [kort, manual]\n"
        f"changes:\n  add:\n    kort:\n      - {{id: lang, category: boern-unge, text: '{LONG}'}}\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_overlong_text_is_reported_alike_and_nothing_is_written(tmp_path: Path, jobs: str) -> None:
    folder = two_materials(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(out), "--jobs", jobs])
    assert result.exit_code == 1, result.output
    assert f"{folder / 'area.yaml'}:8: changes.add.kort[0].text: 'lang' " in result.output
    assert result.output.count("area.yaml:") == 1
    assert not out.exists()


def test_warnings_from_the_workers_reach_the_command_line(tmp_path: Path) -> None:
    folder = two_materials(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(out), "--jobs", "2", "--no-strict"])
    assert result.exit_code == 0, result.output
    assert result.output.count("'lang' ") == 1, result.output
    assert (out / PACK_FILENAME).is_file()
