"""Bad content is reported as file:line: field: message (hint), all at once, never as a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faa_flere import ContentError, load_content
from faa_flere.cli import app


def edit(folder: Path, name: str, old: str, new: str) -> Path:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    return [str(p) for p in caught.value.problems]


def test_the_official_content_is_valid():
    from faa_flere import paths

    content = load_content(paths.materials_dir())
    assert len(content.text("solskinsmodellen").values) == 5


def test_unknown_key_names_file_line_and_suggests_the_right_one(materials_copy):
    path = edit(materials_copy, "values.yaml", "    colour: blaa\n", "    colur: blaa\n")
    [message] = problems(materials_copy)
    line = line_of(path, "colur:")
    assert message.endswith(f"values.yaml:{line}: values[0].colur: unknown key (did you mean 'colour'?)")


def test_unknown_reference_suggests_a_close_id(materials_copy):
    path = edit(
        materials_copy, "pieces.yaml", "value: faglighed, text: Vi løser", "value: faglighd, text: Vi løser"
    )
    [message] = problems(materials_copy)
    assert f"pieces.yaml:{line_of(path, 'faglighd')}: pieces[0].value: unknown value 'faglighd'" in message
    assert "did you mean 'faglighed'?" in message


def test_duplicate_ids_point_at_both_lines(materials_copy):
    path = edit(materials_copy, "cards.yaml", "{id: k02,", "{id: k01,")
    [message] = problems(materials_copy)
    assert f"cards.yaml:{line_of(path, 'Flere børn går')}: cards[1].id: duplicate id 'k01'" in message
    assert f"first used on line {line_of(path, 'Flere unge får et fritidsjob')}" in message


def test_wrong_type_is_explained(materials_copy):
    path = edit(materials_copy, "pieces.yaml", "blank_count: 4", "blank_count: fire")
    [message] = problems(materials_copy)
    assert (
        f"pieces.yaml:{line_of(path, 'blank_count')}: blank_count: expected a whole number, got text"
        in message
    )


def test_empty_text_is_refused(materials_copy):
    path = edit(materials_copy, "values.yaml", "question: Hvem skal opdage, at I er med?", 'question: ""')
    [message] = problems(materials_copy)
    line = line_of(path, 'question: ""')
    assert f"values.yaml:{line}: values[2].question: must not be empty" in message


def test_missing_field_is_named(materials_copy):
    edit(materials_copy, "cards.yaml", "card_label: Positiv forandring\n", "")
    [message] = problems(materials_copy)
    assert "cards.yaml:" in message
    assert "'card_label' is missing" in message


def test_yaml_syntax_error_has_a_line(materials_copy):
    path = edit(materials_copy, "checklist.yaml", "answers: [Ja, Måske, Nej]", "answers: [Ja, Måske, Nej")
    [message] = problems(materials_copy)
    assert "checklist.yaml:" in message
    assert "YAML:" in message
    reported = int(message.split("checklist.yaml:")[1].split(":")[0])
    assert abs(reported - line_of(path, "answers:")) <= 2


def test_python_tags_are_refused(materials_copy):
    path = materials_copy / "pack.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "evil: !!python/object/apply:os.system ['echo pwned']\n",
        encoding="utf-8",
    )
    [message] = problems(materials_copy)
    assert "pack.yaml:" in message
    assert "python/object" in message
    assert "remove the '!' tag" in message


def test_aliases_are_refused(materials_copy):
    edit(materials_copy, "checklist.yaml", "header_fields: [Organisation", "header_fields: &a [Organisation")
    edit(materials_copy, "checklist.yaml", "answers: [Ja, Måske, Nej]", "answers: *a")
    [message] = problems(materials_copy)
    assert "anchors and aliases" in message


def test_duplicate_keys_are_refused(materials_copy):
    edit(materials_copy, "exchange.yaml", "rows: 6\n", "rows: 6\nrows: 7\n")
    [message] = problems(materials_copy)
    assert "exchange.yaml:" in message
    assert "duplicate key" in message


def test_empty_file(materials_copy):
    (materials_copy / "manual.yaml").write_text("# nothing here\n", encoding="utf-8")
    [message] = problems(materials_copy)
    assert "manual.yaml:1: the file is empty" in message


def test_file_that_is_not_utf8(materials_copy):
    path = materials_copy / "adjustment.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    [message] = problems(materials_copy)
    assert "adjustment.yaml:" in message
    assert "not UTF-8" in message


def test_problems_in_several_files_are_reported_together(materials_copy):
    edit(materials_copy, "values.yaml", "    colour: blaa\n", "    colur: blaa\n")
    (materials_copy / "manual.yaml").write_text("", encoding="utf-8")
    found = problems(materials_copy)
    assert len(found) == 2
    assert any("values.yaml" in m and "colur" in m for m in found)
    assert any("manual.yaml" in m and "empty" in m for m in found)


def test_every_broken_reference_is_reported_together(materials_copy):
    edit(
        materials_copy,
        "cards.yaml",
        "category: boern-unge, text: Flere unge",
        "category: boern, text: Flere unge",
    )
    edit(materials_copy, "cards.yaml", "{id: k02,", "{id: k01,")
    edit(materials_copy, "values.yaml", "colour: koral", "colour: koralrod")
    found = problems(materials_copy)
    assert len(found) == 3
    assert any("unknown category 'boern'" in m for m in found)
    assert any("duplicate id 'k01'" in m for m in found)
    assert any("unknown colour 'koralrod' (did you mean 'koral'?)" in m for m in found)


def test_cli_reports_errors_without_traceback_and_keeps_earlier_output(materials_copy, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "1-solskinsmodellen-a3.pdf"
    earlier.write_bytes(b"earlier build")
    edit(materials_copy, "values.yaml", "    colour: blaa\n", "    colur: blaa\n")
    result = CliRunner().invoke(app, ["build", "--out", str(out), "--materials", str(materials_copy)])
    assert result.exit_code == 1
    assert "values[0].colur: unknown key (did you mean 'colour'?)" in result.output
    assert "Traceback" not in result.output
    assert earlier.read_bytes() == b"earlier build"
    assert sorted(p.name for p in out.iterdir()) == [earlier.name]


def test_every_palette_colour_a_template_uses_is_checked():
    """The colours named in templates and views are all among those validation requires."""
    from faa_flere.content.loading import SHARED_COLOURS
    from faa_flere.toolkit import REGISTRY

    required = set(SHARED_COLOURS).union(*(m.colours for m in REGISTRY))
    root = Path(__file__).resolve().parent.parent
    used = set()
    for template in (root / "templates").glob("*.html"):
        used |= set(re.findall(r"colours\.([a-z_]+)", template.read_text(encoding="utf-8")))
    for module in (root / "src" / "faa_flere").rglob("*.py"):
        used |= set(re.findall(r'colour\("([a-z_]+)"\)', module.read_text(encoding="utf-8")))
    assert used, "the scan found no colours at all"
    assert used <= required, used - required


def test_a_colour_the_templates_need_cannot_be_removed(materials_copy):
    edit(materials_copy, "palette.yaml", '  linje: "#AEB6C0"', "")
    message = "\n".join(problems(materials_copy))
    assert "palette.yaml:" in message
    assert "the colour 'linje' is missing, and the templates need it" in message


def test_materials_given_as_a_relative_folder(materials_copy, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "faa_flere", "build", "--materials", "materials", "--out", "out"],
        cwd=materials_copy.parent, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (materials_copy.parent / "out" / "faa-flere-paa-banen.pdf").is_file()


def test_a_typo_in_a_content_file_name_is_named(materials_copy):
    (materials_copy / "values.yaml").rename(materials_copy / "value.yaml")
    message = "\n".join(problems(materials_copy))
    assert "values.yaml: the file does not exist" in message
    assert "value.yaml: 'value.yaml' is not a content file (did you mean 'values.yaml'?)" in message


def test_a_missing_materials_folder_is_one_line(tmp_path):
    result = CliRunner().invoke(app, ["validate", "--materials", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.output.strip().endswith(
        "there is no folder of content here (give --materials a copy of the materials folder)"
    )
    assert len(result.output.strip().splitlines()) == 1


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "path",
    sorted([*ROOT.glob("materials/**/*.yaml"), *ROOT.glob("areas/**/*.yaml")]),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_libyaml_reads_content_as_the_python_parser_does(path):
    """Content is parsed with LibYAML where PyYAML has it: the same data, the same lines
    for every value and key, as the pure-Python parser that words the errors."""
    from faa_flere.content import yamlsource

    assert yamlsource.FastLoader is not yamlsource.ContentLoader, "PyYAML without LibYAML"
    text = path.read_text(encoding="utf-8")
    fast = yamlsource._parse(text, path, yamlsource.FastLoader)
    slow = yamlsource._parse(text, path, yamlsource.ContentLoader)
    assert fast[0] == slow[0]
    assert fast[1].lines == slow[1].lines and fast[1].key_lines == slow[1].key_lines
    assert len(fast[1].lines) > 3


# --- PyYAML's errors and pydantic's patterns by their kind, not their words ---------


def yaml_problems(text: str) -> list[tuple[int | None, str, dict[str, object], str | None]]:
    from faa_flere.content.yamlsource import parse_yaml

    with pytest.raises(ContentError) as caught:
        parse_yaml(text, Path("area.yaml"))
    return [
        (p.line, p.message.code, dict(p.message.params), p.hint.code if p.hint else None)
        for p in caught.value.problems
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [("area:\n\tname: X\n", 2), ("\tarea: 1\n", 1), ("a:\n  - x\n\t- y\n", 3), ("a: |\n  x\n\ty\n", 3)],
)
def test_a_tab_where_yaml_expects_spaces_is_found_at_the_error_mark(text, line):
    assert yaml_problems(text) == [(line, "yaml-tab", {}, "yaml-tab.hint")]


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        # A "?" inside { } or [ ] ends a plain value for the pure-Python parser (LibYAML
        # reads it as text; the unclosed "[" below sends the file to the parser that words
        # errors): a key it refuses.
        ("a: {question: Hvad nu? Ja}\nb: [\n", "yaml-question.hint"),
        ("a: [Hvad?, nej]\nb: [\n", "yaml-question.hint"),
        # A key where a list goes on (PyYAML words it "found '?'" too: its name of a key).
        ("- a\nb: c\n", "yaml-question.hint"),
        # Not a key the parser refused: the general hint.
        ("a: [1, 2\n", "yaml-syntax.hint"),
        ("a: b: c\n", "yaml-syntax.hint"),
        ("a: ? b\n", "yaml-syntax.hint"),
    ],
)
def test_a_question_mark_hint_is_chosen_by_the_token_the_parser_refused(text, hint):
    [(_, code, _, chosen)] = yaml_problems(text)
    assert (code, chosen) == ("yaml-syntax", hint)


def test_the_words_of_pyyaml_do_not_choose_the_message():
    """The same errors worded otherwise (another PyYAML, another language) get the same
    message: the kind of error and the place it points at choose it."""
    import yaml

    from faa_flere.content.yamlsource import _syntax_problem

    def problem(error: yaml.MarkedYAMLError, text: str) -> tuple[str, str | None]:
        found = _syntax_problem(Path("area.yaml"), text, error)
        return found.message.code, found.hint.code if found.hint else None

    def mark(text: str, index: int) -> yaml.Mark:
        return yaml.Mark("area.yaml", index, text.count("\n", 0, index), 0, None, None)

    tab = "area:\n\tname: X\n"
    assert problem(yaml.scanner.ScannerError(None, None, "no tab named here", mark(tab, 6)), tab) == (
        "yaml-tab",
        "yaml-tab.hint",
    )
    said = "found character '\\t' that cannot start any token"  # the words, but no tab there
    assert (
        problem(yaml.scanner.ScannerError(None, None, said, mark("a: @\n", 3)), "a: @\n")[0] == "yaml-syntax"
    )
    key = "- a\nb: c\n"
    assert (
        problem(yaml.parser.ParserError(None, None, "not worded", mark(key, 4)), key)[1]
        == "yaml-question.hint"
    )
    plain = "a: [1, 2\n"
    said = "expected ',' or ']', but got '?'"
    assert problem(yaml.parser.ParserError(None, None, said, mark(plain, 9)), plain)[1] == "yaml-syntax.hint"


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!python/object/apply:os.system [ls]\n", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("a: !foo x\n", "!foo"),
        ("a: !<tag:example.com,2000:x> y\n", "tag:example.com,2000:x"),
        ("%TAG !e! tag:e.com,2000:\n---\na: !e!x y\n", "tag:e.com,2000:x"),
        ("a: !!binary aGVq\n", "tag:yaml.org,2002:binary"),
        ("a: !!set {x}\n", "tag:yaml.org,2002:set"),
        ("a: !!map [1]\n", "tag:yaml.org,2002:map"),
        ("a: !!str [1]\n", "tag:yaml.org,2002:str"),
        ("a: !!int abc\n", "tag:yaml.org,2002:int"),
        ("a: !!bool x\n", "tag:yaml.org,2002:bool"),
        ("a: !!timestamp x\n", "tag:yaml.org,2002:timestamp"),
        ("a: =\n", "tag:yaml.org,2002:value"),  # YAML's "value" key: no constructor
        ("a: <<\n", "tag:yaml.org,2002:merge"),
    ],
)
def test_a_tag_is_refused_from_the_node_before_anything_is_constructed(text, tag, monkeypatch):
    from faa_flere.content import yamlsource

    def never(*_args: object) -> None:
        raise AssertionError("constructed")

    for loader in {yamlsource.FastLoader, yamlsource.ContentLoader}:
        monkeypatch.setattr(loader, "construct_document", never)
    # On the line of the tagged value: the last one.
    assert yaml_problems(text) == [(text.count("\n"), "yaml-tag", {"tag": tag}, "yaml-tag.hint")]


@pytest.mark.parametrize(
    "text", ["a: !!str 5\n", "a: !!int 5\n", "a: !!float 5\n", "a: ! x\n", "a: !!bool yes\n"]
)
def test_a_tag_that_yaml_would_have_given_anyway_is_plain_data(text):
    from faa_flere.content.yamlsource import parse_yaml

    data, _ = parse_yaml(text, Path("area.yaml"))
    assert set(data) == {"a"}


@pytest.mark.parametrize(
    ("field", "value", "said", "hint"),
    [
        ("  accent: orange\n", "orange", "'orange' is not a colour like #F6B81A", None),
        ("  contact:\n    name: A\n    email: a at b\n", "a at b", "'a at b' is not an e-mail address", None),
        (
            "  contact:\n    name: A\n    phone: ring til mig\n",
            "ring til mig",
            "'ring til mig' is not a phone number",
            "write the number with digits, e.g. 12 34 56 78",
        ),
    ],
)
def test_a_value_that_does_not_fit_its_pattern_gets_the_words_declared_with_it(
    tmp_path, field, value, said, hint
):
    from faa_flere import load_edition
    from faa_flere.i18n import Words

    folder = tmp_path / "by"
    folder.mkdir()
    (folder / "area.yaml").write_text("area:\n  name: By\n  plan: Planen\n" + field, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_edition(folder)
    [problem] = caught.value.problems
    english = Words("en")
    assert english.message(problem.message) == said
    assert (english.message(problem.hint) if problem.hint else None) == hint


def test_every_pattern_of_the_models_has_its_words():
    """Each pattern a model declares is a key of PATTERN_WORDS: its words are declared with
    it, and validation never has to read a pattern to choose them."""
    from faa_flere.content import models
    from faa_flere.content.validation import _message
    from faa_flere.i18n.messages import MESSAGES

    patterns = {
        value for name, value in vars(models).items() if name.endswith("_PATTERN") and isinstance(value, str)
    }
    assert patterns == set(models.PATTERN_WORDS)
    for pattern, (code, hint) in models.PATTERN_WORDS.items():
        assert code in MESSAGES and (hint is None or hint in MESSAGES)
        error = {"type": "string_pattern_mismatch", "input": "x", "ctx": {"pattern": pattern}}
        assert _message(error)[0].code == code
    # A pattern declared without words gets no guessed ones.
    error = {"type": "string_pattern_mismatch", "input": "x", "ctx": {"pattern": "^[0-9 ()#@]$"}}
    assert _message(error)[0].code == "invalid-value"
