"""Where running text may break a long word: Pyphen's Danish dictionary, corrected by a list.

The pages set ``hyphens: manual``, so a word breaks only where this module puts a soft
hyphen (U+00AD): short statements (pieces, card fronts, the poster's rays) get none and
never break. WeasyPrint ignores its dictionary in a whole paragraph once a soft hyphen
is in it, so the list cannot be mixed with ``hyphens: auto``; every break comes from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyphen
import yaml

SOFT_HYPHEN = "\u00ad"
#: The list of words with their right breaks, next to this module.
EXCEPTIONS = Path(__file__).with_name("hyphenation.yaml")
#: Words of letters only: a hyphen, a digit or an apostrophe ends a word.
_WORD = re.compile(r"[^\W\d_]+")


def load_exceptions(path: Path = EXCEPTIONS) -> dict[str, tuple[int, ...]]:
    """The listed words (lower case, without hyphens) and the positions they may break at."""
    words = yaml.safe_load(path.read_text(encoding="utf-8"))["words"]
    return {word.replace("-", "").lower(): breaks(word) for word in words}


def breaks(hyphenated: str) -> tuple[int, ...]:
    """The break positions of ``ab-cd-ef``: (2, 4)."""
    positions, at = [], 0
    for part in hyphenated.split("-")[:-1]:
        at += len(part)
        positions.append(at)
    return tuple(positions)


@dataclass
class Hyphenator:
    """Puts soft hyphens into a text's long words: ``hyphenate-limit-chars: 9 4 3``."""

    exceptions: dict[str, tuple[int, ...]] = field(default_factory=load_exceptions)
    lang: str = "da_DK"
    shortest: int = 9
    before: int = 4
    after: int = 3

    def __post_init__(self) -> None:
        self.dictionary = pyphen.Pyphen(lang=self.lang, left=1, right=1)

    def points(self, word: str) -> tuple[int, ...]:
        """Where ``word`` may break, within the limits; none for a word that is too short."""
        if len(word) < self.shortest:
            return ()
        found = self.exceptions.get(word.lower())
        if found is None:
            found = tuple(self.dictionary.positions(word))
        return tuple(p for p in found if self.before <= p <= len(word) - self.after)

    def word(self, word: str) -> str:
        parts, last = [], 0
        for point in self.points(word):
            parts.append(word[last:point])
            last = point
        parts.append(word[last:])
        return SOFT_HYPHEN.join(parts)

    def __call__(self, text: object) -> str:
        return _WORD.sub(lambda match: self.word(match.group()), str(text))
