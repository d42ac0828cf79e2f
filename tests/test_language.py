"""The words at the edges: Danish by default (also under C and POSIX), English when asked.

Each run is a fresh process, so the language is chosen from its environment as a user's
terminal would choose it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

AREAS = Path(__file__).resolve().parent.parent / "areas"


def run(args: list[str], lang: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    environment["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "faa_flere", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture
def misspelt(tmp_path: Path) -> Path:
    folder = tmp_path / "fejlby"
    folder.mkdir()
    (folder / "area.yaml").write_text(
        "area:\n  name: Fejlby\n  plan: Helhedsplanen i Fejlby\nchanges:\n  remove: [k31]\n",
        encoding="utf-8",
    )
    return folder


def test_the_same_mistake_in_danish_and_in_english(misspelt: Path):
    danish = run(["validate", str(misspelt)], "da_DK.UTF-8")
    english = run(["validate", str(misspelt)], "en_US.UTF-8")
    assert danish.returncode == english.returncode == 1
    assert "area.yaml:5: changes.remove[0]: ukendt id »k31« (mente du »k30«?)" in danish.stderr
    assert "area.yaml:5: changes.remove[0]: unknown id 'k31' (did you mean 'k30'?)" in english.stderr
    assert "Traceback" not in danish.stderr + english.stderr


def test_an_empty_text_is_one_problem_in_plain_words(tmp_path: Path):
    folder = tmp_path / "tom"
    folder.mkdir()
    (folder / "area.yaml").write_text(
        "area:\n  name: Tom\n  plan: Planen\nchanges:\n  edit:\n    k07: ''\n", encoding="utf-8"
    )
    danish = run(["validate", str(folder)], "da_DK.UTF-8")
    english = run(["validate", str(folder)], "en_US.UTF-8")
    assert danish.stderr.strip().endswith("area.yaml:6: changes.edit.k07: skal udfyldes")
    assert english.stderr.strip().endswith("area.yaml:6: changes.edit.k07: must not be empty")


@pytest.mark.parametrize("lang", ["C", "POSIX", "", "C.UTF-8", "de_DE.UTF-8"])
def test_danish_unless_the_locale_names_english(misspelt: Path, lang: str):
    answer = run(["validate", str(misspelt)], lang)
    assert "ukendt id »k31«" in answer.stderr


def test_help_texts_are_danish_and_english():
    danish = run(["build", "--help"], "da_DK.UTF-8")
    english = run(["build", "--help"], "en_GB.UTF-8")
    assert "Brug: faa-flere build" in danish.stdout
    assert "Byg en pakke" in danish.stdout
    assert "Vis denne hjælp" in danish.stdout
    assert "Usage: faa-flere build" in english.stdout
    assert "Build a pack" in english.stdout


def test_a_wrong_option_is_explained_in_danish_with_exit_code_2():
    answer = run(["build", "--papir", "a4"], "da_DK.UTF-8")
    assert answer.returncode == 2
    assert "der er ingen valgmulighed ved navn --papir (mente du »--paper«?)" in answer.stderr
    wrong_number = run(["build", "--jobs", "mange"], "da_DK.UTF-8")
    assert wrong_number.returncode == 2
    assert "værdien til --jobs" in wrong_number.stderr
    assert "Input should be" not in wrong_number.stderr  # validation-library wording stays inside


def test_danish_numbers_and_plurals(tmp_path: Path):
    folder = tmp_path / "kun-manual"
    folder.mkdir()
    (folder / "area.yaml").write_text(
        "area:\n  name: Kort by\n  plan: Planen\nmaterials: [tjekliste]\n", encoding="utf-8"
    )
    danish = run(["build", str(folder), "--out", str(tmp_path / "da")], "da_DK.UTF-8")
    assert danish.returncode == 0, danish.stderr
    assert "1 side" in danish.stdout and "1 sider" not in danish.stdout
    summary = danish.stdout.strip().splitlines()[-1]
    assert "PDF-filer i" in summary
    assert "," in summary.rsplit("(", 1)[1]  # 2,4 s: a decimal comma
    english = run(["build", str(folder), "--out", str(tmp_path / "en")], "en_GB.UTF-8")
    assert "1 page" in english.stdout and "1 pages" not in english.stdout


def test_list_uses_the_words_of_the_glossary():
    answer = run(["list", str(AREAS / "tingbjerg")], "da_DK.UTF-8")
    assert answer.returncode == 0, answer.stderr
    assert "ændret" in answer.stdout and "egen" in answer.stdout and "udeladt" in answer.stdout
    assert "lokal " not in answer.stdout and "fjernet" not in answer.stdout


WITHOUT_WEASYPRINT = """
import sys
from faa_flere.cli import main
sys.argv = ["faa-flere", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("weasyprint loaded" if "weasyprint" in sys.modules else "weasyprint not loaded", file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args", [["--version"], ["validate", str(AREAS / "tingbjerg")], ["list"], ["build", "--papir", "x"]]
)
def test_commands_that_render_nothing_do_not_import_weasyprint(args: list[str]):
    answer = subprocess.run(
        [sys.executable, "-c", WITHOUT_WEASYPRINT, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "weasyprint not loaded" in answer.stderr, answer.stderr


def test_importing_the_errors_does_not_import_weasyprint():
    code = "import sys, faa_flere.errors, faa_flere; print('weasyprint' in sys.modules)"
    answer = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert answer.stdout.strip() == "False"


def test_the_version_comes_from_the_package_metadata():
    from importlib.metadata import version

    answer = run(["--version"], "da_DK.UTF-8")
    assert answer.stdout.strip() == f"faa-flere {version('faa-flere')}"


def test_every_message_has_its_danish_words_and_formats_in_both_languages():
    """Each declared message is in the catalogue, and both its English and Danish words take
    its parameters (a literal brace or a wrong placeholder would break at the edge)."""
    import string

    from faa_flere.i18n import Words
    from faa_flere.i18n.messages import MESSAGES, PLURALS

    danish = Words("da")
    for code, english in [*MESSAGES.items(), *((c, s) for c, (s, _p) in PLURALS.items())]:
        names = {name for _, name, _, _ in string.Formatter().parse(english) if name}
        params = {name: "x" for name in names}
        if code in PLURALS:
            params["count"] = 2
        words = danish.message_code(code, **params)
        assert words, code
        assert Words("en").message_code(code, **params), code
        # the same in Danish
        same = ("yaml-syntax", "batch-header-status", "valid", "version", "changes-summary", "topic-logo")
        # the web page: a name, and words Danish shares with English
        same += ("web-title", "web-admin", "web-email", "web-status", "web-field.area-logo", "web-print")
        same += ("web-field.contact-email",)
        same += ("web-field.intro", "web-version-of", "web-version", "web-version-number")
        same += ("web-version-heading",)
        if code in MESSAGES and code not in same:
            assert danish.gettext(english) != english, f"{code} has no Danish words"
