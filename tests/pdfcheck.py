"""Reading built PDFs for the tests: sizes, fonts, text, named destinations."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pypdf import PdfReader

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
A3 = (297 * MM, 420 * MM)


def page_sizes(path: Path) -> list[tuple[float, float]]:
    with pikepdf.open(path) as pdf:
        return [
            (float(p.mediabox[2] - p.mediabox[0]), float(p.mediabox[3] - p.mediabox[1])) for p in pdf.pages
        ]


def same_size(size: tuple[float, float], expected: tuple[float, float], tolerance: float = 0.5) -> bool:
    return abs(size[0] - expected[0]) < tolerance and abs(size[1] - expected[1]) < tolerance


def fonts(path: Path) -> dict[str, bool]:
    """Every font used on any page (also inside forms), and whether its file is embedded."""
    found: dict[str, bool] = {}
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                name = str(obj.get("/FontName"))
                found[name] = any(key in obj for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def text(path: Path) -> str:
    """All text of the PDF, with lines joined by spaces and hyphenation undone."""
    reader = PdfReader(path)
    raw = "\n".join(page.extract_text() or "" for page in reader.pages)
    return normalise(raw)


def normalise(raw: str) -> str:
    # A word broken at a line's end: a hyphen between a letter and a small letter.
    joined = re.sub(r"(?<=[^\W\d_])-\n(?=[a-zæøå])", "", raw).replace("\n", " ")
    return " ".join(joined.split())


@dataclass(frozen=True)
class Destination:
    page: int
    x: float
    y: float


def destinations(path: Path) -> dict[str, Destination]:
    """Named destinations (one per HTML id): page index and the element's top-left corner."""
    result: dict[str, Destination] = {}
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        tree = pikepdf.NameTree(pdf.Root.Names.Dests)
        for name, dest in tree.items():
            result[str(name)] = Destination(pages[dest[0].objgen], float(dest[2]), float(dest[3]))
    return result


def qpdf_check(path: Path) -> str:
    """The output of ``qpdf --check``; raises if qpdf finds errors."""
    qpdf = shutil.which("qpdf")
    assert qpdf, "qpdf is not installed (make test installs it)"
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def word_boxes(path: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """Each word of a page with its box in mm from the top-left corner (pdftotext -bbox)."""
    result = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [
        (word, float(x0) / MM, float(y0) / MM, float(x1) / MM, float(y1) / MM)
        for x0, y0, x1, y1, word in re.findall(pattern, result.stdout)
    ]


def raster(path: Path, folder: Path, dpi: int = 50, first: int = 0, last: int = 0) -> list[Path]:
    """The pages of the PDF (all, or ``first`` to ``last``) as grey PNGs at ``dpi``, in order."""
    prefix = folder / path.stem
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(dpi), *pages, str(path), str(prefix)], check=True)
    return sorted(folder.glob(f"{path.stem}-*.png"))
