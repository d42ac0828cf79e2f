"""The store on SQLite and on a real PostgreSQL server: migrations, versions, conflicts,
accounts, invitations, visibility, uploads, and editions in and out of folders."""

from __future__ import annotations

import datetime
import json
import shutil
import threading
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import event, func, inspect, select, text
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

from faa_flere.cli import app
from faa_flere.errors import ContentError, OptionError, StoreError
from faa_flere.i18n import Words
from faa_flere.store import (
    AreaExists,
    Conflict,
    EditionFiles,
    Store,
    danish_key,
    make_engine,
    upgrade,
)
from faa_flere.store.database import run_migrations
from faa_flere.store.models import Base, Blob

ROOT = Path(__file__).resolve().parent.parent
AREAS = ROOT / "areas"
TABLES = {
    "users",
    "areas",
    "memberships",
    "versions",
    "blobs",
    "version_files",
    "invites",
    "uploads",
    "jobs",
    "audit",
}

YAML_1 = "area:\n  name: Solgården\n  plan: Solgården 2030\n"
YAML_2 = "area:\n  name: Solgården\n  plan: Solgården 2031\n"
YAML_3 = "area:\n  name: Solgården\n  plan: Solgården 2032\n"
LOGO = b"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'><rect width='10' height='10'/></svg>"


def edition(area_yaml: str = YAML_1, files: dict[str, bytes] | None = None) -> EditionFiles:
    return EditionFiles(area_yaml, dict(files or {}))


# --- migrations ---


def test_the_migrations_make_every_table_from_an_empty_database(database_url: str):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_engine(database_url)
    try:
        assert set(inspect(engine).get_table_names()) == set()
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
        upgrade(engine)  # a second time does nothing
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "0006"
            # What `alembic check` does: the models and the migrations agree.
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        with engine.begin() as connection:
            run_migrations(connection, "downgrade", "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()


def test_a_database_that_cannot_be_reached_is_a_plain_error():
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql+psycopg://nobody:secret@127.0.0.1:1/nothing")
    assert caught.value.problems[0].message.code == "database-unusable"
    assert "secret" not in str(caught.value)  # the password is not shown
    with pytest.raises(StoreError) as caught:
        Store.open("no database at all")
    assert caught.value.problems[0].message.code == "database-url-bad"


def test_sqlite_checks_foreign_keys_and_writes_ahead(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db' / 'store.sqlite'}")  # the folder is made
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("PRAGMA foreign_keys")) == 1
            assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
    finally:
        engine.dispose()


# --- versions ---


def test_versions_are_numbered_and_a_save_without_changes_makes_none(store: Store):
    store.areas.create("solgaarden", "Solgården")
    first = store.areas.save_version("solgaarden", None, edition(YAML_1, {"logo.svg": LOGO}), None, "first")
    second = store.areas.save_version("solgaarden", 1, edition(YAML_2, {"logo.svg": LOGO}), None, "plan")
    same = store.areas.save_version("solgaarden", 2, edition(YAML_2, {"logo.svg": LOGO}), None, "again")
    assert (first.number, second.number, same.number) == (1, 2, 2)
    assert same.summary == "plan"
    assert [v.number for v in store.areas.history("solgaarden")] == [2, 1]
    latest = store.areas.latest("solgaarden")
    assert latest is not None and latest.files == edition(YAML_2, {"logo.svg": LOGO})
    old = store.areas.version("solgaarden", 1)
    assert old is not None and old.files.area_yaml == YAML_1
    assert store.areas.version("solgaarden", 3) is None and store.areas.latest("nowhere") is None
    assert store.areas.get("solgaarden", None).latest == 2  # type: ignore[union-attr]
    # Created in UTC, newest first in the history.
    history = store.areas.history("solgaarden")
    assert history[0].created_at.tzinfo is not None
    assert history[0].created_at.utcoffset() == datetime.timedelta(0)
    assert history[0].created_at >= history[1].created_at


def test_a_changed_file_alone_is_a_new_version(store: Store):
    store.areas.create("solgaarden", "Solgården")
    store.areas.save_version("solgaarden", None, edition(YAML_1, {"logo.svg": LOGO}), None, "")
    changed = store.areas.save_version("solgaarden", 1, edition(YAML_1, {"logo.svg": LOGO + b" "}), None, "")
    removed = store.areas.save_version("solgaarden", 2, edition(), None, "")
    assert (changed.number, removed.number) == (2, 3)
    assert store.areas.version("solgaarden", 3).files.files == {}  # type: ignore[union-attr]


def test_a_save_on_an_old_version_is_a_conflict_and_saves_nothing(store: Store):
    author = store.accounts.create_user("berit@example.dk", "Berit", "staff")
    store.areas.create("solgaarden", "Solgården")
    store.areas.save_version("solgaarden", None, edition(), None, "")
    store.areas.save_version("solgaarden", 1, edition(YAML_2), author, "Berit's")
    with pytest.raises(Conflict) as caught:
        store.areas.save_version("solgaarden", 1, edition(YAML_3), None, "mine")
    assert caught.value.base == 1
    assert caught.value.latest.number == 2 and caught.value.latest.author_name == "Berit"
    assert "Berit saved version 2 after version 1" in str(caught.value)
    with pytest.raises(Conflict):  # "no version yet" is a base too
        store.areas.save_version("solgaarden", None, edition(YAML_3), None, "mine")
    assert [v.number for v in store.areas.history("solgaarden")] == [2, 1]
    # Taking the other's version, then saving on it, works.
    assert store.areas.save_version("solgaarden", 2, edition(YAML_3), None, "mine").number == 3


def test_two_saves_on_the_same_version_at_the_same_moment(database_url: str):
    """Both read version 1 as the newest before either writes (a barrier holds each one
    just before its insert): one wins, the other gets a conflict naming the winner's
    version, and saving again on top of that loses nothing."""
    first = Store.open(database_url)
    second = Store(make_engine(database_url))
    first.areas.create("solgaarden", "Solgården")
    base = first.areas.save_version("solgaarden", None, edition(), None, "start")
    postgres = first.engine.dialect.name == "postgresql"
    barrier = threading.Barrier(2, timeout=20)

    def hold(_conn, _cursor, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO VERSIONS"):
            barrier.wait()

    if postgres:  # SQLite lets one writer in at a time: the second reads after the first
        for store in (first, second):
            event.listen(store.engine, "before_cursor_execute", hold)
    results: dict[str, object] = {}

    def save(name: str, store: Store, area_yaml: str) -> None:
        try:
            results[name] = store.areas.save_version(
                "solgaarden", base.number, edition(area_yaml), None, name
            )
        except Conflict as e:
            results[name] = e

    threads = [
        threading.Thread(target=save, args=("a", first, YAML_2)),
        threading.Thread(target=save, args=("b", second, YAML_3)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for store in (first, second):
        if postgres:
            event.remove(store.engine, "before_cursor_execute", hold)
    try:
        conflicts = [r for r in results.values() if isinstance(r, Conflict)]
        saved = [r for r in results.values() if not isinstance(r, Conflict)]
        assert len(conflicts) == 1 and len(saved) == 1, results
        loser = "a" if isinstance(results["a"], Conflict) else "b"
        assert conflicts[0].latest.number == 2 and conflicts[0].base == 1
        if postgres:  # both inserted number 2: the unique constraint refused the second
            assert isinstance(conflicts[0].__cause__, IntegrityError)
        assert conflicts[0].latest.summary == ("b" if loser == "a" else "a")
        mine = YAML_2 if loser == "a" else YAML_3
        again = first.areas.save_version("solgaarden", conflicts[0].latest.number, edition(mine), None, loser)
        assert again.number == 3
        assert {first.areas.version("solgaarden", n).files.area_yaml for n in (2, 3)} == {YAML_2, YAML_3}  # type: ignore[union-attr]
    finally:
        first.close()
        second.close()


def test_many_saves_on_one_version_from_many_threads_make_one_version(database_url: str):
    stores = [Store.open(database_url) for _ in range(6)]
    try:
        stores[0].areas.create("solgaarden", "Solgården")
        stores[0].areas.save_version("solgaarden", None, edition(), None, "")
        outcomes: list[object] = []

        def save(index: int, store: Store) -> None:
            try:
                outcomes.append(
                    store.areas.save_version("solgaarden", 1, edition(f"{YAML_1}# {index}\n"), None, "")
                )
            except Conflict as e:
                outcomes.append(e)

        threads = [threading.Thread(target=save, args=(i, s)) for i, s in enumerate(stores)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert len(outcomes) == 6
        assert sum(not isinstance(o, Conflict) for o in outcomes) == 1
        assert [v.number for v in stores[0].areas.history("solgaarden")] == [2, 1]
    finally:
        for store in stores:
            store.close()


def test_files_are_kept_once_however_many_versions_share_them(store: Store):
    store.areas.create("solgaarden", "Solgården")
    store.areas.create("toftegaarden", "Toftegården")
    store.areas.save_version("solgaarden", None, edition(YAML_1, {"logo.svg": LOGO}), None, "")
    store.areas.save_version("solgaarden", 1, edition(YAML_2, {"logo.svg": LOGO}), None, "")
    store.areas.save_version(
        "toftegaarden", None, edition(YAML_1, {"logo.svg": LOGO, "templates/kort.html": b"x"}), None, ""
    )
    with store.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Blob)) == 2
    assert store.areas.version("solgaarden", 1).files.files == {"logo.svg": LOGO}  # type: ignore[union-attr]
    files = store.areas.latest("toftegaarden").files.files  # type: ignore[union-attr]
    assert files == {"logo.svg": LOGO, "templates/kort.html": b"x"}


def test_a_save_refuses_paths_outside_the_edition_and_files_over_the_limits(store: Store):
    store.areas.create("solgaarden", "Solgården")
    for files in ({"../x.png": b""}, {".hidden": b""}, {"/etc/passwd": b""}, {"area.yaml": b""}):
        with pytest.raises(ContentError) as caught:
            store.areas.save_version("solgaarden", None, EditionFiles(YAML_1, files), None, "")
        assert caught.value.problems[0].message.code == "edition-path-bad"
    with pytest.raises(ContentError) as caught:
        store.areas.save_version(
            "solgaarden", None, edition(YAML_1, {"logo.png": b"x" * (2 * 1024 * 1024 + 1)}), None, ""
        )
    assert caught.value.problems[0].message.code == "file-too-large"
    assert store.areas.history("solgaarden") == []


# --- areas and who sees them ---


def test_an_area_whose_folder_name_is_taken_says_whose_it_is(store: Store):
    store.areas.create("solgaarden", "Solgården")
    with pytest.raises(AreaExists) as caught:
        store.areas.create("solgaarden", "SOLGÅRDEN")
    assert caught.value.area.name == "Solgården"
    danish = Words("da").error(caught.value)
    assert "Der findes allerede et område med navnet »Solgården«".lower() in danish.lower()
    for slug in ("Solgården", "-x", "a" * 41, "a/b", ""):
        with pytest.raises(StoreError):
            store.areas.create(slug, "Navn")
    with pytest.raises(StoreError):
        store.areas.create("tom", "   ")


def test_staff_see_only_their_own_areas(store: Store):
    admin = store.accounts.create_user("admin@cfbu.dk", "Admin", "admin")
    berit = store.accounts.create_user("Berit@Example.dk", "Berit", "staff")
    for slug, name in (("ingen", "Ingen"), ("solgaarden", "Solgården"), ("aarhus", "Aarhus Vest")):
        store.areas.create(slug, name)
    store.accounts.grant("berit@example.dk", "solgaarden")
    store.accounts.grant("BERIT@example.dk", "solgaarden")  # twice is once
    assert [a.slug for a in store.areas.visible_to(berit)] == ["solgaarden"]
    assert [a.slug for a in store.areas.visible_to(admin)] == ["ingen", "solgaarden", "aarhus"]
    assert [a.slug for a in store.areas.visible_to(None)] == ["ingen", "solgaarden", "aarhus"]
    assert store.areas.get("solgaarden", berit) is not None
    # Another's area and no area at all: the same answer.
    assert store.areas.get("ingen", berit) is None
    assert store.areas.get("nowhere", berit) is None
    assert store.areas.get("ingen", admin) is not None
    assert [u.name for u in store.accounts.members("solgaarden")] == ["Berit"]
    store.accounts.revoke("berit@example.dk", "solgaarden")
    assert store.areas.visible_to(berit) == [] and store.areas.get("solgaarden", berit) is None
    with pytest.raises(StoreError):
        store.accounts.grant("nobody@example.dk", "solgaarden")
    with pytest.raises(StoreError):
        store.accounts.grant("berit@example.dk", "nowhere")


def test_danish_alphabetical_order():
    names = ["Ålholm", "Zealand", "Aarhus Vest", "ørestad", "Æblehaven", "Amager", "Émile", "bispebjerg"]
    assert sorted(names, key=danish_key) == [
        "Amager",
        "bispebjerg",
        "Émile",
        "Zealand",
        "Æblehaven",
        "ørestad",
        "Ålholm",
        "Aarhus Vest",
    ]


# --- editions in and out of folders ---


def test_an_exported_version_is_an_edition_folder_that_validates(store: Store, tmp_path: Path):
    imported = store.areas.import_folder(AREAS / "tingbjerg")
    assert imported.number == 1 and imported.slug == "tingbjerg"
    out = tmp_path / "export" / "tingbjerg"
    assert store.areas.export("tingbjerg", None, out).number == 1
    assert (out / "area.yaml").read_bytes() == (AREAS / "tingbjerg" / "area.yaml").read_bytes()
    assert (out / "logo.svg").read_bytes() == (AREAS / "tingbjerg" / "logo.svg").read_bytes()
    result = CliRunner().invoke(app, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output


def test_the_sample_editions_come_in_with_their_names_and_files(store: Store):
    for slug in ("tingbjerg", "gellerup"):
        version = store.areas.import_folder(AREAS / slug)
        assert version.number == 1
        # Data, not words in this process's language: the page says it in Danish.
        assert json.loads(version.summary) == {
            "changes": [],
            "note": "imported-folder",
            "params": {"folder": slug},
        }
    names = {a.slug: a.name for a in store.areas.visible_to(None)}
    assert names == {"tingbjerg": "Tingbjerg", "gellerup": "Gellerup og Toveshøj"}
    assert set(store.areas.latest("gellerup").files.files) == {"logo.png"}  # type: ignore[union-attr]
    # The same folder again changes nothing; under another name it is another area.
    assert store.areas.import_folder(AREAS / "gellerup").number == 1
    assert store.areas.import_folder(AREAS / "gellerup", slug="gellerup-2", name="Gellerup 2").number == 1
    assert store.areas.get("gellerup-2", None).name == "Gellerup 2"  # type: ignore[union-attr]


def test_a_broken_folder_gives_the_loaders_error_and_writes_nothing(store: Store, tmp_path: Path):
    folder = tmp_path / "solgaarden"
    shutil.copytree(AREAS / "tingbjerg", folder)
    text = (folder / "area.yaml").read_text(encoding="utf-8")
    (folder / "area.yaml").write_text(text.replace("area:\n", "area:\n  colour: red\n", 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        store.areas.import_folder(folder)
    problem = caught.value.problems[0]
    assert problem.path is not None and problem.path.name == "area.yaml" and problem.line == 3
    assert store.areas.visible_to(None) == [] and store.areas.history("solgaarden") == []


def test_reading_a_folder_refuses_links_and_large_files_and_skips_hidden_ones(tmp_path: Path):
    folder = tmp_path / "solgaarden"
    (folder / "templates").mkdir(parents=True)
    (folder / "area.yaml").write_text(YAML_1, encoding="utf-8")
    (folder / "templates" / "kort.html").write_text("{{ x }}", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"junk")
    read = EditionFiles.read(folder)
    assert read == EditionFiles(YAML_1, {"templates/kort.html": b"{{ x }}"})
    (folder / "logo.png").symlink_to("/etc/passwd")
    (folder / "big.png").write_bytes(b"x" * (2 * 1024 * 1024 + 1))
    with pytest.raises(ContentError) as caught:
        EditionFiles.read(folder)
    assert sorted(p.message.code for p in caught.value.problems) == ["file-is-link", "file-too-large"]
    with pytest.raises(ContentError) as caught:
        EditionFiles.read(tmp_path / "nowhere")
    assert caught.value.problems[0].message.code == "no-edition-folder"
    (folder / "area.yaml").unlink()
    (folder / "logo.png").unlink()
    (folder / "big.png").unlink()
    with pytest.raises(ContentError) as caught:
        EditionFiles.read(folder)
    assert caught.value.problems[0].message.code == "file-missing"


def test_writing_a_folder_swaps_it_in_whole_and_stale_files_go(tmp_path: Path):
    folder = tmp_path / "solgaarden"
    edition(YAML_1, {"logo.svg": LOGO, "templates/kort.html": b"x"}).write(folder)
    assert EditionFiles.read(folder) == edition(YAML_1, {"logo.svg": LOGO, "templates/kort.html": b"x"})
    edition(YAML_2, {"logo.png": b"png"}).write(folder)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == ["area.yaml", "logo.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["solgaarden"]  # nothing left beside it
    # A folder that is not an edition is never replaced.
    other = tmp_path / "documents"
    other.mkdir()
    (other / "letter.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(OptionError):
        edition().write(other)
    assert (other / "letter.txt").read_text(encoding="utf-8") == "keep me"


# --- accounts ---


def test_an_invitation_sets_the_password_once(store: Store):
    store.accounts.create_user("berit@example.dk", "Berit", "staff")
    token = store.accounts.invite("berit@example.dk")
    assert not store.accounts.user_by_email("berit@example.dk").active  # type: ignore[union-attr]
    with pytest.raises(StoreError) as caught:
        store.accounts.redeem(token, "short")
    assert caught.value.problems[0].message.code == "password-too-short"
    user = store.accounts.redeem(token, "et langt kodeord")  # the short try did not use it up
    assert user.active and user.email == "berit@example.dk"
    with pytest.raises(StoreError) as caught:
        store.accounts.redeem(token, "et andet langt kodeord")
    assert caught.value.problems[0].message.code == "invite-used"
    with pytest.raises(StoreError) as caught:
        store.accounts.redeem("made-up", "et andet langt kodeord")
    assert caught.value.problems[0].message.code == "invite-unknown"
    assert store.accounts.authenticate("berit@example.dk", "et langt kodeord") == user


def test_an_invitation_expires_after_a_week_and_a_newer_one_replaces_it(store: Store):
    store.accounts.create_user("berit@example.dk", "Berit", "staff")
    then = datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.UTC)
    old = store.accounts.invite("berit@example.dk", now=then)
    with pytest.raises(StoreError) as caught:
        store.accounts.redeem(old, "et langt kodeord", now=then + datetime.timedelta(days=7, seconds=1))
    assert caught.value.problems[0].message.code == "invite-expired"
    older = store.accounts.invite("berit@example.dk", now=then)
    newer = store.accounts.invite("berit@example.dk", now=then)
    with pytest.raises(StoreError) as caught:
        store.accounts.redeem(older, "et langt kodeord", now=then + datetime.timedelta(days=1))
    assert caught.value.problems[0].message.code == "invite-unknown"
    assert store.accounts.redeem(newer, "et langt kodeord", now=then + datetime.timedelta(days=6)).active


def test_logging_in(store: Store):
    store.accounts.create_user("berit@example.dk", "Berit", "staff")
    assert store.accounts.authenticate("berit@example.dk", "anything at all") is None  # no password yet
    store.accounts.redeem(store.accounts.invite("berit@example.dk"), "et langt kodeord")
    assert store.accounts.authenticate(" BERIT@example.dk ", "et langt kodeord") is not None
    assert store.accounts.authenticate("berit@example.dk", "et langt kodeorD") is None
    assert store.accounts.authenticate("nobody@example.dk", "et langt kodeord") is None
    assert store.accounts.authenticate("berit@example.dk", "x" * 5000) is None
    token = store.accounts.reset_password("berit@example.dk")
    assert store.accounts.authenticate("berit@example.dk", "et langt kodeord") is None
    store.accounts.redeem(token, "et nyt langt kodeord")
    assert store.accounts.authenticate("berit@example.dk", "et nyt langt kodeord") is not None


def test_a_password_hashed_with_old_settings_is_hashed_again_at_login(store: Store):
    store.accounts.create_user("berit@example.dk", "Berit", "staff")
    store.accounts.redeem(
        store.accounts.invite("berit@example.dk"), "et langt kodeord"
    )  # the cheap test settings
    stronger = Store(store.engine, PasswordHasher())
    with store.engine.connect() as connection:
        before = connection.scalar(text("SELECT password_hash FROM users"))
    assert stronger.accounts.authenticate("berit@example.dk", "et langt kodeord") is not None
    with store.engine.connect() as connection:
        after = connection.scalar(text("SELECT password_hash FROM users"))
    assert before != after and not PasswordHasher().check_needs_rehash(after)
    assert stronger.accounts.authenticate("berit@example.dk", "et langt kodeord") is not None


def test_a_short_password_is_refused_in_danish(store: Store):
    store.accounts.create_user("berit@example.dk", "Berit", "staff")
    token = store.accounts.invite("berit@example.dk")
    with pytest.raises(StoreError) as caught:
        store.accounts.redeem(token, "123456789")
    assert Words("da").error(caught.value) == "adgangskoden skal have mindst 10 tegn"


def test_accounts_are_checked(store: Store):
    user = store.accounts.create_user("  Berit@Example.DK", "Berit  Hansen", "staff")
    assert (user.email, user.name, user.is_admin) == ("berit@example.dk", "Berit Hansen", False)
    assert store.accounts.user(user.id) == user and store.accounts.user(user.id + 100) is None
    for email, name, role, code in (
        ("berit@example.dk", "B", "staff", "user-exists"),
        ("not an address", "B", "staff", "email-bad"),
        ("b@example.dk", "", "staff", "user-name-bad"),
        ("b@example.dk", "B", "root", "role-bad"),
    ):
        with pytest.raises(StoreError) as caught:
            store.accounts.create_user(email, name, role)
        assert caught.value.problems[0].message.code == code
    with pytest.raises(StoreError):
        store.accounts.invite("nobody@example.dk")
    store.accounts.create_user("a@example.dk", "Åse", "admin")
    store.accounts.create_user("z@example.dk", "Zenia", "staff")
    assert [u.name for u in store.accounts.users()] == ["Berit Hansen", "Zenia", "Åse"]


# --- uploads waiting for a corrected form ---


def test_an_upload_is_given_back_once_and_only_to_its_owner(store: Store):
    berit = store.accounts.create_user("berit@example.dk", "Berit", "staff")
    other = store.accounts.create_user("other@example.dk", "Other", "staff")
    upload = store.uploads.stash(berit.id, "logo.png", b"png bytes")
    assert store.uploads.take(other.id, upload) is None
    assert store.uploads.take(None, upload) is None
    assert store.uploads.take(berit.id, upload) == ("logo.png", b"png bytes")
    assert store.uploads.take(berit.id, upload) is None
    local = store.uploads.stash(None, "logo.svg", LOGO)  # the local page has no accounts
    assert store.uploads.take(None, local) == ("logo.svg", LOGO)
    with pytest.raises(StoreError):
        store.uploads.stash(berit.id, "huge.png", b"x" * (2 * 1024 * 1024 + 1))


def test_uploads_older_than_a_day_are_purged(store: Store):
    kept = store.uploads.stash(None, "logo.png", b"new")
    store.uploads.stash(None, "logo.png", b"old")
    assert store.uploads.purge() == 0
    tomorrow = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=25)
    assert store.uploads.purge(now=tomorrow) == 2
    assert store.uploads.take(None, kept) is None


def test_an_account_deleted_keeps_its_name_in_the_history(store: Store):
    berit = store.accounts.create_user("berit@example.dk", "Berit", "staff")
    store.areas.create("solgaarden", "Solgården")
    store.areas.save_version("solgaarden", None, edition(), berit, "")
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM users WHERE id = :id"), {"id": berit.id})
    (version,) = store.areas.history("solgaarden")
    assert (version.author_id, version.author_name) == (None, "Berit")


def test_requests_for_one_build_at_the_same_moment_make_one_job(store: Store):
    """Four threads ask for the same build at once, a hundred times: one job each time."""
    import threading

    store.areas.import_folder(ROOT / "areas" / "tingbjerg")
    for round_number in range(100):
        key = f"key-{round_number}"
        start = threading.Barrier(4)
        answers: list[tuple[str, bool]] = []

        def ask(
            key: str = key, start: threading.Barrier = start, answers: list[tuple[str, bool]] = answers
        ) -> None:
            start.wait()
            job, new = store.jobs.add("tingbjerg", 1, "pack", key, "{}")
            answers.append((job.id, new))

        threads = [threading.Thread(target=ask) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len({job_id for job_id, _ in answers}) == 1, round_number
        assert sum(new for _, new in answers) == 1, round_number
    # A failed job is not live: asking again makes a new one.
    job, _ = store.jobs.add("tingbjerg", 1, "pack", "key-0", "{}")
    store.jobs.fail(job.id, "")
    again, new = store.jobs.add("tingbjerg", 1, "pack", "key-0", "{}")
    assert new and again.id != job.id
