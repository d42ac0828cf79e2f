"""A new field of ``area`` in area.yaml through its model alone: the model, the cover
template that prints it and its words in the catalogue. The test makes a copy of the
project, adds a motto to it, and in a fresh process that imports the copy fills it in on
the web page's form, finds it in area.yaml and in the history, and prints it on the cover."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .pdfcheck import text

ROOT = Path(__file__).resolve().parent.parent

MODEL_BEFORE = "    logo: str | None = None\n"
MODEL_AFTER = (
    "    logo: str | None = None\n"
    '    motto: Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)] = ""\n'
)
COVER_BEFORE = "    <p>{{ area.plan }}</p>\n"
COVER_AFTER = COVER_BEFORE + '    {% if area.motto %}<p class="motto">{{ area.motto }}</p>{% endif %}\n'
MESSAGE_BEFORE = '    "web-field.area-logo": N_("Logo"),\n'
MESSAGE_AFTER = MESSAGE_BEFORE + '    "web-field.area-motto": N_("Motto"),\n'
DANISH = '\nmsgid "Motto"\nmsgstr "Vores motto"\n'

SCRIPT = """
import re, shutil, sys
from pathlib import Path
from faa_flere.web.app import create_app
from faa_flere.web.config import local_config
from faa_flere.toolkit import load_edition
from faa_flere.pack.builder import PackBuilder
from faa_flere.pack.settings import PrintSettings

work = Path(sys.argv[1])
editions = work / "areas"
shutil.copytree(Path(sys.argv[2]), editions / "tingbjerg")
app = create_app(local_config(editions, work / "web"))
client = app.test_client()
page = client.get("/udgave/tingbjerg").get_data(as_text=True)
assert '<label for="area-motto">Vores motto</label>' in page, page
form = {}
html = page.split('id="udgave"', 1)[1].split("</form>", 1)[0]
for tag in re.findall(r"<input [^>]*>", html):
    name = re.search(r'name="([^"]+)"', tag)
    if not name or 'type="file"' in tag or ('type="checkbox"' in tag and "checked" not in tag):
        continue
    value = re.search(r'value="([^"]*)"', tag)
    form.setdefault(name[1], []).append(value[1] if value else "")
for name, value in re.findall(r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
    form.setdefault(name, []).append(value)
form["area-motto"] = ["Sammen om Tingbjerg"]
answer = client.post("/udgave/tingbjerg", data=form, content_type="multipart/form-data")
assert answer.status_code == 302, answer.get_data(as_text=True)
history = client.get("/udgave/tingbjerg/version/2").get_data(as_text=True)
assert "Vores motto ændret til Sammen om Tingbjerg" in history, history
app.extensions["faa_flere"].queue.stop_worker()
print((editions / "tingbjerg" / "area.yaml").read_text(encoding="utf-8"))

builder = PackBuilder(load_edition(editions / "tingbjerg"), PrintSettings())
parts = [p for p in builder.plan() if p.material.in_pack(p.variant)]
cover = builder.cover_html(parts, lambda part: 1)
(work / "cover.pdf").write_bytes(builder.write(builder.layout_engine.document(cover, "cover.html")))
"""


def _edit(path: Path, before: str, after: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert source.count(before) == 1, f"{path}: {before!r}"
    path.write_text(source.replace(before, after), encoding="utf-8")


def test_a_new_area_field_needs_only_its_model_the_cover_and_its_words(tmp_path: Path):
    copy = tmp_path / "project"
    for folder in ("src", "templates", "materials"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    package = copy / "src" / "faa_flere"
    _edit(package / "content" / "models.py", MODEL_BEFORE, MODEL_AFTER)
    _edit(copy / "templates" / "cover.html", COVER_BEFORE, COVER_AFTER)
    _edit(package / "i18n" / "messages.py", MESSAGE_BEFORE, MESSAGE_AFTER)
    po = package / "i18n" / "locale" / "da" / "LC_MESSAGES" / "faa_flere.po"
    po.write_text(po.read_text(encoding="utf-8") + DANISH, encoding="utf-8")
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [pybabel, "compile", "--use-fuzzy", "-D", "faa_flere", "-d", package / "i18n" / "locale", "-l", "da"],
        check=True,
        capture_output=True,
    )
    changed = sorted(
        str(path.relative_to(copy))
        for path in copy.rglob("*")
        if path.is_file()
        and path.suffix != ".mo"
        and (ROOT / path.relative_to(copy)).read_bytes() != path.read_bytes()
    )
    assert changed == [
        "src/faa_flere/content/models.py",
        "src/faa_flere/i18n/locale/da/LC_MESSAGES/faa_flere.po",
        "src/faa_flere/i18n/messages.py",
        "templates/cover.html",
    ]

    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(copy / "src"), "LANG": "C.UTF-8"}
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(work), str(ROOT / "areas" / "tingbjerg")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "motto: Sammen om Tingbjerg" in run.stdout
    assert "Sammen om Tingbjerg" in text(work / "cover.pdf")
