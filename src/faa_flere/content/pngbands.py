"""Reading a large PNG a band of rows at a time, so that shrinking it never holds all its pixels.

Pillow decodes a whole image at once: 4 bytes a pixel for RGB(A), and as much again while
it resizes (a 13,000 x 13,000 logo took 1.4 GB). This module reads the PNG's chunks itself,
inflates the image data as a stream, and hands Pillow one band of rows at a time as a small
PNG of its own. A row's filter may refer to the row above it, so every band after the first
starts with the previous band's last row, unfiltered (filter type 0), as Pillow decoded it.

Only 8-bit, non-interlaced PNGs are read this way (:func:`streamable`): there Pillow's
pixels are the file's own bytes. Other PNGs are small enough to decode whole, or refused.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from io import BytesIO

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Pillow's mode for each 8-bit PNG colour type, which is also the raw layout of its rows.
MODES = {0: "L", 2: "RGB", 3: "P", 4: "LA", 6: "RGBA"}
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
#: What a band needs besides its rows: the palette and the transparent colour.
KEPT = (b"PLTE", b"tRNS")


def streamable(data: bytes) -> bool:
    """True for an 8-bit, non-interlaced PNG, which :func:`bands` can read."""
    if not data.startswith(SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 33:
        return False
    _w, _h, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", data[16:29])
    return depth == 8 and colour in MODES and interlace == 0


def bands(data: bytes, rows: int) -> Iterator[Image.Image]:
    """The PNG's pixels, ``rows`` rows at a time (the last band may have fewer), each band a
    decoded image of the PNG's own mode. Raises ValueError for a broken file."""
    chunks = list(_chunks(data))
    if not chunks or chunks[0][0] != b"IHDR" or not streamable(data):
        raise ValueError("not an 8-bit, non-interlaced PNG")
    width, height, _depth, colour, *_rest = struct.unpack(">IIBBBBB", chunks[0][1])
    mode = MODES[colour]
    kept = b"".join(_chunk(kind, body) for kind, body in chunks if kind in KEPT)
    stride = 1 + width * CHANNELS[colour]
    pieces = iter([body for kind, body in chunks if kind == b"IDAT"])
    inflate = zlib.decompressobj()
    pending = bytearray()
    previous = b""
    done = 0
    while done < height:
        count = min(rows, height - done)
        need = count * stride
        while len(pending) < need:
            source = inflate.unconsumed_tail or next(pieces, None)
            if source is None:
                raise ValueError("the image data ends early")
            pending += inflate.decompress(source, need - len(pending))
        top = b"\x00" + previous if previous else b""
        band_rows = count + (1 if previous else 0)
        header = struct.pack(">IIBBBBB", width, band_rows, 8, colour, 0, 0, 0)
        small = b"".join(
            (
                SIGNATURE,
                _chunk(b"IHDR", header),
                kept,
                # Level 0: the band lives only a moment, squeezing it again would cost time.
                _chunk(b"IDAT", zlib.compress(top + bytes(pending[:need]), 0)),
                _chunk(b"IEND", b""),
            )
        )
        del pending[:need]
        with Image.open(BytesIO(small)) as image:
            image.load()
            if image.mode != mode:
                raise ValueError(f"Pillow read {image.mode}, not {mode}")
            band = image.crop((0, band_rows - count, width, band_rows)) if previous else image.copy()
        previous = band.crop((0, count - 1, width, count)).tobytes("raw", mode)
        done += count
        yield band


def _chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    position = len(SIGNATURE)
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        crc = data[position + 8 + length : position + 12 + length]
        if len(body) != length or len(crc) != 4 or zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            raise ValueError(f"broken {kind!r} chunk")
        yield kind, body
        if kind == b"IEND":
            return
        position += 12 + length


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
