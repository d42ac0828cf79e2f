"""The seven materials of the pack: their ids, numbers, templates and files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Material:
    """One printable material. The poster comes in two variants (A3, and the chosen sheet)."""

    id: str
    number: int
    slug: str
    content: str  # the attribute of Content holding its text

    @property
    def template(self) -> str:
        return f"{self.id}.html"

    def filename(self, variant: str = "") -> str:
        suffix = f"-{variant}" if variant else ""
        return f"{self.number}-{self.slug}{suffix}.pdf"


MATERIALS: tuple[Material, ...] = (
    Material("solskinsmodellen", 1, "solskinsmodellen", "sun"),
    Material("brikker", 2, "brikker-til-vaerdispillet", "pieces"),
    Material("kort", 3, "kort-med-positive-forandringer", "cards"),
    Material("tjekliste", 4, "tjekliste-for-bidrag", "checklist"),
    Material("udbytte", 5, "udbytte-og-bidrag-til-hinanden", "exchange"),
    Material("tilpasning", 6, "tilpasning-af-vores-samarbejde", "adjustment"),
    Material("manual", 7, "manual-til-vaerdispillet", "manual"),
)

MATERIAL_IDS: tuple[str, ...] = tuple(m.id for m in MATERIALS)
BY_ID: dict[str, Material] = {m.id: m for m in MATERIALS}

#: The file name of the combined pack.
PACK_FILENAME = "faa-flere-paa-banen.pdf"
