"""HTML from Jinja templates, and PDF from HTML through WeasyPrint.

One :class:`Renderer` serves a whole build: one Jinja environment, one font
configuration (fonts are loaded once) and one URL fetcher that reads only
files below the folders it was given. Nothing is ever fetched from a network.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
import jinja2.sandbox
import weasyprint
from markupsafe import Markup
from weasyprint.text.fonts import FontConfiguration

from .colour import tint
from .errors import BuildError

log = logging.getLogger(__name__)
# fontTools complains about the fonts' creation dates while subsetting; not our concern.
logging.getLogger("fontTools").setLevel(logging.ERROR)


class LocalFetcher(weasyprint.URLFetcher):
    """Fetches ``file:`` URLs below the allowed folders, and ``data:`` URLs; nothing else."""

    def __init__(self, roots: Iterable[Path]):
        super().__init__(allowed_protocols={"file", "data"}, timeout=1)
        self.roots = tuple(root.resolve() for root in roots)

    def fetch(self, url: str, headers: Any = None) -> Any:
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"refused to read {path}: outside the pack's folders")
        elif parts.scheme != "data":
            raise ValueError(f"refused to fetch {url}: only local files are read")
        return super().fetch(url, headers)


class Renderer:
    """Renders the templates of one build into WeasyPrint documents."""

    def __init__(
        self,
        template_dirs: Iterable[Path],
        asset_roots: Iterable[Path],
        options: dict[str, Any] | None = None,
        strict: bool = True,
    ):
        self.template_dirs = [Path(d) for d in template_dirs]
        # Sandboxed: an edition may bring its own templates.
        self.env = jinja2.sandbox.SandboxedEnvironment(
            loader=jinja2.FileSystemLoader(self.template_dirs),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(tint=tint, mm=mm, css_string=css_string)
        self.env.globals["inline_svg"] = inline_svg
        self.fetcher = LocalFetcher([*self.template_dirs, *asset_roots])
        self.font_config = FontConfiguration()
        self.options = options or {}
        self.strict = strict

    def html(self, template: str, **context: Any) -> str:
        try:
            return self.env.get_template(template).render(**context)
        except jinja2.TemplateError as e:
            where = f"{e.filename}:{e.lineno}" if getattr(e, "lineno", None) else template
            raise BuildError(f"{where}: template error: {e.message}") from e

    def document(self, html: str) -> weasyprint.Document:
        """Lay out ``html``. What WeasyPrint complains about (a file it may not read, CSS it
        does not know) fails a strict build, and is a warning otherwise."""
        base_url = self.template_dirs[-1].as_uri() + "/"
        collector = _Collector()
        weasyprint_log = logging.getLogger("weasyprint")
        weasyprint_log.addHandler(collector)
        try:
            document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=self.fetcher).render(
                font_config=self.font_config, **self.options
            )
        finally:
            weasyprint_log.removeHandler(collector)
        if collector.messages:
            if self.strict:
                raise BuildError("WeasyPrint reported: " + "; ".join(dict.fromkeys(collector.messages)))
            for message in dict.fromkeys(collector.messages):
                log.warning("warning: WeasyPrint: %s", message)
        return document


class _Collector(logging.Handler):
    """Keeps WeasyPrint's warnings and errors for one layout."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def css_string(value: object) -> Markup:
    """Text for inside a CSS string ("..."): anything but letters, digits and spaces is escaped.

    HTML escaping does not protect CSS, so user text that ends up in a stylesheet
    (page headers and footers) goes through this instead.
    """
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):X} " for c in str(value))
    return Markup(escaped)


def mm(value: float, scale: float = 1.0) -> str:
    """A length in millimetres for CSS, optionally scaled (the A4 poster is the A3 one scaled)."""
    return f"{value * scale:.2f}mm"


_SVG_START = re.compile(r"^.*?(?=<svg\b)", re.S)


def inline_svg(path: Path, colour: str, css_class: str = "") -> Markup:
    """An SVG file from the pack's own icons, inlined so it can take a palette colour."""
    text = _SVG_START.sub("", Path(path).read_text(encoding="utf-8"), count=1)
    text = text.replace("currentColor", colour)
    text = text.replace("<svg", '<svg aria-hidden="true"', 1)  # decoration: the text beside it says it
    if css_class:
        text = text.replace("<svg", f'<svg class="{css_class}"', 1)
    return Markup(text)
