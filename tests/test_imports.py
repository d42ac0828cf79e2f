"""Importing the package changes nothing: no module sets the environment, gettext's domain,
multiprocessing's forkserver, logging levels or signal handlers when it is imported; the
program does that where it starts (see docs/processes.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import faa_flere

PACKAGE = Path(faa_flere.__file__).parent
#: Modules whose import is the start of a program: ``python -m faa_flere`` and the WSGI
#: application gunicorn loads (it reads its settings and opens the database).
ENTRY_POINTS = {"faa_flere.__main__", "faa_flere.web.wsgi"}

#: Run in a fresh interpreter: the libraries first (what they do when imported is theirs),
#: then what can be seen of the process, then every module of the package, then again.
CHILD = """
import ast, gettext, importlib, json, logging, multiprocessing, multiprocessing.forkserver
import os, signal, sys
from pathlib import Path

modules = json.loads(sys.argv[1])
for path in map(Path, json.loads(sys.argv[2])):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        for name in names:
            if not name.startswith("faa_flere"):
                try:
                    importlib.import_module(name)
                except Exception:
                    pass  # a name imported from a module, not a module; or not installed


def seen():
    loggers = {"": logging.root, **logging.root.manager.loggerDict}
    return {
        "environ": dict(os.environ),
        "cwd": os.getcwd(),
        "textdomain": gettext.textdomain(),
        "bound faa_flere": str(gettext.bindtextdomain("faa_flere")),
        "forkserver preload": list(multiprocessing.forkserver._forkserver._preload_modules),
        "start method": multiprocessing.get_start_method(allow_none=True),
        "loggers": {
            name: [logger.level, logger.propagate, len(logger.handlers), logger.disabled]
            for name, logger in loggers.items()
            if isinstance(logger, logging.Logger)
        },
        "signals": {s.name: repr(signal.getsignal(s)) for s in (signal.SIGINT, signal.SIGTERM)},
        "recursion limit": sys.getrecursionlimit(),
    }


before = seen()
for name in modules:
    importlib.import_module(name)
after = seen()
new = [name for name in after["loggers"] if name not in before["loggers"]]
for name in new:  # a logger made on import (logging.getLogger(__name__)) sets nothing
    if after["loggers"][name] == [logging.NOTSET, True, 0, False]:
        del after["loggers"][name]
print(json.dumps({"before": before, "after": after}))
"""


def package_modules() -> list[str]:
    """Every module of the package, by name (folders without ``__init__.py`` are not
    packages: the migration scripts, which Alembic runs)."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        folders = [PACKAGE.parent.joinpath(*parts[:n]) for n in range(1, len(parts))]
        if all((folder / "__init__.py").is_file() for folder in folders):
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            if name not in ENTRY_POINTS:
                names.append(name)
    return names


def test_every_module_is_listed():
    modules = package_modules()
    assert {"faa_flere", "faa_flere.cli", "faa_flere.jobs.process", "faa_flere.render.weasy"} <= set(modules)
    assert not any("migrations" in name for name in modules)


def test_importing_every_module_changes_nothing():
    files = [str(path) for path in PACKAGE.rglob("*.py")]
    # Danish, as a user's terminal would have it (the words of English need nothing set).
    environment = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    environment["LANG"] = "da_DK.UTF-8"
    answer = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(package_modules()), json.dumps(files)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert answer.returncode == 0, answer.stderr
    seen = json.loads(answer.stdout)
    before, after = seen["before"], seen["after"]
    changed = {key: (before[key], after[key]) for key in before if before[key] != after[key]}
    for key in ("environ", "loggers"):  # only the entries that differ
        if key in changed:
            old, new = changed[key]
            changed[key] = {k: (old.get(k), new.get(k)) for k in {*old, *new} if old.get(k) != new.get(k)}
    assert not changed, changed
