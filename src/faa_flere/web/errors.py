"""Danish pages for every way a request can go wrong, the expired form included."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .site import Site

log = logging.getLogger(__name__)

#: What each status says to the person who met it.
PAGES = {
    400: (
        "Det kunne siden ikke bruge",
        "Siden fik en forespørgsel, den ikke kan bruge. Gå tilbage, og prøv igen.",
    ),
    403: ("Ingen adgang", "Siden kan kun bruges fra denne computer."),
    404: (
        "Siden findes ikke",
        "Der er ingen side på denne adresse, eller du har ikke adgang til den. "
        "Tjek adressen, eller gå til forsiden.",
    ),
    405: (
        "Det kunne siden ikke bruge",
        "Adressen kan ikke bruges sådan. Gå til forsiden, og prøv igen derfra.",
    ),
    413: (
        "Filen er for stor",
        "Det, du sendte, fylder for meget. Et logo må højst fylde 2 MB. Gå tilbage, og vælg en mindre fil.",
    ),
    429: (
        "Vent lidt",
        "Der har været for mange forsøg på at logge ind. Vent 10 minutter, og prøv igen. "
        "Har du glemt din adgangskode, så bed en administrator om et nyt link.",
    ),
    500: (
        "Der gik noget galt",
        "Der skete en fejl på serveren. Dit arbejde er gemt til og med sidste gang, "
        "du trykkede »Gem«. Prøv igen om lidt.",
    ),
}


def register(app: Flask, site: Site) -> None:
    def page(status: int) -> tuple[str, int]:
        title, text = PAGES.get(status, PAGES[400 if status < 500 else 500])
        return render_template("error.html", title=title, text=text, status=status), status

    @app.errorhandler(CSRFError)
    def expired(error: CSRFError) -> Any:
        # The form was made before a restart or too long ago (or not by this site). Its
        # text is shown again to the person who typed it, but nothing is saved from it.
        if request.endpoint in ("save", "resolve") and request.view_args:
            from .accounts import login_keeping_form
            from .editions import show_expired

            if not current_user.is_authenticated:
                return login_keeping_form(request.view_args["slug"])
            if request.endpoint == "save":
                return show_expired(site, request.view_args["slug"])
        return render_template(
            "error.html",
            title="Siden var for gammel",
            text="Siden var udløbet, så intet blev gemt. Gå tilbage, genindlæs siden, og prøv igen.",
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
