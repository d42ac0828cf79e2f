"""A two-sided sheet for measuring how far a printer puts the back from the front.

The front has crosshairs; the back has millimetre scales where the crosshairs should
fall behind. Held up to the light, a front line crosses a back scale at the number
to add to ``--back-offset``.
"""

from __future__ import annotations

from pathlib import Path

from ..atomic import check_out_file, write_file
from ..i18n import Words
from ..toolkit import load_content
from .builder import PackBuilder
from .settings import PrintSettings

#: Targets as fractions of the sheet: four corners and the middle.
TARGETS = ((0.22, 0.3), (0.78, 0.3), (0.5, 0.55), (0.22, 0.82), (0.78, 0.82))
SCALE_MM = 6  # the scales run from -6 to +6 mm


def targets(settings: PrintSettings) -> list[dict[str, float]]:
    """Where each target sits on the front, and where its scales go on the back."""
    w, h = settings.sheet
    dx, dy = settings.back_offset
    result = []
    for fx, fy in TARGETS:
        x, y = fx * w, fy * h
        bx = w - x if settings.duplex == "long" else x
        by = h - y if settings.duplex == "short" else y
        result.append({"x": x, "y": y, "bx": bx + dx, "by": by + dy})
    return result


def calibration_pdf(settings: PrintSettings) -> bytes:
    """The calibration sheet as PDF bytes."""
    builder = PackBuilder(load_content(), PrintSettings(paper=settings.paper, duplex=settings.duplex))
    w, h = settings.sheet
    html = builder.templates.html(
        "calibrate.html",
        **builder.common(),
        page_w=w,
        page_h=h,
        title=Words("da").message_code("calibration-title"),
        targets=targets(settings),
        scale_mm=SCALE_MM,
        duplex=settings.duplex,
        offset=settings.back_offset,
    )
    return builder.write(builder.layout_engine.document(html, "calibrate.html"))


def write_calibration(out: Path, settings: PrintSettings) -> Path:
    check_out_file(out)
    write_file(out, calibration_pdf(settings))
    return out
