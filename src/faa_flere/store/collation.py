"""Danish alphabetical order, for lists of areas and people.

The Danish alphabet ends ``… x y z æ ø å``, case does not matter, and the old spelling
``aa`` sorts as ``å`` (»Aarhus« after »Ålholm«). Kept simple: every ``aa`` counts as
``å``, also where it is two letters in a compound word; ``ä``, ``ö`` and ``ü`` sort as
``æ``, ``ø`` and ``y``; other accents are ignored (``é`` as ``e``).
"""

from __future__ import annotations

import unicodedata

# Characters just after "z" in code point order, and before every other non-ASCII letter.
_AFTER_Z = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}", "ü": "y"})


def danish_key(text: str) -> tuple[str, str]:
    """A sort key putting ``text`` in Danish alphabetical order (the text itself breaks ties)."""
    folded = unicodedata.normalize("NFC", text).casefold().replace("aa", "å").translate(_AFTER_Z)
    # Other accents go: é -> e + a combining mark, which is dropped.
    plain = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    return plain, text
