"""Safe YAML loading that remembers where every value came from.

Content files are loaded with a :class:`yaml.SafeLoader` subclass, so tags such
as ``!!python/object`` are refused. Besides the data, each load returns a
:class:`SourceMap` from a value's path (``("cards", 3, "text")``) to the line it
stands on, so later validation can point at file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Problem

#: Content files are small; anything larger is a mistake or an attack.
MAX_BYTES = 512 * 1024
#: A limit on the number of YAML nodes in one file, far above any real content.
MAX_NODES = 20_000

Location = tuple[str | int, ...]


class ContentLoader(yaml.SafeLoader):
    """Safe loader for content; only plain YAML types are constructed."""


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

    def problem(self, loc: Location, message: str, hint: str = "", *, key: bool = False) -> Problem:
        """A :class:`Problem` that points at ``loc`` in this file."""
        return Problem(self.path, self.line(loc, key=key), format_loc(loc), message, hint)


def format_loc(loc: Location) -> str:
    """``("changes", "remove", 2)`` as ``changes.remove[2]``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of a content file, checked for size and UTF-8 encoding."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ContentError(
                [
                    Problem(
                        path,
                        None,
                        "",
                        f"the file is {size // 1024} KiB, more than the {max_bytes // 1024} KiB allowed",
                        "content files are small; check that this is the right file",
                    )
                ]
            )
        raw = path.read_bytes()
    except FileNotFoundError as e:
        raise ContentError([Problem(path, None, "", "the file does not exist")]) from e
    except IsADirectoryError as e:
        raise ContentError([Problem(path, None, "", "this is a folder, not a file")]) from e
    except OSError as e:
        raise ContentError([Problem(path, None, "", f"cannot read the file: {e.strerror}")]) from e
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ContentError(
            [
                Problem(
                    path,
                    line,
                    "",
                    "the file is not UTF-8 text",
                    "save it as UTF-8 (in most editors: 'Save with encoding' > UTF-8)",
                )
            ]
        ) from e


def load_yaml(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[Any, SourceMap]:
    """Load one YAML file safely; return its data and where each value stands."""
    text = read_text(path, max_bytes=max_bytes)
    source = SourceMap(path)
    loader = ContentLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ContentError(
                [Problem(path, 1, "", "the file is empty", "see the official file for an example")]
            )
        problems: list[Problem] = []
        _walk(node, (), source, problems, seen=set())
        if problems:
            raise ContentError(problems)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        what = e.problem or e.context or "invalid YAML"
        hint = "check indentation, colons and quotes on this line or the one before"
        if isinstance(e, yaml.constructor.ConstructorError):
            hint = "only plain YAML is allowed: remove the '!' tag"
        elif "but got '?'" in what or "found '?'" in what:
            hint = "put text that ends with '?' in quotes inside { }"
        raise ContentError([Problem(path, line, "", f"YAML: {what}", hint)]) from e
    except yaml.YAMLError as e:
        raise ContentError([Problem(path, None, "", f"YAML: {e}")]) from e
    finally:
        loader.dispose()
    return data, source


def _walk(node: yaml.Node, loc: Location, source: SourceMap, problems: list[Problem], seen: set[int]) -> None:
    """Record the line of every node; refuse aliases, duplicate keys and huge files."""
    if id(node) in seen:
        problems.append(
            source.problem(
                loc,
                "anchors and aliases (& and *) are not supported",
                "write the value out in full",
                key=True,
            )
        )
        return
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        if len(seen) == MAX_NODES + 1:
            problems.append(source.problem(loc, f"the file has more than {MAX_NODES} values"))
        return
    source.lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        keys: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(source.problem(loc, "a key must be a plain word"))
                continue
            key = key_node.value
            key_line = key_node.start_mark.line + 1
            if key in keys:
                problems.append(
                    Problem(
                        source.path,
                        key_line,
                        format_loc((*loc, key)),
                        f"duplicate key (already given on line {keys[key]})",
                        "remove one of them",
                    )
                )
                continue
            keys[key] = key_line
            source.key_lines[(*loc, key)] = key_line
            _walk(value_node, (*loc, key), source, problems, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), source, problems, seen)
