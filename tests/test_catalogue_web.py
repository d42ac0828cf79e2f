"""The web page takes every word it shows from the catalogue (faa_flere.i18n): no Danish is
typed into web/*.py, app.js or the templates.

What counts as words: a string literal (Python, found with ``ast``, docstrings left out; JS,
comments left out) with a Danish letter or quote mark (æ ø å » «), with a common Danish
word, or a single capitalised word (``"Kontorprinter"``); in a template, any text between
the tags, the words of title, aria-label, placeholder, alt and a button's value, and a
string the template writes out (``{{ "aktiv" if ... }}``). Code is left alone: identifiers,
paths, CSS classes, HTML tags and message codes.
"""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from faa_flere.i18n.messages import MESSAGES, PLURALS

WEB = Path(__file__).resolve().parent.parent / "src" / "faa_flere" / "web"

DANISH_LETTERS = re.compile(r"[æøåÆØÅ»«]")
DANISH_WORDS = re.compile(
    r"\b(og|ikke|er|det|du|dig|din|dit|dine|jer|jeres|til|på|med|for|som|siden|gem|gemt|version|"
    r"fejl|skriv|af|en|et|den|der|kan|skal|har|eller|ingen|intet|nye|nyt|tryk|vis|filen|tekst|"
    r"teksten|navn|navnet|område|igen|hvor|hvis|fra|ved|bliver|blev|mindst|højst|tegn|sekunder|"
    r"klar|hent|filerne|arbejder|lokal|bruger|prøv|vent|tilbage|kl)\b",
    re.IGNORECASE,
)
PLURAL_YOU = re.compile(r"\bI\b")  # Danish »I«; no English words are written in the web layer
CAPITALISED_WORD = re.compile(r"[A-ZÆØÅ][a-zæøå]+[.:!?]?")
#: Capitalised words that are code, not text on the page.
CODE_WORDS = {"Lax"}
DOUBLE_REPLACE = re.compile(r"""\.replace\(\s*(['"]),\1\s*,\s*(['"])\.\2\s*\)""")


def words_in(literal: str) -> str:
    """The words a string literal shows on the page, or "" when it is code."""
    if literal in MESSAGES or literal in PLURALS:
        return ""  # a message code
    if DANISH_LETTERS.search(literal):
        return literal
    text = re.sub(r"&\w+;", " ", re.sub(r"<[^>]*>", "", literal)).strip()  # tags are code
    if not text:
        return ""
    if not any(c.isspace() for c in text):  # one token: an identifier, a path, a class ...
        return text if CAPITALISED_WORD.fullmatch(text) and text not in CODE_WORDS else ""
    return text if DANISH_WORDS.search(text) or PLURAL_YOU.search(text) else ""


# --- Python -------------------------------------------------------------------------------


def python_literals(source: str) -> list[str]:
    """Every string literal of a module, f-strings' text included, docstrings left out."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            found.append("".join(v.value if isinstance(v, ast.Constant) else "" for v in node.values))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found.append(node.value)
    return found


def python_words(source: str) -> list[str]:
    found = [words for literal in python_literals(source) if (words := words_in(literal))]
    return found + ["a number formatted by .replace"] * bool(DOUBLE_REPLACE.search(source))


# --- JavaScript ---------------------------------------------------------------------------


def js_literals(code: str) -> list[str]:
    """Every string and template literal of a script (the code inside ``${}`` scanned too),
    comments left out. Enough for app.js: it has no regular-expression literals."""
    found: list[str] = []

    def scan(i: int, closing: bool) -> int:
        depth = 0
        while i < len(code):
            c = code[i]
            if code.startswith("//", i):
                end = code.find("\n", i)
                i = len(code) if end < 0 else end
            elif code.startswith("/*", i):
                i = code.index("*/", i) + 2
            elif c in "'\"":
                j, text = i + 1, []
                while code[j] != c:
                    step = 2 if code[j] == "\\" else 1
                    text.append(code[j : j + step])
                    j += step
                found.append("".join(text))
                i = j + 1
            elif c == "`":
                i = template(i + 1)
            else:
                if c == "{":
                    depth += 1
                elif c == "}":
                    if depth == 0 and closing:
                        return i + 1
                    depth -= 1
                i += 1
        return i

    def template(i: int) -> int:
        text = []
        while code[i] != "`":
            if code[i] == "\\":
                text.append(code[i : i + 2])
                i += 2
            elif code.startswith("${", i):
                i = scan(i + 2, closing=True)
            else:
                text.append(code[i])
                i += 1
        found.append("".join(text))
        return i + 1

    scan(0, closing=False)
    return found


def js_words(code: str) -> list[str]:
    found = [words for literal in js_literals(code) if (words := words_in(literal))]
    return found + ["a number formatted by .replace"] * bool(DOUBLE_REPLACE.search(code))


# --- templates ----------------------------------------------------------------------------

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
JINJA_STRING = re.compile(r""""((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'""")
#: A string a template writes out: first in {{ }}, or beside if, else, or.
WRITTEN = re.compile(
    r"""(?:^\{\{-?\s*|\b(?:else|or)\s+)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
    r"""|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')(?=\s+if\b)"""
)
SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
LETTER = re.compile(r"[^\W\d_]")
TWO_WORDS = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]")


def shown_words(text: str) -> str:
    """The words of a template's text or shown attribute: any two words, or as a literal."""
    text = text.strip()
    return text if TWO_WORDS.search(text) else words_in(text)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.script = tag in ("script", "style")
        kinds = dict(attrs)
        button = tag == "input" and kinds.get("type") in ("submit", "button", "reset")
        for name, value in attrs:
            if value and (name in SHOWN_ATTRIBUTES or (button and name == "value")) and shown_words(value):
                self.found.append(value)

    def handle_endtag(self, tag: str) -> None:
        self.script = False

    def handle_data(self, data: str) -> None:
        if not self.script and shown_words(data):
            self.found.append(data.strip())


def template_words(source: str) -> list[str]:
    found = []
    for block in JINJA.findall(source):
        if block.startswith("{#"):
            continue
        for match in JINJA_STRING.finditer(block):
            literal = match.group(1) if match.group(1) is not None else match.group(2)
            if words := words_in(literal):
                found.append(words)
        for match in WRITTEN.finditer(block):
            literal = (match.group(1) or match.group(2))[1:-1]
            if literal not in MESSAGES and literal not in PLURALS and LETTER.search(literal):
                found.append(literal)
    parser = _Text()
    parser.feed(JINJA.sub(" ", source))
    parser.close()
    return found + parser.found


# --- the web layer ------------------------------------------------------------------------


def words_in_file(path: Path, source: str) -> list[str]:
    if path.suffix == ".py":
        return python_words(source)
    if path.suffix == ".js":
        return js_words(source)
    return template_words(source)


FILES = sorted(
    [*WEB.glob("*.py"), WEB / "static" / "app.js", *(WEB / "templates").glob("*.html")],
    key=lambda p: str(p.relative_to(WEB)),
)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(WEB)) for p in FILES])
def test_the_web_layer_takes_its_words_from_the_catalogue(path: Path):
    found = words_in_file(path, path.read_text(encoding="utf-8"))
    assert found == [], f"words typed into {path.name} instead of the catalogue: {found}"


# Lines as the web layer had them before its words moved into the catalogue.
OLD_PYTHON = [
    'error = "E-mail eller adgangskode er forkert."',
    'PROFILES = {"home": "Kontorprinter", "shop": "Trykkeri"}',
    'too_long = f"Teksten er for lang: højst {MAX_FIELD:,} tegn.".replace(",", ".")',
    'number = f"{count:,}".replace(",", ".")',
    'LOCAL_NAME = "Lokal bruger"',
    'labels = {"contact-role": "Stilling"}',
    'def f():\n    """Docstrings may say anything."""\n    return "Skriv områdets navn."',
]
OLD_JS = [
    'const seconds = (n) => (n == null ? "" : ` Det tager ca. ${n} sekunder.`);',
    'const queue = job.ahead === 0 ? "Du er den næste i køen." : `Der er ${job.ahead} før dig i køen.`;',
    'show(`<span class="spinner"></span>Arbejder …${seconds(job.estimate)}`, where);',
    'const label = f.name.startsWith("plotter/") ? `Skærefil til plotter: ${name}` : name;',
    'show(`<p class="ok">Klar. Hent filerne:</p><ul>${links.join("")}</ul>`, where);',
]
OLD_TEMPLATES = [
    "<h2>Print</h2>",
    '<button type="button" class="small" data-move="-1" aria-label="Flyt op">↑</button>',
    '<input id="name" name="name" placeholder="fx Tingbjerg">',
    '<td>{{ "aktiv" if person.active else "inviteret" }}</td>',
    '<td>{{ row.mine or "(tomt)" }}</td>',
    "{% block title %}Log ind – Få flere på banen{% endblock %}",  # noqa: RUF001
]


@pytest.mark.parametrize("line", OLD_PYTHON)
def test_the_check_finds_words_typed_into_python(line: str):
    assert python_words(line)


@pytest.mark.parametrize("line", OLD_JS)
def test_the_check_finds_words_typed_into_app_js(line: str):
    assert js_words(line)


@pytest.mark.parametrize("line", OLD_TEMPLATES)
def test_the_check_finds_words_typed_into_a_template(line: str):
    assert template_words(line)


def test_the_check_leaves_code_alone():
    code = 'url_for("edit", slug=slug, gemt="1") + "#forhaandsvisning"; x = "web-field.area-name"'
    assert python_words(code) == []
    assert js_words('show(\'<p class="fejl" role="alert"></p>\', where); fetch(`/job/${jobId}`);') == []
    assert template_words('<p class="fejl">{{ t("web-empty") }}</p><input placeholder="#0E7C86">') == []
    assert template_words('{{ v.author_name or "–" }} {{ t("item-removed" if x else "item-local") }}') == []  # noqa: RUF001


def test_a_build_s_place_and_time_are_said_with_danish_plurals():
    from faa_flere.web.words import job_words

    assert job_words({"state": "running", "ahead": 0, "estimate": 1}) == "Arbejder … Det tager ca. 1 sekund."
    assert job_words({"state": "waiting", "ahead": 0, "estimate": 3}) == (
        "Du er den næste i køen. Det tager ca. 3 sekunder."
    )
    assert job_words({"state": "waiting", "ahead": 2, "estimate": None}) == "Der er 2 før dig i køen."
    assert job_words({"state": "done", "ahead": 0, "estimate": None}) == ""
