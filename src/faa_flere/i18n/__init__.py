"""Words at the edges: every message in Danish by default, in English when the locale asks.

The messages are declared once, in English, in :mod:`faa_flere.i18n.messages`; the Danish
words live in the gettext catalogue ``locale/da/LC_MESSAGES/faa_flere.po`` (managed with
Babel, compiled to ``.mo`` when the package is built or installed). Danish is chosen
unless the locale names English (``LANG=en_GB.UTF-8``), also under ``C`` and ``POSIX``.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from babel.numbers import format_decimal

from .messages import MESSAGES, PLURALS, Message

Location = tuple[str | int, ...]


class Problem(Protocol):
    """What the words need of a problem (:class:`faa_flere.errors.Problem` has it)."""

    @property
    def path(self) -> Path | None: ...
    @property
    def line(self) -> int | None: ...
    @property
    def loc(self) -> Location: ...
    @property
    def message(self) -> Message: ...
    @property
    def hint(self) -> Message | None: ...
    @property
    def subject(self) -> str: ...


class Problems(Protocol):
    """An error of one or more problems (:class:`faa_flere.errors.FaaFlereError`)."""

    @property
    def problems(self) -> Sequence[Problem]: ...


DOMAIN = "faa_flere"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("da", "en")
_BABEL_LOCALES = {"da": "da_DK", "en": "en_GB"}


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """``en`` when the first locale variable set names English, otherwise ``da``."""
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "da"
    return "da"


class Words:
    """The words of one language: messages, problems, numbers and plurals."""

    def __init__(self, language: str = "da"):
        self.language = language if language in LANGUAGES else "da"
        self.translations: gettext.NullTranslations = (
            gettext.translation(DOMAIN, LOCALE_DIR, languages=[self.language], fallback=True)
            if self.language != "en"
            else gettext.NullTranslations()
        )

    @property
    def locale(self) -> str:
        """The Babel locale of the language, for dates and numbers: ``da_DK``."""
        return _BABEL_LOCALES[self.language]

    @classmethod
    def from_env(cls) -> Words:
        return cls(language_from_env())

    def gettext(self, text: str) -> str:
        return self.translations.gettext(text)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    def number(self, value: float, digits: int = 1) -> str:
        """``13,3`` in Danish, ``13.3`` in English."""
        pattern = "0." + "0" * digits if digits else "0"
        pattern = "#,##" + pattern
        return format_decimal(value, format=pattern, locale=_BABEL_LOCALES[self.language])

    def count(self, code: str, count: int) -> str:
        """A counted noun: ``1 side``, ``2 sider``."""
        singular, plural = PLURALS[code]
        return self.ngettext(singular, plural, count).format(count=count)

    def message_code(self, code: str, **params: object) -> str:
        """The words of a message given by its code: ``words.message_code("valid", name=...)``."""
        from .messages import msg

        return self.message(msg(code, **params))

    def message(self, message: Message) -> str:
        params = {name: self._param(value) for name, value in message.params}
        if message.code in PLURALS:
            count = int(dict(message.params).get("count", 0))  # type: ignore[call-overload]
            singular, plural = PLURALS[message.code]
            return self.ngettext(singular, plural, count).format(**params)
        return self.gettext(MESSAGES[message.code]).format(**params)

    def _param(self, value: object) -> str:
        if isinstance(value, Message):
            return self.message(value)
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, float):
            return self.number(value)
        if isinstance(value, int) and abs(value) >= 10_000:
            return self.number(value, 0)  # 200.000 in Danish, 200,000 in English
        if isinstance(value, (list, tuple)):
            return ", ".join(self._param(v) for v in value)
        return str(value)

    def problem(self, problem: Problem) -> str:
        """``areas/x/area.yaml:14: changes.remove[2]: unknown id 'k31' (did you mean 'k30'?)``."""
        parts = []
        if problem.subject and (problem.path is None or problem.subject.startswith("-")):
            parts.append(problem.subject)  # an option (--out) or a variable at fault
        if problem.path is not None:
            where = display_path(problem.path)
            parts.append(f"{where}:{problem.line}" if problem.line else where)
        if problem.loc:
            parts.append(format_loc(problem.loc))
        text = self.message(problem.message)
        if problem.hint is not None:
            text += f" ({self.message(problem.hint)})"
        return ": ".join([*parts, text])

    def error(self, error: Problems) -> str:
        """Every problem of an error, one line each."""
        return "\n".join(self.problem(p) for p in error.problems)


def format_loc(loc: Location) -> str:
    """``("changes", "remove", 2)`` as ``changes.remove[2]``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = part if part.isprintable() else repr(part)[1:-1]  # never a raw control character
            text += f".{name}" if text else name
    return text


def display_path(path: Path) -> str:
    """The path as a person would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
