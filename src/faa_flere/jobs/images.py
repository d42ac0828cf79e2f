"""Pages of a PDF as PNG images, for the preview."""

from __future__ import annotations

from pathlib import Path

import pypdfium2


def pdf_to_pngs(pdf: Path, folder: Path, stem: str, dpi: int = 50) -> list[str]:
    """Write each page of ``pdf`` as ``stem-N.png`` in ``folder``; return the file names."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for number in range(len(document)):
            page = document[number]
            image = page.render(scale=dpi / 72).to_pil()
            name = f"{stem}-{number + 1}.png"
            image.save(folder / name, compress_level=3)  # quick: a preview, not an archive
            names.append(name)
            page.close()
    finally:
        document.close()
    return names
