"""An edition is untrusted input: its templates cannot reach outside, and every bad input,
option or output place ends in a clean message (file and line, or the option), exit 1
(2 for a command line that cannot be used), no traceback, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faa_flere import BuildError, build_pack
from faa_flere.cli import app

BASE = "area:\n  name: Prøveby\n  plan: Helhedsplanen i Prøveby\nmaterials: [tjekliste]\n"
SECRET = "hemmeligt-indhold-42"


def edition(tmp_path: Path, template: str | bytes | None = None, extra: str = "") -> Path:
    folder = tmp_path / "areas" / "proeveby"
    folder.mkdir(parents=True)
    (folder / "area.yaml").write_text(BASE + extra, encoding="utf-8")
    if template is not None:
        (folder / "templates").mkdir()
        path = folder / "templates" / "tjekliste.html"
        if isinstance(template, bytes):
            path.write_bytes(template)
        else:
            path.write_text(template, encoding="utf-8")
    return folder


def build(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


# --- the template sandbox -----------------------------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "template",
    [
        "{{ inline_svg('%(secret)s', 'red') }}",
        "{{ inline_svg('../../../../../../%(secret)s', 'red') }}",
        "{{ pack.__class__.__mro__ }}",
        "{{ text.title.__class__.__base__.__subclasses__() }}",
        "{{ content.materials_dir.joinpath('%(secret)s').read_text() }}",
        "{{ cycler.__init__.__globals__.os.popen('cat %(secret)s').read() }}",
        "{{ self._TemplateReference__context.parent }}",
        "{% include '%(secret)s' %}",
        "{% include '../../../../../../../%(secret)s' %}",
    ],
)
def test_a_template_cannot_read_outside(tmp_path: Path, secret: Path, template: str):
    folder = edition(tmp_path, template.replace("%(secret)s", str(secret)))
    code, output = build(["build", str(folder), "--out", str(tmp_path / "out")])
    assert code == 1
    assert "tjekliste.html" in output
    assert SECRET not in output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "template",
    [
        "{{ settings.update({'paper': 'x'}) }}",
        "{% set x = organisations.append('x') %}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ lipsum.__globals__['os'].open('%(target)s', 65) }}",
        "{{ namespace.__init__.__globals__.__builtins__.open('%(target)s', 'w').write('x') }}",
    ],
)
def test_a_template_cannot_write(tmp_path: Path, template: str):
    target = tmp_path / "written.txt"
    folder = edition(tmp_path, template.replace("%(target)s", str(target)))
    code, output = build(["build", str(folder), "--out", str(tmp_path / "out")])
    assert code == 1
    assert not target.exists()
    assert "tjekliste.html" in output


def test_a_template_linked_to_a_file_outside_is_refused(tmp_path: Path, secret: Path):
    folder = edition(tmp_path, "")
    link = folder / "templates" / "tjekliste.html"
    link.unlink()
    link.symlink_to(secret)
    code, output = build(["build", str(folder), "--out", str(tmp_path / "out")])
    assert code == 1
    assert "tjekliste.html: this is a link to another place" in output
    assert SECRET not in output


def test_a_templates_folder_that_is_a_link_is_refused(tmp_path: Path):
    folder = edition(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / "templates").symlink_to(elsewhere)
    code, output = build(["validate", str(folder)])
    assert code == 1
    assert "templates: the edition's templates must be a real folder" in output


def test_an_endless_loop_is_stopped_quickly(tmp_path: Path):
    folder = edition(
        tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    )
    started = time.monotonic()
    code, output = build(["build", str(folder), "--out", str(tmp_path / "out")])
    assert time.monotonic() - started < 30
    assert code == 1
    assert "tjekliste.html:1: the template's loops go through more than" in output


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{% for i in range(10**18) %}x{% endfor %}", "loops go through more than"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "the template calls itself too deeply"),
        ("{{ 'x' * 1000000000 }}", "makes a value larger than"),
        ("{{ 2 ** 1000000 }}", "makes a value larger than"),
        ("{{ ((10 ** 60) ** 60) ** 60 }}", "makes a value larger than"),
        ("{{ 'x'.ljust(1000000000) }}", "makes a value larger than"),
        (
            "{% macro f(n) %}{% for i in range(1000) %}{{ f(n) }}{% endfor %}{% endmacro %}{{ f(1) }}",
            "the template",
        ),
        ("{{ nothing.here }}", "template error: 'nothing' is undefined"),
        ("{% for %}", "template error"),
    ],
)
def test_a_template_that_goes_too_far_is_a_clean_error(tmp_path: Path, template: str, message: str):
    folder = edition(tmp_path, template)
    started = time.monotonic()
    code, output = build(["build", str(folder), "--out", str(tmp_path / "out")])
    assert time.monotonic() - started < 30
    assert code == 1
    assert message in output, output
    assert "tjekliste.html:1:" in output
    assert len(output.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_template_that_is_not_utf8(tmp_path: Path):
    folder = edition(tmp_path, "<p>Prøve</p>".encode("latin-1"))
    code, output = build(["build", str(folder), "--out", str(tmp_path / "out")])
    assert code == 1
    assert "tjekliste.html: the file is not UTF-8 text" in output


# --- area.yaml itself ---------------------------------------------------------------


def test_area_yaml_through_a_link_is_refused(tmp_path: Path, secret: Path):
    folder = tmp_path / "linked"
    folder.mkdir()
    (folder / "area.yaml").symlink_to(secret)
    code, output = build(["validate", str(folder)])
    assert code == 1
    assert "area.yaml: this is a link to another place" in output
    assert SECRET not in output


def test_area_yaml_that_is_a_named_pipe_does_not_block(tmp_path: Path):
    folder = tmp_path / "pipe"
    folder.mkdir()
    os.mkfifo(folder / "area.yaml")
    answer = subprocess.run(
        [sys.executable, "-m", "faa_flere", "validate", str(folder)],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert answer.returncode == 1
    assert "area.yaml: this is not an ordinary file" in answer.stderr


DEEP = "area:\n  name: X\n  plan: Y\npartners: " + "[" * 10000 + "]" * 10000 + "\n"


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (DEEP, "area.yaml:4: the file is nested more than 40 levels deep"),
        (
            "area:\n  name: X\n  plan: Y\n" + "".join(" " * n + "a:\n" for n in range(500)),
            "nested more than 40 levels deep",
        ),
        ("area:\n  name: X\x00\n  plan: Y\n", "area.yaml:2: the file contains a control character (U+0000)"),
        ("area:\n  name: X\x07\n  plan: Y\n", "area.yaml:2: the file contains a control character (U+0007)"),
        (
            'area:\n  name: "X\\0"\n  plan: Y\n',
            "area.yaml:2: area.name: the text contains a control character",
        ),
        ("area:\n  name: X\n  plan: Y\n[a, b]: c\n", "area.yaml:4: a key must be a plain word"),
        ("base: &b {name: X, plan: Y}\narea:\n  <<: *b\n", "anchors and aliases"),
        (
            "area:\n  name: X\n  plan: Y\n  <<: {name: Z}\n",
            "area.yaml:4: area: merge keys (<<) are not supported",
        ),
        (
            "area:\n\tname: X\n",
            "area.yaml:2: YAML: a tab where YAML expects spaces (indent with spaces, not tabs)",
        ),
        (
            "area:\n  name: X\n  plan: Y\nmaterials: [kort, kort]\n",
            "area.yaml:4: materials[1]: 'kort' is listed twice",
        ),
        ("area:\n  name: X\n  plan: Y\n1: x\n", "area.yaml:4: a key must be a plain word"),
        ("area:\n  name: X\n  plan: Y\nnull: x\n", "area.yaml:4: a key must be a plain word"),
    ],
)
def test_yaml_the_loader_must_survive(tmp_path: Path, yaml_text: str, message: str):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "area.yaml").write_bytes(yaml_text.encode("utf-8"))
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and len(result.output) < 2000
    assert message in result.output, result.output
    assert not (tmp_path / "out").exists()


# --- options ------------------------------------------------------------------------


def test_options_that_cannot_be_used_exit_with_2(tmp_path: Path):
    text_file = tmp_path / "profil.icc"
    text_file.write_text("not a profile", encoding="utf-8")
    rgb = Path("/usr/share/color/icc/ghostscript/default_rgb.icc")
    cases = [
        (["build", "--back-offset", "nan,0"], "--back-offset: 'nan,0'"),
        (["build", "--back-offset", "inf,0"], "--back-offset: 'inf,0'"),
        (["build", "--shard", "1/2"], "--shard: used only with --all"),
        (["build", "--force"], "--force: used only with --all"),
        (
            ["build", "--profile", "shop", "--output-profile", str(text_file)],
            "this is not an ICC colour profile",
        ),
        (["build", "--profile", "shop", "--output-profile", str(tmp_path / "nope.icc")], "does not exist"),
        (["build", "--output-profile", str(text_file)], "a colour profile is used only with --profile shop"),
        (["build", "--profile", "photo"], "--profile: unknown profile 'photo'"),
        (["build", "--paper", "a5"], "--paper: unknown paper 'a5'"),
    ]
    if rgb.is_file():
        cases.append((["build", "--profile", "shop", "--output-profile", str(rgb)], "is for RGB, not CMYK"))
    for args, message in cases:
        started = time.monotonic()
        code, output = build([*args, "--out", str(tmp_path / "out")])
        assert code == 2, (args, output)
        assert message in output, (args, output)
        assert time.monotonic() - started < 5  # found before any layout
    assert not (tmp_path / "out").exists()


def test_build_all_in_a_folder_that_does_not_exist(tmp_path: Path):
    code, output = build(["build", "--all", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    assert code == 1
    assert "nowhere: no such folder of editions" in output
    assert not (tmp_path / "out").exists()


def test_materials_for_an_edition_are_read(tmp_path: Path, materials_copy: Path):
    folder = edition(tmp_path)
    checklist = materials_copy / "checklist.yaml"
    checklist.write_text(
        checklist.read_text(encoding="utf-8").replace("title:", "title: Ny", 1), encoding="utf-8"
    )
    (materials_copy / "value.yaml").write_text("x: 1\n", encoding="utf-8")
    code, output = build(["validate", str(folder), "--materials", str(materials_copy)])
    assert code == 1
    assert "value.yaml: 'value.yaml' is not a content file (did you mean 'values.yaml'?)" in output


@pytest.mark.parametrize(("epoch", "message"), [("99999999999999", "is not a date"), ("abc", "whole number")])
def test_a_bad_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str, message: str):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    code, output = build(["build", str(edition(tmp_path)), "--out", str(tmp_path / "out")])
    assert code == 1
    assert output.startswith("SOURCE_DATE_EPOCH: ")
    assert message in output


# --- output places ------------------------------------------------------------------


def test_out_naming_a_file_is_refused_before_layout(tmp_path: Path):
    target = tmp_path / "a-file"
    target.write_text("keep me", encoding="utf-8")
    started = time.monotonic()
    code, output = build(["build", str(edition(tmp_path)), "--out", str(target)])
    assert time.monotonic() - started < 3
    assert code == 2  # an option that cannot be used
    assert "--out: " in output and "this is a file, not a folder" in output
    assert target.read_text(encoding="utf-8") == "keep me"
    below = build(["build", str(edition(tmp_path / "2")), "--out", str(target / "sub")])
    assert below[0] == 2 and "this is a file, not a folder" in below[1]


def test_calibrate_out_naming_a_folder(tmp_path: Path):
    folder = tmp_path / "folder"
    folder.mkdir()
    code, output = build(["calibrate", "--out", str(folder)])
    assert code == 2
    assert "this is a folder, not a file name" in output
    assert list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["folder"]  # no temporary file beside it


def test_new_area_in_a_file(tmp_path: Path):
    target = tmp_path / "areas"
    target.write_text("", encoding="utf-8")
    code, output = build(["new-area", "Solgården", "--in", str(target)])
    assert code == 1
    assert output.startswith("--in: ")
    assert "this is a file, not a folder for editions" in output


def test_a_failure_while_writing_the_fourth_pdf_leaves_the_earlier_pack(tmp_path: Path, monkeypatch):
    folder = tmp_path / "areas" / "fire"
    folder.mkdir(parents=True)
    (folder / "area.yaml").write_text(
        "area:\n  name: Fire\n  plan: Planen\nmaterials: [tjekliste, udbytte, tilpasning, manual]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build_pack(folder, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (folder / "area.yaml").write_text(
        "area:\n  name: Fire igen\n  plan: Planen\nmaterials: [tjekliste, udbytte, tilpasning, manual]\n",
        encoding="utf-8",
    )
    writes = []
    original = Path.write_bytes

    def full_disk(self: Path, data: bytes) -> int:
        if self.suffix == ".pdf":
            writes.append(self.name)
        if len(writes) == 4 and self.suffix == ".pdf":
            raise OSError(28, "No space left on device")
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(BuildError) as caught:
        build_pack(folder, out)
    monkeypatch.undo()
    assert len(writes) == 4
    assert "the disk is full" in str(caught.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["areas", "out"]  # nothing left beside it


def test_a_png_logo_with_too_many_pixels_is_refused_at_once(tmp_path: Path):
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    # A small file that claims 60,000 by 60,000 pixels: the header alone says it is too big.
    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )
    folder = edition(tmp_path, extra="")
    (folder / "logo.png").write_bytes(png)
    (folder / "area.yaml").write_text(BASE.replace("  plan:", "  logo: logo.png\n  plan:"), encoding="utf-8")
    started = time.monotonic()
    code, output = build(["validate", str(folder)])
    assert time.monotonic() - started < 5
    assert code == 1
    assert "area.logo: 'logo.png' has far more pixels than a logo needs" in output
    assert "save the logo smaller" in output


def test_build_all_does_not_follow_an_edition_that_is_a_link(tmp_path: Path):
    areas = tmp_path / "areas"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "area.yaml").write_text(BASE, encoding="utf-8")
    areas.mkdir()
    (areas / "linked").symlink_to(outside)
    code, output = build(["build", "--all", str(areas), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert code == 1
    assert "linked: " in output and "this edition folder is a link to another place" in output
    assert not (tmp_path / "out" / "linked").exists()


def test_a_smaller_pack_leaves_no_stale_pdfs_and_a_readable_folder(tmp_path: Path):
    folder = edition(tmp_path)
    out = tmp_path / "out"
    build_pack(folder, out)  # the checklist and the combined pack
    (folder / "area.yaml").write_text(BASE.replace("[tjekliste]", "[udbytte]"), encoding="utf-8")
    build_pack(folder, out)
    assert sorted(p.name for p in out.iterdir()) == [
        "5-udbytte-og-bidrag-til-hinanden.pdf",
        "faa-flere-paa-banen.pdf",
    ]
    assert out.stat().st_mode & 0o055 == 0o777 & ~current_umask() & 0o055  # not 0700


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_misspelt_command_gets_our_words():
    answer = subprocess.run(
        [sys.executable, "-m", "faa_flere", "biuld"], capture_output=True, text=True, timeout=60, check=False
    )
    assert answer.returncode == 2
    assert "there is no command biuld (did you mean 'build'?)" in answer.stderr
