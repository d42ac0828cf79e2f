"""How to lay out and write the PDFs of one build: profile, paper, duplex, offsets."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import Message, OptionError, Problem, msg
from ..render.weasy import Finishing
from .profiles import HOME, Profile, duplex_named, profile_named

Paper = Literal["a4", "letter"]
Duplex = Literal["long", "short", "none"]
Layout = Literal["touching", "apart"]

PAPERS: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
PIECE_LAYOUTS = ("touching", "apart")
A3 = (297.0, 420.0)
#: Where Debian's libgs-common puts a generic CMYK profile (installed by `make`).
GENERIC_CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
MAX_OFFSET_MM = 20
#: What a spot colour's name may be: plain, so every RIP and cutter reads it alike.
CUT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]{0,62}")
#: The palette's colours for text and rules (body text, help text, lines), printed in
#: black ink only where the profile says so; any grey is too.
NEUTRAL_COLOURS = ("blaek", "graa", "linje")


@dataclass(frozen=True)
class PrintSettings:
    """How to lay out and write the PDFs of one build."""

    profile: Profile = HOME
    paper: str = "a4"
    duplex: Duplex = "long"
    back_offset: tuple[float, float] = (0.0, 0.0)
    output_profile: Path | None = None  # a CMYK ICC profile, for the shop profile
    strict: bool = True  # text that does not fit fails the build
    cut_name: str = "CutContour"  # the spot colour of the die line, as the shop's cutter knows it
    #: Jigsaw pieces laid as the printed puzzle, neighbours sharing one cut ("touching"),
    #: or apart, each cut on its own all round ("apart": for scissors, or a die made so).
    pieces: Layout = "touching"

    def __post_init__(self) -> None:
        if not isinstance(self.profile, Profile):  # a name, from an option or a form
            object.__setattr__(self, "profile", profile_named(str(self.profile)))
        if self.paper not in PAPERS:
            raise OptionError.of(
                "unknown-paper", subject="--paper", name=self.paper, choices=", ".join(PAPERS)
            )
        duplex_named(self.duplex)
        if self.pieces not in PIECE_LAYOUTS:
            raise OptionError.of(
                "unknown-pieces", subject="--pieces", name=self.pieces, choices=", ".join(PIECE_LAYOUTS)
            )
        if self.paper not in self.profile.papers:
            raise OptionError.of("shop-paper", subject="--paper")
        if self.output_profile is not None and not self.profile.output_intent:
            raise OptionError.of("icc-without-shop", subject="--output-profile")
        if not CUT_NAME.fullmatch(self.cut_name):
            raise OptionError.of("bad-cut-name", subject="--cut-name", name=self.cut_name)
        if any(not math.isfinite(v) or abs(v) > MAX_OFFSET_MM for v in self.back_offset):
            raise OptionError.of("offset-too-far", subject="--back-offset")

    @property
    def sheet(self) -> tuple[float, float]:
        """Width and height of a sheet in mm (portrait)."""
        return PAPERS[self.paper]

    @property
    def bleed(self) -> float:
        return self.profile.bleed_mm

    def cmyk_profile(self) -> Path | None:
        """The CMYK ICC profile for the output intent, when the profile has one."""
        if not self.profile.output_intent:
            return None
        path = self.output_profile or GENERIC_CMYK
        if not path.exists():
            raise OptionError.of(
                "no-cmyk-profile", msg("no-cmyk-profile.hint"), subject="--output-profile", file=path
            )
        if not path.is_file():
            raise OptionError(
                [Problem(path, None, (), msg("icc-not-profile"), msg("icc.hint"), "--output-profile")]
            )
        trouble = icc_trouble(path)
        if trouble is not None:
            raise OptionError([Problem(path, None, (), trouble, msg("icc.hint"), "--output-profile")])
        return path

    def pdf_options(self) -> dict[str, Any]:
        """Options for WeasyPrint's write_pdf."""
        options: dict[str, Any] = {"pdf_identifier": True}
        if self.profile.pdf_variant:
            options["pdf_variant"] = self.profile.pdf_variant
        if self.profile.forms:
            options["pdf_forms"] = True
        return options

    def finishing(self, colours: Mapping[str, str] | None = None) -> Finishing | None:
        """What the PDFs get after WeasyPrint: bleed box, crop marks in the slug, die line,
        and the palette's neutral ones of ``colours`` (name to hex) in black ink only."""
        profile = self.profile
        if not (profile.slug_mm or profile.crop_marks or profile.cut_contour or profile.neutrals_k_only):
            return None
        neutrals: tuple[str, ...] = ()
        if profile.neutrals_k_only and colours:
            neutrals = tuple(colours[name] for name in NEUTRAL_COLOURS if name in colours)
        return Finishing(
            profile.bleed_mm,
            profile.slug_mm,
            profile.crop_marks,
            self.cut_name if profile.cut_contour else None,
            neutrals=neutrals,
        )

    def render_options(self) -> dict[str, Any]:
        """Options for WeasyPrint's render."""
        return {"pdf_forms": True} if self.profile.forms else {}

    def describe(self) -> str:
        """Everything that changes the bytes of a PDF, for the keys of the render cache."""
        return repr(
            (
                self.profile.name,
                self.paper,
                self.duplex,
                self.back_offset,
                self.strict,
                self.cut_name,
                self.pieces,
            )
        )


def parse_offset(text: str) -> tuple[float, float]:
    """``"1.5,-0.5"`` as ``(1.5, -0.5)`` millimetres."""
    try:
        x, y = (float(part.replace(" ", "")) for part in text.split(","))
    except ValueError as e:
        raise OptionError.of("bad-offset", subject="--back-offset", text=text) from e
    if not (math.isfinite(x) and math.isfinite(y)):
        raise OptionError.of("bad-offset", subject="--back-offset", text=text)
    return x, y


def icc_trouble(path: Path) -> Message | None:
    """Why ``path`` is not a CMYK ICC profile (read from its header), or None."""
    try:
        with path.open("rb") as f:
            header = f.read(128)
    except OSError as e:
        return msg("file-unreadable", reason=e.strerror or type(e).__name__)
    if len(header) < 128 or header[36:40] != b"acsp":
        return msg("icc-not-profile")
    space = header[16:20].decode("latin-1").strip()
    if space != "CMYK":
        return msg("icc-not-cmyk", space=space)
    return None
