"""The hosted service through Flask's test client, on SQLite and on a real PostgreSQL:
accounts and roles, isolation between areas, throttled logins, versions, conflicts,
history, the fit check at the field, Danish error pages and forms that survive errors."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
from contextlib import contextmanager
from html import unescape
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from faa_flere.store import Store
from faa_flere.web.app import create_app
from faa_flere.web.config import WebConfig

from .test_web import wait  # Visitor answers get() as a test client does

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "en lang adgangskode"
HTTPS = "https://faa-flere.example"


class Visitor:
    """One browser: its cookies, and the site's address behind a TLS-terminating proxy."""

    def __init__(self, app):
        self.client = app.test_client()

    def get(self, path: str, **kw):
        return self.client.get(path, base_url=HTTPS, **kw)

    def post(self, path: str, data: dict, **kw):
        headers = {"Referer": HTTPS + "/"}
        return self.client.post(path, data=data, base_url=HTTPS, headers=headers, **kw)

    def token(self, path: str = "/") -> str:
        page = self.get(path).get_data(as_text=True)
        return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]

    def login(self, email: str, password: str = PASSWORD):
        return self.post(
            "/log-ind", {"csrf_token": self.token("/log-ind"), "email": email, "password": password}
        )

    def form(self, slug: str) -> dict[str, list[str]]:
        """The edit form as a browser sends it, from the page's own inputs."""
        html = self.get(f"/udgave/{slug}").get_data(as_text=True)
        return form_in(html)


def form_in(html: str) -> dict[str, list[str]]:
    html = html.split('id="udgave"', 1)[1].split("</form>", 1)[0]
    form: dict[str, list[str]] = {}
    for tag in re.findall(r"<input [^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="file"' in tag or ('type="checkbox"' in tag and "checked" not in tag):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        form.setdefault(name[1], []).append(unescape(value[1]) if value else "")
    for name, text in re.findall(r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        form.setdefault(name, []).append(unescape(text))
    return form


def hosted_config(tmp_path: Path, database_url: str) -> WebConfig:
    return WebConfig(
        hosted=True,
        database_url=database_url,
        editions=None,
        out=tmp_path / "out",
        secret_key=secrets.token_urlsafe(40),
        limits_storage="memory://",
        proxies=0,
        address=HTTPS,
    )


@pytest.fixture
def hosted(tmp_path, database_url):
    app = create_app(hosted_config(tmp_path, database_url))
    store: Store = app.extensions["faa_flere"].store
    store.accounts.hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)  # quick for tests
    for slug in ("tingbjerg", "gellerup"):
        store.areas.import_folder(ROOT / "areas" / slug)
    store.accounts.create_user("admin@cfbu.example", "Ada Admin", "admin")
    store.accounts.redeem(store.accounts.invite("admin@cfbu.example"), PASSWORD)
    store.accounts.create_user("mette@tingbjerg.example", "Mette Lund", "staff")
    store.accounts.grant("mette@tingbjerg.example", "tingbjerg")
    store.accounts.redeem(store.accounts.invite("mette@tingbjerg.example"), PASSWORD)
    store.accounts.create_user("jonas@tingbjerg.example", "Jonas Berg", "staff")
    store.accounts.grant("jonas@tingbjerg.example", "tingbjerg")
    store.accounts.redeem(store.accounts.invite("jonas@tingbjerg.example"), PASSWORD)
    yield app, store
    app.extensions["faa_flere"].queue.stop_worker()
    store.close()


def test_logged_out_requests_reach_only_the_login_page(hosted):
    app, _store = hosted
    v = Visitor(app)
    for path in (
        "/",
        "/admin",
        "/udgave/tingbjerg",
        "/udgave/tingbjerg/historik",
        "/udgave/tingbjerg/version/1",
        "/udgave/tingbjerg/fil/preview/1-solskinsmodellen-1.png",
        "/job/abc",
        "/udgave/nope",
    ):
        answer = v.get(path)
        assert answer.status_code == 302 and answer.headers["Location"].startswith("/log-ind"), path
    token = v.token("/log-ind")
    for path in ("/ny", "/udgave/tingbjerg", "/udgave/tingbjerg/gendan", "/admin/person"):
        answer = v.post(path, {"csrf_token": token, "name": "x"})
        if path == "/udgave/tingbjerg":  # an edit form: the login page itself, keeping the text
            assert answer.status_code == 401 and 'action="/log-ind"' in answer.get_data(as_text=True)
            continue
        assert answer.status_code == 302 and answer.headers["Location"].startswith("/log-ind"), path
    assert v.get("/log-ind").status_code == 200
    assert v.get("/sundhed").get_json() == {"status": "ok", "database": "ok"}


def test_staff_see_only_their_areas_and_get_404_for_everything_else(hosted):
    app, store = hosted
    admin = Visitor(app)
    assert admin.login("admin@cfbu.example").status_code == 302
    # A build of gellerup by the administrator: a job and files another area's staff might guess.
    form = admin.form("gellerup")
    answer = admin.post("/udgave/gellerup", {**form, "contact-name": ["Ali Yilmaz (ny)"]})
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
    job = re.search(r"job=([0-9a-f]+)", answer.headers["Location"])[1]

    mette = Visitor(app)
    assert mette.login("mette@tingbjerg.example").status_code == 302
    start = mette.get("/").get_data(as_text=True)
    assert "Tingbjerg" in start and "Gellerup" not in start
    token = mette.token("/udgave/tingbjerg")
    for path in (
        "/udgave/gellerup",
        "/udgave/gellerup/historik",
        "/udgave/gellerup/version/1",
        "/udgave/gellerup/version/2",
        "/udgave/gellerup/fil/preview-pdf/faa-flere-paa-banen.pdf",
        f"/job/{job}",
        "/admin",
        "/udgave/findes-ikke",
    ):
        answer = mette.get(path)
        assert answer.status_code == 404, path
        assert "Siden findes ikke" in answer.get_data(as_text=True)
    for path, data in (
        ("/udgave/gellerup", {"base": "1", "area-name": "Overtaget"}),
        ("/udgave/gellerup/gendan", {"base": "2", "number": "1"}),
        ("/udgave/gellerup/flet", {"base": "2", "mine": "{}", "theirs": "{}"}),
        ("/ny", {"name": "Mit eget"}),
        ("/admin/person", {"email": "x@y.dk", "name": "X"}),
        ("/admin/nulstil", {"email": "admin@cfbu.example"}),
    ):
        assert mette.post(path, {"csrf_token": token, **data}).status_code == 404, path
    assert store.areas.latest("gellerup").info.number == 2
    assert store.areas.get("mit-eget", None) is None


def test_logins_are_throttled_after_five_failures(hosted):
    app, _store = hosted
    v = Visitor(app)
    for _ in range(5):
        assert v.login("mette@tingbjerg.example", "forkert kode!!").status_code == 401
    # The right password no longer helps for this e-mail from this address ...
    blocked = v.login("mette@tingbjerg.example")
    assert blocked.status_code == 429 and "Vent lidt" in blocked.get_data(as_text=True)
    assert v.get("/").status_code == 302  # not logged in
    # ... but a colleague in the same office (the same address) still logs in.
    assert Visitor(app).login("jonas@tingbjerg.example").status_code == 302
    # Many failures from one address, spread over e-mails, stop that address too.
    guesser = Visitor(app)
    for n in range(25):
        guesser.login(f"gaet{n}@example.dk", "forkert kode!!")
    assert guesser.login("admin@cfbu.example").status_code == 429


def test_an_invitation_is_used_once(hosted):
    app, store = hosted
    admin = Visitor(app)
    admin.login("admin@cfbu.example")
    token = admin.token("/admin")
    answer = admin.post(
        "/admin/person",
        {"csrf_token": token, "email": "sara@gellerup.example", "name": "Sara Nielsen", "area": "gellerup"},
        follow_redirects=True,
    )
    page = answer.get_data(as_text=True)
    link = re.search(r'value="(https://[^"]+/invitation/[^"]+)"', page)[1]
    path = link.split(HTTPS, 1)[1]
    sara = Visitor(app)
    short = sara.post(path, {"csrf_token": sara.token(path), "password": "kort", "again": "kort"})
    assert short.status_code == 400 and "10 tegn" in short.get_data(as_text=True)
    done = sara.post(path, {"csrf_token": sara.token(path), "password": PASSWORD, "again": PASSWORD})
    assert done.status_code == 302
    assert "Gellerup" in sara.get("/").get_data(as_text=True)
    again = Visitor(app)
    reused = again.post(
        path, {"csrf_token": again.token(path), "password": "noget helt andet", "again": "noget helt andet"}
    )
    assert reused.status_code == 400
    assert again.login("sara@gellerup.example").status_code == 302  # the first password holds
    assert store.accounts.authenticate("sara@gellerup.example", "noget helt andet") is None


def test_a_save_on_top_of_a_newer_version_shows_both_and_loses_nothing(hosted):
    app, store = hosted
    mette, jonas = Visitor(app), Visitor(app)
    mette.login("mette@tingbjerg.example")
    jonas.login("jonas@tingbjerg.example")
    mine, theirs = mette.form("tingbjerg"), jonas.form("tingbjerg")
    assert mine["base"] == theirs["base"] == ["1"]
    theirs["contact-name"] = ["Jonas Berg"]
    assert jonas.post("/udgave/tingbjerg", theirs).status_code == 302
    mine["contact-phone"] = ["11 22 33 44"]
    mine["contact-name"] = ["Mette L."]  # both changed the name
    answer = mette.post("/udgave/tingbjerg", mine)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert "der er gemt en nyere version imens" in page and "Jonas Berg" in page and "Mette L." in page
    assert store.areas.latest("tingbjerg").info.number == 2  # nothing saved yet
    # Choose: Jonas's name, Mette's phone (only she changed it: chosen already).
    form = {
        name: value
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    }
    form = {k: unescape(v) for k, v in form.items()}
    choices = dict(re.findall(r'name="(choice-[^"]+)" value="(\w+)" checked', page))
    assert choices["choice-contact-phone"] == "mine" and choices["choice-contact-name"] == "mine"
    choices["choice-contact-name"] = "theirs"
    saved = mette.post("/udgave/tingbjerg/flet", {**form, **choices, "action": "choose"})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:800]
    latest = store.areas.latest("tingbjerg")
    assert latest.info.number == 3 and latest.info.author_name == "Mette Lund"
    assert "Jonas Berg" in latest.files.area_yaml and "11 22 33 44" in latest.files.area_yaml
    history = mette.get("/udgave/tingbjerg/historik").get_data(as_text=True)
    assert "Jonas Berg" in history and "Mette Lund" in history


def test_history_lists_changes_in_words_and_restores_a_version(hosted):
    app, store = hosted
    v = Visitor(app)
    v.login("mette@tingbjerg.example")
    form = v.form("tingbjerg")
    old_name = form["contact-name"][0]
    form["contact-name"] = ["Ny Kontaktperson"]
    v.post("/udgave/tingbjerg", form)
    page = v.get("/udgave/tingbjerg/version/2").get_data(as_text=True)
    assert "Kontakt: navn ændret til Ny Kontaktperson" in unescape(page)
    restore = v.post(
        "/udgave/tingbjerg/gendan",
        {"csrf_token": v.token("/udgave/tingbjerg/historik"), "number": "1", "base": "2"},
    )
    assert restore.status_code == 302
    latest = store.areas.latest("tingbjerg")
    assert latest.info.number == 3 and latest.info.restored_from == 1
    assert latest.files == store.areas.version("tingbjerg", 1).files
    assert f'value="{old_name}"' in v.get("/udgave/tingbjerg").get_data(as_text=True)
    assert "Gendannet fra version 1" in v.get("/udgave/tingbjerg/historik").get_data(as_text=True)
    stale = v.post("/udgave/tingbjerg/gendan", {"csrf_token": v.token("/"), "number": "2", "base": "2"})
    assert stale.status_code == 409 and store.areas.latest("tingbjerg").info.number == 3
    token = v.token("/udgave/tingbjerg/historik")
    missing = v.post("/udgave/tingbjerg/gendan", {"csrf_token": token, "number": "9", "base": "3"})
    assert missing.status_code == 404 and store.areas.latest("tingbjerg").info.number == 3


def test_a_folder_imported_by_an_english_terminal_is_in_danish_in_the_history(tmp_path, database_url):
    """The summary is kept as data: the page says it in Danish, whatever the language of
    the process that saved it."""
    folder = tmp_path / "gellerup"
    shutil.copytree(ROOT / "areas" / "gellerup", folder)
    environment = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    environment["LANG"] = "en_GB.UTF-8"
    imported = subprocess.run(
        [sys.executable, "-m", "faa_flere", "import", str(folder), "--db", database_url],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    assert "version 1 of" in imported.stdout  # the terminal was answered in English
    app = create_app(hosted_config(tmp_path, database_url))
    store: Store = app.extensions["faa_flere"].store
    try:
        store.accounts.hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
        store.accounts.create_user("admin@cfbu.example", "Ada Admin", "admin")
        store.accounts.redeem(store.accounts.invite("admin@cfbu.example"), PASSWORD)
        v = Visitor(app)
        v.login("admin@cfbu.example")
        history = unescape(v.get("/udgave/gellerup/historik").get_data(as_text=True))
        assert "Hentet ind fra mappen gellerup" in history
        assert "Imported from the folder" not in history
    finally:
        app.extensions["faa_flere"].queue.stop_worker()
        store.close()


def test_a_summary_saved_as_words_before_is_shown_as_it_is():
    from faa_flere.store import summary_json
    from faa_flere.web.site import version_words

    assert version_words("Hentet ind fra mappen tingbjerg") == (
        "Hentet ind fra mappen tingbjerg",
        ["Hentet ind fra mappen tingbjerg"],
    )
    assert version_words("") == ("", [])
    data = summary_json(note="imported-folder", params={"folder": "tingbjerg"})
    assert version_words(data) == ("Hentet ind fra mappen tingbjerg", [])


def test_text_that_will_not_fit_is_saved_and_named_at_its_field(hosted):
    """The save answers at once; the preview finds the text too long, the page says so at
    the field (with the text still in it), and a pack of that version is refused."""
    app, store = hosted
    v = Visitor(app)
    v.login("mette@tingbjerg.example")
    form = v.form("tingbjerg")
    long = "Flere beboere deltager aktivt i foreningslivet og i de lokale fællesskaber " * 10
    form["edit-k07"] = [long.strip()]
    answer = v.post("/udgave/tingbjerg", form)
    assert answer.status_code == 302 and store.areas.latest("tingbjerg").info.number == 2
    job = re.search(r"job=([0-9a-f]+)", answer.headers["Location"])[1]
    state = wait(v, job)
    assert state["state"] == "done" and state["problems"] == 1, state
    page = unescape(v.get("/udgave/tingbjerg").get_data(as_text=True))
    assert re.search(r'data-field="edit-k07">[^<]*(for lang|passer ikke|ikke plads)', page), page[:3000]
    assert "Version 2 er gemt, men noget af teksten er for langt" in page
    assert long.strip()[:40] in page  # the saved text is in its field, to be shortened
    assert page.count('data-field="') == 1  # only that field
    pack = v.post("/udgave/tingbjerg", {**v.form("tingbjerg"), "action": ["pack"]})
    state = wait(v, re.search(r"job=([0-9a-f]+)", pack.headers["Location"])[1])
    assert state["state"] == "failed" and "k07" in state["message"], state
    # Shortened and saved again: the preview finds nothing, the page names nothing.
    form = v.form("tingbjerg")
    form["edit-k07"] = ["Flere beboere er med i foreningslivet"]
    answer = v.post("/udgave/tingbjerg", form)
    state = wait(v, re.search(r"job=([0-9a-f]+)", answer.headers["Location"])[1])
    assert state["state"] == "done" and state["problems"] == 0, state
    page = unescape(v.get("/udgave/tingbjerg").get_data(as_text=True))
    assert "data-field=" not in page and "data-misfit" not in page


def test_a_new_area_whose_name_collides_says_so(hosted):
    app, store = hosted
    admin = Visitor(app)
    admin.login("admin@cfbu.example")
    token = admin.token("/admin")
    assert admin.post("/admin/omraade", {"csrf_token": token, "name": "Solgården"}).status_code == 302
    again = admin.post("/admin/omraade", {"csrf_token": token, "name": "SOLGÅRDEN"})
    assert again.status_code == 400
    assert "Der findes allerede et område med navnet »Solgården«" in again.get_data(as_text=True)
    assert [a.name for a in store.areas.visible_to(None)] == [
        "Gellerup og Toveshøj",
        "Solgården",
        "Tingbjerg",
    ]


def test_an_expired_form_keeps_what_was_typed(hosted):
    app, store = hosted
    v = Visitor(app)
    v.login("mette@tingbjerg.example")
    form = v.form("tingbjerg")
    form["csrf_token"] = ["et gammelt token fra før genstarten"]
    form["contact-role"] = ["Projektleder, skrevet før pausen"]
    answer = v.post("/udgave/tingbjerg", form)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "Siden var udløbet" in page and 'value="Projektleder, skrevet før pausen"' in page
    assert store.areas.latest("tingbjerg").info.number == 1


def test_error_pages_are_danish(hosted):
    app, _store = hosted
    v = Visitor(app)
    v.login("mette@tingbjerg.example")
    assert "Siden findes ikke" in v.get("/findes/ikke").get_data(as_text=True)
    wrong = v.client.put("/udgave/tingbjerg", base_url=HTTPS)
    assert wrong.status_code == 405 and "kan ikke bruges sådan" in wrong.get_data(as_text=True)
    bad = v.post("/udgave/tingbjerg", {"csrf_token": v.token("/"), "base": "ikke et tal"})
    assert bad.status_code == 400 and "Det kunne siden ikke bruge" in bad.get_data(as_text=True)
    for answer in (wrong, bad):
        assert 'lang="da"' in answer.get_data(as_text=True)


def test_a_server_error_gets_a_danish_page(hosted):
    app, _store = hosted

    def broken() -> str:
        raise RuntimeError("a bug")

    app.add_url_rule("/fejl-til-test", "broken_for_test", broken)
    v = Visitor(app)
    v.login("mette@tingbjerg.example")
    answer = v.get("/fejl-til-test")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 500 and "Der gik noget galt" in page and "Traceback" not in page


def test_an_administrator_resets_a_password(hosted):
    app, store = hosted
    admin = Visitor(app)
    admin.login("admin@cfbu.example")
    answer = admin.post(
        "/admin/nulstil",
        {"csrf_token": admin.token("/admin"), "email": "mette@tingbjerg.example"},
        follow_redirects=True,
    )
    path = re.search(r'value="https://[^"]+(/invitation/[^"]+)"', answer.get_data(as_text=True))[1]
    assert store.accounts.authenticate("mette@tingbjerg.example", PASSWORD) is None  # the old one is gone
    mette = Visitor(app)
    new = "et helt nyt kodeord"
    assert (
        mette.post(path, {"csrf_token": mette.token(path), "password": new, "again": new}).status_code == 302
    )
    assert Visitor(app).login("mette@tingbjerg.example", new).status_code == 302


def test_a_form_survives_a_restart_of_the_server(tmp_path, database_url):
    def config() -> WebConfig:
        return WebConfig(True, database_url, None, tmp_path / "out", "s" * 40, "memory://", 0)

    first = create_app(config())
    store: Store = first.extensions["faa_flere"].store
    store.areas.import_folder(ROOT / "areas" / "tingbjerg")
    store.accounts.create_user("mette@tingbjerg.example", "Mette Lund", "admin")
    store.accounts.redeem(store.accounts.invite("mette@tingbjerg.example"), PASSWORD)
    v = Visitor(first)
    v.login("mette@tingbjerg.example")
    form = v.form("tingbjerg")
    form["contact-role"] = ["Skrevet før genstarten"]
    cookie = v.client.get_cookie("faa_flere", domain="faa-flere.example")
    first.extensions["faa_flere"].queue.stop_worker()
    store.close()
    # The same settings (the secret above all), a new process: the session and the form hold.
    second = create_app(config())
    after = Visitor(second)
    after.client.set_cookie("faa_flere", cookie.value, domain="faa-flere.example")
    assert after.post("/udgave/tingbjerg", form).status_code == 302
    saved = second.extensions["faa_flere"].store.areas.latest("tingbjerg")
    assert "Skrevet før genstarten" in saved.files.area_yaml
    second.extensions["faa_flere"].queue.stop_worker()
    second.extensions["faa_flere"].store.close()


def test_a_save_after_the_session_ran_out_keeps_the_text_through_the_login(hosted):
    app, store = hosted
    v = Visitor(app)
    v.login("mette@tingbjerg.example")
    form = v.form("tingbjerg")
    form["contact-role"] = ["Skrevet mens sessionen udløb"]
    v.post("/log-ud", {"csrf_token": v.token("/")})  # (as another tab would)
    answer = v.post("/udgave/tingbjerg", form)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 401 and "Du er ikke logget ind længere" in page
    kept = unescape(re.search(r'name="kept" value="([^"]*)"', page)[1])
    again = v.post(
        "/log-ind",
        {
            "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page)[1],
            "email": "mette@tingbjerg.example",
            "password": PASSWORD,
            "kept": kept,
            "slug": "tingbjerg",
        },
    )
    shown = again.get_data(as_text=True)
    assert again.status_code == 200 and "Du er logget ind igen" in shown
    assert 'value="Skrevet mens sessionen udløb"' in shown
    assert store.areas.latest("tingbjerg").info.number == 1  # shown again, saved only when pressed
    assert v.post("/udgave/tingbjerg", form_in(shown)).status_code == 302
    assert "Skrevet mens sessionen udløb" in store.areas.latest("tingbjerg").files.area_yaml


def test_keeping_my_changes_keeps_the_others_changes_to_other_fields(hosted):
    app, store = hosted
    mette, jonas = Visitor(app), Visitor(app)
    mette.login("mette@tingbjerg.example")
    jonas.login("jonas@tingbjerg.example")
    mine, theirs = mette.form("tingbjerg"), jonas.form("tingbjerg")
    theirs["area-plan"] = ["Planen, som Jonas rettede"]
    jonas.post("/udgave/tingbjerg", theirs)
    mine["contact-phone"] = ["99 88 77 66"]
    page = mette.post("/udgave/tingbjerg", mine).get_data(as_text=True)
    hidden = {
        k: unescape(v) for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    }
    assert mette.post("/udgave/tingbjerg/flet", {**hidden, "action": "mine"}).status_code == 302
    saved = store.areas.latest("tingbjerg").files.area_yaml
    assert "99 88 77 66" in saved and "Planen, som Jonas rettede" in saved


def test_odd_requests_get_clear_answers(hosted):
    app, store = hosted
    v = Visitor(app)
    v.login("mette@tingbjerg.example")
    form = v.form("tingbjerg")
    form["contact-name"] = ["x" * 5_000_000]
    answer = v.post("/udgave/tingbjerg", form)
    page = answer.get_data(as_text=True)
    assert (
        answer.status_code == 400
        and 'data-field="contact-name">Teksten er for lang: højst 2.000 tegn' in page
    )
    assert "/tmp" not in page and store.areas.latest("tingbjerg").info.number == 1
    deep = "[" * 100_000 + "]" * 100_000
    nested = v.post(
        "/udgave/tingbjerg/flet", {"csrf_token": v.token("/"), "base": "1", "mine": deep, "theirs": "{}"}
    )
    assert nested.status_code == 400
    for path in (
        "/udgave/tingbjerg/version/99999999999999999999",
        "/udgave/tingbjerg/side/x/99999999999.png",
    ):
        huge = v.get(path)  # past the database's integers: not found, not a server error
        assert huge.status_code == 404 and "Siden findes ikke" in huge.get_data(as_text=True), path
    admin = Visitor(app)
    admin.login("admin@cfbu.example")
    first = admin.post(
        "/admin/nulstil",
        {"csrf_token": admin.token("/admin"), "email": "jonas@tingbjerg.example"},
        follow_redirects=True,
    ).get_data(as_text=True)
    link = re.search(r"/invitation/[^\"]+", first)[0]
    assert link not in admin.get("/admin").get_data(as_text=True)  # shown once; a reload makes none
    fresh = Visitor(app)
    assert (
        fresh.post(
            link,
            {"csrf_token": fresh.token(link), "password": "endnu et kodeord", "again": "endnu et kodeord"},
        ).status_code
        == 302
    )


def _replay(app, visitor: Visitor) -> Visitor:
    """Another browser holding a copy of ``visitor``'s session cookie."""
    cookie = visitor.client.get_cookie("faa_flere", domain="faa-flere.example")
    assert cookie is not None
    thief = Visitor(app)
    thief.client.set_cookie("faa_flere", cookie.value, domain="faa-flere.example")
    return thief


def test_a_session_ends_at_logout_on_every_device(hosted):
    app, store = hosted
    mette = Visitor(app)
    mette.login("mette@tingbjerg.example")
    other_tab = _replay(app, mette)
    assert other_tab.get("/udgave/tingbjerg").status_code == 200
    form = mette.form("tingbjerg")
    assert mette.post("/log-ud", {"csrf_token": mette.token("/")}).status_code == 302
    assert other_tab.get("/udgave/tingbjerg").status_code == 302  # to the login page
    form["contact-name"] = ["Efter log ud"]
    other_tab.post("/udgave/tingbjerg", form)
    assert store.areas.latest("tingbjerg").info.number == 1  # nothing saved with the old cookie
    again = Visitor(app)
    again.login("mette@tingbjerg.example")
    assert again.get("/udgave/tingbjerg").status_code == 200


def test_a_reset_password_or_a_taken_area_ends_the_old_sessions(hosted):
    app, store = hosted
    mette = Visitor(app)
    mette.login("mette@tingbjerg.example")
    kept = _replay(app, mette)
    link = "/invitation/" + store.accounts.reset_password("mette@tingbjerg.example")
    assert kept.get("/udgave/tingbjerg").status_code == 302
    chooser = Visitor(app)
    chosen = chooser.post(
        link,
        {
            "csrf_token": chooser.token(link),
            "password": "et helt nyt kodeord",
            "again": "et helt nyt kodeord",
        },
    )
    assert chosen.status_code == 302
    assert kept.get("/udgave/tingbjerg").status_code == 302  # not again once a new password is set
    assert chooser.get("/udgave/tingbjerg").status_code == 200  # the new session works

    jonas = Visitor(app)
    jonas.login("jonas@tingbjerg.example")
    assert jonas.get("/udgave/tingbjerg").status_code == 200
    store.accounts.revoke("jonas@tingbjerg.example", "tingbjerg")
    assert jonas.get("/").status_code == 302


def test_a_request_for_another_host_is_refused_and_links_use_the_address(hosted):
    app, store = hosted
    admin = Visitor(app)
    admin.login("admin@cfbu.example")
    token = admin.token("/admin")
    # The administrator's own cookie, a forged Host (through a proxy that passes any).
    evil = {"Host": "evil.example", "Referer": "https://evil.example/admin"}
    looked = admin.client.get("/admin", base_url=HTTPS, headers=evil)
    assert looked.status_code == 421 and "Tjenesten svarer kun på sin egen adresse" in looked.get_data(
        as_text=True
    )
    forged = admin.client.post(
        "/admin/person",
        data={"csrf_token": token, "email": "ny@tingbjerg.example", "name": "Ny Person", "area": "tingbjerg"},
        base_url=HTTPS,
        headers=evil,
    )
    assert forged.status_code in (400, 421) and "evil.example" not in forged.get_data(as_text=True)
    assert store.accounts.user_by_email("ny@tingbjerg.example") is None
    page = admin.post(
        "/admin/nulstil", {"csrf_token": token, "email": "jonas@tingbjerg.example"}, follow_redirects=True
    ).get_data(as_text=True)
    assert re.search(r"https://faa-flere\.example/invitation/[^\"<\s]+", page)


def test_the_service_will_not_start_without_its_address_or_with_a_wrong_one():
    from faa_flere.errors import OptionError
    from faa_flere.web.config import hosted_config as from_environment

    env = {
        "FAA_FLERE_DATABASE_URL": "sqlite://",
        "FAA_FLERE_DATA": "/tmp",
        "FAA_FLERE_QUEUE_URL": "memory://",
        "FAA_FLERE_SECRET_KEY": "s" * 40,
    }
    for address, code in [(None, "hosted-missing-setting"), ("faa-flere.example.dk", "hosted-bad-address")]:
        with pytest.raises(OptionError) as caught:
            from_environment({**env, **({"FAA_FLERE_ADDRESS": address} if address else {})})
        assert caught.value.problems[0].message.code == code
        assert caught.value.problems[0].subject == "FAA_FLERE_ADDRESS"
    config = from_environment({**env, "FAA_FLERE_ADDRESS": "https://Faa-Flere.example.dk/"})
    assert config.address == "https://Faa-Flere.example.dk"


@contextmanager
def hosted_with_redis_gone(tmp_path, database_url, setting: str):
    """The hosted app with ``setting`` (``limits_storage`` or ``queue_url``) on a Redis that
    does not answer (a port where nothing listens), Mette of Tingbjerg as its one member."""
    import dataclasses
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    config = dataclasses.replace(
        hosted_config(tmp_path, database_url), **{setting: f"redis://127.0.0.1:{dead}/0"}
    )
    app = create_app(config)
    store: Store = app.extensions["faa_flere"].store
    store.accounts.hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    store.areas.import_folder(ROOT / "areas" / "tingbjerg")
    store.accounts.create_user("mette@tingbjerg.example", "Mette Lund", "staff")
    store.accounts.grant("mette@tingbjerg.example", "tingbjerg")
    store.accounts.redeem(store.accounts.invite("mette@tingbjerg.example"), PASSWORD)
    try:
        yield app, store
    finally:
        app.extensions["faa_flere"].queue.stop_worker()
        store.close()


def test_logging_in_works_while_the_login_counter_does_not_answer(tmp_path, database_url):
    """Redis (where failed logins are counted) stopped: a login still works, and failures are
    counted in the process meanwhile."""
    with hosted_with_redis_gone(tmp_path, database_url, "limits_storage") as (app, _store):
        person = Visitor(app)
        assert person.login("mette@tingbjerg.example").status_code == 302
        guesser = Visitor(app)
        answers = [guesser.login("mette@tingbjerg.example", "forkert forkert").status_code for _ in range(7)]
        assert answers[:5] == [401] * 5 and answers[-1] == 429


def test_a_save_while_the_build_queue_is_down_is_kept_and_says_so(tmp_path, database_url):
    with hosted_with_redis_gone(tmp_path, database_url, "queue_url") as (app, store):
        mette = Visitor(app)
        mette.login("mette@tingbjerg.example")
        form = mette.form("tingbjerg")
        form["contact-role"] = ["Projektleder"]
        page = mette.post("/udgave/tingbjerg", form, follow_redirects=True)
        assert page.status_code == 200
        assert "Gemt som version 2, men intet kan bygges lige nu: byggekøen svarer ikke lige nu" in unescape(
            page.get_data(as_text=True)
        )
        assert "Projektleder" in store.areas.latest("tingbjerg").files.area_yaml


def test_a_link_followed_before_logging_in_is_where_the_login_leads(hosted):
    app, _store = hosted
    mette = Visitor(app)
    asked = mette.get("/udgave/tingbjerg/historik")
    assert asked.status_code == 302
    login_page = mette.get(asked.headers["Location"].replace(HTTPS, "")).get_data(as_text=True)
    action = unescape(re.search(r'<form method="post" action="([^"]+)"', login_page)[1])
    token = re.search(r'name="csrf_token" value="([^"]+)"', login_page)[1]
    answer = mette.post(
        action, {"csrf_token": token, "email": "mette@tingbjerg.example", "password": PASSWORD}
    )
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/udgave/tingbjerg/historik")


def test_a_logo_chosen_as_the_session_ran_out_is_kept_through_the_login(hosted):
    import io

    from PIL import Image

    app, store = hosted
    png = io.BytesIO()
    Image.new("RGB", (40, 20), "#0E7C86").save(png, "PNG")
    v = Visitor(app)
    v.login("mette@tingbjerg.example")
    form = v.form("tingbjerg")
    v.post("/log-ud", {"csrf_token": v.token("/")})
    sent = {**form, "logo": (io.BytesIO(png.getvalue()), "mit-logo.png")}
    page = v.post("/udgave/tingbjerg", sent, content_type="multipart/form-data").get_data(as_text=True)
    kept = unescape(re.search(r'name="kept" value="([^"]*)"', page)[1])
    shown = v.post(
        "/log-ind",
        {
            "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page)[1],
            "email": "mette@tingbjerg.example",
            "password": PASSWORD,
            "kept": kept,
            "slug": "tingbjerg",
        },
    ).get_data(as_text=True)
    assert "mit-logo.png" in unescape(shown) and 'name="upload"' in shown
    assert v.post("/udgave/tingbjerg", form_in(shown)).status_code == 302
    assert store.areas.latest("tingbjerg").files.files.get("logo.png") == png.getvalue()


def test_an_administrator_takes_an_area_away_and_disables_and_enables_an_account(hosted):
    app, _store = hosted
    admin = Visitor(app)
    admin.login("admin@cfbu.example")
    jonas, mette = Visitor(app), Visitor(app)
    jonas.login("jonas@tingbjerg.example")
    mette.login("mette@tingbjerg.example")
    page = admin.get("/admin").get_data(as_text=True)
    assert "Fjern Jonas Berg fra Tingbjerg" in unescape(page) and "Deaktivér" in page

    token = admin.token("/admin")
    admin.post("/admin/fjern", {"csrf_token": token, "email": "jonas@tingbjerg.example", "area": "tingbjerg"})
    assert jonas.get("/udgave/tingbjerg").status_code == 302  # his session ended
    jonas.login("jonas@tingbjerg.example")
    assert jonas.get("/udgave/tingbjerg").status_code == 404  # and the area is not his

    admin.post("/admin/adgang", {"csrf_token": token, "email": "mette@tingbjerg.example", "disable": "1"})
    assert mette.get("/udgave/tingbjerg").status_code == 302
    assert Visitor(app).login("mette@tingbjerg.example").status_code == 401
    assert "deaktiveret" in admin.get("/admin").get_data(as_text=True)
    admin.post("/admin/adgang", {"csrf_token": token, "email": "mette@tingbjerg.example", "disable": "0"})
    again = Visitor(app)
    assert again.login("mette@tingbjerg.example").status_code == 302
    assert again.get("/udgave/tingbjerg").status_code == 200

    own = admin.post("/admin/adgang", {"csrf_token": token, "email": "admin@cfbu.example", "disable": "1"})
    assert own.status_code == 400 and "egen konto" in own.get_data(as_text=True)

    # Who did what, newest first, in Danish, on the administrator's page.
    log = unescape(admin.get("/admin").get_data(as_text=True)).split('id="log"', 1)[1]
    said = [
        "aktiverede mette@tingbjerg.example igen",
        "et login, der mislykkedes",
        "deaktiverede mette@tingbjerg.example",
        "fjernede jonas@tingbjerg.example fra tingbjerg",
    ]
    places = [log.index(words) for words in said]
    assert places == sorted(places), log
    assert "<td>admin@cfbu.example</td><td>loggede ind</td>" in log
