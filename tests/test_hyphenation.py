"""Words break at a line's end only where a reader trusts the break."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from faa_flere import paths
from faa_flere.render.hyphenation import EXCEPTIONS, SOFT_HYPHEN, Hyphenator, load_exceptions

ROOT = Path(__file__).resolve().parent.parent
#: Keys whose values are names for the machine, not text on paper.
NOT_TEXT = {"id", "value", "colour", "icon", "category", "logo", "materials", "remove"}
VOWELS = set("aeiouyæøå")


def running_words() -> set[str]:
    """Every word of 9 letters or more in the official materials and the editions' YAML."""
    words: set[str] = set()

    def walk(value: object, key: object = None) -> None:
        if isinstance(value, str) and key not in NOT_TEXT:
            words.update(w.lower() for w in re.findall(r"[^\W\d_]+", value) if len(w) >= 9)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)

    files = [*paths.materials_dir().glob("*.yaml"), *ROOT.glob("areas/*/area.yaml")]
    for path in files:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return words


def known_bad(parts: list[str]) -> list[str]:
    """Breaks of the kinds Pyphen gets wrong: a letter alone (rå-d-giv-ning), or a
    consonant kept before a vowel (lønt-ilskud; right only at a compound's seam)."""
    bad = [part for part in parts if len(part) == 1]
    bad += [f"{a}|{b}" for a, b in itertools.pairwise(parts) if a[-1] not in VOWELS and b[0] in VOWELS]
    return bad


@pytest.fixture(scope="module")
def every_break():
    return Hyphenator(before=1, after=1)


@pytest.mark.parametrize(("word", "right"), [("rådgivning", "råd-giv-ning"), ("løntilskud", "løn-til-skud")])
def test_words_pyphen_breaks_wrongly_break_right(every_break, word, right):
    assert every_break.word(word).replace(SOFT_HYPHEN, "-") == right


def test_breaks_keep_four_letters_before_and_three_after():
    assert Hyphenator()("rådgivning løntilskud").replace(SOFT_HYPHEN, "-") == "rådgiv-ning løntil-skud"


def test_every_long_word_of_the_running_text_breaks_right_or_is_listed(every_break):
    listed = load_exceptions()
    suspect = {}
    for word in sorted(running_words()):
        if word in listed:
            continue
        parts = every_break.word(word).split(SOFT_HYPHEN)
        if bad := known_bad(parts):
            suspect[word] = f"{'-'.join(parts)} ({', '.join(bad)})"
    assert not suspect, f"add to src/faa_flere/render/hyphenation.yaml: {suspect}"


def test_the_list_holds_each_word_once_spelt_as_its_breaks():
    words = yaml.safe_load(EXCEPTIONS.read_text("utf-8"))["words"]
    plain = [w.replace("-", "") for w in words]
    assert len(plain) == len(set(plain))
    assert all(re.fullmatch(r"[a-zæøå]+(-[a-zæøå]+)+", w) for w in words)


def test_short_statements_never_break_inside_a_word(official):
    for name in ("2-brikker-til-vaerdispillet.pdf", "3-kort-med-positive-forandringer.pdf"):
        raw = subprocess.run(
            ["pdftotext", "-raw", str(official.out_dir / name), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert not re.findall(r"[^\W\d_]-\n", raw), name


def test_a_hyphen_extracts_as_typed(official):
    raw = subprocess.run(
        ["pdftotext", str(official.out_dir / "faa-flere-paa-banen.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "A4-udgaven" in raw
    assert "\u2010" not in raw
