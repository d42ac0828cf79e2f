"""Print profiles: the same pack made for the office printer, the print shop or the screen.

A profile is data: what differs between them is declared here, once, and the rest of
the pipeline (views, templates, the PDF writer) asks the profile, never its name.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import OptionError


@dataclass(frozen=True)
class Profile:
    """What a kind of output needs."""

    name: str
    #: Bleed around every page, in mm (the shop trims it off).
    bleed_mm: float = 0.0
    #: Nothing is drawn nearer the paper's edge than this, in mm: an office printer
    #: cannot print there. Page backgrounds stop here too, on a white border.
    edge_mm: float = 0.0
    #: Room outside the bleed for the crop marks, in mm: the page (MediaBox) is this much
    #: larger than the BleedBox on every side, and only the marks are drawn there.
    slug_mm: float = 0.0
    #: Crop marks in the corners, in the slug (they need one).
    crop_marks: bool = False
    #: A die line around every piece and card, in its own spot colour (named by the
    #: settings), overprinting, for the shop's cutter.
    cut_contour: bool = False
    #: One card a page at trim size (the shop imposes them; a screen shows one at a time).
    single_cards: bool = False
    #: One jigsaw piece a page, the page just large enough for it.
    single_pieces: bool = False
    #: Card backs are made (a screen shows fronts only).
    card_backs: bool = True
    #: Worksheets carry PDF form fields.
    forms: bool = False
    #: WeasyPrint's PDF variant (``pdf/x-4``, ``pdf/ua-1``), or None for plain PDF.
    pdf_variant: str | None = None
    #: A CMYK output intent is embedded (needs a CMYK ICC profile).
    output_intent: bool = False
    #: Black, grey and the palette's neutral colours are drawn in black ink only (K), not
    #: left to the output intent to separate into four inks (render/weasy.py).
    neutrals_k_only: bool = False
    #: Paper sizes the profile is made on.
    papers: tuple[str, ...] = ("a4", "letter")
    #: Tagged for screen readers: figures get alternative text (decoration is left out of
    #: the structure), choices are radio groups, and the PDF is mended where WeasyPrint's
    #: tagging falls short (render/weasy.py).
    tagged: bool = False
    #: Typographic ligatures (fi, ti, ft). Off where text must extract letter for letter.
    ligatures: bool = True
    #: SVG cut files for a cutting plotter (Cricut, Silhouette), one per sheet of pieces.
    plotter: bool = False
    #: Added to an edition's folder name in batch output (``tingbjerg-shop``).
    folder_suffix: str = ""

    def __post_init__(self) -> None:
        if self.crop_marks and self.slug_mm < 5:
            raise ValueError(f"profile {self.name}: crop marks need a slug of at least 5 mm")


HOME = Profile("home", edge_mm=5.0, plotter=True)
SHOP = Profile(
    "shop",
    bleed_mm=3.0,
    slug_mm=10.0,
    crop_marks=True,
    cut_contour=True,
    single_cards=True,
    pdf_variant="pdf/x-4",
    output_intent=True,
    neutrals_k_only=True,
    papers=("a4",),
    folder_suffix="-shop",
)
SCREEN = Profile(
    "screen",
    single_cards=True,
    single_pieces=True,
    card_backs=False,
    forms=True,
    pdf_variant="pdf/ua-1",
    tagged=True,
    ligatures=False,
    folder_suffix="-screen",
)

PROFILES: dict[str, Profile] = {p.name: p for p in (HOME, SHOP, SCREEN)}


#: How the card backs are placed for two-sided printing (``--duplex``).
DUPLEXES = ("long", "short", "none")


def profile_named(name: str) -> Profile:
    """The profile called ``name``, or an error naming the choices."""
    if name not in PROFILES:
        raise OptionError.of("unknown-profile", subject="--profile", name=name, choices=", ".join(PROFILES))
    return PROFILES[name]


def duplex_named(name: str) -> str:
    """``name``, if it is a duplex setting, or an error naming the choices."""
    if name not in DUPLEXES:
        raise OptionError.of("unknown-duplex", subject="--duplex", name=name, choices=", ".join(DUPLEXES))
    return name
