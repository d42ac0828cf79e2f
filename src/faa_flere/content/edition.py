"""Local editions: a housing area's files (``area.yaml``, a logo, templates), laid over
the official pack.

An edition is data (:class:`~.files.EditionFiles`, names to bytes): a folder on disk is
one source of it, a stored version another. Nothing here reads or writes a file of the
edition.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Problem, msg
from . import models, overlay
from .assets import check_logo, check_templates
from .files import AREA_FILE, TEMPLATES, EditionFiles
from .loading import Content, Local, make_content, read_files
from .schema import Schema
from .validation import validate
from .yamlsource import ReadCache, parse_yaml


def edition_content(
    edition: EditionFiles, materials_dir: Path, schema: Schema, reads: ReadCache | None = None
) -> Content:
    """The content of an edition: the official content in ``materials_dir`` with the
    edition's edits applied; every problem raised at once as a :class:`ContentError`."""
    problems: list[Problem] = []
    official, official_sources = read_files(materials_dir, schema, problems, reads)
    if problems:
        raise ContentError(problems)

    edition.check()
    parse = reads.parse_yaml if reads is not None else parse_yaml
    raw, area_source = parse(edition.area_yaml, edition.path(AREA_FILE))
    parsed = validate(models.EditionFile, raw, area_source, problems)
    if parsed is None:
        raise ContentError(problems)
    logo = check_logo(edition, parsed.area.logo, area_source, problems)
    templates = edition.templates()
    if TEMPLATES in edition.files:
        problems.append(
            Problem(edition.path(TEMPLATES), None, (), msg("templates-not-folder"), msg("file-is-link.hint"))
        )
    problems.extend(check_templates(templates, edition.path(TEMPLATES)))
    merged = overlay.apply(schema, official, official_sources, parsed, area_source, problems)
    if problems:
        raise ContentError(problems)
    local = Local(parsed.area, tuple(parsed.partners), logo, dict(parsed.copies), templates, edition.origin)
    return make_content(
        schema,
        merged.data,
        merged.sources,
        materials_dir,
        problems,
        local=local,
        status=merged.status,
        removed=tuple(merged.removed),
    )
