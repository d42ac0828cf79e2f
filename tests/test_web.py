"""The web page, through Flask's test client: saving, validation in Danish, safe uploads."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from faa_flere.web.app import create_app
from faa_flere.web.config import local_config

ROOT = Path(__file__).resolve().parent.parent
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10" fill="#123456"/></svg>'
)


@pytest.fixture
def site(tmp_path, builds):
    editions = tmp_path / "areas"
    editions.mkdir()
    shutil.copytree(ROOT / "areas" / "tingbjerg", editions / "tingbjerg")
    app = create_app(local_config(editions, tmp_path / "web"), builds)
    client = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").get_data(as_text=True))[1]
    return client, token, editions


def form_of(client, slug: str) -> dict[str, list[str]]:
    """The form as a browser would send it, from the page's own inputs."""
    html = client.get(f"/udgave/{slug}").get_data(as_text=True)
    form: dict[str, list[str]] = {}
    for tag in re.findall(r"<input [^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="file"' in tag:
            continue
        if 'type="checkbox"' in tag and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        form.setdefault(name[1], []).append(unescape(value[1]) if value else "")
    for name, text in re.findall(r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        form.setdefault(name, []).append(unescape(text))
    return form


def unescape(text: str) -> str:
    import html

    return html.unescape(text)


def post(client, slug, form, files=None):
    data = {k: v for k, v in form.items()}
    if files:
        data.update(files)
    return client.post(f"/udgave/{slug}", data=data, content_type="multipart/form-data")


def test_start_page_lists_editions_and_creates_one(site):
    client, token, editions = site
    page = client.get("/").get_data(as_text=True)
    assert 'lang="da"' in page and "tingbjerg" in page
    answer = client.post("/ny", data={"name": "Gellerupparken/Toveshøj", "csrf_token": token})
    assert answer.status_code == 302
    assert (editions / "gellerupparken-toveshoej" / "area.yaml").is_file()


def test_posts_need_the_page_token_and_a_local_host(site):
    client, _token, editions = site
    refused = client.post("/ny", data={"name": "Ondsindet"})
    assert refused.status_code == 400 and "Siden var for gammel" in refused.get_data(as_text=True)
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 403
    assert not (editions / "ondsindet").exists()


def test_edition_names_cannot_leave_the_editions_folder(site):
    client, _token, _editions = site
    for slug in ("..", "%2e%2e", "..%2Fetc", "Tingbjerg", "ingen-saadan"):
        assert client.get(f"/udgave/{slug}").status_code in (404, 308), slug
    assert client.get("/udgave/tingbjerg/fil/../../../etc/passwd").status_code == 404


def test_saving_keeps_comments_and_order_of_a_hand_edited_file(site):
    client, _token, editions = site
    path = editions / "tingbjerg" / "area.yaml"
    before = path.read_text(encoding="utf-8")
    form = form_of(client, "tingbjerg")
    form["partner"] = ["Tingbjerg Bibliotek", "Ny partner", ""]
    answer = post(client, "tingbjerg", form)
    assert answer.status_code == 302, answer.get_data(as_text=True)[:2000]
    after = path.read_text(encoding="utf-8")
    comments = [line.strip() for line in before.splitlines() if line.strip().startswith("#")]
    assert comments and all(comment in after for comment in comments)
    assert after.index("area:") < after.index("partners:") < after.index("changes:")
    assert "Ny partner" in after and "Fodboldklubben" not in after


def test_invalid_field_is_shown_in_danish_and_nothing_is_written(site):
    client, _token, editions = site
    path = editions / "tingbjerg" / "area.yaml"
    before = path.read_bytes()
    form = form_of(client, "tingbjerg")
    form["contact-email"] = ["maja hos tingbjerg"]
    form["area-name"] = [""]
    answer = post(client, "tingbjerg", form)
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert re.search(r'data-field="contact-email">»maja hos tingbjerg« er ikke en e-mailadresse.', page)
    assert re.search(r'data-field="area-name">Skal udfyldes.', page)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.svg", SVG.replace(b"<rect", b"<script>alert(1)</script><rect"), "indeholder &lt;script&gt;"),
        (
            "logo.svg",
            SVG.replace(b"<rect", b'<image href="https://example.com/x.png"/><rect'),
            "henviser til en fil eller adresse udefra",
        ),
        ("logo.png", b"not a png at all", "er ikke et PNG-billede"),
        ("logo.gif", b"GIF89a", "SVG-, PNG- eller JPEG"),
    ],
)
def test_refused_uploads(site, name, data, message):
    import io

    client, _token, editions = site
    folder = editions / "tingbjerg"
    before = sorted(p.name for p in folder.iterdir())
    area_before = (folder / "area.yaml").read_bytes()
    answer = post(client, "tingbjerg", form_of(client, "tingbjerg"), {"logo": (io.BytesIO(data), name)})
    assert answer.status_code == 400
    assert message in answer.get_data(as_text=True)
    assert sorted(p.name for p in folder.iterdir()) == before
    assert (folder / "area.yaml").read_bytes() == area_before


def test_too_large_upload_is_refused_and_the_form_kept(site):
    import io

    client, _token, editions = site
    before = (editions / "tingbjerg" / "area.yaml").read_bytes()
    form = form_of(client, "tingbjerg")
    form["contact-name"] = ["Maja Holm (ny)"]
    big = SVG + b"<!--" + b"x" * (3 * 1024 * 1024) + b"-->"
    answer = post(client, "tingbjerg", form, {"logo": (io.BytesIO(big), "logo.svg")})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert 'data-field="logo">Logoet fylder mere end 2 MB' in page
    assert 'value="Maja Holm (ny)"' in page
    assert (editions / "tingbjerg" / "area.yaml").read_bytes() == before
    # Past what any form needs, the framework refuses it: a Danish page.
    huge = post(client, "tingbjerg", form, {"logo": (io.BytesIO(b"x" * (21 * 1024 * 1024)), "logo.svg")})
    assert huge.status_code == 413 and "Filen er for stor" in huge.get_data(as_text=True)


def test_save_starts_a_preview_and_the_pack_can_be_downloaded(site):
    client, _token, _editions = site
    form = form_of(client, "tingbjerg")
    form["material-brikker"] = []  # fewer materials: a quicker test
    form.pop("material-brikker")
    answer = post(client, "tingbjerg", form)
    assert answer.status_code == 302
    job = re.search(r"job=([0-9a-f]+)", answer.headers["Location"])[1]
    state = wait(client, job)
    assert state["state"] == "done", state
    page = client.get("/udgave/tingbjerg").get_data(as_text=True)
    images = re.findall(r'<img src="([^"]+\.png)"', page)
    assert images and client.get(images[0]).status_code == 200
    form = form_of(client, "tingbjerg")
    form.update(action=["pack"], profile=["home"], duplex=["short"])
    pack = post(client, "tingbjerg", form)
    job = re.search(r"job=([0-9a-f]+)", pack.headers["Location"])[1]
    state = wait(client, job)
    assert state["state"] == "done", state
    first = state["files"][0]
    assert first["name"].endswith("faa-flere-paa-banen.pdf")
    pdf = client.get(first["url"])
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def wait(client, job: str, seconds: float = 120) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = client.get(f"/job/{job}").get_json()
        if state["state"] in ("done", "failed"):
            return state
        time.sleep(0.3)
    raise AssertionError("the build did not finish")
