"""Every word the page shows, from the catalogue: templates, flash notes and app.js alike.

Templates call ``t(code, **params)``; app.js reads the words it needs from the JSON the
layout embeds (:func:`script_words`), and the status of a build comes with its words
(:func:`job_words`), numbers and plurals put into words by Babel on the server.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from ..content.files import MAX_LOGO_BYTES
from ..errors import FaaFlereError
from ..i18n import Words
from ..jobs.request import failure_problems
from ..store import INVITE_DAYS, MIN_PASSWORD

#: The page is in Danish.
WORDS = Words("da")

#: The largest logo, in whole megabytes, as the page says it.
LOGO_MEGABYTES = MAX_LOGO_BYTES // (1024 * 1024)

#: The words app.js shows, by the name it uses for them.
SCRIPT_WORDS = {
    "offline": "web-js-offline",
    "previewMisfit": "web-js-preview-misfit",
    "previewReady": "web-js-preview-ready",
    "previewUpdated": "web-js-preview-updated",
    "filesReady": "web-js-files-ready",
    "draftRestored": "web-js-draft-restored",
}


def sentence(text: str) -> str:
    """A message as a sentence on the page: a capital first, a full stop last. Every
    message the page shows is made a sentence here, and only here."""
    text = text.strip()
    if not text:
        return text
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?", ")")) else ".")


def error_words(error: FaaFlereError) -> str:
    """What went wrong, as a sentence on the page."""
    return sentence(WORDS.error(error))


def failure_words(message: str) -> str:
    """A failed job's message, in words: stored as problems (data) since jobs carry no
    words; a row stored as words by an earlier version is shown as it is."""
    problems = failure_problems(message)
    if problems is None:
        return message
    if any(p.subject.startswith("-") or p.subject.startswith("FAA_FLERE_") for p in problems):
        # A setting of the server (an option, a variable, a file it lacks): not for staff
        # to mend, and never said to them in the command line's words.
        return WORDS.message_code("web-job-server-setup")
    return " ".join(sentence(WORDS.problem(p)) for p in problems)


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
