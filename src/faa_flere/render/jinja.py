"""HTML from Jinja templates: one sandboxed environment, its filters and helpers.

Templates are found through an ordered search path (an edition's own ``templates/``
first, then the official ones) and run in Jinja's sandbox with autoescape on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
from markupsafe import Markup

from ..errors import BuildError, Problem, msg
from .colour import tint


class Templates:
    """The Jinja environment of one build."""

    def __init__(self, template_dirs: Iterable[Path]):
        self.dirs = [Path(d) for d in template_dirs]
        self.env = jinja2.sandbox.SandboxedEnvironment(
            loader=jinja2.FileSystemLoader(self.dirs),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(tint=tint, mm=mm, css_string=css_string)
        self.env.globals["inline_svg"] = inline_svg

    def html(self, template: str, **context: Any) -> str:
        try:
            return self.env.get_template(template).render(**context)
        except jinja2.TemplateError as e:
            filename = getattr(e, "filename", None)  # only some template errors have one
            path = Path(filename) if filename else None
            line = getattr(e, "lineno", None)
            raise BuildError(
                [
                    Problem(
                        path,
                        line,
                        (),
                        msg("template-error", detail=e.message or type(e).__name__),
                        subject=template,
                    )
                ]
            ) from e


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
