"""Bad edition input: one clear line per mistake with file and line, exit code 1,
no traceback, and nothing written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faa_flere.cli import app

BASE = "area:\n  name: Prøveby\n  plan: Helhedsplanen i Prøveby\n"
SVG_OK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'


@dataclass(frozen=True)
class Case:
    id: str
    yaml: str | bytes  # the whole area.yaml; "<<" marks the line the message must name
    message: str
    files: dict[str, str | bytes] = field(default_factory=dict)
    line: bool = True  # whether the message names a line


def with_logo(value: str) -> str:
    return BASE + f"  logo: {value}  <<\n"


CASES = [
    Case("yaml-syntax", BASE + "partners: Brugsen: Skolen  <<\nmaterials: [kort]\n", "YAML: mapping values"),
    Case("wrong-type", BASE + "partners: Brugsen  <<\n", "partners: expected a list, got text"),
    Case(
        "unknown-top-key",
        BASE + "partner: [Brugsen]  <<\n",
        "partner: unknown key (did you mean 'partners'?)",
    ),
    Case(
        "unknown-area-key",
        "area:\n  nmae: Prøveby  <<\n  plan: P\n",
        "area.nmae: unknown key (did you mean 'name'?)",
    ),
    Case("empty-name", "area:\n  name: ''  <<\n  plan: P\n", "area.name: must not be empty"),
    Case("missing-area", "partners: [Brugsen]  <<\n", "'area' is missing"),
    Case("bad-accent", BASE + "  accent: orange  <<\n", "area.accent: 'orange' is not a colour like #F6B81A"),
    Case(
        "bad-email",
        BASE + "  contact:\n    name: Anna\n    email: anna at prøveby  <<\n",
        "area.contact.email: 'anna at prøveby' is not an e-mail address",
    ),
    Case(
        "unknown-remove-id",
        BASE + "changes:\n  remove: [k01, k02, k31]  <<\n",
        "changes.remove[2]: unknown id 'k31' (did you mean",
    ),
    Case(
        "duplicate-remove",
        BASE + "changes:\n  remove: [k01, k01]  <<\n",
        "changes.remove[1]: 'k01' is listed twice",
    ),
    Case(
        "unknown-edit-id",
        BASE + "changes:\n  edit:\n    k99: Ny tekst  <<\n",
        "changes.edit.k99: unknown id 'k99'",
    ),
    Case(
        "edit-unknown-field",
        BASE + "changes:\n  edit:\n    k01: {txt: Ny tekst}  <<\n",
        "changes.edit.k01.txt: unknown key (did you mean 'text'?)",
    ),
    Case("edit-id", BASE + "changes:\n  edit:\n    k01: {id: k99}  <<\n", "an id cannot be changed"),
    Case(
        "edit-value-as-text",
        BASE + "changes:\n  edit:\n    faglighed: Ny tekst  <<\n",
        "a value has several texts",
    ),
    Case(
        "add-existing-id",
        BASE + "changes:\n  add:\n    kort:\n      - {id: k01, category: boern-unge, text: Ny}  <<\n",
        "id 'k01' is already used",
    ),
    Case(
        "add-unknown-category",
        BASE + "changes:\n  add:\n    kort:\n      - {id: ny-1, category: boernunge, text: Ny}  <<\n",
        "unknown category 'boernunge' (did you mean 'boern-unge'?)",
    ),
    Case(
        "add-missing-text",
        BASE + "changes:\n  add:\n    kort:\n      - {id: ny-1, category: boern-unge}  <<\n",
        "'text' is missing",
    ),
    Case(
        "add-unknown-material",
        BASE + "changes:\n  add:\n    kortt:  <<\n      - {id: ny-1, text: Ny}\n",
        "changes.add.kortt: cannot add to this (did you mean 'kort'?)",
    ),
    Case(
        "remove-used-value",
        BASE + "changes:\n  remove: [synlighed]  <<\n",
        "'synlighed' is still used by synlighed-1",
    ),
    Case(
        "unknown-material",
        BASE + "materials: [kort, tjeklist]  <<\n",
        "materials[1]: unknown material 'tjeklist'",
    ),
    Case("copies-zero", BASE + "copies:\n  brikker: 0  <<\n", "0 copies: give a number from 1 to 10"),
    Case(
        "texts-items",
        BASE + "texts:\n  kort:\n    cards: []  <<\n",
        "texts.kort.cards: items are changed under changes",
    ),
    Case("texts-unknown-field", BASE + "texts:\n  kort:\n    titel: X  <<\n", "did you mean 'title'?"),
    Case("python-tag", BASE + "partners: !!python/object/apply:os.system [ls]  <<\n", "remove the '!' tag"),
    Case("alias", BASE + "partners: &p [A]\nmaterials: *p  <<\n", "anchors and aliases"),
    Case("empty-file", "# kun en kommentar  <<\n", "the file is empty"),
    Case("not-utf8", "area:\n  name: Prøveby  <<\n  plan: P\n".encode("latin-1"), "not UTF-8 text"),
    Case("too-large", BASE + "#" + "x" * 300_000 + "\n", "more than the 256 KiB allowed", line=False),
    Case("logo-missing", with_logo("logo.svg"), "no file 'logo.svg' in the edition's folder"),
    Case("logo-not-image", with_logo("logo.png"), "'logo.png' is not a PNG image", {"logo.png": "hej"}),
    Case("logo-wrong-type", with_logo("logo.gif"), "is not an SVG, PNG or JPEG file", {"logo.gif": "GIF89a"}),
    Case("logo-parent", with_logo("../logo.svg"), "points outside the edition's folder"),
    Case("logo-absolute", with_logo("/etc/logo.svg"), "points outside the edition's folder"),
    Case("logo-url", with_logo("'https://example.com/logo.svg'"), "is a URL"),
    Case("logo-file-url", with_logo("'file:///etc/logo.svg'"), "is a URL"),
    Case(
        "svg-script",
        with_logo("logo.svg"),
        "contains <script>",
        {"logo.svg": SVG_OK.replace("<rect", "<script>alert(1)</script><rect")},
    ),
    Case(
        "svg-external",
        with_logo("logo.svg"),
        "refers to an outside file or address",
        {"logo.svg": SVG_OK.replace("<rect", '<image href="https://example.com/x.png"/><rect')},
    ),
    Case(
        "svg-onload",
        with_logo("logo.svg"),
        "has an event handler (onload)",
        {"logo.svg": SVG_OK.replace("<svg ", '<svg onload="alert(1)" ')},
    ),
    Case(
        "unclosed-quote",
        'area:\n  name: Prøveby\n  plan: "Helhedsplanen  <<\n  logo: logo.svg"\n',
        "area.plan: the quote that begins here is closed only on line 4",
    ),
    Case(
        "hash-value",
        BASE + "  accent: #0E7C86  <<\n",
        "the value after 'accent:' begins with # and is read as a comment",
    ),
    Case(
        "continued-line",
        BASE + "partners:\n  - Brugsen\n   - Plejecentret  <<\n",
        "partners[0]: this line continues the text of the line above it",
    ),
    Case(
        "too-many-rows",
        BASE
        + "changes:\n  add:\n    tjekliste:\n      - {id: r0, text: Række 0}  <<\n"
        + "".join(f"      - {{id: r{n}, text: Række {n}}}\n" for n in range(1, 12)),
        "changes.add.tjekliste: at most 20 items are allowed here, not 23",
    ),
    Case(
        "template-syntax",
        BASE,
        "templates/tjekliste.html:2: template error",
        {"templates/tjekliste.html": "<p>\n{% if %}\n"},
        line=False,
    ),
    Case(
        "svg-too-complex",
        with_logo("logo.svg"),
        "has more than 5000 shapes",
        {"logo.svg": SVG_OK.replace("<rect", '<rect width="1" height="1"/>' * 6000 + "<rect")},
    ),
    Case(
        "svg-entity",
        with_logo("logo.svg"),
        "declares a DOCTYPE or entities",
        {"logo.svg": '<!DOCTYPE svg [<!ENTITY x "y">]>' + SVG_OK},
    ),
]


def expected_line(text: str | bytes) -> int:
    if isinstance(text, bytes):
        text = text.decode("latin-1")
    for number, line in enumerate(text.splitlines(), start=1):
        if "<<" in line:
            return number
    return 1


def write_case(folder: Path, case: Case) -> None:
    folder.mkdir(parents=True)
    data = case.yaml if isinstance(case.yaml, bytes) else case.yaml.replace("  <<", "")
    if isinstance(data, bytes):
        data = data.replace(b"  <<", b"")
        (folder / "area.yaml").write_bytes(data)
    else:
        (folder / "area.yaml").write_text(data, encoding="utf-8")
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def test_there_are_at_least_twenty_kinds():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_edition_input(case: Case, tmp_path: Path):
    folder = tmp_path / "areas" / "proeveby"
    write_case(folder, case)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert case.message in result.output, result.output
    assert "area.yaml" in result.output or "templates/" in result.output
    if case.line:
        assert f"area.yaml:{expected_line(case.yaml)}:" in result.output, result.output
    assert not out.exists()
    assert len(result.output.strip().splitlines()) == 1, "one mistake, one line"


def test_several_mistakes_are_reported_in_one_run(tmp_path: Path):
    folder = tmp_path / "proeveby"
    folder.mkdir()
    (folder / "area.yaml").write_text(
        BASE + "  logo: mangler.svg\nchanges:\n  remove: [k31]\n  edit:\n    k98: X\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 3
    assert [line.split(":")[1] for line in lines] == ["4", "6", "8"]


def test_missing_folder_and_missing_area_yaml(tmp_path: Path):
    runner = CliRunner()
    gone = runner.invoke(app, ["build", str(tmp_path / "findes-ikke")])
    assert gone.exit_code == 1
    assert "no such edition folder" in gone.output
    (tmp_path / "tom").mkdir()
    empty = runner.invoke(app, ["build", str(tmp_path / "tom")])
    assert empty.exit_code == 1
    assert "area.yaml: the file does not exist" in empty.output
    assert "Traceback" not in gone.output + empty.output


def test_a_failed_build_keeps_the_previous_output(tmp_path: Path):
    folder = tmp_path / "proeveby"
    folder.mkdir()
    (folder / "area.yaml").write_text(BASE + "materials: [tjekliste]\n", encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(app, ["build", str(folder), "--out", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (folder / "area.yaml").write_text(BASE + "materials: [tjekliste]\npartners: X\n", encoding="utf-8")
    assert runner.invoke(app, ["build", str(folder), "--out", str(out)]).exit_code == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
