"""Rendering: HTML from the sandboxed Jinja templates, and layout through WeasyPrint.

:mod:`.jinja` builds the HTML, :mod:`.weasy` is the only module touching WeasyPrint,
:mod:`.fit` checks that text fits and steps fonts down, :mod:`.cache` keeps layouts
for whoever owns one.
"""

from __future__ import annotations

import logging


def quiet_font_subsetting() -> None:
    """fontTools's complaints while it subsets fonts (about the fonts' creation dates) are
    not our concern: only its errors are shown. Called where a program that renders starts
    (the command line, a worker's build process), never on import; a program that uses the
    library chooses for itself."""
    logging.getLogger("fontTools").setLevel(logging.ERROR)
