"""Safe YAML loading that remembers where every value came from.

Content files are loaded with a safe loader (LibYAML's, in C, where PyYAML has it; the
pure-Python one words the errors), so tags such as ``!!python/object`` are refused.
Besides the data, each load returns a :class:`SourceMap` from a value's path
(``("cards", 3, "text")``) to the line it stands on, so later validation can point at
file and line.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import stat
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from ..errors import ContentError, Location, Message, Problem, msg

#: Content files are small; anything larger is a mistake or an attack.
MAX_BYTES = 512 * 1024
#: A limit on the number of YAML nodes in one file, far above any real content.
MAX_NODES = 20_000


class ContentLoader(yaml.SafeLoader):
    """Safe loader for content; only plain YAML types are constructed. Its error messages
    name the character at fault (a tab, say), which LibYAML's do not."""


#: The same, ten times faster (a save parses the area's new text): LibYAML's parser with
#: the same safe constructor. A text it refuses is read again by :class:`ContentLoader`,
#: whose words the messages are made from.
FastLoader: type[Any] = getattr(yaml, "CSafeLoader", ContentLoader)


@dataclass
class SourceMap:
    """Where each value of a loaded YAML file stands: its path and line numbers."""

    path: Path
    lines: dict[Location, int] = field(default_factory=dict)
    key_lines: dict[Location, int] = field(default_factory=dict)

    def line(self, loc: Location, *, key: bool = False) -> int | None:
        """The line of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        if key and loc in self.key_lines:
            return self.key_lines[loc]
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def problem(
        self, loc: Location, message: Message, hint: Message | None = None, *, key: bool = False
    ) -> Problem:
        """A :class:`Problem` that points at ``loc`` in this file."""
        return Problem(self.path, self.line(loc, key=key), tuple(loc), message, hint)


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of a content file, checked for size and UTF-8 encoding.

    Only an ordinary file is read: a link, a named pipe or a device is refused before
    it is opened, so nothing can make a build read elsewhere or wait forever.
    """
    try:
        info = path.lstat()
    except FileNotFoundError as e:
        raise ContentError([Problem(path, None, (), msg("file-missing"))]) from e
    except OSError as e:
        raise ContentError([Problem(path, None, (), msg("file-unreadable", reason=e.strerror))]) from e
    if stat.S_ISLNK(info.st_mode):
        raise ContentError([Problem(path, None, (), msg("file-is-link"), msg("file-is-link.hint"))])
    if stat.S_ISDIR(info.st_mode):
        raise ContentError([Problem(path, None, (), msg("file-is-folder"))])
    if not stat.S_ISREG(info.st_mode):
        raise ContentError([Problem(path, None, (), msg("file-not-regular"))])
    if info.st_size > max_bytes:
        raise ContentError(
            [
                Problem(
                    path,
                    None,
                    (),
                    msg("file-too-large", size=info.st_size // 1024, limit=max_bytes // 1024),
                    msg("file-too-large.hint"),
                )
            ]
        )
    try:
        raw = path.read_bytes()[: max_bytes + 1]
    except OSError as e:
        raise ContentError([Problem(path, None, (), msg("file-unreadable", reason=e.strerror))]) from e
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ContentError([Problem(path, line, (), msg("file-not-utf8"), msg("file-not-utf8.hint"))]) from e


class ReadCache:
    """YAML parsed once per text, for whoever reads many editions: the web page, a worker.

    Keyed by the file's text, so a changed file is parsed again, and the same text in
    another folder (the official files of every edition, a save's trial copy, the version
    a save starts from) is not. Parsed data is shared, so readers never change it (the
    overlay works on a copy); the most recently used texts are kept."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._parsed: OrderedDict[str, tuple[Any, SourceMap]] = OrderedDict()
        self._lock = threading.Lock()

    def load_yaml(self, path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[Any, SourceMap]:
        return self.parse_yaml(read_text(path, max_bytes=max_bytes), path)

    def parse_yaml(self, text: str, path: Path) -> tuple[Any, SourceMap]:
        """:func:`parse_yaml`, parsed once per text."""
        with self._lock:
            kept = self._parsed.get(text)
            if kept is not None:
                self._parsed.move_to_end(text)
        if kept is not None:
            data, source = kept
            return data, dataclasses.replace(source, path=path)
        data, source = parse_yaml(text, path)
        with self._lock:
            self._parsed[text] = (data, source)
            while len(self._parsed) > self.size:
                self._parsed.popitem(last=False)
        return data, source


def load_yaml(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[Any, SourceMap]:
    """Load one YAML file safely; return its data and where each value stands."""
    return parse_yaml(read_text(path, max_bytes=max_bytes), path)


def parse_yaml(text: str, path: Path) -> tuple[Any, SourceMap]:
    """The data of the YAML ``text`` of ``path``, parsed safely, and where each value stands."""
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise ContentError(
            [
                Problem(
                    path,
                    line,
                    (),
                    msg("yaml-control-char", char=f"U+{ord(bad.group()):04X}"),
                    msg("yaml-control-char.hint"),
                )
            ]
        )
    try:
        try:
            return _parse(text, path, FastLoader)
        except yaml.YAMLError:
            if FastLoader is ContentLoader:
                raise
        return _parse(text, path, ContentLoader)  # to word the error
    except yaml.MarkedYAMLError as e:
        raise ContentError([_syntax_problem(path, text, e)]) from e
    except yaml.YAMLError as e:
        raise ContentError([Problem(path, None, (), msg("yaml-syntax", detail=str(e)))]) from e


def _parse(text: str, path: Path, loader_class: type[Any]) -> tuple[Any, SourceMap]:
    source = SourceMap(path)
    _check_events(text, path, loader_class)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ContentError([Problem(path, 1, (), msg("file-empty"), msg("see-official-file"))])
        problems: list[Problem] = []
        resolve = functools.partial(loader.resolve, yaml.ScalarNode, implicit=(True, False))
        _walk(node, (), source, problems, seen=set(), lines=text.splitlines(), resolve=resolve)
        if problems:
            raise ContentError(problems)
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    return data, source


#: Characters that have no place in a text file: every one YAML does not allow (controls
#: and non-characters); tab, line feed and carriage return are fine.
_CONTROL = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: How deeply content may nest; real content is a few levels deep.
MAX_DEPTH = 40


def _check_events(text: str, path: Path, loader_class: type[Any]) -> None:
    """One pass over the event stream, before anything is built from it: nesting depth,
    anchors and aliases. The stream is flat, so a 10,000-deep file costs no recursion."""
    depth = 0
    loader = loader_class(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                raise ContentError([Problem(path, line, (), msg("yaml-alias"), msg("yaml-alias.hint"))])
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ContentError(
                        [
                            Problem(
                                path,
                                line,
                                (),
                                msg("yaml-too-deep", limit=MAX_DEPTH),
                                msg("yaml-too-deep.hint"),
                            )
                        ]
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _syntax_problem(path: Path, text: str, e: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error in words a person can act on, chosen by the error's kind and
    the character of ``text`` it points at, never by PyYAML's English wording (which is
    shown as it is, as the detail)."""
    mark = e.problem_mark or e.context_mark
    line = mark.line + 1 if mark else None
    what = e.problem or e.context or "invalid YAML"
    if isinstance(e, yaml.constructor.ConstructorError):
        # Tags are refused before anything is constructed (_walk): this is a safeguard.
        return Problem(path, line, (), msg("yaml-tag", tag="!"), msg("yaml-tag.hint"))
    if e.problem_mark is not None and text[e.problem_mark.index : e.problem_mark.index + 1] == "\t":
        return Problem(path, line, (), msg("yaml-tab"), msg("yaml-tab.hint"))
    # The parser met a mapping key where none may be: most often text with a "?" in
    # { } (the pure-Python parser ends a plain value there), or a key indented wrongly.
    question = isinstance(e, yaml.parser.ParserError) and isinstance(_refused_token(text), yaml.KeyToken)
    hint = msg("yaml-question.hint") if question else msg("yaml-syntax.hint")
    return Problem(path, line, (), msg("yaml-syntax", detail=what), hint)


def _refused_token(text: str) -> yaml.Token | None:
    """The token the pure-Python parser refuses in ``text``, if it refuses one: the parser
    peeks at a token before it refuses it, so it is still the next in line."""
    loader: Any = ContentLoader(text)
    try:
        while loader.check_event():
            loader.get_event()
    except yaml.parser.ParserError:
        try:
            return cast(yaml.Token, loader.peek_token())
        except yaml.YAMLError:
            return None
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


#: The tags YAML gives plain data by itself, for each kind of node: any other tag was
#: written in the file (``!!python/object``, ``!foo``, ``!!binary``), or is one the safe
#: constructor refuses (``=`` and ``<<`` as values).
_PLAIN_TAGS: dict[type[yaml.Node], frozenset[str]] = {
    yaml.ScalarNode: frozenset(
        f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
    ),
    yaml.SequenceNode: frozenset({"tag:yaml.org,2002:seq"}),
    yaml.MappingNode: frozenset({"tag:yaml.org,2002:map"}),
}
_STR, _INT, _FLOAT = (f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float"))


def _written_tag(node: yaml.Node, resolve: Callable[[str], str]) -> str | None:
    """The tag of ``node`` if YAML would not have given it that tag by itself (a tag
    written in the file), else None. ``resolve`` gives a plain scalar's own tag."""
    if node.tag not in _PLAIN_TAGS[type(node)]:
        return str(node.tag)
    if isinstance(node, yaml.ScalarNode) and node.tag != _STR:
        # "!!int abc": a plain tag on a value that is not one (any text can be a str).
        own = resolve(node.value)
        if own != node.tag and not (node.tag == _FLOAT and own == _INT):
            return str(node.tag)
    return None


def _walk(
    node: yaml.Node,
    loc: Location,
    source: SourceMap,
    problems: list[Problem],
    seen: set[int],
    lines: list[str],
    resolve: Callable[[str], str],
) -> None:
    """Record the line of every node; refuse tags, duplicate and merge keys, and huge
    files. ``lines`` are the text's (LibYAML's marks do not carry it); ``resolve`` gives
    a plain scalar's own tag."""
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        if len(seen) == MAX_NODES + 1:
            problems.append(source.problem(loc, msg("yaml-too-many-values", limit=MAX_NODES)))
        return
    source.lines[loc] = node.start_mark.line + 1
    tag = _written_tag(node, resolve)
    if tag is not None:
        # Refused before anything is constructed: the safe constructor would refuse most
        # such tags, and build bytes, sets or a wrong type from the rest.
        problems.append(
            Problem(
                source.path, node.start_mark.line + 1, loc, msg("yaml-tag", tag=tag), msg("yaml-tag.hint")
            )
        )
        return
    if isinstance(node, yaml.MappingNode):
        keys: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    Problem(
                        source.path, key_line, loc, msg("yaml-key-not-word"), msg("yaml-key-not-word.hint")
                    )
                )
                continue
            if key_node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:merge"):
                # A number, yes/no or nothing as a key: no setting is called that.
                problems.append(
                    Problem(
                        source.path, key_line, loc, msg("yaml-key-not-word"), msg("yaml-key-not-word.hint")
                    )
                )
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(
                    Problem(source.path, key_line, loc, msg("yaml-merge-key"), msg("yaml-alias.hint"))
                )
                continue
            key = key_node.value
            bad = _CONTROL.search(key)
            if bad:
                problems.append(
                    Problem(
                        source.path,
                        key_line,
                        loc,
                        msg("text-control-char", char=f"U+{ord(bad.group()):04X}"),
                        msg("text-control-char.hint"),
                    )
                )
                continue
            if key in keys:
                problems.append(
                    Problem(
                        source.path,
                        key_line,
                        (*loc, key),
                        msg("yaml-duplicate-key", line=keys[key]),
                        msg("remove-one"),
                    )
                )
                continue
            keys[key] = key_line
            source.key_lines[(*loc, key)] = key_line
            _walk(value_node, (*loc, key), source, problems, seen, lines, resolve)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), source, problems, seen, lines, resolve)
    elif isinstance(node, yaml.ScalarNode):
        _check_scalar(node, loc, source, problems, lines)


def _check_scalar(
    node: yaml.ScalarNode, loc: Location, source: SourceMap, problems: list[Problem], lines: list[str]
) -> None:
    """Valid YAML that is almost never what a person meant: a quote closed lines later, a
    value read as a comment, a line swallowed by the text above it."""
    start, end = node.start_mark.line + 1, node.end_mark.line + 1
    style = node.style or None  # a plain scalar: None in PyYAML, "" in LibYAML
    if style in ('"', "'") and end > start:
        problems.append(
            Problem(
                source.path, start, loc, msg("yaml-unclosed-quote", end=end), msg("yaml-unclosed-quote.hint")
            )
        )
        return
    if style is None and node.tag == "tag:yaml.org,2002:null" and node.value == "" and loc:
        key = str(loc[-1])
        text = lines[start - 1] if start - 1 < len(lines) else ""
        if re.search(rf"{re.escape(key)}\s*:\s+#", text):
            problems.append(
                Problem(
                    source.path,
                    start,
                    loc,
                    msg("yaml-hash-value", key=key),
                    msg("yaml-hash-value.hint", key=key),
                )
            )
        return
    if style is None and end > start:
        for number in range(start + 1, min(end, len(lines)) + 1):
            continued = lines[number - 1].strip()
            if continued.startswith("- ") or re.match(r"^[\w-]+:(\s|$)", continued):
                problems.append(
                    Problem(source.path, number, loc, msg("yaml-continued"), msg("yaml-continued.hint"))
                )
                return
    if style == '"':
        # An escape such as "\0" makes a control character the file itself does not hold.
        value = node.value
        bad = _CONTROL.search(value) if isinstance(value, str) else None
        if bad:
            problems.append(
                source.problem(
                    loc,
                    msg("text-control-char", char=f"U+{ord(bad.group()):04X}"),
                    msg("text-control-char.hint"),
                )
            )
