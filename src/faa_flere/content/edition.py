"""Local editions: a housing area's folder with ``area.yaml``, laid over the official pack."""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Problem, msg
from . import models, overlay
from .assets import check_logo, check_templates
from .files import AREA_FILE, MAX_AREA_BYTES, TEMPLATES
from .loading import Content, Local, make_content, read_files
from .schema import Schema
from .validation import validate
from .yamlsource import ReadCache, load_yaml


def load_edition(
    folder: Path | str, materials_dir: Path, schema: Schema, reads: ReadCache | None = None
) -> Content:
    """The content of an edition: the official content with the edition's edits applied."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ContentError([Problem(folder, None, (), msg("edition-is-file"), msg("edition-is-file.hint"))])
    if not folder.is_dir():
        raise ContentError(
            [Problem(folder, None, (), msg("no-edition-folder"), msg("no-edition-folder.hint"))]
        )
    problems: list[Problem] = []
    official, official_sources = read_files(materials_dir, schema, problems, reads)
    if problems:
        raise ContentError(problems)

    load = reads.load_yaml if reads is not None else load_yaml
    raw, area_source = load(folder / AREA_FILE, max_bytes=MAX_AREA_BYTES)
    edition = validate(models.EditionFile, raw, area_source, problems)
    if edition is None:
        raise ContentError(problems)
    logo = check_logo(folder, edition.area.logo, area_source, problems)
    templates = folder / TEMPLATES
    if templates.is_symlink() or (templates.exists() and not templates.is_dir()):
        problems.append(Problem(templates, None, (), msg("templates-not-folder"), msg("file-is-link.hint")))
    elif templates.is_dir():
        problems.extend(check_templates(templates))
    merged = overlay.apply(schema, official, official_sources, edition, area_source, problems)
    if problems:
        raise ContentError(problems)
    local = Local(folder, edition.area, tuple(edition.partners), logo, dict(edition.copies))
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


def template_dirs(content: Content, official: Path) -> list[Path]:
    """The template search path: the edition's own templates first, then the official ones."""
    dirs = [official]
    if content.local and (content.local.folder / TEMPLATES).is_dir():
        dirs.insert(0, content.local.folder / TEMPLATES)
    return dirs
