"""The renderer reads only the pack's own files, and escapes user text wherever it goes."""

from __future__ import annotations

import pytest

from faa_flere import paths
from faa_flere.render.jinja import css_string
from faa_flere.render.weasy import LocalFetcher


@pytest.fixture
def fetcher():
    return LocalFetcher([paths.templates_dir(), paths.materials_dir()])


def test_fetches_files_inside_the_allowed_folders(fetcher):
    response = fetcher.fetch((paths.materials_dir() / "icons" / "job.svg").as_uri())
    assert b"<svg" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://example.com/logo.png",
        "http://127.0.0.1/x.css",
        "ftp://example.com/x",
    ],
)
def test_refuses_anything_else(fetcher, url):
    with pytest.raises(ValueError, match=r"refused|disallowed"):
        fetcher.fetch(url)


def test_refuses_a_path_that_climbs_out(fetcher):
    sneaky = paths.materials_dir().as_uri() + "/../../../../etc/passwd"
    with pytest.raises(ValueError, match="outside"):
        fetcher.fetch(sneaky)


def test_css_string_escapes_everything_that_could_end_a_string():
    escaped = str(css_string("a\"b'c\\d</style>{}"))
    for dangerous in ('"', "'", "<", ">", "{", "}"):
        assert dangerous not in escaped
    assert escaped.startswith("a\\22 b")


def test_compiled_templates_are_kept_for_the_next_build_and_an_edited_one_is_compiled_again(tmp_path):
    """Builds that share a render cache (a build process's jobs, a batch's packs) keep
    compiled templates in memory; Jinja checks each against its template's source."""
    from faa_flere.render.jinja import CompiledInMemory, Templates

    compiled = CompiledInMemory()
    page = tmp_path / "side.html"
    for word in ("første", "anden"):
        page.write_text(f"<p>{{{{ name }}}}: {word}</p>", encoding="utf-8")
        templates = Templates([tmp_path], tmp_path, compiled=compiled)  # a new build
        assert templates.html("side.html", name="Prøveby") == f"<p>Prøveby: {word}</p>"
    assert len(compiled.codes) == 1  # one template, its code replaced when its source changed
    code = next(iter(compiled.codes.values()))
    assert Templates([tmp_path], tmp_path, compiled=compiled).html("side.html", name="X") == "<p>X: anden</p>"
    assert next(iter(compiled.codes.values())) is code  # loaded, not compiled again
