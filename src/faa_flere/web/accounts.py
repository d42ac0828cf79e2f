"""Logging in, choosing a password from an invitation, and the administrator's page.

Passwords are argon2 hashes (:class:`faa_flere.store.Store`); failed logins are counted by
Flask-Limiter per address and per e-mail; sessions are Flask's signed cookies through
Flask-Login. Local mode has one user and needs none of this.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, abort, redirect, render_template, request, session, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import login_user, logout_user
from sqlalchemy import text

from ..errors import FaaFlereError
from .editions import create_area, keep_logo, show_kept
from .site import Person, Site
from .words import WORDS, sentence

#: Failed logins allowed before the page waits: for one e-mail from one address; from one
#: address (an office shares one); for one e-mail from anywhere (slows a spread guessing).
PERSON_LIMIT = "5 per 10 minutes"
ADDRESS_LIMIT = "30 per 10 minutes"
EMAIL_LIMIT = "30 per hour"


def register_logins(app: Flask, site: Site, limiter: Limiter) -> None:
    """Logging in and out, and choosing a password from an invitation (hosted mode's
    :meth:`~.modes.HostedMode.start`: local mode has no logins)."""
    store = site.store

    def failed(response: Any) -> bool:
        return bool(response.status_code == 401)

    def email_key() -> str:
        return "login:" + request.form.get("email", "").strip().lower()

    def person_key() -> str:
        return email_key() + "@" + get_remote_address()

    @app.route("/log-ind", methods=["GET", "POST"])
    @limiter.limit(PERSON_LIMIT, methods=["POST"], deduct_when=failed, key_func=person_key)
    @limiter.limit(ADDRESS_LIMIT, methods=["POST"], deduct_when=failed)
    @limiter.limit(EMAIL_LIMIT, methods=["POST"], deduct_when=failed, key_func=email_key)
    def login() -> Any:
        kept = request.form.get("kept", "")
        if request.method == "GET":
            return render_template("login.html", error="", email="", kept="", slug="")
        email = request.form.get("email", "").strip()
        user = store.accounts.authenticate(email, request.form.get("password", ""))
        if user is None:
            store.audit.record(email[:254] or "?", "login-failed")
            error = WORDS.message_code("web-login-wrong")
            return render_template(
                "login.html", error=error, email=email, kept=kept, slug=request.form.get("slug", "")
            ), 401
        login_user(Person(user))
        store.audit.record(user.email, "login")
        if kept:
            return show_kept(site, request.form.get("slug", ""), kept)
        return redirect(_safe_next(request.args.get("next")) or url_for("start"))

    @app.post("/log-ud")
    def logout() -> Any:
        site.store.accounts.end_sessions(site.user.id)  # on every device, not only this one
        store.audit.record(site.user.email, "logout")
        logout_user()
        return redirect(url_for("login"))

    @app.route("/invitation/<token>", methods=["GET", "POST"])
    @limiter.limit("20 per 10 minutes", methods=["POST"])
    def invitation(token: str) -> Any:
        if request.method == "GET":
            return render_template("invitation.html", error="")
        password, again = request.form.get("password", ""), request.form.get("again", "")
        if password != again:
            return render_template("invitation.html", error=WORDS.message_code("web-passwords-differ")), 400
        try:
            user = store.accounts.redeem(token, password)
        except FaaFlereError as e:
            return render_template("invitation.html", error=sentence(WORDS.error(e))), 400
        logout_user()
        login_user(Person(user))
        return redirect(url_for("start"))


def register(app: Flask, site: Site) -> None:
    """The administrator's page, and the health check."""
    store = site.store

    @app.get("/admin")
    def admin() -> Any:
        who, link = session.pop("admin_link", ["", ""])
        return _admin_page(who=who, link=link)

    def _admin_page(status: int = 200, **shown: Any) -> Any:
        if not site.user.is_admin:
            abort(404)
        people = [
            (user, store.areas.visible_to(user) if not user.is_admin else [])
            for user in store.accounts.users()
        ]
        people = [(u, a) for u, a in people if u.email != "lokal@localhost.localdomain"]
        audit = [
            (entry.at, entry.actor, WORDS.message_code(f"audit-{entry.action}", **entry.params))
            for entry in store.audit.recent()
        ]
        return render_template(
            "admin.html",
            audit=audit,
            people=people,
            areas=store.areas.visible_to(site.user),
            **{"link": "", "error": "", **shown},
        ), status

    @app.post("/admin/omraade")
    def admin_area() -> Any:
        if not site.user.is_admin:
            abort(404)
        return create_area(site, request.form.get("name", ""), then=_admin_page)

    @app.post("/admin/person")
    def admin_person() -> Any:
        if not site.user.is_admin:
            abort(404)
        email, name = request.form.get("email", "").strip(), request.form.get("name", "").strip()
        role = "admin" if request.form.get("role") == "admin" else "staff"
        slugs = request.form.getlist("area")
        try:
            user = store.accounts.user_by_email(email) or store.accounts.create_user(email, name, role)
            for slug in slugs:
                if store.areas.get(slug, site.user) is None:
                    abort(400)
                store.accounts.grant(user.email, slug)
            token = store.accounts.invite(user.email) if not user.active else ""
        except FaaFlereError as e:
            return _admin_page(400, error=sentence(WORDS.error(e)))
        store.audit.record(site.user.email, "invited", person=user.email, areas=", ".join(slugs))
        link = url_for("invitation", token=token, _external=True) if token else ""
        return _shown_once(user.name, link)

    @app.post("/admin/nulstil")
    def admin_reset() -> Any:
        if not site.user.is_admin:
            abort(404)
        email = request.form.get("email", "")
        try:
            token = store.accounts.reset_password(email)
        except FaaFlereError as e:
            return _admin_page(400, error=sentence(WORDS.error(e)))
        store.audit.record(site.user.email, "reset", person=email)
        user = store.accounts.user_by_email(email)
        return _shown_once(user.name if user else email, url_for("invitation", token=token, _external=True))

    @app.post("/admin/fjern")
    def admin_remove() -> Any:
        """Take an area away from a person (their sessions end)."""
        if not site.user.is_admin:
            abort(404)
        try:
            store.accounts.revoke(request.form.get("email", ""), request.form.get("area", ""))
        except FaaFlereError as e:
            return _admin_page(400, error=sentence(WORDS.error(e)))
        store.audit.record(
            site.user.email,
            "removed",
            person=request.form.get("email", ""),
            area=request.form.get("area", ""),
        )
        return redirect(url_for("admin"))

    @app.post("/admin/adgang")
    def admin_access() -> Any:
        """Disable an account, or enable it again (never one's own)."""
        if not site.user.is_admin:
            abort(404)
        email = request.form.get("email", "").strip().lower()
        if email == site.user.email:
            return _admin_page(400, error=WORDS.message_code("web-not-yourself"))
        try:
            disable = request.form.get("disable") == "1"
            store.accounts.disable(email, disable)
        except FaaFlereError as e:
            return _admin_page(400, error=sentence(WORDS.error(e)))
        store.audit.record(site.user.email, "disabled" if disable else "enabled", person=email)
        return redirect(url_for("admin"))

    def _shown_once(who: str, link: str) -> Any:
        # Post, then redirect: reloading the page shows the link again, it does not make
        # a new one (which would end the one just given).
        session["admin_link"] = [who, link]
        return redirect(url_for("admin") + "#link")

    @app.get("/sundhed")
    def health() -> Any:
        try:
            with store.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:  # any failure of the database is what this page reports
            return {"status": "error", "database": "unreachable"}, 503
        return {"status": "ok", "database": "ok"}


def login_keeping_form(site: Site, slug: str) -> Any:
    """The login page for a save sent after the session ran out: the form goes along, and
    the logo chosen with it (kept on the server, as for a form with a mistake)."""
    form = {k: v for k, v in request.form.to_dict(flat=False).items() if k != "csrf_token"}
    kept = keep_logo(site, None, request.files.get("logo"))
    if kept is not None:
        form["upload"], form["upload-name"] = [kept[0]], [kept[1]]
    notice = WORDS.message_code("web-logged-out-kept")
    return render_template(
        "login.html", error="", email="", kept=json.dumps(form, ensure_ascii=False), slug=slug, notice=notice
    ), 401


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site: never send a user on to another host after login."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
