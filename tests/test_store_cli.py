"""The store's commands: ``db upgrade``, ``import``, ``export`` and ``admin``, through the
CLI, on SQLite and on PostgreSQL."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faa_flere.cli import app
from faa_flere.store import DEFAULT_URL, URL_VARIABLE, Store, url_from_env

ROOT = Path(__file__).resolve().parent.parent
AREAS = ROOT / "areas"


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_the_database_url_comes_from_the_option_the_environment_or_the_default():
    assert url_from_env("sqlite:///given", {URL_VARIABLE: "sqlite:///env"}) == "sqlite:///given"
    assert url_from_env(None, {URL_VARIABLE: "sqlite:///env"}) == "sqlite:///env"
    assert url_from_env(None, {}) == DEFAULT_URL == "sqlite:///areas/.faa-flere.sqlite"


def test_db_upgrade_makes_the_default_file_beside_the_editions_which_builds_ignore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from faa_flere.pack.batch import discover

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(URL_VARIABLE, raising=False)
    shutil.copytree(AREAS / "tingbjerg", tmp_path / "areas" / "tingbjerg")
    result = invoke("db", "upgrade")
    assert result.exit_code == 0, result.output
    assert "sqlite:///areas/.faa-flere.sqlite" in result.output
    assert (tmp_path / "areas" / ".faa-flere.sqlite").is_file()
    result = invoke("import", "areas/tingbjerg")  # the database file is written to (-wal, -shm)
    assert result.exit_code == 0, result.output
    # `build --all areas` builds the official pack and the one edition, nothing else.
    assert [task.name for task in discover(tmp_path / "areas")][1:] == ["tingbjerg"]
    # `validate` of the folder of editions and of the edition ignore it too.
    assert invoke("validate", "areas/tingbjerg").exit_code == 0


def test_the_environment_names_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(URL_VARIABLE, f"sqlite:///{tmp_path / 'env.sqlite'}")
    result = invoke("db", "upgrade")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env.sqlite").is_file()


def test_import_then_export_gives_back_a_folder_that_validates(database_url: str, tmp_path: Path):
    result = invoke("import", str(AREAS / "gellerup"), "--db", database_url)
    assert result.exit_code == 0, result.output
    assert "version 1 of »Gellerup og Toveshøj« (gellerup)" in result.output
    result = invoke("import", str(AREAS / "tingbjerg"), "--slug", "tb", "--db", database_url)
    assert result.exit_code == 0, result.output
    out = tmp_path / "exported"
    result = invoke("export", "gellerup", "--out", str(out), "--db", database_url)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["area.yaml", "logo.png"]
    assert (out / "logo.png").read_bytes() == (AREAS / "gellerup" / "logo.png").read_bytes()
    assert invoke("validate", str(out)).exit_code == 0
    # Another version over the same folder replaces it.
    result = invoke("export", "tb", "--out", str(out), "--version", "1", "--db", database_url)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["area.yaml", "logo.svg"]


def test_export_says_what_is_missing(database_url: str, tmp_path: Path):
    result = invoke("export", "nowhere", "--out", str(tmp_path / "x"), "--db", database_url)
    assert result.exit_code == 1
    assert "there is no area with the folder name nowhere" in result.output
    invoke("import", str(AREAS / "tingbjerg"), "--db", database_url)
    result = invoke(
        "export", "tingbjerg", "--version", "7", "--out", str(tmp_path / "x"), "--db", database_url
    )
    assert result.exit_code == 1 and "tingbjerg has no version 7" in result.output
    assert not (tmp_path / "x").exists()


def test_importing_a_broken_folder_reports_the_line_and_saves_nothing(database_url: str, tmp_path: Path):
    folder = tmp_path / "solgaarden"
    shutil.copytree(AREAS / "tingbjerg", folder)
    (folder / "area.yaml").write_text("area:\n  name: Solgården\n  plan: [\n", encoding="utf-8")
    result = invoke("import", str(folder), "--db", database_url)
    assert result.exit_code == 1
    assert "area.yaml:" in result.output and "YAML" in result.output
    with Store.open(database_url) as store:
        assert store.areas.visible_to(None) == []


def test_admin_makes_an_administrator_with_a_one_time_link(database_url: str):
    result = invoke("admin", "Anne@CFBU.dk", "--name", "Anne Ørsted", "--db", database_url)
    assert result.exit_code == 0, result.output
    assert "Administrator anne@cfbu.dk created." in result.output
    token = result.output.split("/invitation/")[1].split()[0]
    with Store.open(database_url) as store:
        user = store.accounts.redeem(token, "et langt kodeord")
        assert user.is_admin and user.name == "Anne Ørsted"
    again = invoke("admin", "anne@cfbu.dk", "--name", "Anne", "--db", database_url)
    assert again.exit_code == 1 and "already an account" in again.output
    reset = invoke("admin", "anne@cfbu.dk", "--reset", "--db", database_url)
    assert reset.exit_code == 0 and "/invitation/" in reset.output
    with Store.open(database_url) as store:
        assert store.accounts.authenticate("anne@cfbu.dk", "et langt kodeord") is None
        store.accounts.redeem(reset.output.split("/invitation/")[1].split()[0], "et nyt langt kodeord")
        assert store.accounts.authenticate("anne@cfbu.dk", "et nyt langt kodeord") is not None
    missing = invoke("admin", "bo@cfbu.dk", "--db", database_url)
    assert missing.exit_code == 2 and "--name is missing" in missing.output


def test_a_database_that_cannot_be_reached_is_one_line_and_exit_code_1():
    result = invoke("db", "upgrade", "--db", "postgresql+psycopg://x:secret@127.0.0.1:1/none")
    assert result.exit_code == 1
    assert "cannot be used" in result.output and "secret" not in result.output


WITHOUT_WEASYPRINT = """
import sys
from faa_flere.cli import main
sys.argv = ["faa-flere", *sys.argv[1:]]
try:
    main()
except SystemExit as e:
    print("exit", e.code, file=sys.stderr)
print("weasyprint loaded" if "weasyprint" in sys.modules else "weasyprint not loaded", file=sys.stderr)
"""


def test_the_store_commands_do_not_import_weasyprint(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    for args in (
        ["db", "upgrade", "--db", url],
        ["import", str(AREAS / "tingbjerg"), "--db", url],
        ["export", "tingbjerg", "--out", str(tmp_path / "out"), "--db", url],
        ["admin", "a@cfbu.dk", "--name", "A", "--db", url],
    ):
        answer = subprocess.run(
            [sys.executable, "-c", WITHOUT_WEASYPRINT, *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert "exit 0" in answer.stderr or "exit" not in answer.stderr, answer.stderr
        assert "weasyprint not loaded" in answer.stderr, answer.stderr
    assert (tmp_path / "out" / "area.yaml").is_file()


def test_the_store_commands_speak_danish():
    env = {"LANG": "da_DK.UTF-8", "PATH": "/usr/bin:/bin"}
    answer = subprocess.run(
        [sys.executable, "-m", "faa_flere", "export", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**env, "PYTHONPATH": str(ROOT / "src")},
    )
    assert "Skriv en gemt version af et områdes udgave" in answer.stdout, answer.stdout + answer.stderr
