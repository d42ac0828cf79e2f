"""HTML from Jinja templates: one sealed sandbox, its filters and helpers.

Templates are found in order: an edition's own ``templates/`` first (its files, from
memory), then the official ones (a folder). An edition's templates are untrusted, so the sandbox
holds by construction:

- templates get plain data only (text, numbers, lists, mappings, URLs already made);
  never a path, a model or any object with methods of ours (:func:`plain`);
- Jinja's immutable sandbox: no attribute starting with ``_``, no changing the data;
- a template file must be a regular UTF-8 file inside its folder (no links out, no
  pipes or devices); ``inline_svg`` reads only the official icons, by name;
- limits on time, loop length, recursion, string and number size and output size;
  hitting one is a clean error that names the template and its line.

Every process and thread the program starts, and how each stops: docs/processes.md.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import multiprocessing
import operator
import os
import re
import resource
import signal
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path, PurePath
from typing import Any

import jinja2
import jinja2.sandbox
from markupsafe import Markup
from pydantic import BaseModel

from ..errors import BuildError, Message, Problem, msg
from ..i18n import Words
from .colour import tint
from .hyphenation import Hyphenator

#: Limits for one template's rendering.
MAX_SECONDS = 10.0
MAX_OUTPUT_CHARS = 20_000_000
MAX_LOOP_ITEMS = 200_000  # all range() items of one rendering together
MAX_SIZE = 100_000  # a string made by * or a method, or an exponent
MAX_WIDTH = 10_000  # a width or count given to a filter or method (center, indent, ljust)
#: Memory a child rendering an edition's templates may use beyond what it starts with.
CHILD_EXTRA_BYTES = 768 * 1024 * 1024
MAX_TEMPLATE_BYTES = 512 * 1024
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


class TemplateLimit(Exception):
    """A template went past a limit: too long, too big, too deep."""

    def __init__(self, message: Message):
        super().__init__(message.code)
        self.message = message


class _Budget:
    """Time and loop items left to one rendering."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + MAX_SECONDS
        self.items = MAX_LOOP_ITEMS

    def tick(self, items: int = 0) -> None:
        self.items -= items
        if self.items < 0:
            raise TemplateLimit(msg("template-too-many-items", limit=MAX_LOOP_ITEMS))
        if time.monotonic() > self.deadline:
            raise TemplateLimit(msg("template-too-slow", seconds=int(MAX_SECONDS)))


class _Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with limits on time, sizes and loops."""

    intercepted_binops = frozenset({"*", "**", "+"})
    budget: _Budget

    def call_binop(self, context: jinja2.runtime.Context, operator_: str, left: Any, right: Any) -> Any:
        self.budget.tick()
        if operator_ == "**":
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() * abs(right) > MAX_SIZE:
                raise TemplateLimit(msg("template-too-big", limit=MAX_SIZE))
            if isinstance(right, (int, float)) and abs(right) > MAX_SIZE:
                raise TemplateLimit(msg("template-too-big", limit=MAX_SIZE))
            return left**right
        result = operator.mul(left, right) if operator_ == "*" else operator.add(left, right)
        if isinstance(result, (str, list, tuple)) and len(result) > MAX_SIZE:
            raise TemplateLimit(msg("template-too-big", limit=MAX_SIZE))
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.budget.tick()
        big = any(_too_big(a) for a in (*args, *kwargs.values()))
        receiver = getattr(__obj, "__self__", None)
        if isinstance(receiver, str) and getattr(__obj, "__name__", "") == "replace" and len(args) >= 2:
            big = big or len(receiver) * max(1, len(str(args[1]))) > MAX_SIZE * 10
        if big and __obj is not __self.globals.get("range"):  # range() counts its items itself
            raise TemplateLimit(msg("template-too-big", limit=MAX_SIZE))
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str) and len(result) > MAX_SIZE * 10:
            raise TemplateLimit(msg("template-too-big", limit=MAX_SIZE))
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.tick()
        return super().getattr(obj, attribute)


def _too_big(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) > MAX_WIDTH
    if isinstance(value, str):
        return len(value) > MAX_SIZE or bool(re.search(r"\d{6,}", value) and "%" in value)
    return False


def _checked(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses widths and counts larger than :data:`MAX_WIDTH`, and results
    larger than :data:`MAX_SIZE` characters."""

    def checked(*args: Any, **kwargs: Any) -> Any:
        if any(_too_big(a) for a in (*args[1:], *kwargs.values())):
            raise TemplateLimit(msg("template-too-big", limit=MAX_SIZE))
        result = function(*args, **kwargs)
        if isinstance(result, str) and len(result) > MAX_SIZE * 10:
            raise TemplateLimit(msg("template-too-big", limit=MAX_SIZE))
        return result

    for attribute in ("jinja_pass_arg",):  # keep what tells Jinja to pass the environment
        if hasattr(function, attribute):
            setattr(checked, attribute, getattr(function, attribute))
    return checked


class _Namespace(jinja2.utils.Namespace):
    """``namespace()`` whose values cannot grow past :data:`MAX_SIZE` (a value doubled in a loop)."""

    def __setitem__(self, name: str, value: Any) -> None:
        if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_SIZE * 10:
            raise TemplateLimit(msg("template-too-big", limit=MAX_SIZE))
        super().__setitem__(name, value)


def _memory_now() -> int:
    """The virtual memory of this process now, in bytes."""
    with Path("/proc/self/statm").open(encoding="ascii") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


class _Loader(jinja2.FileSystemLoader):
    """Reads a template only if it is a regular UTF-8 file inside its own folder."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)  # no "..", no absolute paths
        for folder in self.searchpath:
            root = Path(folder)
            path = root.joinpath(*pieces)
            try:
                info = path.lstat()
            except OSError:
                continue
            if stat.S_ISLNK(info.st_mode) or not path.resolve().is_relative_to(root.resolve()):
                raise _unsafe(path, msg("file-is-link"), msg("file-is-link.hint"))
            if not stat.S_ISREG(info.st_mode):
                raise _unsafe(path, msg("file-not-regular"))
            if info.st_size > MAX_TEMPLATE_BYTES:
                raise _unsafe(
                    path, msg("file-too-large", size=info.st_size // 1024, limit=MAX_TEMPLATE_BYTES // 1024)
                )
            raw = path.read_bytes()
            try:
                source = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise _unsafe(path, msg("file-not-utf8"), msg("file-not-utf8.hint")) from None
            return source, str(path), _unchanged(path, info.st_mtime)
        raise jinja2.TemplateNotFound(template)


class _EditionLoader(jinja2.BaseLoader):
    """An edition's own templates, from memory (names below its ``templates/``); a template
    must be UTF-8 text no larger than :data:`MAX_TEMPLATE_BYTES`. ``folder`` is where they
    came from, as problems name it."""

    def __init__(self, templates: Mapping[str, bytes], folder: Path):
        self.templates = dict(templates)
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        name = "/".join(jinja2.loaders.split_template_path(template))  # no "..", no absolute paths
        raw = self.templates.get(name)
        if raw is None:
            raise jinja2.TemplateNotFound(template)
        path = self.folder / name
        if len(raw) > MAX_TEMPLATE_BYTES:
            raise _unsafe(
                path, msg("file-too-large", size=len(raw) // 1024, limit=MAX_TEMPLATE_BYTES // 1024)
            )
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _unsafe(path, msg("file-not-utf8"), msg("file-not-utf8.hint")) from None
        return source, str(path), lambda: True


def _unchanged(path: Path, mtime: float) -> Callable[[], bool]:
    return lambda: path.is_file() and path.stat().st_mtime == mtime


def _unsafe(path: Path, message: Message, hint: Message | None = None) -> BuildError:
    return BuildError([Problem(path, None, (), message, hint)])


class CompiledInMemory(jinja2.BytecodeCache):
    """Compiled templates kept in memory, for the builds that share a render cache (a
    build process's jobs, a batch's packs): compiling costs a build about a tenth of a
    second. Jinja checks each against its template's source, so an edited template, or an
    edition's own, is compiled afresh."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


class Templates:
    """The sandboxed Jinja environment of one build."""

    def __init__(
        self,
        template_dirs: Iterable[Path],
        icons_dir: Path,
        edition: Mapping[str, bytes] | None = None,
        edition_folder: Path = Path("templates"),
        compiled: jinja2.BytecodeCache | None = None,
    ):
        """``edition``: an edition's own templates (untrusted), by name, searched before
        ``template_dirs``; ``edition_folder`` is where they came from, as problems name it.
        ``compiled``: where compiled templates are kept from one build to the next
        (compiling them costs a build about a tenth of a second); by source, so an edited
        template is compiled again."""
        self.dirs = [Path(d) for d in template_dirs]
        self.icons_dir = icons_dir
        #: Whether an edition's own templates are searched first.
        self.untrusted = bool(edition)
        loader: jinja2.BaseLoader = _Loader(self.dirs)
        if edition:
            loader = jinja2.ChoiceLoader([_EditionLoader(edition, edition_folder), loader])
        self.env = _Sandbox(
            loader=loader,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=compiled,
        )
        self.env.filters.update(
            tint=tint, mm=mm, css_string=css_string, decimal=decimal, hyphenate=Hyphenator()
        )
        self.env.globals["inline_svg"] = self.inline_svg
        self.env.globals["range"] = self._range
        self.env.globals["namespace"] = _Namespace
        # Filters that make large values get their sizes checked first.
        for name in (
            "center",
            "indent",
            "format",
            "truncate",
            "wordwrap",
            "join",
            "replace",
            "batch",
            "slice",
        ):
            self.env.filters[name] = _checked(self.env.filters[name])

    def _range(self, *args: int) -> Iterator[int]:
        for number in range(*args):
            self.env.budget.tick(1)
            yield number

    def html(self, template: str, **context: Any) -> str:
        """The HTML of ``template`` rendered with ``context``, made plain data first.

        When an edition brings templates of its own, rendering runs in a child process
        with hard limits on memory and processor time, so that no template, however it
        is written, can take the machine down with it."""
        data = {name: value if callable(value) else plain(value) for name, value in context.items()}
        if self.untrusted:
            return self._isolated(template, data)
        return self._render(template, data)

    def _isolated(self, template: str, data: dict[str, Any]) -> str:
        # A plain fork, not a multiprocessing Process: a worker's build process is itself a
        # daemonic multiprocessing child, which multiprocessing forbids to have children;
        # the operating system does not (docs/processes.md).
        receiving, sending = multiprocessing.Pipe(duplex=False)
        pid = os.fork()
        if pid == 0:  # the child: it never returns
            try:
                receiving.close()
                self._child(template, data, sending)
            finally:
                os._exit(1)
        sending.close()
        try:
            if not receiving.poll(MAX_SECONDS + 5):
                raise self._error(template, msg("template-too-slow", seconds=int(MAX_SECONDS)), None, None)
            kind, value = receiving.recv()
        except EOFError:  # the child was stopped by its limits
            raise self._error(template, msg("template-too-big", limit=MAX_SIZE), None, None) from None
        finally:
            receiving.close()
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)  # gone already, or stopped here past its time
            os.waitpid(pid, 0)
        if kind == "problems":
            raise BuildError(value)
        return str(value)

    def _child(self, template: str, data: dict[str, Any], sending: Any) -> None:
        """In the child: limits first, then the rendering; the answer goes back through the pipe."""
        resource.setrlimit(resource.RLIMIT_AS, (_memory_now() + CHILD_EXTRA_BYTES,) * 2)
        resource.setrlimit(resource.RLIMIT_CPU, (int(MAX_SECONDS) + 2,) * 2)
        try:
            answer: tuple[str, Any] = ("html", self._render(template, data))
        except BuildError as e:
            answer = ("problems", e.problems)
        except MemoryError:
            answer = (
                "problems",
                self._error(template, msg("template-too-big", limit=MAX_SIZE), None, None).problems,
            )
        sending.send(answer)
        sending.close()
        os._exit(0)  # leave at once: nothing of the parent's is to be flushed or closed here

    def _render(self, template: str, data: dict[str, Any]) -> str:
        self.env.budget = _Budget()
        depth = sys.getrecursionlimit()
        sys.setrecursionlimit(min(depth, 2000))  # a macro that calls itself stops early
        try:
            chunks: list[str] = []
            size = 0
            for chunk in self.env.get_template(template).generate(**data):
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    raise TemplateLimit(msg("template-too-much-output", limit=MAX_OUTPUT_CHARS // 1_000_000))
                self.env.budget.tick()
                chunks.append(chunk)
            return "".join(chunks)
        except BuildError:
            raise
        except jinja2.TemplateSyntaxError as e:
            raise self._error(
                template, msg("template-error", detail=e.message or "syntax"), e.filename, e.lineno
            ) from e
        except TemplateLimit as e:
            raise self._error(template, e.message, *_template_line(e)) from None
        except RecursionError as e:
            raise self._error(template, msg("template-too-deep"), *_template_line(e)) from None
        except MemoryError as e:
            raise self._error(template, msg("template-too-big", limit=MAX_SIZE), *_template_line(e)) from None
        except Exception as e:  # a template's own mistake: an unknown name, a wrong type, …
            detail = e.message if isinstance(e, jinja2.TemplateError) and e.message else type(e).__name__
            raise self._error(template, msg("template-error", detail=detail), *_template_line(e)) from None
        finally:
            sys.setrecursionlimit(depth)

    def _error(self, template: str, message: Message, filename: str | None, line: int | None) -> BuildError:
        path = Path(filename) if filename and not filename.startswith("<") else None
        return BuildError([Problem(path, line, (), message, msg("template-error.hint"), subject=template)])

    def inline_svg(self, name: str, colour: str, css_class: str = "", title: str = "") -> Markup:
        """An icon of the pack's own, by name, inlined so it can take a palette colour.

        With a ``title`` the icon says what it means (its alternative text in a tagged PDF).
        """
        if not isinstance(name, str) or not _ID.match(name):
            raise TemplateLimit(msg("template-bad-icon", name=str(name)[:40]))
        path = self.icons_dir / f"{name}.svg"
        try:
            info = path.lstat()
        except OSError:
            raise TemplateLimit(msg("template-bad-icon", name=name)) from None
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateLimit(msg("template-bad-icon", name=name))
        text = _SVG_START.sub("", path.read_text(encoding="utf-8"), count=1)
        text = text.replace("currentColor", str(colour))
        if title:
            start = text.index(">", text.index("<svg")) + 1
            text = f"{text[:start]}<title>{Markup.escape(title)}</title>{text[start:]}"
        else:  # decoration: the text beside it says it
            text = text.replace("<svg", '<svg aria-hidden="true"', 1)
        if css_class:
            text = text.replace("<svg", f'<svg class="{Markup.escape(css_class)}"', 1)
        return Markup(text)


def _template_line(error: BaseException) -> tuple[str | None, int | None]:
    """The template file and line an error was raised from, read off the traceback
    (Jinja marks its frames with the template's name and line)."""
    found: tuple[str | None, int | None] = (None, None)
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".css")) and not filename.endswith(".py"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def plain(value: Any) -> Any:
    """``value`` as plain data for a template: text, numbers, lists and mappings only."""
    if value is None or isinstance(value, (str, bool, int, float, Markup)):
        return value
    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name)) for name in type(value).model_fields}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not f.name.startswith("_")
        }
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, (frozenset, set)):
        return sorted(plain(item) for item in value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, PurePath):
        raise TypeError(f"a path reached a template: {value}")  # a bug of ours: views give URLs or names
    raise TypeError(f"{type(value).__name__} is not plain data for a template")


def css_string(value: object) -> Markup:
    """Text for inside a CSS string ("..."): anything but letters, digits and spaces is escaped.

    HTML escaping does not protect CSS, so user text that ends up in a stylesheet
    (page headers and footers) goes through this instead.
    """
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):X} " for c in str(value))
    return Markup(escaped)


def decimal(value: float, digits: int = 1) -> str:
    """A number for the Danish page: ``1,5`` (the pack is in Danish whatever the locale)."""
    return Words("da").number(value, digits)


def mm(value: float, scale: float = 1.0) -> str:
    """A length in millimetres for CSS, optionally scaled (the A4 poster is the A3 one scaled)."""
    return f"{value * scale:.2f}mm"


_SVG_START = re.compile(r"^.*?(?=<svg\b)", re.S)
