#!/usr/bin/env python3
"""Regression inputs for fuzz_image, written into corpus/image/.

The first one is the shape of the 133-byte file that made OpenCV hand a file
to GDCM (DICOM), whose assertion aborted the process: bytes starting
ff d8 3a 3a with "DICM" at offset 128. The others put the same DICOM
signature behind the headers of every format the tool reads, so each run
replays them. Run from this folder: python3 make_image_corpus.py
"""
import os
import struct
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "image")


def dicm_behind(head: bytes) -> bytes:
    body = head + b"\x3a" * (128 - len(head))
    return body + b"DICM" + b"\x02\x00\x00\x00UL\x04\x00"


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def tiny_png() -> bytes:
    raw = b"".join(b"\x00" + bytes([x * 40, 255 - x * 40, 128]) * 1 for x in range(4))
    ihdr = struct.pack(">IIBBBBB", 1, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(raw)) + png_chunk(b"IEND", b"")


def tiny_tiff() -> bytes:
    # 2x2 8-bit gray, uncompressed, little-endian.
    entries = [(256, 3, 1, 2), (257, 3, 1, 2), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
               (273, 4, 1, 8 + 2 + 12 * 9 + 4), (277, 3, 1, 1), (278, 3, 1, 2), (279, 4, 1, 4)]
    ifd = struct.pack("<H", len(entries))
    for tag, typ, count, value in entries:
        ifd += struct.pack("<HHI", tag, typ, count) + (struct.pack("<HH", value, 0) if typ == 3 else struct.pack("<I", value))
    return b"II*\x00" + struct.pack("<I", 8) + ifd + b"\x00\x00\x00\x00" + bytes([0, 80, 160, 255])


FILES = {
    "gdcm-abort-133-bytes.jpg": dicm_behind(b"\xff\xd8\x3a\x3a")[:133],
    "gdcm-abort-ffd83a3a.jpg": dicm_behind(b"\xff\xd8\x3a\x3a"),
    "dicm-preamble.dcm": dicm_behind(b"\x00" * 4),
    "dicm-behind-png.png": dicm_behind(b"\x89PNG\r\n\x1a\n"),
    "dicm-behind-jpeg.jpg": dicm_behind(b"\xff\xd8\xff\xe0"),
    "dicm-behind-bmp.bmp": dicm_behind(b"BM"),
    "dicm-behind-tiff.tif": dicm_behind(b"II\x2a\x00\x08\x00\x00\x00"),
    "dicm-behind-tiff-be.tif": dicm_behind(b"MM\x00\x2a\x00\x00\x00\x08"),
    "dicm-behind-riff.webp": dicm_behind(b"RIFF\x80\x00\x00\x00WEBPVP8 "),
    "dicm-behind-ppm.ppm": dicm_behind(b"P6\n2 2\n255\n"),
    "dicm-after-png.png": tiny_png()[:60] + dicm_behind(b"")[60:],
    "tiny.png": tiny_png(),
    "tiny.tif": tiny_tiff(),
    "tiny.ppm": b"P6\n2 1\n255\n" + bytes([255, 0, 0, 0, 0, 255]),
    "tiny.pgm": b"P5\n# comment\n2 2\n255\n" + bytes([0, 64, 128, 255]),
}

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, data in FILES.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print(f"wrote {len(FILES)} files to {OUT}")
