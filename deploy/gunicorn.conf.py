"""Gunicorn's configuration for the hosted web service (faa_flere.web.wsgi:app).

Installed as /etc/faa-flere/gunicorn.conf.py and read with `gunicorn -c`. Every setting
that differs between machines comes from the environment (/etc/faa-flere/env):

    FAA_FLERE_BIND       where to listen (default 127.0.0.1:8000, behind the reverse proxy)
    FAA_FLERE_WORKERS    processes (default: two a core, at least 2, at most 8)
    FAA_FLERE_THREADS    threads in each process (default 2)
    FAA_FLERE_LOG_LEVEL  debug, info (default), warning, error
"""

import logging
import os
import re

# The reverse proxy on this machine is the only client: listen on loopback.
bind = os.environ.get("FAA_FLERE_BIND", "127.0.0.1:8000")

# Two processes a core, two threads each. The web processes never lay out a page (the
# workers do), so each is small (120-145 MB, measured); but Python runs one thread of a
# process at a time, and a thread back from the database waits for its neighbour to let
# go of the interpreter (up to 5 ms, at every query of a save). With 50 staff saving
# every 3 s on 2 cores, 4 processes of 2 threads answered 95 % of saves within 202 ms,
# 2 of 4 threads within 363 ms and 6 of 2 within 247 ms (bench/load_test.py).
worker_class = "gthread"
workers = int(os.environ.get("FAA_FLERE_WORKERS", min(8, max(2, 2 * (os.cpu_count() or 1)))))
threads = int(os.environ.get("FAA_FLERE_THREADS", "2"))

# Requests are short (builds run in the background and the page asks for their state), but
# a preview of every page or a 20 MB upload over a slow line can take a while: 2 minutes
# before a worker that stopped answering is killed, 1 minute to finish on a restart.
timeout = 120
graceful_timeout = 60
keepalive = 5

# A process is replaced after about a thousand requests (the jitter staggers them so they
# are not all replaced at once), which bounds the memory fonts and layouts leave behind.
max_requests = 1000
max_requests_jitter = 200

# Only the reverse proxy on loopback may say that a request came over HTTPS
# (X-Forwarded-Proto); the application reads X-Forwarded-For and -Host itself
# (FAA_FLERE_PROXIES).
forwarded_allow_ips = "127.0.0.1,::1"

# systemd starts and stops the service; no control socket in a home folder the service
# may not write to (gunicorn 25.1 and later; older versions ignore the setting).
control_socket_disable = True

proc_name = "faa-flere"

# Invitation links carry their one-time token in the path (/invitation/<token>), and a
# query string may carry anything: neither is written to a log. The access log line names
# the path without its query, and every log line, gunicorn's, the application's and the
# libraries', passes through HideSecrets on its way out, so a token in an error message or
# a traceback is hidden too.
SECRET_PATHS = ("/invitation/",)
HIDDEN = "[hidden]"

_SECRET_PATH = re.compile("(" + "|".join(re.escape(p) for p in SECRET_PATHS) + r")[^/?#\s\"'<>]+")
_QUERY = re.compile(r"(/[^\s?#\"'<>]*)\?[^\s\"'<>]*")


def hide_secrets(text: str) -> str:
    """The text with the tokens of invitation paths and every URL's query string hidden."""
    return _QUERY.sub(r"\1", _SECRET_PATH.sub(r"\1" + HIDDEN, text))


class HideSecrets(logging.Filter):
    """Writes a record's message (and traceback) with hide_secrets applied."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = hide_secrets(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = hide_secrets(record.exc_text)
        if record.stack_info:
            record.stack_info = hide_secrets(record.stack_info)
        return True


def on_starting(server: object) -> None:
    """The service's settings are checked once, before any process is started: one that is
    missing or wrong is said in words and gunicorn stops. (Left to the processes, several
    would fail at once, and gunicorn's own stop can then end in a traceback of its own.)"""
    app = getattr(getattr(server, "app", None), "app_uri", None) or ""
    if app.startswith("faa_flere.web.wsgi"):
        from faa_flere.web.config import hosted_config_or_exit

        hosted_config_or_exit()


# The client as nginx saw it (X-Real-IP), the method, the path without its query string,
# the status, bytes sent and milliseconds taken.
access_log_format = '%({x-real-ip}i)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
loglevel = os.environ.get("FAA_FLERE_LOG_LEVEL", "info")

# Everything to standard output and error, where systemd's journal keeps it with the time.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"hide_secrets": {"()": HideSecrets}},
    "formatters": {
        "plain": {"format": "[%(process)d] %(levelname)s %(name)s: %(message)s"},
        "access": {"format": "[%(process)d] %(message)s"},
    },
    "handlers": {
        "errors": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
            "filters": ["hide_secrets"],
        },
        "access": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "access",
            "filters": ["hide_secrets"],
        },
    },
    # The application's and the libraries' loggers (WeasyPrint, SQLAlchemy) end at the root.
    "root": {"level": loglevel.upper(), "handlers": ["errors"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["errors"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
}
