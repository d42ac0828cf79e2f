"""Pages, in the catalogue's words, for every way a request can go wrong, the expired form included."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

from .site import Site
from .words import LOGO_MEGABYTES, WORDS

log = logging.getLogger(__name__)

#: What each status says to the person who met it: a title and a text, by message code.
PAGES = {
    400: ("web-error-400", "web-error-400.text"),
    403: ("web-error-403", "web-error-403.text"),
    404: ("web-error-404", "web-error-404.text"),
    405: ("web-error-400", "web-error-405.text"),
    413: ("web-error-413", "web-error-413.text"),
    421: ("web-error-421", "web-error-421.text"),
    502: ("web-error-502", "web-error-502.text"),
    504: ("web-error-504", "web-error-504.text"),
    429: ("web-error-429", "web-error-429.text"),
    500: ("web-error-500", "web-error-500.text"),
}


#: The pages nginx shows itself (deploy/errors/, made by ``scripts/error-pages``): a request
#: too large for it, and the service not answering or too slow.
PROXY_PAGES = (413, 502, 504)

_STANDALONE = """<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<main>
<h1>{title}</h1>
<section class="card">
  <p>{text}</p>
  <p><a href="/">{front}</a></p>
  <p class="hint">{code}</p>
</section>
</main>
</body>
</html>
"""


def standalone_page(status: int, draft: bool = False) -> str:
    """An error page that stands on its own, for nginx to show when the service cannot,
    and for the service when even its own page cannot be made (its words from the
    catalogue, like every other page). ``draft``: the form's text is kept in the browser."""
    title, text = PAGES[status]
    words = WORDS.message_code(text, megabytes=LOGO_MEGABYTES)
    if draft:
        words += " " + WORDS.message_code("web-error-500.draft")
    return _STANDALONE.format(
        language=WORDS.language,
        title=escape(WORDS.message_code(title)),
        text=escape(words),
        front=escape(WORDS.message_code("web-to-front-page")),
        code=escape(WORDS.message_code("web-error-code", status=status)),
    )


def register(app: Flask, site: Site) -> None:
    def page(status: int) -> tuple[str, int]:
        title, text = PAGES.get(status, PAGES[400 if status < 500 else 500])
        # megabytes: the largest logo, for the page that says a file was too large
        words = WORDS.message_code(text, megabytes=LOGO_MEGABYTES)
        draft = status >= 500 and request.endpoint in ("save", "resolve")
        if draft:
            # The edit page kept a draft of the form in the browser (static/app.js).
            words += " " + WORDS.message_code("web-error-500.draft")
        if status >= 500:
            try:
                # Who is logged in is not asked: the database may be what failed.
                return render_template(
                    "error.html", title=WORDS.message_code(title), text=words, status=status, plain=True
                ), status
            except Exception:  # a page that cannot even be made: the one that needs nothing
                log.exception("the error page could not be made")
                return standalone_page(status if status in PAGES else 500, draft), status
        return render_template(
            "error.html", title=WORDS.message_code(title), text=words, status=status
        ), status

    @app.errorhandler(CSRFError)
    def expired(error: CSRFError) -> Any:
        # The form was made before a restart or too long ago (or not by this site). Its
        # text is shown again to the person who typed it, but nothing is saved from it.
        if request.endpoint in ("save", "resolve") and request.view_args:
            from .accounts import login_keeping_form
            from .editions import show_expired

            if not current_user.is_authenticated:
                return login_keeping_form(site, request.view_args["slug"])
            if request.endpoint == "save":
                return show_expired(site, request.view_args["slug"])
        return render_template(
            "error.html",
            title=WORDS.message_code("web-expired"),
            text=WORDS.message_code("web-expired.text"),
            status=400,
        ), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        if error.code is None or error.code < 400:
            return error
        return page(error.code)

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError) -> Any:
        log.error("error on %s %s", request.method, request.path, exc_info=error.original_exception)
        return page(500)
