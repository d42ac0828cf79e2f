"""Build hook: compile the message catalogues (.po, kept in git) to .mo at build and install time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale = Path(self.root) / "src" / "faa_flere" / "i18n" / "locale"
        for po in sorted(locale.glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as f:
                catalogue = read_po(f)
            with po.with_suffix(".mo").open("wb") as f:
                write_mo(f, catalogue)
            build_data["artifacts"].append(str(po.with_suffix(".mo").relative_to(self.root)))
