"""Every text of the content, and of an edition, can be found in the PDFs of every profile
by three readers we did not write: poppler's pdftotext, MuPDF and pdf.js (the viewer in
Firefox, run with Node)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from faa_flere import build_pack, load_content, load_edition
from faa_flere.pack.settings import PrintSettings

from .test_screen_pdfua import _canon, _strings

AREAS = Path(__file__).resolve().parent.parent / "areas"
PDFJS = Path(__file__).resolve().parent / "js"
#: Texts a profile does not print: none (the cards' intro is the deck's first card; on
#: screen the pieces' intro has a page before the pieces).
NOT_PRINTED: dict[str, set[tuple[str, str]]] = {"home": set(), "shop": set(), "screen": set()}


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def mupdf(pdf: Path) -> str:
    return subprocess.run(
        ["mutool", "draw", "-q", "-F", "txt", "-o", "-", str(pdf)], capture_output=True, text=True, check=True
    ).stdout


def pdfjs(pdf: Path) -> str:
    return subprocess.run(
        ["node", str(PDFJS / "pdftext.mjs"), str(pdf)], capture_output=True, text=True, check=True, cwd=PDFJS
    ).stdout


READERS = {"pdftotext": pdftotext, "mupdf": mupdf, "pdf.js": pdfjs}


@pytest.fixture(
    scope="module", params=[(e, p) for e in ("official", "tingbjerg") for p in ("home", "shop", "screen")]
)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, Path]:
    edition, profile = request.param
    out = tmp_path_factory.mktemp(f"{edition}-{profile}")
    folder = None if edition == "official" else AREAS / edition
    build_pack(folder, out, settings=PrintSettings(profile=profile))  # type: ignore[arg-type]
    return edition, profile, out


@pytest.mark.parametrize("reader", list(READERS))
def test_every_text_is_found_by_every_reader(built: tuple[str, str, Path], reader: str) -> None:
    edition, profile, out = built
    if reader == "mupdf" and not shutil.which("mutool"):
        pytest.fail("make test installs Debian's mupdf-tools")
    if reader == "pdf.js" and not (PDFJS / "node_modules" / "pdfjs-dist").is_dir():
        pytest.fail("make test installs pdf.js into tests/js (npm ci)")
    content = load_content() if edition == "official" else load_edition(AREAS / edition)
    haystack = _canon("".join(READERS[reader](pdf) for pdf in sorted(out.glob("*.pdf"))))
    texts = [
        (key, field, text)
        for key, model in content.texts.items()
        if key == "pakke" or key in content.pack.materials
        for field, text in _strings(model)
        if (key, field) not in NOT_PRINTED[profile]
        and not (edition != "official" and (key, field) == ("pakke", "edition_label"))
    ]
    if content.local is not None:
        texts += [("area", field, text) for field, text in _strings(content.local.area)]
        texts += [("partners", "", name) for name in content.local.partners]
    assert len(texts) > 100
    missing = [(key, field, text) for key, field, text in texts if _canon(text) not in haystack]
    assert not missing, f"{edition} {profile}: not found by {reader}: {missing[:5]} ({len(missing)} in all)"
