"""A new material through the registry alone: one module, one template, one YAML file and
one line in the registry. The test makes a copy of the project, adds a throw-away eighth
material to it, and builds and lists it in a fresh process that imports the copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .pdfcheck import text

ROOT = Path(__file__).resolve().parent.parent

MODULE = '''"""Mødekalender: the dates the group meets again (a material made by a test)."""

from __future__ import annotations

from pydantic import Field

from ..content.models import Item, Model, Text
from ..content.schema import ItemList
from .base import Material


class Meeting(Item):
    text: Text


class Calendar(Model):
    title: Text
    intro: Text
    meetings: list[Meeting] = Field(min_length=1)


MATERIAL = Material(
    "kalender",
    "calendar.yaml",
    Calendar,
    items=(ItemList("meetings", Meeting, "noun-checklist-row", "text"),),
    number=8,
    slug="moedekalender",
)
'''

TEMPLATE = """{% extends "base.html" %}
{% block body %}
<div class="page sheet" id="materiale-{{ material.id }}">
  <h1>{{ text.title }}</h1>
  <p class="intro">{{ text.intro }}</p>
  <ol>{% for meeting in text.meetings %}<li>{{ meeting.text }}</li>{% endfor %}</ol>
</div>
{% endblock %}
"""

YAML = """title: Mødekalender
intro: Skriv, hvornår I mødes igen.
meetings:
  - id: moede-1
    text: Første opfølgning efter tre måneder
  - id: moede-2
    text: Evaluering efter et halvt år
"""


def test_an_eighth_material_needs_only_its_own_files_and_one_registry_line(tmp_path: Path):
    copy = tmp_path / "project"
    for folder in ("src", "templates", "materials"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    registry = copy / "src" / "faa_flere" / "toolkit" / "__init__.py"
    source = registry.read_text(encoding="utf-8")
    source = source.replace("    manual.MATERIAL,\n)", "    manual.MATERIAL,\n    kalender.MATERIAL,\n)")
    source = source.replace("from . import brikker,", "from . import kalender\nfrom . import brikker,")
    registry.write_text(source, encoding="utf-8")
    (copy / "src" / "faa_flere" / "toolkit" / "kalender.py").write_text(MODULE, encoding="utf-8")
    (copy / "templates" / "kalender.html").write_text(TEMPLATE, encoding="utf-8")
    (copy / "materials" / "calendar.yaml").write_text(YAML, encoding="utf-8")
    pack = copy / "materials" / "pack.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace(" manual]", " manual, kalender]"))
    assert "kalender" in pack.read_text(encoding="utf-8")

    # Nothing else of the program changed: every other source file is as in the project.
    changed = [
        str(p.relative_to(copy))
        for p in (copy / "src").rglob("*.py")
        if not (ROOT / p.relative_to(copy)).is_file()
        or (ROOT / p.relative_to(copy)).read_bytes() != p.read_bytes()
    ]
    assert sorted(changed) == ["src/faa_flere/toolkit/__init__.py", "src/faa_flere/toolkit/kalender.py"]

    environment = {**os.environ, "PYTHONPATH": str(copy / "src"), "LANG": "da_DK.UTF-8"}
    out = tmp_path / "out"
    built = subprocess.run(
        [sys.executable, "-m", "faa_flere", "build", "--out", str(out)],
        capture_output=True, text=True, env=environment, timeout=300, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert (out / "8-moedekalender.pdf").is_file()
    assert "Første opfølgning efter tre måneder" in text(out / "8-moedekalender.pdf")
    combined = text(out / "faa-flere-paa-banen.pdf")
    assert "8 Mødekalender" in combined  # its line in the contents
    assert "Evaluering efter et halvt år" in combined

    listed = subprocess.run(
        [sys.executable, "-m", "faa_flere", "list"],
        capture_output=True, text=True, env=environment, timeout=60, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert "8. Mødekalender (kalender)" in listed.stdout
    assert "moede-2" in listed.stdout
