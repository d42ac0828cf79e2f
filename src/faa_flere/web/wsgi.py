"""The hosted service for a WSGI server: ``gunicorn faa_flere.web.wsgi:app`` (see deploy/).

Configured from the environment only (:func:`faa_flere.web.config.hosted_config`).
"""

from __future__ import annotations

import sys

from ..errors import FaaFlereError
from ..i18n import Words
from .app import create_app
from .config import hosted_config

try:
    app = create_app(hosted_config())
except FaaFlereError as e:
    # Said in words, not as a traceback; exit code 3 tells gunicorn the worker cannot boot,
    # and it stops rather than start it again and again.
    print(Words.from_env().error(e), file=sys.stderr)
    raise SystemExit(3) from None
