"""The materials of the pack: the registry every other stage asks.

Adding a material is one module here (its model, view and item lists, ending in a
``MATERIAL``), one template in ``templates/`` named after its id, one YAML file in
``materials/``, and one line in :data:`REGISTRY`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .. import paths
from ..content.edition import edition_content
from ..content.files import EditionFiles
from ..content.loading import Content, official_content
from ..content.models import Pack, Palette
from ..content.schema import PACK_KEY, PALETTE_KEY, ContentFile, Schema
from ..content.yamlsource import ReadCache
from . import brikker, kort, manual, solskinsmodellen, tilpasning, tjekliste, udbytte
from .base import Material

#: The materials, in the pack's order.
REGISTRY: tuple[Material, ...] = (
    solskinsmodellen.MATERIAL,
    brikker.MATERIAL,
    kort.MATERIAL,
    tjekliste.MATERIAL,
    udbytte.MATERIAL,
    tilpasning.MATERIAL,
    manual.MATERIAL,
)

PACK_FILE = ContentFile(PACK_KEY, "pack.yaml", Pack)
PALETTE_FILE = ContentFile(PALETTE_KEY, "palette.yaml", Palette, texts=False)
#: The file name of the combined pack.
PACK_FILENAME = "faa-flere-paa-banen.pdf"


def schema(materials: tuple[Material, ...] = REGISTRY) -> Schema:
    """The content files of a pack of ``materials``."""
    return Schema((PACK_FILE, PALETTE_FILE, *materials))


def by_id(materials: tuple[Material, ...] = REGISTRY) -> Mapping[str, Material]:
    return {m.id: m for m in materials}


def load_content(
    materials_dir: Path | None = None,
    materials: tuple[Material, ...] = REGISTRY,
    reads: ReadCache | None = None,
) -> Content:
    """The official content (or a copy of it being edited in ``materials_dir``); with
    ``reads``, texts parsed before are not parsed again."""
    return official_content((materials_dir or paths.materials_dir()).resolve(), schema(materials), reads)


def load_edition(
    edition: EditionFiles | Path | str,
    materials_dir: Path | None = None,
    materials: tuple[Material, ...] = REGISTRY,
    reads: ReadCache | None = None,
) -> Content:
    """An edition's content: the official content with the edition's edits laid over it.
    ``edition`` is its files as data, or a folder to read them from."""
    files = edition if isinstance(edition, EditionFiles) else EditionFiles.read(Path(edition))
    return edition_content(
        files, (materials_dir or paths.materials_dir()).resolve(), schema(materials), reads
    )


def load(
    edition: EditionFiles | Path | str | None = None,
    materials_dir: Path | None = None,
    materials: tuple[Material, ...] = REGISTRY,
    reads: ReadCache | None = None,
) -> Content:
    """The content of an edition, or of the official pack."""
    if edition is not None:
        return load_edition(edition, materials_dir, materials, reads)
    return load_content(materials_dir, materials, reads)


def materials_of(content: Content) -> tuple[Material, ...]:
    """The registered materials of a loaded content, in the pack's order."""
    return tuple(f for f in content.schema.files if isinstance(f, Material))
