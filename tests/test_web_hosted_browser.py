"""End to end in a real browser against the hosted service on a real PostgreSQL server.

Debian's Chromium, driven by Playwright, against the hosted app (accounts, CSRF, the
database) that the test starts: an administrator invites a member of staff, who chooses a
password, edits, previews, prints and downloads; two members of staff save the same
edition and the second gets the page with both versions; a validation error keeps every
input; »Lav PDF-filerne« saves first; leaving with unsaved changes warns; an old version is
restored; axe-core finds no serious accessibility problem on the pages staff use. Set
FAA_FLERE_SCREENSHOTS to a folder to keep a screenshot of every page state.
"""

from __future__ import annotations

import os
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Browser, BrowserContext, Page
from werkzeug.serving import make_server

from faa_flere.store import EditionFiles, Store
from faa_flere.web.app import create_app
from faa_flere.web.config import WebConfig
from faa_flere.web.site import Site

from .conftest import new_postgres_database
from .pdfcheck import text

ROOT = Path(__file__).resolve().parent.parent
SHOTS = os.environ.get("FAA_FLERE_SCREENSHOTS")
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
LOGO = ROOT / "areas" / "gellerup" / "logo.png"
PASSWORD = "Solsikke-og-fodbold-42"
#: Long enough for a preview or a pack on a slow machine (one build thread for all).
WAIT = 180_000


@dataclass
class Hosted:
    url: str
    store: Store
    site: Site

    def invite(self, email: str, name: str, role: str = "staff", areas: tuple[str, ...] = ()) -> str:
        """A new account, seeded in the database as the administrator's page would: its
        one-time link to choose a password."""
        self.store.accounts.create_user(email, name, role)
        for slug in areas:
            self.store.accounts.grant(email, slug)
        return f"{self.url}/invitation/{self.store.accounts.invite(email)}"


@pytest.fixture(scope="module")
def database(postgres_url: str):
    """A new PostgreSQL database for this module's server, dropped afterwards."""
    with new_postgres_database(postgres_url, "faa_flere_browser") as url:
        yield url


@pytest.fixture(scope="module")
def hosted(tmp_path_factory, database):
    config = WebConfig(
        hosted=True,
        database_url=database,
        editions=None,
        out=tmp_path_factory.mktemp("hosted-out"),
        secret_key=secrets.token_hex(20),  # 40 random characters
        limits_storage="memory://",
        proxies=0,
    )
    app = create_app(config)
    # Cheap password hashes: every person here chooses a password, and the real argon2
    # settings take seconds each on a busy test machine (the store's tests check those).
    app.extensions["faa_flere"].store.accounts.hasher = PasswordHasher(
        time_cost=1, memory_cost=8, parallelism=1
    )
    # In production the reverse proxy terminates TLS and the app sees https; this test
    # server speaks plain http on 127.0.0.1, where a Secure cookie would never come back
    # and the CSRF check's strict Referer test (https only) would refuse every form.
    app.config["SESSION_COOKIE_SECURE"] = False
    app.config["WTF_CSRF_SSL_STRICT"] = False
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    store = Store.open(database)
    try:
        yield Hosted(f"http://127.0.0.1:{httpd.server_port}", store, app.extensions["faa_flere"])
    finally:
        httpd.shutdown()
        app.extensions["faa_flere"].queue.stop_worker()
        store.close()
        app.extensions["faa_flere"].store.close()


def new_context(browser: Browser) -> BrowserContext:
    """A browser of its own (its own cookies): one person at one computer."""
    context = browser.new_context(
        accept_downloads=True, locale="da-DK", viewport={"width": 1100, "height": 900}
    )
    context.set_default_timeout(WAIT)
    return context


@pytest.fixture(scope="module")
def admin(hosted: Hosted, browser: Browser):
    """The administrator's browser, logged in: seeded in the database with a one-time
    link, on which the browser chooses the password."""
    link = hosted.invite("karin@cfbu.example", "Karin Administrator", "admin")
    context = new_context(browser)
    page = context.new_page()
    page.goto(link)
    shot(page, "00-admin-invitation")
    choose_password(page)
    assert page.url == f"{hosted.url}/"
    assert page.locator("header .who").inner_text().startswith("Karin Administrator")
    page.close()
    yield context
    context.close()


def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"hosted-{name}.png"), full_page=True)


def choose_password(page: Page) -> None:
    page.fill("#password", PASSWORD)
    page.fill("#again", PASSWORD)
    page.click("button:has-text('Gem adgangskoden')")
    page.wait_for_load_state()


def create_area(admin: BrowserContext, hosted: Hosted, name: str) -> str:
    """A new area made on the administrator's page; its folder name."""
    page = admin.new_page()
    page.goto(f"{hosted.url}/admin")
    page.fill("#area-name", name)
    page.click("form[action='/admin/omraade'] button")
    page.wait_for_url("**/udgave/*")
    slug = page.url.rsplit("/", 1)[1]
    page.close()
    return slug


def member(browser: Browser, hosted: Hosted, email: str, name: str, *slugs: str) -> Page:
    """A member of staff of ``slugs``, logged in after choosing a password on their link."""
    page = new_context(browser).new_page()
    page.goto(hosted.invite(email, name, areas=slugs))
    choose_password(page)
    assert page.url == f"{hosted.url}/"
    return page


def save(page: Page, button: str = "Gem og vis") -> None:
    page.click(f"button:has-text('{button}')")
    page.wait_for_load_state()


def saved_as(page: Page, number: int) -> None:
    assert page.locator("[role=status]").inner_text() == f"Gemt som version {number}."


def preview_done(page: Page) -> None:
    """The preview of the save: built in the background, then the page reloads once."""
    page.wait_for_selector("text=Forhåndsvisningen er opdateret.")


def download_pack(page: Page, folder: Path) -> tuple[str, str]:
    """The combined PDF of the files »Lav PDF-filerne« made: its link's path and its text."""
    link = page.wait_for_selector(".downloads a")
    href = link.get_attribute("href") or ""
    with page.expect_download() as download:
        link.click()
    pdf = folder / download.value.suggested_filename
    download.value.save_as(pdf)
    return href, text(pdf)


def accessible(page: Page, name: str) -> None:
    """No serious or critical violation that axe-core finds on the page as it is."""
    assert AXE.is_file(), "make test installs tests/js (npm ci)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    lines = [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(" ".join(node["target"]) + " " + node["html"][:120] for node in v["nodes"][:5])
        for v in bad
    ]
    assert not bad, f"axe-core on {name}:\n" + "\n".join(lines)


def area_yaml(hosted: Hosted, slug: str, number: int | None = None) -> str:
    found = hosted.store.areas.latest(slug) if number is None else hosted.store.areas.version(slug, number)
    assert found is not None
    return found.files.area_yaml


def colleague_saves(hosted: Hosted, slug: str, old: str, new: str) -> None:
    """A new version of the edition with ``old`` replaced by ``new`` in its area.yaml,
    saved as the app saves (its changes in the history), but without a preview to build."""
    latest = hosted.store.areas.latest(slug)
    assert latest is not None and old in latest.files.area_yaml
    files = EditionFiles(latest.files.area_yaml.replace(old, new), latest.files.files)
    hosted.site.record(slug, latest, files, None)


def test_administrator_invites_staff_who_edit_print_and_download(hosted, admin, browser, tmp_path):
    url = hosted.url
    page = admin.new_page()
    page.goto(f"{url}/admin")
    accessible(page, "the administrator's page")
    shot(page, "01-admin")
    solgaarden = create_area(admin, hosted, "Solgården")
    other = create_area(admin, hosted, "Østerhøj")
    assert (solgaarden, other) == ("solgaarden", "oesterhoej")

    page.goto(f"{url}/admin")
    page.fill("#person-name", "Mette Lund")
    page.fill("#person-email", "mette@solgaarden.example")
    page.check("fieldset label:has-text('Solgården') input")
    page.click("button:has-text('Invitér')")
    link = page.input_value("[data-invite]")
    assert link.startswith(f"{url}/invitation/")
    assert "Link til Mette Lund" in page.inner_text("#link")
    row = page.locator("table.people tr:has-text('mette@solgaarden.example')")
    assert "Solgården" in row.inner_text() and "inviteret" in row.inner_text()
    shot(page, "02-admin-link")

    # The member of staff, at another computer.
    staff = new_context(browser).new_page()
    staff.goto(link)
    accessible(staff, "the invitation page")
    shot(staff, "03-invitation")
    choose_password(staff)
    assert staff.url == f"{url}/"
    assert staff.locator("header .who").inner_text().startswith("Mette Lund")
    assert staff.locator("ul.editions li").all_inner_texts() == ["Solgården"]  # not Østerhøj
    assert staff.locator("text=Administration").count() == 0
    shot(staff, "04-start-staff")

    staff.click("a:has-text('Solgården')")
    staff.wait_for_url(f"{url}/udgave/solgaarden")
    staff.fill("#contact-name", "Mette Lund")
    staff.fill("#contact-phone", "87 65 43 21")
    staff.fill("#contact-email", "mette@solgaarden.example")
    staff.locator("input[name=partner]").nth(0).fill("Fritidsklubben Solstrålen")
    staff.fill("#add-kort-text", "Flere beboere dyrker grøntsager i gårdhaven")
    shot(staff, "05-udfyldt")
    save(staff)
    saved_as(staff, 2)
    preview_done(staff)
    assert staff.locator("#forhaandsvisning img").count() >= 10
    accessible(staff, "the edit page, saved, with its preview")
    shot(staff, "06-forhaandsvisning")

    staff.select_option("#profile", "home")
    staff.select_option("#duplex", "short")
    save(staff, "Lav PDF-filerne")
    href, words = download_pack(staff, tmp_path)
    shot(staff, "07-print")
    accessible(staff, "the edit page with the files to download")
    assert re.search(r"/udgave/solgaarden/pakke/[0-9a-f]{32}/faa-flere-paa-banen\.pdf$", href), href
    # The print options stay chosen on the page after the build.
    assert staff.input_value("#profile") == "home" and staff.input_value("#duplex") == "short"
    assert "Solgården" in words
    assert "Mette Lund" in words and "87 65 43 21" in words
    assert "Fritidsklubben Solstrålen" in words
    assert "Flere beboere dyrker grøntsager i gårdhaven" in words

    # Logged out, the edition is behind the login page.
    staff.click("button:has-text('Log ud')")
    staff.wait_for_url("**/log-ind")
    staff.goto(f"{url}/udgave/solgaarden")
    assert staff.url.startswith(f"{url}/log-ind?next=")
    assert staff.inner_text("h1") == "Log ind"
    assert "Solgården" not in staff.content()
    shot(staff, "08-logget-ud")

    # The link works once.
    staff.goto(link)
    choose_password(staff)
    refusal = staff.inner_text("[role=alert]")
    assert "linket er allerede blevet brugt" in refusal.lower() and "nyt link" in refusal, refusal
    assert staff.url == link
    shot(staff, "09-link-brugt")
    staff.context.close()


def test_two_staff_save_the_same_edition_and_lose_nothing(hosted, admin, browser):
    slug = create_area(admin, hosted, "Kløvermarken")
    edit = f"{hosted.url}/udgave/{slug}"
    anne = member(browser, hosted, "anne@kloever.example", "Anne Aalund", slug)
    bo = member(browser, hosted, "bo@kloever.example", "Bo Bøgh", slug)
    # Version 2 has a contact person (a phone number needs one).
    plan_line = 'plan: "Boligsocial helhedsplan for Kløvermarken"'
    colleague_saves(hosted, slug, plan_line, f'{plan_line}\n  contact:\n    name: "Kontaktperson"')
    anne.goto(edit)
    bo.goto(edit)
    plan = anne.input_value("#area-plan")

    anne.fill("#contact-name", "Anne Aalund")
    save(anne)
    saved_as(anne, 3)

    # Bo's page is still at version 2.
    bo.fill("#contact-phone", "11 22 33 44")
    bo.fill("#area-plan", "Bos plan for Kløvermarken")
    save(bo)
    assert bo.inner_text("h1") == "Kløvermarken: der er gemt en nyere version imens"
    assert "Dine ændringer er ikke gemt endnu" in bo.inner_text("[role=alert]")
    rows = {
        row.locator("th").inner_text().split("\n")[0]: row.locator("td").all_inner_texts()
        for row in bo.locator("table.compare tbody tr").all()
    }
    assert rows["Kontaktperson"] == ["Kontaktperson", "Anne Aalund"]
    assert rows["Telefon"] == ["11 22 33 44", "(tomt)"]
    assert rows["Helhedsplanens navn"] == ["Bos plan for Kløvermarken", plan]
    # What only one of them changed is chosen already.
    assert bo.is_checked("input[name=choice-contact-name][value=theirs]")
    assert bo.is_checked("input[name=choice-contact-phone][value=mine]")
    assert bo.is_checked("input[name=choice-area-plan][value=mine]")
    accessible(bo, "the conflict page")
    shot(bo, "10-konflikt")
    save(bo, "Gem det valgte")
    saved_as(bo, 4)
    assert bo.input_value("#contact-name") == "Anne Aalund"
    assert bo.input_value("#contact-phone") == "11 22 33 44"
    assert bo.input_value("#area-plan") == "Bos plan for Kløvermarken"
    shot(bo, "11-flettet")
    saved = area_yaml(hosted, slug)
    assert "Anne Aalund" in saved and "11 22 33 44" in saved and "Bos plan for Kløvermarken" in saved

    bo.goto(f"{edit}/historik")
    history = bo.locator("table.history tbody tr")
    assert history.count() == 4
    assert "Bo Bøgh" in history.nth(0).inner_text() and "(nyeste)" in history.nth(0).inner_text()
    assert "Anne Aalund" in history.nth(1).inner_text()
    shot(bo, "12-historik-flettet")
    bo.click("table.history a:text-is('4')")
    changes = bo.locator("ul.changes").inner_text()
    assert "11 22 33 44" in changes and "Bos plan for Kløvermarken" in changes
    assert "Anne Aalund" not in changes  # Anne's change is version 3's
    shot(bo, "13-version-4")

    # Both change the same field: Bo takes Anne's.
    anne.goto(edit)
    bo.goto(edit)
    anne.fill("#contact-role", "Boligsocial medarbejder")
    save(anne)
    saved_as(anne, 5)
    bo.fill("#contact-role", "Projektleder")
    bo.fill("#contact-email", "bo@kloever.example")
    save(bo)
    both = bo.locator("table.compare tr.both")
    assert both.count() == 1
    assert "I har begge ændret feltet" in both.inner_text()
    assert both.locator("td").all_inner_texts() == ["Projektleder", "Boligsocial medarbejder"]
    assert bo.is_checked("input[name=choice-contact-role][value=mine]")
    bo.check("input[name=choice-contact-role][value=theirs]")
    shot(bo, "14-konflikt-samme-felt")
    save(bo, "Gem det valgte")
    saved_as(bo, 6)
    assert bo.input_value("#contact-role") == "Boligsocial medarbejder"
    assert bo.input_value("#contact-email") == "bo@kloever.example"
    assert bo.input_value("#contact-name") == "Anne Aalund"
    assert bo.input_value("#contact-phone") == "11 22 33 44"
    anne.context.close()
    bo.context.close()


def test_a_validation_error_keeps_every_input(hosted, admin):
    slug = create_area(admin, hosted, "Fejlbjerg Øst")
    page = admin.new_page()
    page.goto(f"{hosted.url}/udgave/{slug}")
    page.click("#materiale-kort summary")
    omit = page.locator("#materiale-kort input[name^=omit-]")
    omitted = [omit.nth(0).get_attribute("name"), omit.nth(2).get_attribute("name")]
    for name in omitted:
        page.check(f"input[name={name}]")
    material = page.locator("input[name^=material-]").last
    material_name = material.get_attribute("name")
    assert material.is_checked()
    material.uncheck()
    page.fill("#add-kort-text", "Vi holder fællesspisning hver torsdag")
    category = page.locator("select[name=add-kort-ref] option").nth(2)
    chosen, category_name = category.get_attribute("value"), category.inner_text()
    page.select_option("select[name=add-kort-ref]", chosen)
    page.set_input_files("#logo", str(LOGO))
    page.fill("#contact-name", "Bo Berg")
    page.fill("#contact-email", "bo hos fejlbjerg")
    shot(page, "20-inden-fejl")
    save(page)

    assert page.inner_text("[data-field=contact-email]") == "»bo hos fejlbjerg« er ikke en e-mailadresse."
    assert page.input_value("#contact-email") == "bo hos fejlbjerg"
    for name in omitted:
        assert page.is_checked(f"input[name={name}]"), name
    assert not page.is_checked(f"input[name={material_name}]")
    assert page.input_value("#add-kort-text") == "Vi holder fællesspisning hver torsdag"
    assert page.input_value("select[name=add-kort-ref]") == chosen
    assert page.inner_text("[data-upload]").startswith("Valgt logo: logo.png")
    assert hosted.store.areas.latest(slug).info.number == 1  # nothing saved
    page.click("#materiale-kort summary")
    accessible(page, "the edit page with a field error")
    shot(page, "21-fejl")

    page.fill("#contact-email", "bo@fejlbjerg.example")
    save(page)
    saved_as(page, 2)
    assert page.inner_text("#identitet").count("Jeres logo nu: logo.png") == 1
    assert page.locator("[data-upload]").count() == 0
    page.click("#materiale-kort summary")
    for name in omitted:
        assert page.is_checked(f"input[name={name}]"), name
    assert not page.is_checked(f"input[name={material_name}]")
    card = page.locator("#materiale-kort tr:has(td.status:text-is('egen')) input[name^=edit-]")
    assert card.input_value() == "Vi holder fællesspisning hver torsdag"
    shot(page, "22-gemt-efter-fejl")
    latest = hosted.store.areas.latest(slug)
    assert latest.files.files["logo.png"] == LOGO.read_bytes()
    assert "bo@fejlbjerg.example" in latest.files.area_yaml
    assert f"category: {chosen}" in latest.files.area_yaml, category_name
    page.close()


def test_a_text_too_long_for_its_card_is_saved_and_named_at_its_field(hosted, admin):
    """The save answers at once; when the preview has found the text too long, the page
    reloads itself and says so at the field, with the saved text in it to shorten."""
    slug = create_area(admin, hosted, "Lange Tekster")
    page = admin.new_page()
    page.goto(f"{hosted.url}/udgave/{slug}")
    page.click("#materiale-kort summary")
    long = "Flere beboere deltager aktivt i foreningslivet og i de lokale fællesskaber " * 8
    page.fill("input[name=edit-k07]", long.strip())
    save(page)
    saved_as(page, 2)
    page.wait_for_selector("[data-misfit]")  # the page reloaded itself after the preview
    assert "Version 2 er gemt, men noget af teksten er for langt" in page.inner_text("[data-misfit]")
    # The material with the error is open already, its field's message shown.
    said = page.inner_text("[data-field=edit-k07]")
    assert "k07" in said and "for lang" in said, said
    assert page.input_value("input[name=edit-k07]") == long.strip()
    accessible(page, "the edit page with a text too long for its card")
    shot(page, "23-for-lang-tekst")
    page.fill("input[name=edit-k07]", "Flere beboere er med i foreningslivet")
    save(page)
    saved_as(page, 3)
    preview_done(page)
    assert page.locator("[data-misfit], [data-field]").count() == 0
    shot(page, "24-kortere-tekst")
    page.close()


def test_making_the_pdfs_saves_what_is_typed_first(hosted, admin, tmp_path):
    slug = create_area(admin, hosted, "Byggeriet Nord")
    page = admin.new_page()
    page.goto(f"{hosted.url}/udgave/{slug}")
    page.fill("#contact-name", "Ikke Gemt Endnu")
    page.fill("#add-kort-text", "Flere unge bliver trænere i klubben")
    page.select_option("#duplex", "none")
    shot(page, "30-ikke-gemt")
    save(page, "Lav PDF-filerne")  # without »Gem og vis« first
    saved_as(page, 2)
    href, words = download_pack(page, tmp_path)
    shot(page, "31-pdf-gemt-foerst")
    assert re.search(r"/pakke/[0-9a-f]{32}/faa-flere-paa-banen\.pdf$", href), href
    assert page.input_value("#duplex") == "none"
    assert "Ikke Gemt Endnu" in words
    assert "Flere unge bliver trænere i klubben" in words
    assert "Ikke Gemt Endnu" in area_yaml(hosted, slug, 2)
    page.close()


def test_leaving_with_unsaved_changes_warns(hosted, admin):
    slug = create_area(admin, hosted, "Advarselsby")
    page = admin.new_page()
    dialogs = []

    def stay(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    edit = f"{hosted.url}/udgave/{slug}"
    page.goto(edit)
    page.click("a:has-text('Historik')")  # no changes: no question
    page.wait_for_url("**/historik")
    assert dialogs == []

    page.goto(edit)
    page.click("#contact-name")
    page.keyboard.type("Halvt skrevet")
    page.click("a:has-text('Historik')")
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url == edit  # staying keeps what was typed
    assert page.input_value("#contact-name") == "Halvt skrevet"
    shot(page, "40-bliv-paa-siden")
    page.close()


def test_restoring_an_old_version(hosted, admin):
    slug = create_area(admin, hosted, "Gendanhøj")
    edit = f"{hosted.url}/udgave/{slug}"
    page = admin.new_page()
    page.goto(edit)
    first = page.input_value("#area-plan")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.fill("#area-plan", "Første nye plan")
    save(page)
    saved_as(page, 2)
    # Typing on while the preview is made: the page does not reload under the typing.
    page.wait_for_selector("#forhaandsvisning .job .spinner")
    page.fill("#area-plan", "Anden nye plan")
    ready = page.locator("text=Den nye forhåndsvisning er klar.")
    for _ in range(WAIT // 250):  # until the preview is made, or the page tries to reload
        if dialogs or ready.count():
            break
        page.wait_for_timeout(250)
    assert dialogs == [], "the finished preview reloaded the page under the typing"
    assert ready.count() == 1
    assert page.input_value("#area-plan") == "Anden nye plan"
    shot(page, "50-skriver-under-forhaandsvisning")
    save(page)
    saved_as(page, 3)

    page.click("a:has-text('Historik')")
    page.wait_for_url("**/historik")
    accessible(page, "the history page")
    shot(page, "51-historik")
    page.click("table.history tr:has(td a:text-is('1')) button:has-text('Gendan')")
    page.wait_for_url(f"{edit}?*")
    saved_as(page, 4)
    assert page.input_value("#area-plan") == first
    assert area_yaml(hosted, slug, 4) == area_yaml(hosted, slug, 1)
    shot(page, "52-gendannet")
    page.click("a:has-text('Historik')")
    newest = page.locator("table.history tbody tr").nth(0)
    assert newest.inner_text().startswith("4 (nyeste)")
    assert "Gendannet fra version 1." in newest.inner_text()
    shot(page, "53-historik-gendannet")
    page.close()


def test_the_pages_have_no_serious_accessibility_problems(hosted, admin, browser):
    slug = create_area(admin, hosted, "Tilgængelighøj")
    edit = f"{hosted.url}/udgave/{slug}"
    page = new_context(browser).new_page()
    page.goto(f"{hosted.url}/")
    page.wait_for_url("**/log-ind**")
    accessible(page, "the login page")
    page.goto(hosted.invite("lone@tilgaengelig.example", "Lone Lund", areas=(slug,)))
    choose_password(page)
    accessible(page, "the start page")
    page.goto(edit)
    accessible(page, "the edit page")

    # A colleague saves while this page is open: the conflict page.
    plan_line = 'plan: "Boligsocial helhedsplan for Tilgængelighøj"'
    colleague_saves(hosted, slug, plan_line, 'plan: "Kollegaens plan"')
    page.fill("#area-plan", "Min plan")
    save(page)
    assert "der er gemt en nyere version imens" in page.inner_text("h1")
    accessible(page, "the conflict page")
    page.goto(f"{edit}/historik")
    accessible(page, "the history page")
    page.goto(f"{hosted.url}/findes-ikke")
    assert page.inner_text("h1") == "Siden findes ikke"
    accessible(page, "the error page")
    page.context.close()


def test_a_save_while_the_database_is_gone_loses_nothing(hosted, admin, postgres_url, database):
    """The database stops answering as »Gem og vis« is pressed: the page says in Danish that
    the text is kept in the browser, and once the database is back the edit page has it
    again; a confirmed save then clears the draft."""
    from sqlalchemy import create_engine
    from sqlalchemy import text as sql

    slug = create_area(admin, hosted, "Kladdebjerg")
    page = admin.new_page()
    page.goto(f"{hosted.url}/udgave/{slug}")
    page.fill("#contact-name", "Kirsten Kladde")
    page.fill("#area-plan", "En plan skrevet lige før nedbruddet")
    name = database.rsplit("/", 1)[1].split("?")[0]
    server = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            connection.execute(sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            connection.execute(
                sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                {"name": name},
            )
        save(page)
        said = page.inner_text("main")
        assert "Det, I skrev, er gemt i denne browser" in said, said
        shot(page, "60-database-væk")
    finally:
        with server.connect() as connection:
            connection.execute(sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        server.dispose()
    page.goto(f"{hosted.url}/udgave/{slug}")
    page.wait_for_selector("[data-draft]")
    assert page.input_value("#contact-name") == "Kirsten Kladde"
    assert page.input_value("#area-plan") == "En plan skrevet lige før nedbruddet"
    shot(page, "61-kladde-hentet")
    save(page)
    saved_as(page, 2)
    assert "Kirsten Kladde" in area_yaml(hosted, slug)
    assert page.evaluate(f"localStorage.getItem('faa-flere-draft:/udgave/{slug}')") is None
    page.goto(f"{hosted.url}/udgave/{slug}")
    assert page.locator("[data-draft]").count() == 0
