#!/usr/bin/env python3
"""Draws the Teams app icons PaperBot ships (no image library needed).

color.png   192x192, full-bleed accent colour with a white paper sheet and text lines.
outline.png  32x32, transparent background, the same sheet as a white outline (Teams tints it).

Run from anywhere: python3 deploy/teams/make-icons.py
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ACCENT = (0x2F, 0x55, 0x97, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def write_png(path, pixels):
    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\x00" + b"".join(bytes(p) for p in row) for row in pixels)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))  # 8-bit RGBA
    png += chunk(b"IDAT", zlib.compress(raw, 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def sheet(size, fill, background, outline_only):
    """A sheet of paper with a folded corner and three text lines, scaled to size."""
    px = [[background for _ in range(size)] for _ in range(size)]
    left, right = int(size * 0.22), int(size * 0.78)
    top, bottom = int(size * 0.12), int(size * 0.88)
    fold = int(size * 0.18)
    stroke = max(1, size // 16)
    for y in range(top, bottom):
        for x in range(left, right):
            # the folded corner is cut off the top right
            if x - (right - fold) > y - top:
                continue
            edge = (x < left + stroke or x >= right - stroke or y < top + stroke or y >= bottom - stroke
                    or abs((x - (right - fold)) - (y - top)) < stroke)
            if not outline_only or edge:
                px[y][x] = fill
    line_colour = background if not outline_only else fill
    for i, width in enumerate((0.36, 0.36, 0.24)):
        y0 = int(size * (0.42 + i * 0.14))
        for y in range(y0, y0 + stroke):
            for x in range(left + 2 * stroke, left + 2 * stroke + int(size * width)):
                px[y][x] = line_colour
    return px


write_png(os.path.join(HERE, "color.png"), sheet(192, WHITE, ACCENT, outline_only=False))
write_png(os.path.join(HERE, "outline.png"), sheet(32, WHITE, CLEAR, outline_only=True))
print("wrote color.png and outline.png in", HERE)
