"""Print profiles: the same pack made for the office printer, the print shop or the screen.

- ``home``: A4 or Letter, no bleed, cut guides in the margins, card backs placed for the
  chosen duplex flip and shifted by a measured offset.
- ``shop``: 3 mm bleed and crop marks on every page, TrimBox and BleedBox set, PDF/X-4
  with a CMYK output intent; cards one per page at trim size, front then back.
- ``screen``: tagged PDF/UA-1, fillable worksheets, one card or piece per page, and
  links from the contents to each material.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import FaaFlereError
from .imposition import Duplex

Profile = Literal["home", "shop", "screen"]
Paper = Literal["a4", "letter"]

PAPERS: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
A3 = (297.0, 420.0)
BLEED_MM = 3.0
#: Where Debian's libgs-common puts a generic CMYK profile (installed by `make`).
GENERIC_CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


@dataclass(frozen=True)
class PrintSettings:
    """How to lay out and write the PDFs of one build."""

    profile: Profile = "home"
    paper: Paper = "a4"
    duplex: Duplex = "long"
    back_offset: tuple[float, float] = (0.0, 0.0)
    output_profile: Path | None = None  # a CMYK ICC profile, for the shop profile
    strict: bool = True  # text that does not fit fails the build

    def __post_init__(self) -> None:
        if self.profile not in ("home", "shop", "screen"):
            raise FaaFlereError(f"unknown profile '{self.profile}': choose home, shop or screen")
        if self.paper not in PAPERS:
            raise FaaFlereError(f"unknown paper '{self.paper}': choose a4 or letter")
        if self.duplex not in ("long", "short", "none"):
            raise FaaFlereError(f"unknown duplex '{self.duplex}': choose long, short or none")
        if self.profile == "shop" and self.paper != "a4":
            raise FaaFlereError("the shop profile is made on A4 (and A3 for the poster); leave out --paper")
        if any(abs(v) > 20 for v in self.back_offset):
            raise FaaFlereError("--back-offset is in millimetres and at most 20 mm each way")

    @property
    def sheet(self) -> tuple[float, float]:
        """Width and height of a sheet in mm (portrait)."""
        return PAPERS[self.paper]

    @property
    def bleed(self) -> float:
        return BLEED_MM if self.profile == "shop" else 0.0

    def cmyk_profile(self) -> Path:
        """The CMYK ICC profile for the shop's output intent."""
        path = self.output_profile or GENERIC_CMYK
        if not path.is_file():
            raise FaaFlereError(
                f"the shop profile needs a CMYK ICC profile, and {path} does not exist: "
                "give your print shop's profile with --output-profile FILE.icc "
                "(or install Debian's libgs-common for a generic one)"
            )
        return path

    def pdf_options(self) -> dict[str, Any]:
        """Options for WeasyPrint's write_pdf."""
        options: dict[str, Any] = {"pdf_identifier": True}
        if self.profile == "shop":
            options["pdf_variant"] = "pdf/x-4"
        elif self.profile == "screen":
            options["pdf_variant"] = "pdf/ua-1"
            options["pdf_forms"] = True
        return options

    def render_options(self) -> dict[str, Any]:
        """Options for WeasyPrint's render."""
        return {"pdf_forms": True} if self.profile == "screen" else {}


def parse_offset(text: str) -> tuple[float, float]:
    """``"1.5,-0.5"`` as ``(1.5, -0.5)`` millimetres."""
    try:
        x, y = (float(part.replace(" ", "")) for part in text.split(","))
    except ValueError as e:
        raise FaaFlereError(f"--back-offset '{text}': write two numbers in mm, e.g. 1.5,-0.5") from e
    return x, y
