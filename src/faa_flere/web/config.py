"""How the web page runs: locally for one user, or hosted for every housing area.

The two modes share every page and every rule; hosted adds accounts, a database server
and a reverse proxy in front. Local mode needs nothing installed: its database is an
SQLite file beside the editions, and its secret (which signs the forms) a file there too.
"""

from __future__ import annotations

import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import OptionError, msg

#: The local mode's files, kept beside the editions they belong to.
LOCAL_DATABASE = ".faa-flere.sqlite"
LOCAL_SECRET = ".faa-flere-secret"


@dataclass(frozen=True)
class WebConfig:
    hosted: bool
    database_url: str
    #: Local mode: the editions folder the command line builds from, kept up to date on
    #: every save. Hosted: None (the database holds the editions).
    editions: Path | None
    #: Built packs and previews (shared with the workers).
    out: Path
    #: Signs session cookies and the forms' CSRF tokens; the same across restarts.
    secret_key: str
    #: Where failed logins are counted: ``memory://`` for one process, Redis when hosted.
    limits_storage: str = "memory://"
    #: Reverse proxies in front, whose X-Forwarded-* headers are trusted.
    proxies: int = 0
    #: The job queue: ``memory://`` runs one worker inside this process (local mode);
    #: ``redis://…`` leaves the builds to ``faa-flere worker`` processes (hosted).
    queue_url: str = "memory://"
    #: Hosted: the address people open (``https://faa-flere.example.dk``). A request for
    #: another host is refused, and links (an invitation) are made on it. Empty: any host.
    address: str = ""


def local_config(editions: Path, out: Path, database_url: str | None = None) -> WebConfig:
    """``faa-flere serve``: one user on this machine, the editions folder as it is."""
    editions = editions.resolve()
    editions.mkdir(parents=True, exist_ok=True)
    return WebConfig(
        hosted=False,
        database_url=database_url or f"sqlite:///{editions / LOCAL_DATABASE}",
        editions=editions,
        out=out.resolve(),
        secret_key=_secret_file(editions / LOCAL_SECRET),
    )


def hosted_config(environ: dict[str, str] | None = None) -> WebConfig:
    """The hosted service, configured from the environment (see deploy/env.example)."""
    env = dict(os.environ if environ is None else environ)
    missing = [
        n
        for n in ("FAA_FLERE_ADDRESS", "FAA_FLERE_DATABASE_URL", "FAA_FLERE_DATA", "FAA_FLERE_QUEUE_URL")
        if not env.get(n)
    ]
    if missing:
        raise OptionError.of("hosted-missing-setting", msg("hosted-missing-setting.hint"), subject=missing[0])
    if env.get("FAA_FLERE_SECRET_KEY_FILE"):
        secret = _secret_file(Path(env["FAA_FLERE_SECRET_KEY_FILE"]), create=False)
    elif env.get("FAA_FLERE_SECRET_KEY"):
        secret = env["FAA_FLERE_SECRET_KEY"]
    else:
        raise OptionError.of(
            "hosted-missing-setting", msg("hosted-missing-setting.hint"), subject="FAA_FLERE_SECRET_KEY_FILE"
        )
    data = Path(env["FAA_FLERE_DATA"])
    return WebConfig(
        hosted=True,
        database_url=env["FAA_FLERE_DATABASE_URL"],
        editions=None,
        out=data / "out",
        secret_key=secret,
        limits_storage=env.get("FAA_FLERE_LIMITS_STORAGE", "memory://"),
        proxies=_count(env, "FAA_FLERE_PROXIES", 1),
        queue_url=env["FAA_FLERE_QUEUE_URL"],
        address=_address(env["FAA_FLERE_ADDRESS"]),
    )


def _address(value: str) -> str:
    """The service's address, checked: a scheme and a host, no path."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.path not in ("", "/"):
        raise OptionError.of(
            "hosted-bad-address", msg("hosted-bad-address.hint"), subject="FAA_FLERE_ADDRESS", value=value
        )
    return f"{parts.scheme}://{parts.netloc}"


def hosted_config_or_exit() -> WebConfig:
    """:func:`hosted_config`, or what is wrong with the settings said in words on standard
    error and exit code 3, which gunicorn takes for a process that cannot start: it stops
    rather than start it again and again. No traceback: the operator reads the words."""
    try:
        return hosted_config()
    except OptionError as e:
        from ..i18n import Words

        print(Words.from_env().error(e), file=sys.stderr)
        raise SystemExit(3) from None


def _count(env: dict[str, str], name: str, default: int) -> int:
    """A whole number, 0 or more, from the setting ``name``, or ``default``."""
    text = env.get(name, "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()):
        raise OptionError.of("env-not-count", subject=name, text=text)
    return int(text)


def _secret_file(path: Path, create: bool = True) -> str:
    """The secret in ``path``; made once (readable by its owner only) when ``create``."""
    if not path.exists() and create:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48))
    try:
        secret = path.read_text(encoding="utf-8").strip()
    except OSError as e:
        raise OptionError.of("secret-unreadable", msg("secret-unreadable.hint"), subject=str(path)) from e
    if len(secret) < 32:
        raise OptionError.of("secret-too-short", msg("secret-unreadable.hint"), subject=str(path))
    return secret
