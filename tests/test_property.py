"""Property: whatever an area.yaml holds, validate and build end with exit 0 or 1, no
traceback, a file and line on every error line, and nothing written on failure."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from faa_flere.cli import app

SAMPLE = (Path(__file__).resolve().parent.parent / "areas" / "tingbjerg" / "area.yaml").read_text(
    encoding="utf-8"
)
KEYS = [
    "area", "name", "plan", "logo", "accent", "contact", "email", "phone", "role", "partners", "materials",
    "copies", "texts", "changes", "remove", "edit", "add", "kort", "brikker", "tjekliste", "title", "intro",
    "text", "id", "category", "value", "k01", "k07", "faglighed", "<<", "", "ÆØÅ", "x" * 50,
]  # fmt: skip
ERROR_LINE = re.compile(r"area\.yaml:\d+: ")

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(allow_nan=True),
    st.text(max_size=40), st.sampled_from(KEYS), st.dates(),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), inner, max_size=5),
    ),
    max_leaves=30,
)


@st.composite
def area_files(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["bytes", "structure", "mutation", "deep"]))
    if kind == "bytes":
        return draw(st.binary(max_size=400))
    if kind == "structure":
        data = draw(st.dictionaries(st.sampled_from(KEYS), values, max_size=6))
        return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    if kind == "deep":
        depth = draw(st.integers(1, 3000))
        opener = draw(st.sampled_from(["[", "{a: "]))
        closer = "]" if opener == "[" else "}"
        return ("area:\n  name: X\n  plan: Y\npartners: " + opener * depth + closer * depth + "\n").encode()
    text = SAMPLE
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "swap-lines"]))
        if action == "insert":
            text = text[:position] + draw(st.text(max_size=8)) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 20)) :]
        else:
            lines = text.splitlines(keepends=True)
            if len(lines) > 2:
                a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
                lines[a], lines[b] = lines[b], lines[a]
                text = "".join(lines)
    return text.encode("utf-8", "surrogatepass")


def check(args: list[str], data: bytes, build: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "udgave"
        folder.mkdir()
        (folder / "area.yaml").write_bytes(data)
        out = Path(tmp) / "out"
        result = CliRunner().invoke(app, [*args, str(folder), *(["--out", str(out)] if build else [])])
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        if result.exit_code == 1:
            for line in result.output.strip().splitlines():
                assert ERROR_LINE.search(line), line
            assert not out.exists()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(area_files())
def test_validate_never_breaks(data: bytes):
    check(["validate"], data, build=False)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(area_files())
def test_build_never_breaks(data: bytes):
    check(["build"], data, build=True)
