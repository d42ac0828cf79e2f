from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# The tests read the English words of the catalogue unless a test asks for Danish
# (test_language.py runs the command in fresh processes under both locales).
os.environ["LANG"] = "en_GB.UTF-8"
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)

from faa_flere import build_pack, paths  # noqa: E402


@pytest.fixture(scope="session")
def official(tmp_path_factory: pytest.TempPathFactory):
    """The official pack, built once for the whole test session."""
    return build_pack(out_dir=tmp_path_factory.mktemp("official"))


@pytest.fixture
def materials_copy(tmp_path: Path) -> Path:
    """A private copy of the official materials, to break in a test."""
    target = tmp_path / "materials"
    shutil.copytree(paths.materials_dir(), target)
    return target


ROOT = Path(__file__).resolve().parent.parent


def _test_server(variable: str) -> str:
    """A test server's address: from the environment, else from scripts/test-servers,
    which starts PostgreSQL and Redis once (never skipped: the tests need both)."""
    import subprocess

    url = os.environ.get(variable)
    if not url:
        answer = subprocess.run(
            [ROOT / "scripts" / "test-servers"], capture_output=True, text=True, check=True, timeout=180
        )
        for line in answer.stdout.splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            if name == variable:
                url = value
    assert url, f"scripts/test-servers named no {variable}"
    return url


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The test PostgreSQL server's database."""
    return _test_server("FAA_FLERE_TEST_POSTGRES_URL")


@pytest.fixture(scope="session")
def redis_server() -> str:
    """The test Redis server's address (without a database number)."""
    return _test_server("FAA_FLERE_TEST_REDIS_URL").rsplit("/", 1)[0]


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """An empty Redis database of the test server, for one test (number 5: the tests' own)."""
    import redis

    url = f"{redis_server}/5"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@contextmanager
def new_postgres_database(server_url: str, prefix: str = "faa_flere_test") -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database on the test server, dropped afterwards."""
    import secrets

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"{prefix}_{secrets.token_hex(6)}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_database(postgres_url: str):
    """A database of its own for one test."""
    with new_postgres_database(postgres_url) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (which downloads no browser of its own)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(chromium).exists(), "make test installs Debian's chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            # No sandbox as root; nothing that reaches for the network, which is closed.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend: an SQLite file, and a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("postgres_database")


@pytest.fixture
def store(database_url: str):
    """A fresh store on each backend, its tables made by the migrations. Passwords are
    hashed with cheap settings (a test of rehashing uses the real ones)."""
    from argon2 import PasswordHasher

    from faa_flere.store import Store

    with Store.open(database_url, PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)) as opened:
        yield opened
