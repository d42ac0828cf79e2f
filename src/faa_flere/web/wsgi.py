"""The hosted service for a WSGI server: ``gunicorn faa_flere.web.wsgi:app`` (see deploy/).

Configured from the environment only (:func:`faa_flere.web.config.hosted_config`); a
setting it refuses ends the process with its words, not a traceback.
"""

from __future__ import annotations

from .app import create_app
from .config import hosted_config_or_exit

app = create_app(hosted_config_or_exit())
