"""Logos with far too many pixels (issue 13): shrunk or refused at upload, never laid out.

The huge PNGs are written by hand (rows through zlib), as a staff member's export would
be: a 13,000 x 13,000 logo that compresses to well under a megabyte.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from PIL import Image

from faa_flere.content.assets import LOGO_PRINT_PIXELS, MAX_UPLOAD_PIXELS, fit_logo
from faa_flere.errors import ContentError

from .test_web import form_of, post, site  # noqa: F401  (the fixture, for this module's tests)

ROOT = Path(__file__).resolve().parent.parent
BLUE = (20, 80, 160, 255)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def flat_png(width: int, height: int) -> bytes:
    """An RGBA PNG, transparent but for a blue square in the middle third."""
    clear = b"\x00" + bytes(4 * width)
    third = width // 3
    middle = b"\x00" + bytes(4 * third) + bytes(BLUE) * (width - 2 * third) + bytes(4 * third)
    squeeze = zlib.compressobj(6)
    body = bytearray()
    for y in range(height):
        body += squeeze.compress(middle if height // 3 <= y < height - height // 3 else clear)
    body += squeeze.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", bytes(body)) + _chunk(b"IEND", b"")
    )


def header_only_png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` by ``height`` and whose pixels are hardly there."""
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + _chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def huge_png() -> bytes:
    data = flat_png(13_000, 13_000)
    assert len(data) < 2 * 1024 * 1024  # a file the page takes: only its pixels are too many
    return data


def test_huge_png_upload_is_saved_shrunk_with_a_notice(site, huge_png):  # noqa: F811
    client, _token, editions = site
    store = client.application.extensions["faa_flere"].store
    before = store.areas.latest("tingbjerg").info.number
    answer = post(
        client, "tingbjerg", form_of(client, "tingbjerg"), {"logo": (io.BytesIO(huge_png), "stor.png")}
    )
    assert answer.status_code == 302, answer.get_data(as_text=True)[:2000]

    saved = editions / "tingbjerg" / "logo.png"
    with Image.open(saved) as image:
        assert image.size == (LOGO_PRINT_PIXELS, LOGO_PRINT_PIXELS)
        assert image.mode == "RGBA"
    assert "logo: logo.png" in (editions / "tingbjerg" / "area.yaml").read_text(encoding="utf-8")
    latest = store.areas.latest("tingbjerg")
    assert latest.info.number == before + 1
    with Image.open(io.BytesIO(latest.files.files["logo.png"])) as image:
        assert image.size == (LOGO_PRINT_PIXELS, LOGO_PRINT_PIXELS)

    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert (
        "Logoet er gjort mindre (fra 13000 × 13000 til 1200 × 1200 punkter), så det passer til tryk."  # noqa: RUF001
        in page
    )
    # Said once: the next visit does not say it again.
    assert "Logoet er gjort mindre" not in client.get("/udgave/tingbjerg").get_data(as_text=True)


def test_header_only_huge_png_is_refused_in_danish_and_nothing_saved(site):  # noqa: F811
    client, _token, editions = site
    store = client.application.extensions["faa_flere"].store
    folder = editions / "tingbjerg"
    files_before = sorted(p.name for p in folder.iterdir())
    area_before = (folder / "area.yaml").read_bytes()
    number_before = store.areas.latest("tingbjerg").info.number
    data = header_only_png(60_000, 60_000)
    answer = post(client, "tingbjerg", form_of(client, "tingbjerg"), {"logo": (io.BytesIO(data), "logo.png")})
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert (
        'data-field="logo">»logo.png« har langt flere pixels, end et logo har brug for '
        "(gem logoet mindre, fx 1000 pixels bredt)" in page
    )
    assert sorted(p.name for p in folder.iterdir()) == files_before
    assert (folder / "area.yaml").read_bytes() == area_before
    assert store.areas.latest("tingbjerg").info.number == number_before


def test_a_small_logo_is_kept_as_it_was(site):  # noqa: F811
    client, _token, editions = site
    data = flat_png(600, 300)
    answer = post(client, "tingbjerg", form_of(client, "tingbjerg"), {"logo": (io.BytesIO(data), "logo.png")})
    assert answer.status_code == 302
    assert (editions / "tingbjerg" / "logo.png").read_bytes() == data
    assert "Logoet er gjort mindre" not in client.get(answer.headers["Location"]).get_data(as_text=True)


def test_shrinking_keeps_transparency():
    fitted = fit_logo(flat_png(3000, 1500), ".png")
    assert (fitted.before, fitted.after) == ((3000, 1500), (1200, 600))
    with Image.open(io.BytesIO(fitted.data)) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0  # a transparent corner stays transparent
        assert image.getpixel((1199, 599))[3] == 0
        assert image.getpixel((600, 300)) == BLUE  # the square stays opaque and blue


def test_a_palette_png_with_a_transparent_colour_keeps_it():
    image = Image.new("P", (2500, 2500), 0)
    image.putpalette([255, 255, 255, *BLUE[:3]] + [0] * 762)
    image.paste(1, (800, 800, 1700, 1700))
    out = io.BytesIO()
    image.save(out, "PNG", transparency=0)
    fitted = fit_logo(out.getvalue(), ".png")
    with Image.open(io.BytesIO(fitted.data)) as small:
        assert small.size == (1200, 1200)
        assert small.convert("RGBA").getpixel((5, 5))[3] == 0
        assert small.convert("RGBA").getpixel((600, 600)) == BLUE


def test_a_large_jpeg_is_shrunk_at_quality_90_without_its_metadata():
    image = Image.new("RGB", (4000, 3000), BLUE[:3])
    exif = Image.Exif()
    exif[0x010F] = "Kamerafabrikken"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif.tobytes(), comment=b"hemmelig")
    fitted = fit_logo(out.getvalue(), ".jpg")
    assert fitted.after == (1200, 900)
    with Image.open(io.BytesIO(fitted.data)) as small:
        assert small.format == "JPEG"
        assert "exif" not in small.info and "comment" not in small.info
        assert max(abs(a - b) for a, b in zip(small.getpixel((600, 450)), BLUE[:3], strict=True)) <= 3


@pytest.mark.parametrize(
    ("data", "suffix", "code"),
    [
        (header_only_png(13_500, 13_000), ".png", "logo-upload-too-many-pixels"),  # ours: 175 MP
        (header_only_png(60_000, 60_000), ".png", "logo-far-too-many-pixels"),  # Pillow's: 179 MP
        (b"not a png at all", ".png", "logo-not-image"),
        (b"\xff\xd8\xff\xe0 not a jpeg", ".jpg", "logo-not-image"),
        (flat_png(2000, 2000)[:-200], ".png", "logo-not-image"),  # cut short
    ],
)
def test_fit_logo_refuses(data, suffix, code):
    with pytest.raises(ContentError) as caught:
        fit_logo(data, suffix)
    assert caught.value.problems[0].message.code == code


def test_the_upload_limit_is_above_the_logo_a_staff_member_made():
    assert 13_000 * 13_000 <= MAX_UPLOAD_PIXELS < 60_000 * 60_000


def test_cli_build_refuses_a_huge_logo_at_once_without_decoding_it(tmp_path, huge_png):
    folder = tmp_path / "stor"
    shutil.copytree(ROOT / "areas" / "tingbjerg", folder)
    (folder / "logo.png").write_bytes(huge_png)
    area = folder / "area.yaml"
    area.write_text(
        area.read_text(encoding="utf-8").replace("logo: logo.svg", "logo: logo.png"), encoding="utf-8"
    )
    line = next(
        n for n, text in enumerate(area.read_text(encoding="utf-8").splitlines(), 1) if "logo:" in text
    )
    # The peak memory of the command's own process, printed as it ends (VmHWM: since its
    # start, unlike ru_maxrss, which a child carries over from the test process).
    run = textwrap.dedent(
        """
        import re, sys
        from faa_flere.cli import main
        try:
            main()
        finally:
            with open("/proc/self/status") as status:
                peak = int(re.search(r"VmHWM:\\s*(\\d+) kB", status.read())[1]) // 1024
            print(f"peak-mb={peak}", file=sys.stderr)
        """
    )
    answer = subprocess.run(
        [sys.executable, "-c", run, "build", str(folder), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert answer.returncode == 1, answer.stderr
    assert f"area.yaml:{line}: area.logo: 'logo.png' has far more pixels than a logo needs" in answer.stderr
    peak = int(answer.stderr.rsplit("peak-mb=", 1)[1].split()[0])
    # Decoding 169 megapixels would take 676 MB at the least (1.4 GB measured while resizing).
    assert peak < 200, answer.stderr
    assert not any((tmp_path / "out").rglob("*.pdf"))
