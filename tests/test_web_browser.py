"""End to end in a real browser: Debian's Chromium driven by Playwright against a server the test starts.

A member of staff creates an edition, fills in identity and two partners, leaves out a
card, adds one, uploads a logo, sees the preview and downloads the pack; the PDF is
then read back. Set FAA_FLERE_SCREENSHOTS to a folder to keep a screenshot of each step.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from faa_flere.web.app import create_app
from faa_flere.web.config import local_config

from .pdfcheck import text

ROOT = Path(__file__).resolve().parent.parent
SHOTS = os.environ.get("FAA_FLERE_SCREENSHOTS")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("web")
    editions = root / "areas"
    editions.mkdir()
    app = create_app(local_config(editions, root / "out"))
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", editions
    httpd.shutdown()
    app.extensions["faa_flere"].queue.stop_worker()


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_staff_make_and_print_their_pack(server, browser, tmp_path):
    url, editions = server
    page = browser.new_page(accept_downloads=True, viewport={"width": 1100, "height": 900})
    page.set_default_timeout(180_000)

    page.goto(url)
    shot(page, "1-start")
    page.fill("#name", "Prøvebyen Nord")
    page.click("button:has-text('Opret')")
    page.wait_for_url("**/udgave/proevebyen-nord")

    page.fill("#area-plan", "Helhedsplanen i Prøvebyen")
    page.fill("#contact-name", "Anna Prøvesen")
    page.fill("#contact-phone", "12 34 56 78")
    page.fill("#contact-email", "anna@proevebyen.example")
    partners = page.locator("input[name=partner]")
    partners.nth(0).fill("Brugsen i Prøvebyen")
    partners.nth(1).fill("Plejecentret Solsikken")
    page.click("#materiale-kort summary")
    page.check("input[name=omit-k18]")
    page.fill("#add-kort-text", "Flere naboer spiser sammen i beboerhuset")
    page.set_input_files("#logo", str(ROOT / "areas" / "gellerup" / "logo.png"))
    shot(page, "2-udfyldt")
    page.click("button:has-text('Gem og vis')")

    page.wait_for_selector("text=Gemt som version")
    page.wait_for_selector("#forhaandsvisning img")
    assert page.locator("#forhaandsvisning img").count() >= 10
    shot(page, "3-forhaandsvisning")

    page.select_option("#duplex", "long")
    page.click("button:has-text('Lav PDF-filerne')")
    link = page.wait_for_selector(".downloads a")
    shot(page, "4-print")
    with page.expect_download() as download:
        link.click()
    pdf = tmp_path / "pakke.pdf"
    download.value.save_as(pdf)

    words = text(pdf)
    assert "Prøvebyen Nord" in words
    assert "Brugsen i Prøvebyen" in words and "Plejecentret Solsikken" in words
    assert "Flere naboer spiser sammen i beboerhuset" in words
    assert "Der bliver mindre hærværk" not in words  # k18, left out
    saved = (editions / "proevebyen-nord" / "area.yaml").read_text(encoding="utf-8")
    assert "# Lokal udgave" in saved  # the scaffold's comments are still there
    assert (editions / "proevebyen-nord" / "logo.png").is_file()


def test_an_invalid_value_is_shown_next_to_its_field(server, browser):
    url, editions = server
    page = browser.new_page()
    page.goto(url)
    page.fill("#name", "Fejlby")
    page.click("button:has-text('Opret')")
    page.wait_for_url("**/udgave/fejlby")
    before = (editions / "fejlby" / "area.yaml").read_bytes()
    page.fill("#contact-name", "Bo")
    page.fill("#contact-email", "bo hos fejlby")
    page.click("button:has-text('Gem og vis')")
    message = page.locator("[data-field=contact-email]")
    assert message.inner_text() == "»bo hos fejlby« er ikke en e-mailadresse."
    assert page.input_value("#contact-email") == "bo hos fejlby"  # what was typed is kept
    shot(page, "5-fejl")
    assert (editions / "fejlby" / "area.yaml").read_bytes() == before
