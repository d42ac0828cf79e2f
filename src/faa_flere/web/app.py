"""``faa-flere serve`` and the hosted service: one Flask application, two ways to run it.

Locally (``faa-flere serve``) it answers only this machine, has one user who needs no
login, and keeps the editions folder the command line builds from up to date. Hosted
(:mod:`faa_flere.web.wsgi`) it adds accounts, a database server and a reverse proxy in
front; every page and every rule is the same. Editions are loaded and checked by
:func:`faa_flere.load_edition`, packs made by :func:`faa_flere.build_pack`.

Every process and thread the program starts, and how each stops: docs/processes.md.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel.dates import format_datetime, get_timezone
from flask import Flask, abort, redirect, request, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from ..jobs import JobQueue
from ..store import Store
from ..toolkit import by_id
from . import accounts, editions, errors
from .config import WebConfig, local_config
from .modes import HostedMode, LocalMode
from .site import Mode, Site
from .words import WORDS, page_globals

DANISH_TIME = get_timezone("Europe/Copenhagen")
#: A request may carry a form and a logo; a larger logo is refused by the page itself
#: (with the form kept), only more than this by the framework.
MAX_REQUEST = 20 * 1024 * 1024
#: Pages anyone may open without logging in.
PUBLIC = {"login", "invitation", "health", "static"}
#: Forms whose text is kept through a login when the session ran out.
KEEPS_FORM = {"save", "resolve"}


def mode_for(config: WebConfig) -> Mode:
    """The mode ``config`` asks for: the one place that tells the two apart."""
    if config.hosted:
        return HostedMode(urlsplit(config.address).hostname if config.address else None)
    assert config.editions is not None
    return LocalMode(config.editions)


def create_app(config: WebConfig, mode: Mode | None = None) -> Flask:
    """The application for ``config`` (in ``mode``, else the one the config asks for).
    Builds go to the job queue; with ``memory://`` (local mode) one worker thread in this
    process runs them."""
    mode = mode or mode_for(config)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config.secret_key,
        MAX_CONTENT_LENGTH=MAX_REQUEST,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=mode.secure,
        SESSION_COOKIE_NAME="faa_flere",
        PERMANENT_SESSION_LIFETIME=12 * 3600,
        # A form stays good for a working day; an older one gets a page that keeps its text.
        WTF_CSRF_TIME_LIMIT=12 * 3600,
        WTF_CSRF_SSL_STRICT=mode.secure,
        PREFERRED_URL_SCHEME=urlsplit(config.address).scheme if config.address else "http",
    )
    if config.proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=config.proxies, x_proto=config.proxies, x_host=config.proxies
        )
    CSRFProtect(app)
    # Failed logins are counted in Redis; while Redis does not answer they are counted in
    # this process instead (and a login still works), until Redis answers again.
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=config.limits_storage,
        headers_enabled=False,
        in_memory_fallback_enabled=True,
        swallow_errors=True,
    )

    store = Store.open(config.database_url)
    store.uploads.purge()  # logos of forms never sent again, older than a day
    queue = JobQueue(config.queue_url, store, config.out)
    if config.queue_url == "memory://":
        queue.start_worker()
    site = Site(config, store, queue, mode)
    app.extensions["faa_flere"] = site

    logins = LoginManager(app)
    logins.login_view = "login"
    # "basic": a session survives a new address or a browser update (a "strong" check
    # logged staff out mid-edit); the cookie itself is signed, secure and HttpOnly.
    logins.session_protection = "basic" if mode.accounts else None
    mode.start(app, site, logins, limiter)

    @app.before_request
    def guard() -> Any:
        if not mode.answers(request.host.rsplit(":", 1)[0]):
            abort(mode.refused)
        if request.endpoint not in PUBLIC and not current_user.is_authenticated:
            if request.method == "POST" and request.endpoint in KEEPS_FORM and request.view_args:
                # Logged out while editing: the login page keeps what was typed.
                return accounts.login_keeping_form(site, request.view_args["slug"])
            target = request.path + (f"?{request.query_string.decode()}" if request.query_string else "")
            return redirect(url_for("login", next=target if request.method == "GET" else None))
        return None

    @app.context_processor
    def common() -> dict[str, Any]:
        return {"materials": MATERIALS, "accounts": mode.accounts}

    app.jinja_env.globals.update(page_globals())

    @app.template_filter("when")
    def when(moment: datetime.datetime) -> str:
        """A time as Danes write it, in Danish time: ``27. november 2026 kl. 21.40``."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=datetime.UTC)
        pattern = WORDS.message_code("web-when")
        return format_datetime(moment, pattern, tzinfo=DANISH_TIME, locale=WORDS.locale)

    errors.register(app, site)
    accounts.register(app, site)
    editions.register(app, site)
    return app


MATERIALS = by_id()


def serve(editions_dir: Path, out: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """``faa-flere serve``: the local page, with a thread that takes in what changes in the
    editions folder (docs/processes.md)."""
    config = local_config(editions_dir, out)
    assert config.editions is not None
    mode = LocalMode(config.editions)
    app = create_app(config, mode)
    mode.watch()
    try:
        app.run(host=host, port=port, threaded=True, use_reloader=False)
    finally:
        mode.stop()
