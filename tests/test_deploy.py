"""The hosted service's operations files in deploy/: gunicorn's configuration, the systemd
unit, the environment example, nginx's example and the backup script, each checked by
the tool that will read it, and run where it can be run."""

from __future__ import annotations

import configparser
import os
import re
import runpy
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import tarfile
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"
UNIT = DEPLOY / "faa-flere-web.service"
ENV_EXAMPLE = DEPLOY / "env.example"
NGINX = DEPLOY / "nginx.conf.example"
BACKUP = DEPLOY / "backup.sh"

WSGI_APP = "faa_flere.web.wsgi:app"
TOKEN = "tok3n-Zq9_secret"
# nginx lives in /usr/sbin, which is not on an ordinary user's PATH on Debian.
NGINX_BIN = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
PROBLEM = "values[0].colur: ukendt nøgle (mente du »colour«?)"
STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{6}Z")

# Every variable the application reads, and the ones the operations files add.
APP_VARIABLES = {
    "FAA_FLERE_ADDRESS",
    "FAA_FLERE_DATABASE_URL",
    "FAA_FLERE_SECRET_KEY_FILE",
    "FAA_FLERE_DATA",
    "FAA_FLERE_LIMITS_STORAGE",
    "FAA_FLERE_PROXIES",
    "FAA_FLERE_QUEUE_URL",
}


def hosted_env(tmp_path: Path) -> dict[str, str]:
    """The environment of the hosted mode, everything in tmp_path."""
    secret = tmp_path / "secret-key"
    secret.write_text("a-test-secret-that-is-long-enough-to-sign-cookies\n")
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        "FAA_FLERE_ADDRESS": "https://faa-flere.example.dk",
        "FAA_FLERE_DATABASE_URL": f"sqlite:///{data}/faa-flere.sqlite",
        "FAA_FLERE_SECRET_KEY_FILE": str(secret),
        "FAA_FLERE_DATA": str(data),
        "FAA_FLERE_LIMITS_STORAGE": "memory://",
        "FAA_FLERE_PROXIES": "1",
        "FAA_FLERE_QUEUE_URL": "memory://",
    }


def load_gunicorn_conf(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, object]:
    """The configuration file's names, read as gunicorn reads it, under env."""
    for name in ("FAA_FLERE_BIND", "FAA_FLERE_WORKERS", "FAA_FLERE_THREADS", "FAA_FLERE_LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(GUNICORN_CONF))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the server exited with {process.returncode}"
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port} after {seconds} s")


# gunicorn


def test_gunicorn_checks_the_configuration_with_the_application(tmp_path: Path) -> None:
    """gunicorn loads the configuration and imports the hosted application from it.
    (Needs src/faa_flere/web/wsgi.py.)"""
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "-c", str(GUNICORN_CONF), WSGI_APP],
        env=hosted_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("check", [True, False])
def test_a_bad_setting_stops_gunicorn_with_words_not_a_traceback(tmp_path: Path, check: bool) -> None:
    """A setting an operator got wrong is named in Danish, and gunicorn stops (a worker
    that cannot boot), rather than print a traceback or start workers again and again."""
    env = {**hosted_env(tmp_path), "FAA_FLERE_PROXIES": "to", "LANG": "da_DK.UTF-8", "LANGUAGE": "da"}
    command = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), WSGI_APP]
    if check:
        command.insert(3, "--check-config")
    result = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    said = result.stdout + result.stderr
    assert result.returncode != 0, said
    assert "FAA_FLERE_PROXIES: »to«: skriv et helt tal, 0 eller derover, eller udelad indstillingen" in said
    assert "Traceback" not in said
    assert "Booting worker" not in said  # stopped before it started any process


def test_every_setting_is_one_gunicorn_knows_and_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    """gunicorn ignores a name it does not know (max_request = 1000 would do nothing):
    every lowercase value in the file is one of its settings, and its validator takes it."""
    from gunicorn.config import Config

    names = load_gunicorn_conf(monkeypatch)
    cfg = Config()
    settings = {
        name: value
        for name, value in names.items()
        if not name.startswith("_")
        and name.islower()
        and not callable(value)
        and type(value).__name__ != "module"
    }
    unknown = sorted(set(settings) - set(cfg.settings))
    assert not unknown, f"not gunicorn settings: {unknown}"
    for name, value in settings.items():
        cfg.set(name, value)
    assert cfg.worker_class_str == "gthread"


def test_gunicorn_defaults_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    conf = load_gunicorn_conf(monkeypatch)
    assert conf["bind"] == "127.0.0.1:8000"
    assert conf["worker_class"] == "gthread"
    # Two processes a core (one Python thread runs at a time in each), two threads each.
    assert conf["workers"] == min(8, max(2, 2 * (os.cpu_count() or 1)))
    assert conf["threads"] == 2
    assert conf["timeout"] >= 60
    assert conf["graceful_timeout"] >= 30
    assert conf["max_requests"] > 0
    assert 0 < conf["max_requests_jitter"] < conf["max_requests"]
    # Only a proxy on this machine may claim HTTPS.
    assert set(str(conf["forwarded_allow_ips"]).split(",")) == {"127.0.0.1", "::1"}

    conf = load_gunicorn_conf(
        monkeypatch, FAA_FLERE_BIND="127.0.0.1:9001", FAA_FLERE_WORKERS="3", FAA_FLERE_THREADS="8"
    )
    assert (conf["bind"], conf["workers"], conf["threads"]) == ("127.0.0.1:9001", 3, 8)


def test_the_access_log_format_names_no_query_string_or_referrer(monkeypatch: pytest.MonkeyPatch) -> None:
    fmt = str(load_gunicorn_conf(monkeypatch)["access_log_format"])
    assert "%(U)s" in fmt  # the path without its query string
    for atom in ("%(r)s", "%(q)s", "%(f)s", "{raw_uri}e", "{query_string}e", "{referer}i"):
        assert atom not in fmt


@pytest.mark.parametrize(
    ("line", "logged"),
    [
        (f"GET /invitation/{TOKEN} HTTP/1.1", "GET /invitation/[hidden] HTTP/1.1"),
        (f'"POST /invitation/{TOKEN}?next=/x" 302', '"POST /invitation/[hidden]" 302'),
        (f"https://h.example/invitation/{TOKEN}/", "https://h.example/invitation/[hidden]/"),
        ("GET /omraader/solgaarden?side=2&q=abc HTTP/1.1", "GET /omraader/solgaarden HTTP/1.1"),
        (PROBLEM, PROBLEM),  # a question mark that ends no URL stays
        ("GET /sundhed HTTP/1.1", "GET /sundhed HTTP/1.1"),
    ],
)
def test_hide_secrets(monkeypatch: pytest.MonkeyPatch, line: str, logged: str) -> None:
    hide_secrets = load_gunicorn_conf(monkeypatch)["hide_secrets"]
    assert callable(hide_secrets)
    assert hide_secrets(line) == logged


def test_logs_hide_invitation_tokens(tmp_path: Path) -> None:
    """gunicorn's access and error logs and the application's log, set up by the
    configuration as gunicorn sets them up, never show an invitation's token or a query."""
    script = textwrap.dedent(
        f"""
        import datetime, logging, runpy, types
        from gunicorn.config import Config
        from gunicorn.glogging import Logger

        cfg = Config()
        for name, value in runpy.run_path({str(GUNICORN_CONF)!r}).items():
            if name in cfg.settings:
                cfg.set(name, value)
        log = cfg.logger_class(cfg)

        def request(path, query):
            environ = {{
                "REQUEST_METHOD": "GET", "RAW_URI": path + "?" + query, "PATH_INFO": path,
                "QUERY_STRING": query, "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
                "HTTP_REFERER": "https://h.example" + path + "?" + query,
            }}
            resp = types.SimpleNamespace(status="200 OK", sent=2, headers=[])
            req = types.SimpleNamespace(headers=[("X-REAL-IP", "203.0.113.9")])
            log.access(resp, req, environ, datetime.timedelta(milliseconds=7))

        request("/invitation/{TOKEN}", "next=%2Fx")
        request("/omraader/solgaarden", "{TOKEN}=1")
        try:
            raise RuntimeError("no such invitation: /invitation/{TOKEN}")
        except RuntimeError:
            log.exception("Error handling request %s", "/invitation/{TOKEN}?a=b")
        logging.getLogger("faa_flere.web").warning("expired link /invitation/%s", "{TOKEN}")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    access, errors = result.stdout, result.stderr
    assert TOKEN not in access + errors
    assert '203.0.113.9 "GET /invitation/[hidden]" 200 2 7ms' in access
    assert '"GET /omraader/solgaarden" 200' in access
    assert "Error handling request /invitation/[hidden]" in errors
    assert "RuntimeError: no such invitation: /invitation/[hidden]" in errors
    assert "faa_flere.web: expired link /invitation/[hidden]" in errors


# systemd


def read_unit(path: Path = UNIT) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(interpolation=None, strict=True, empty_lines_in_values=False)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string(path.read_text())
    return unit


def test_the_unit_runs_gunicorn_on_the_wsgi_app_as_its_own_user() -> None:
    unit = read_unit()
    assert unit.sections() == ["Unit", "Service", "Install"]
    service = unit["Service"]
    start = service["ExecStart"].split()
    assert Path(start[0]).is_absolute() and start[0].endswith("/venv/bin/gunicorn")
    assert start[start.index("-c") + 1] == "/etc/faa-flere/gunicorn.conf.py"
    assert start[-1] == WSGI_APP
    assert service["ExecStartPre"].split()[1:] == ["db", "upgrade"]
    assert service["ExecStartPre"].split()[0] == str(Path(start[0]).with_name("faa-flere"))
    assert service["EnvironmentFile"] == "/etc/faa-flere/env"
    assert service["User"] == "faa-flere"
    assert service["Restart"] == "on-failure"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_unit_is_hardened() -> None:
    service = read_unit()["Service"]
    assert service["NoNewPrivileges"] == "yes"
    assert service["ProtectSystem"] == "strict"
    assert service["ReadWritePaths"].split() == ["/var/lib/faa-flere"]
    assert service["PrivateTmp"] == "yes"
    assert service["ProtectHome"] == "yes"


def test_the_worker_unit_stops_the_worker_alone_after_its_job_and_leaves_room_for_its_build() -> None:
    """SIGTERM to the worker alone (its build process ignores nothing but Ctrl-C, and the
    worker ends it after the job at hand); time to finish a job; memory for a build."""
    from faa_flere.jobs.queue import TIME_LIMIT_S

    service = read_unit(DEPLOY / "faa-flere-worker@.service")["Service"]
    assert service["KillSignal"] == "SIGTERM" and service["KillMode"] == "mixed"
    assert int(service["TimeoutStopSec"]) > TIME_LIMIT_S
    start = service["ExecStart"].split()
    assert start[1] == "worker"
    build_mb = int(start[start.index("--max-memory") + 1])
    # The worker and its server process (some 90 and 100 MB) besides the build.
    assert int(service["MemoryMax"].removesuffix("M")) >= build_mb + 200


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    """systemd-analyze verify, with the venv's programs in tmp_path; an unknown key or a
    value systemd cannot parse is only a warning to it, so its output must be empty."""
    venv_bin = tmp_path / "venv" / "bin"
    venv_bin.mkdir(parents=True)
    for name in ("gunicorn", "faa-flere"):
        (venv_bin / name).write_text("#!/bin/sh\n")
        (venv_bin / name).chmod(0o755)
    unit = tmp_path / UNIT.name
    unit.write_text(UNIT.read_text().replace("/opt/faa-flere/venv/bin/", f"{venv_bin}/"))
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(unit)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout + result.stderr == ""
    # systemd's own measure of the sandbox: 4.0 or better on its scale of 10 (lower is safer).
    result = subprocess.run(
        ["systemd-analyze", "security", "--offline=yes", "--threshold=40", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr


def test_the_environment_example_sets_every_variable() -> None:
    text = ENV_EXAMPLE.read_text()
    assigned = dict(re.findall(r"^(FAA_FLERE_[A-Z_]+)=(\S*)$", text, re.MULTILINE))
    assert set(assigned) == APP_VARIABLES
    assert assigned["FAA_FLERE_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "sqlite:////var/lib/faa-flere/" in text
    assert assigned["FAA_FLERE_DATA"] == "/var/lib/faa-flere"
    assert assigned["FAA_FLERE_LIMITS_STORAGE"].startswith("redis://127.0.0.1:")
    assert assigned["FAA_FLERE_PROXIES"] == "1"
    # systemd's EnvironmentFile= reads a line as VARIABLE=value or a comment, nothing else.
    for line in text.splitlines():
        assert not line or line.startswith("#") or re.fullmatch(r"[A-Z_]+=\S*", line), line
    # The optional variables the configuration files read are documented too.
    read = set(re.findall(r"FAA_FLERE_[A-Z_]+", GUNICORN_CONF.read_text() + BACKUP.read_text()))
    assert read - {"FAA_FLERE_ENV_FILE"} <= set(re.findall(r"FAA_FLERE_[A-Z_]+", text))


# backups


def test_the_backup_script_parses() -> None:
    result = subprocess.run(["bash", "-n", str(BACKUP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert os.access(BACKUP, os.X_OK)
    assert "set -euo pipefail" in BACKUP.read_text()


def run_backup(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """backup.sh run with env alone (not this machine's /etc/faa-flere/env)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FAA_FLERE_")}
    clean["FAA_FLERE_ENV_FILE"] = os.devnull
    return subprocess.run([str(BACKUP)], env={**clean, **env}, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="sqlite3 is not installed")
def test_backup_of_an_sqlite_installation(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "packs" / "solgaarden").mkdir(parents=True)
    (data / "packs" / "solgaarden" / "faa-flere-paa-banen.pdf").write_bytes(b"%PDF-1.7 pack")
    database = data / "faa-flere.sqlite"
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE areas (name TEXT)")
        db.execute("INSERT INTO areas VALUES ('Solgården')")
    db.close()
    backups = tmp_path / "backups"
    for old in ("2020-01-01T000000Z", "2020-01-02T000000Z", "2020-01-03T000000Z"):
        (backups / old).mkdir(parents=True)
    (backups / "notes").mkdir()
    # Read from an environment file as systemd reads it, quotes and all.
    env_file = tmp_path / "env"
    env_file.write_text(
        f'# a comment\nFAA_FLERE_DATABASE_URL="sqlite:///{database}"\nFAA_FLERE_DATA={data}\n'
        "FAA_FLERE_SECRET_KEY_FILE=/nowhere\n"
    )

    result = run_backup(
        {
            "FAA_FLERE_ENV_FILE": str(env_file),
            "FAA_FLERE_BACKUPS": str(backups),
            "FAA_FLERE_BACKUPS_KEEP": "2",
        }
    )

    assert result.returncode == 0, result.stderr
    made = Path(result.stdout.strip())
    assert made.parent == backups and STAMP.fullmatch(made.name)
    assert sorted(p.name for p in made.iterdir()) == ["data.tar.gz", "database.sqlite"]
    with sqlite3.connect(made / "database.sqlite") as copy:
        assert copy.execute("SELECT name FROM areas").fetchall() == [("Solgården",)]
    copy.close()
    with tarfile.open(made / "data.tar.gz") as archive:
        names = {name.removeprefix("./") for name in archive.getnames()}
    assert "packs/solgaarden/faa-flere-paa-banen.pdf" in names
    assert "faa-flere.sqlite" not in names  # it is in database.sqlite, copied consistently
    # The newest two dated backups stay; everything else in the folder is left alone.
    assert sorted(p.name for p in backups.iterdir() if not p.name.startswith(".")) == sorted(
        ["2020-01-03T000000Z", made.name, "notes"]
    )
    assert not list(backups.glob(".partial-*"))
    assert (made.stat().st_mode & 0o077) == 0  # readable by its owner only


def test_backup_refuses_a_password_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    backups = tmp_path / "backups"
    result = run_backup(
        {
            "FAA_FLERE_DATABASE_URL": "postgresql+psycopg://faa:hunter2@db.example/faa",
            "FAA_FLERE_DATA": str(tmp_path / "data"),
            "FAA_FLERE_BACKUPS": str(backups),
        }
    )
    assert result.returncode != 0
    assert "PGPASSFILE" in result.stderr and "hunter2" not in result.stderr
    assert not backups.exists()


def test_backup_fails_without_a_database_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    backups = tmp_path / "backups"
    result = run_backup(
        {
            "FAA_FLERE_DATABASE_URL": f"sqlite:///{tmp_path}/data/none.sqlite",
            "FAA_FLERE_DATA": str(tmp_path / "data"),
            "FAA_FLERE_BACKUPS": str(backups),
        }
    )
    assert result.returncode != 0
    assert "does not exist" in result.stderr
    assert not backups.exists()
    assert not (tmp_path / "data" / "none.sqlite").exists()


@pytest.mark.skipif(
    not os.environ.get("FAA_FLERE_TEST_POSTGRES_URL") or shutil.which("pg_dump") is None,
    reason="no PostgreSQL server for the tests (FAA_FLERE_TEST_POSTGRES_URL)",
)
def test_backup_of_a_postgresql_installation(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    result = run_backup(
        {
            "FAA_FLERE_DATABASE_URL": os.environ["FAA_FLERE_TEST_POSTGRES_URL"],
            "FAA_FLERE_DATA": str(tmp_path / "data"),
            "FAA_FLERE_BACKUPS": str(tmp_path / "backups"),
        }
    )
    assert result.returncode == 0, result.stderr
    dump = Path(result.stdout.strip()) / "database.dump"
    assert dump.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    listed = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, timeout=60)
    assert listed.returncode == 0, listed.stderr


# nginx


def test_the_nginx_example_says_what_the_service_needs() -> None:
    text = NGINX.read_text()
    assert "client_max_body_size 20m;" in text
    assert "server 127.0.0.1:8000;" in text
    assert "return 301 https://$host$request_uri;" in text
    for header in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Real-IP"):
        assert f"proxy_set_header {header} " in text
    assert re.search(r'add_header Referrer-Policy "same-origin" always;', text)
    assert re.search(r'add_header Strict-Transport-Security "max-age=\d{8,}', text)
    csp = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', text)
    assert csp is not None
    directives = dict(d.strip().split(" ", 1) for d in csp.group(1).split(";"))
    for source in ("script-src", "style-src", "img-src"):
        assert directives[source] == "'self'"
    # The log format never names the request line or the full URI (tokens, queries).
    log_format = re.search(r"log_format faa_flere (.*?);", text, re.DOTALL)
    assert log_format is not None
    assert "$faa_flere_logged_path" in log_format.group(1)
    for variable in ("$request ", '$request"', "$request_uri", "$args", "$query_string", "$http_referer"):
        assert variable not in log_format.group(1)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    request = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
    subprocess.run(
        ["openssl", *request, "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


def nginx_config(tmp_path: Path, *, http_port: int = 80, https_port: int = 443, upstream: int = 8000) -> Path:
    """A whole nginx configuration in tmp_path around the example, its placeholders (and,
    to run it, its ports) replaced."""
    cert, key = self_signed_certificate(tmp_path)
    site = NGINX.read_text()
    site = site.replace("/etc/letsencrypt/live/faa-flere.example.dk/fullchain.pem", str(cert))
    site = site.replace("/etc/letsencrypt/live/faa-flere.example.dk/privkey.pem", str(key))
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    site = site.replace("/var/www/html", str(tmp_path))
    site = site.replace("/opt/faa-flere/src/deploy/errors/", f"{ROOT / 'deploy' / 'errors'}/")
    site = re.sub(r"^\s*listen \[::\]:.*$", "", site, flags=re.MULTILINE)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    site = site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};")
    (tmp_path / "site.conf").write_text(site)
    temp = " ".join(
        f"{kind}_temp_path {tmp_path}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"daemon off;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  {temp}\n  include {tmp_path}/site.conf;\n}}\n"
    )
    return conf


needs_nginx = pytest.mark.skipif(
    NGINX_BIN is None or shutil.which("openssl") is None,
    reason="nginx or openssl is not installed (make system-deps installs them)",
)


@needs_nginx
def test_nginx_accepts_the_example(tmp_path: Path) -> None:
    conf = nginx_config(tmp_path)
    result = subprocess.run(
        [str(NGINX_BIN), "-t", "-p", str(tmp_path), "-c", str(conf)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


ECHO_APP = """
import json

def app(environ, start_response):
    body = json.dumps({
        "scheme": environ["wsgi.url_scheme"],
        "host": environ.get("HTTP_X_FORWARDED_HOST"),
        "for": environ.get("HTTP_X_FORWARDED_FOR"),
        "proto": environ.get("HTTP_X_FORWARDED_PROTO"),
    }).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]
"""


@needs_nginx
def test_nginx_and_gunicorn_together(tmp_path: Path) -> None:
    """nginx with the example in front of gunicorn with the deploy configuration (on a
    stand-in application): the redirect to HTTPS, the headers the application reads, the
    security headers, and neither access log showing an invitation's token."""
    (tmp_path / "echo_app.py").write_text(ECHO_APP)
    upstream, http_port, https_port = free_port(), free_port(), free_port()
    env = {**os.environ, "FAA_FLERE_BIND": f"127.0.0.1:{upstream}", "FAA_FLERE_WORKERS": "1"}
    gunicorn_log = tmp_path / "gunicorn.log"
    with gunicorn_log.open("wb") as log:
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "echo_app:app"],
            cwd=tmp_path,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    conf = nginx_config(tmp_path, http_port=http_port, https_port=https_port, upstream=upstream)
    nginx = subprocess.Popen(
        [str(NGINX_BIN), "-p", str(tmp_path), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(upstream, gunicorn)
        wait_for_port(https_port, nginx)

        class NoRedirects(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: object, **kwargs: object) -> None:
                return None

        plain = urllib.request.build_opener(NoRedirects)
        request = urllib.request.Request(
            f"http://127.0.0.1:{http_port}/invitation/{TOKEN}", headers={"Host": "faa-flere.example.dk"}
        )
        with pytest.raises(urllib.error.HTTPError) as redirect:
            plain.open(request, timeout=10)
        assert redirect.value.code == 301
        assert redirect.value.headers["Location"] == f"https://faa-flere.example.dk/invitation/{TOKEN}"

        insecure = ssl.create_default_context()
        insecure.check_hostname = False
        insecure.verify_mode = ssl.CERT_NONE
        request = urllib.request.Request(
            f"https://127.0.0.1:{https_port}/invitation/{TOKEN}?next=%2F",
            headers={"Host": "faa-flere.example.dk"},
        )
        with urllib.request.urlopen(request, context=insecure, timeout=10) as response:
            headers = response.headers
            seen = response.read().decode()
        assert '"scheme": "https"' in seen  # gunicorn trusts X-Forwarded-Proto from loopback
        assert '"host": "faa-flere.example.dk"' in seen
        assert '"for": "127.0.0.1"' in seen
        assert '"proto": "https"' in seen
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Strict-Transport-Security"].startswith("max-age=")
        assert "script-src 'self'" in headers["Content-Security-Policy"]
    finally:
        nginx.terminate()
        gunicorn.terminate()
        nginx.wait(timeout=15)
        gunicorn.wait(timeout=15)
    nginx_log = (tmp_path / "faa-flere.access.log").read_text()
    assert '"GET /invitation/[hidden]" 301' in nginx_log
    assert '"GET /invitation/[hidden]" 200' in nginx_log
    assert '127.0.0.1 "GET /invitation/[hidden]" 200' in gunicorn_log.read_text()
    for log in (nginx_log, gunicorn_log.read_text(), (tmp_path / "error.log").read_text()):
        assert TOKEN not in log
        assert "next=" not in log


def test_the_error_pages_nginx_shows_are_the_catalogues_words():
    """deploy/errors/ is what scripts/error-pages makes from the catalogue now."""
    from faa_flere.web.errors import PROXY_PAGES, standalone_page

    for status in PROXY_PAGES:
        assert (ROOT / "deploy" / "errors" / f"{status}.html").read_text(encoding="utf-8") == standalone_page(
            status
        ), f"run scripts/error-pages: {status}.html is not what the catalogue says"


@needs_nginx
def test_nginx_answers_in_danish_when_the_service_cannot(tmp_path: Path) -> None:
    """The service not running (502) and an upload past nginx's own limit (413): nginx's
    pages are the service's Danish ones."""
    http_port, https_port, nothing = free_port(), free_port(), free_port()
    conf = nginx_config(tmp_path, http_port=http_port, https_port=https_port, upstream=nothing)
    nginx = subprocess.Popen(
        [str(NGINX_BIN), "-p", str(tmp_path), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(https_port, nginx)
        insecure = ssl.create_default_context()
        insecure.check_hostname = False
        insecure.verify_mode = ssl.CERT_NONE
        host = {"Host": "faa-flere.example.dk"}
        down = urllib.request.Request(f"https://127.0.0.1:{https_port}/udgave/x", headers=host)
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(down, context=insecure, timeout=10)
        assert answer.value.code == 502
        assert "Tjenesten svarer ikke" in answer.value.read().decode("utf-8")
        big = urllib.request.Request(
            f"https://127.0.0.1:{https_port}/udgave/x", data=b"x" * (21 * 1024 * 1024), headers=host
        )
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(big, context=insecure, timeout=30)
        assert answer.value.code == 413
        assert "Filen er for stor" in answer.value.read().decode("utf-8")
    finally:
        nginx.terminate()
        nginx.wait(10)
