"""Every word the page shows, from the catalogue: templates, flash notes and app.js alike.

Templates call ``t(code, **params)``; app.js reads the words it needs from the JSON the
layout embeds (:func:`script_words`), and the status of a build comes with its words
(:func:`job_words`), numbers and plurals put into words by Babel on the server.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from ..content.files import MAX_LOGO_BYTES
from ..store import INVITE_DAYS, MIN_PASSWORD
from .site import WORDS

#: The largest logo, in whole megabytes, as the page says it.
LOGO_MEGABYTES = MAX_LOGO_BYTES // (1024 * 1024)

#: The words app.js shows, by the name it uses for them.
SCRIPT_WORDS = {
    "offline": "web-js-offline",
    "previewMisfit": "web-js-preview-misfit",
    "previewReady": "web-js-preview-ready",
    "previewUpdated": "web-js-preview-updated",
    "filesReady": "web-js-files-ready",
}


def t(code: str, **params: Any) -> str:
    """The words of a message for a template. A parameter that is HTML already (a link made
    in the template) stays HTML; every other parameter is escaped, and the answer with it."""
    if not any(isinstance(value, Markup) for value in params.values()):
        return WORDS.message_code(code, **params)
    safe = {name: escape(value) if isinstance(value, str) else value for name, value in params.items()}
    return Markup(WORDS.message_code(code, **safe))  # the catalogue's own words, and escaped values


def script_words() -> dict[str, str]:
    """What app.js says, in words: embedded in every page as JSON."""
    return {name: WORDS.message_code(code) for name, code in SCRIPT_WORDS.items()}


def job_words(status: dict[str, Any]) -> str:
    """Where a waiting or running build is, in words: its place in the queue and about how long
    it takes (``Det tager ca. 1 sekund.``)."""
    parts = []
    if status["state"] == "waiting":
        ahead = int(status["ahead"])
        parts.append(
            WORDS.message_code("web-job-ahead", count=ahead) if ahead else WORDS.message_code("web-job-next")
        )
    elif status["state"] == "running":
        parts.append(WORDS.message_code("web-job-working"))
    if parts and status.get("estimate") is not None:
        parts.append(WORDS.message_code("web-job-estimate", count=int(status["estimate"])))
    return " ".join(parts)


def file_label(name: str) -> str:
    """How the page names a file of a pack: a plotter's cut file says what it is."""
    shown = name.rsplit("/", 1)[-1]
    return WORDS.message_code("web-plotter-file", name=shown) if name.startswith("plotter/") else shown


def page_globals() -> dict[str, Any]:
    """What every template may use to put words on the page."""
    return {
        "t": t,
        "script_words": script_words,
        "logo_megabytes": LOGO_MEGABYTES,
        "invite_days": INVITE_DAYS,
        "min_password": MIN_PASSWORD,
    }
