"""Local and hosted as two modes of one app: the views never ask which; a GET never writes;
the local editions folder is taken in by the mode (at start, and by its watcher thread); a
save is checked and stored without a temporary folder, loading the new edition once."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import event

import faa_flere.toolkit
from faa_flere.web.app import create_app
from faa_flere.web.config import local_config
from faa_flere.web.modes import LocalMode

from .test_web_hosted import Visitor, hosted  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "src" / "faa_flere" / "web"


@pytest.fixture
def local(tmp_path: Path):
    editions = tmp_path / "areas"
    editions.mkdir()
    shutil.copytree(ROOT / "areas" / "tingbjerg", editions / "tingbjerg")
    config = local_config(editions, tmp_path / "web")
    assert config.editions is not None
    mode = LocalMode(config.editions)
    app = create_app(config, mode)
    yield app, mode, editions
    mode.stop()
    app.extensions["faa_flere"].queue.stop_worker()


def writes_during(app, action) -> list[str]:
    """The statements that change the database while ``action`` runs."""
    engine = app.extensions["faa_flere"].store.engine
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if re.match(r"\s*(INSERT|UPDATE|DELETE)", statement, re.I):
            seen.append(" ".join(statement.split()[:3]))

    event.listen(engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def test_a_get_never_writes_even_when_the_folder_changed(local):
    app, mode, editions = local
    client = app.test_client()
    area_yaml = editions / "tingbjerg" / "area.yaml"
    area_yaml.write_text(area_yaml.read_text(encoding="utf-8").replace("Tingbjerg", "Tingbjerg Nord", 1))
    (editions / "nyby").mkdir()
    (editions / "nyby" / "area.yaml").write_text("area:\n  name: Nyby\n  plan: Plan\n", encoding="utf-8")

    def look() -> None:
        for path in ("/", "/udgave/tingbjerg", "/udgave/tingbjerg/historik", "/udgave/tingbjerg/version/1"):
            assert client.get(path).status_code == 200, path

    assert writes_during(app, look) == []
    store = app.extensions["faa_flere"].store
    assert store.areas.latest("tingbjerg").info.number == 1 and store.areas.latest("nyby") is None

    mode.sync()  # what the watcher does every second
    assert store.areas.latest("tingbjerg").info.number == 2
    assert "Tingbjerg Nord" in store.areas.latest("tingbjerg").files.area_yaml
    assert store.areas.latest("nyby") is not None
    mode.sync()  # nothing changed since: nothing new
    assert store.areas.latest("tingbjerg").info.number == 2


def test_the_watcher_takes_in_a_change_by_itself(local):
    app, mode, editions = local
    store = app.extensions["faa_flere"].store
    thread = mode.watch(every=0.1)
    area_yaml = editions / "tingbjerg" / "area.yaml"
    area_yaml.write_text(area_yaml.read_text(encoding="utf-8").replace("Tingbjerg", "Tingbjerg Syd", 1))
    deadline = time.monotonic() + 10
    while store.areas.latest("tingbjerg").info.number < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "Tingbjerg Syd" in store.areas.latest("tingbjerg").files.area_yaml
    mode.stop()
    thread.join(5)
    assert not thread.is_alive()


def test_a_save_in_the_local_mode_is_written_back_to_the_folder(local):
    app, mode, editions = local
    client = app.test_client()
    from .test_web import form_of, post

    form = form_of(client, "tingbjerg")
    form["area-plan"] = ["En ny plan"]
    assert post(client, "tingbjerg", form).status_code == 302
    assert "En ny plan" in (editions / "tingbjerg" / "area.yaml").read_text(encoding="utf-8")
    store = app.extensions["faa_flere"].store
    mode.sync()  # the folder is what was saved: no version of its own
    assert store.areas.latest("tingbjerg").info.number == 2


def test_a_save_makes_no_temporary_folder_and_loads_the_edition_once(hosted, monkeypatch):  # noqa: F811
    app, store = hosted
    visitor = Visitor(app)
    visitor.login("mette@tingbjerg.example")
    form = visitor.form("tingbjerg")  # the page loaded the version it shows
    form["contact-role"] = ["Projektleder"]

    made: list[str] = []
    for name in ("mkdtemp", "mkstemp", "NamedTemporaryFile", "TemporaryDirectory"):
        real = getattr(tempfile, name)
        monkeypatch.setattr(
            tempfile, name, lambda *a, _real=real, _name=name, **k: (made.append(_name), _real(*a, **k))[1]
        )
    loads: list[str] = []
    real_load = faa_flere.toolkit.edition_content
    monkeypatch.setattr(
        faa_flere.toolkit,
        "edition_content",
        lambda files, *a, **k: (loads.append(files.area_yaml), real_load(files, *a, **k))[1],
    )
    answer = visitor.post("/udgave/tingbjerg", form)

    assert answer.status_code == 302
    assert store.areas.latest("tingbjerg").info.number == 2
    assert "Projektleder" in store.areas.latest("tingbjerg").files.area_yaml
    assert made == []
    assert len(loads) == 1 and "Projektleder" in loads[0]


def test_no_view_or_template_asks_which_mode():
    """The mode is chosen once (``app.mode_for``); views and templates ask the mode."""
    for path in WEB.glob("*.py"):
        count = path.read_text(encoding="utf-8").count("config.hosted")
        expected = {"app.py": 1, "config.py": count, "wsgi.py": count}.get(path.name, 0)
        assert count == expected, f"{path.name} asks config.hosted {count} times"
    for path in (WEB / "templates").glob("*.html"):
        assert "hosted" not in path.read_text(encoding="utf-8"), path.name


def test_a_mistake_typed_into_the_folder_is_said_on_the_page_not_dropped(local):
    app, mode, editions = local
    client = app.test_client()
    area_yaml = editions / "tingbjerg" / "area.yaml"
    good = area_yaml.read_text(encoding="utf-8")
    area_yaml.write_text(good + "partnerz: [Nogen]\n", encoding="utf-8")
    mode.sync()
    page = client.get("/udgave/tingbjerg").get_data(as_text=True)
    assert "data-trouble" in page and "Filen i mappen med udgaverne har en fejl" in page
    assert "area.yaml:" in page and "partnerz" in page
    store = app.extensions["faa_flere"].store
    assert store.areas.latest("tingbjerg").info.number == 1  # the last version that loaded
    assert "partnerz" in area_yaml.read_text(encoding="utf-8")  # the file is left as typed

    area_yaml.write_text(good.replace("Tingbjerg", "Tingbjerg Vest", 1), encoding="utf-8")
    mode.sync()
    page = client.get("/udgave/tingbjerg").get_data(as_text=True)
    assert "data-trouble" not in page and store.areas.latest("tingbjerg").info.number == 2


def test_leaving_out_every_material_is_said_not_read_as_all(local):
    app, _mode, _editions = local
    client = app.test_client()
    from .test_web import form_of, post

    form = {
        name: value
        for name, value in form_of(client, "tingbjerg").items()
        if not name.startswith("material-")
    }
    answer = post(client, "tingbjerg", form)
    assert answer.status_code == 400
    assert "mindst 1" in answer.get_data(as_text=True)
    assert app.extensions["faa_flere"].store.areas.latest("tingbjerg").info.number == 1


def test_a_job_failed_by_the_servers_setup_is_said_to_staff_without_its_options():
    from faa_flere.errors import OptionError, msg
    from faa_flere.jobs.request import failure
    from faa_flere.web.words import failure_words

    missing = OptionError.of(
        "no-cmyk-profile", msg("no-cmyk-profile.hint"), subject="--output-profile", file="/x.icc"
    )
    said = failure_words(failure(missing.problems))
    assert said.startswith("Det kunne ikke laves: serveren mangler noget") and "--output-profile" not in said
    content = failure(
        [missing.problems[0].__class__(Path("a/area.yaml"), 3, ("area",), missing.problems[0].message)]
    )
    assert "area.yaml:3" in failure_words(content)  # a problem in the edition is said as it is
