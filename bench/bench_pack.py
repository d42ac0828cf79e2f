"""How long the official pack takes: our build against WeasyPrint alone on the same HTML.

Run with ``.venv/bin/python bench/bench_pack.py [--repeat N]``. Both sides are measured
in this one run, on this machine, and reported as a ratio. "WeasyPrint alone" is what a
hand-written script would do with the HTML our templates produce: parse and lay out each
document, write each PDF, and write the combined pack from the same pages.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import weasyprint

from faa_flere import build_pack, paths
from faa_flere.render.weasy import Layout, LocalFetcher


def capture_html() -> list[str]:
    """The HTML of every document of one build, in the order the build lays them out."""
    captured: list[str] = []
    original = Layout.document

    def recording(self: Layout, html: str, template: str = "") -> weasyprint.Document:
        captured.append(html)
        return original(self, html, template)

    Layout.document = recording  # type: ignore[method-assign]
    try:
        with tempfile.TemporaryDirectory() as out:
            build_pack(out_dir=Path(out))
    finally:
        Layout.document = original  # type: ignore[method-assign]
    return captured


def weasyprint_alone(htmls: list[str], base_url: str, fetcher: LocalFetcher) -> None:
    """Render every captured document with plain WeasyPrint calls and write the PDFs."""
    *materials, cover = htmls
    documents = [
        weasyprint.HTML(string=h, base_url=base_url, url_fetcher=fetcher).render() for h in materials
    ]
    for document in documents:
        document.write_pdf()
    front = weasyprint.HTML(string=cover, base_url=base_url, url_fetcher=fetcher).render()
    # The A3 poster (the first document) is not in the combined pack.
    pages = [*front.pages, *(p for d in documents[1:] for p in d.pages)]
    front.copy(pages).write_pdf()


def timed(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side; the median is reported")
    args = parser.parse_args()

    htmls = capture_html()
    base_url = paths.templates_dir().as_uri() + "/"
    fetcher = LocalFetcher([paths.templates_dir(), paths.materials_dir()])

    def ours() -> None:
        # A cold build every time: each build_pack makes a render cache of its own.
        with tempfile.TemporaryDirectory() as out:
            build_pack(out_dir=Path(out))

    alone = timed(lambda: weasyprint_alone(htmls, base_url, fetcher), args.repeat)
    build = timed(ours, args.repeat)
    print(f"documents rendered:          {len(htmls)}")
    print(f"faa-flere build (median):    {build:.2f} s")
    print(f"WeasyPrint alone, same HTML: {alone:.2f} s")
    print(f"ratio build / WeasyPrint:    {build / alone:.2f}")


if __name__ == "__main__":
    main()
