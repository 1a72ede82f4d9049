#!/usr/bin/env python3
"""Draws the page's icons into assets/icons/: an SVG and PNGs of the same picture.

A scoring sheet (white, with a red star and two lines) on the page's red (#a61b1b). Python 3 standard library only (the
PNGs are rasterised here, with exact horizontal coverage and 8 sub-rows per pixel), so the
icons can be redrawn on any machine:

    python3 scripts/make_icons.py

The output is deterministic; the files are committed, so a build never runs this.
"""

import math
import struct
import zlib
from pathlib import Path

RED = (0xA6, 0x1B, 0x1B)
WHITE = (0xFF, 0xFF, 0xFF)
GREY = (0xC9, 0xB8, 0xB8)
OUT = Path(__file__).resolve().parent.parent / "assets" / "icons"


def star(cx, cy, r_outer, r_inner):
    """The ten corners of a five-pointed star, point up."""
    points = []
    for i in range(10):
        r = r_outer if i % 2 == 0 else r_inner
        a = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


def rounded_rect(x0, y0, w, h, radius, steps=24):
    """A rounded rectangle as a polygon (each corner an arc of `steps` segments)."""
    corners = [
        (x0 + w - radius, y0 + radius, -math.pi / 2),
        (x0 + w - radius, y0 + h - radius, 0.0),
        (x0 + radius, y0 + h - radius, math.pi / 2),
        (x0 + radius, y0 + radius, math.pi),
    ]
    points = []
    for cx, cy, start in corners:
        for s in range(steps + 1):
            a = start + (math.pi / 2) * s / steps
            points.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    return points


def coverage(polygon, width, height, sub=8):
    """Per-pixel coverage (0..1) of a simple polygon: `sub` sub-rows per pixel, and on each
    sub-row the exact covered length of every pixel between the even-odd crossings."""
    cov = [[0.0] * width for _ in range(height)]
    edges = list(zip(polygon, polygon[1:] + polygon[:1]))
    for y in range(height):
        row = cov[y]
        for s in range(sub):
            sy = y + (s + 0.5) / sub
            xs = []
            for (x1, y1), (x2, y2) in edges:
                if (y1 <= sy < y2) or (y2 <= sy < y1):
                    xs.append(x1 + (sy - y1) * (x2 - x1) / (y2 - y1))
            xs.sort()
            for a, b in zip(xs[0::2], xs[1::2]):
                a, b = max(a, 0.0), min(b, float(width))
                if b <= a:
                    continue
                ia, ib = int(a), min(int(b), width - 1)
                if ia == ib:
                    row[ia] += (b - a) / sub
                    continue
                row[ia] += (ia + 1 - a) / sub
                for x in range(ia + 1, ib):
                    row[x] += 1.0 / sub
                row[ib] += (b - ib) / sub
    return cov


def png(path, width, height, layers):
    """Writes an RGBA PNG: `layers` is a list of (polygon, rgb), painted in order over
    transparency."""
    pixels = [[(0.0, 0.0, 0.0, 0.0)] * width for _ in range(height)]
    for polygon, rgb in layers:
        cov = coverage(polygon, width, height)
        for y in range(height):
            for x in range(width):
                # Coverage in quarters: edges stay smooth at icon sizes, and the few colours
                # make small indexed PNGs (16 steps made the four PNGs 2.6 KiB larger).
                a = round(min(cov[y][x], 1.0) * 4) / 4
                if a <= 0.0:
                    continue
                r0, g0, b0, a0 = pixels[y][x]
                out_a = a + a0 * (1 - a)
                mix = lambda c, c0: (c * a + c0 * a0 * (1 - a)) / out_a  # noqa: E731
                pixels[y][x] = (mix(rgb[0], r0), mix(rgb[1], g0), mix(rgb[2], b0), out_a)
    rows = [[(round(r), round(g), round(b), round(a * 255)) for r, g, b, a in row] for row in pixels]
    # Few colours (three, and their blends at the edges): an indexed PNG, each row filtered
    # the way that compresses best, is a fraction of the size of plain RGBA.
    palette = sorted({p for row in rows for p in row})
    if len(palette) > 256:
        raise SystemExit(f"{path.name}: {len(palette)} colours, more than a palette holds")
    index = {p: i for i, p in enumerate(palette)}
    raw = bytearray()
    previous = bytes(width)
    for row in rows:
        line = bytes(index[p] for p in row)
        filtered = [
            (0, line),
            (1, bytes((line[x] - (line[x - 1] if x else 0)) & 0xFF for x in range(width))),
            (2, bytes((line[x] - previous[x]) & 0xFF for x in range(width))),
        ]
        kind, data = min(filtered, key=lambda f: sum(min(b, 256 - b) for b in f[1]))
        raw.append(kind)
        raw += data
        previous = line

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
    plte = b"".join(bytes(p[:3]) for p in palette)
    trns = bytes(p[3] for p in palette)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"PLTE", plte)
        + chunk(b"tRNS", trns)
        + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
    )
    path.write_bytes(data + chunk(b"IEND", b""))


def picture(full_bleed):
    """The icon on a 100×100 grid, as a list of (shape, colour): a shape is ("rect", x, y, w,
    h, corner radius) or ("polygon", points). "any": a rounded square with a small margin;
    "maskable" (full bleed): everything else inside the central 80 % safe zone."""
    k, o = (0.8, 10) if full_bleed else (1.0, 0)  # shrink towards the centre
    rect = lambda x, y, w, h, r: ("rect", o + x * k, o + y * k, w * k, h * k, r * k)  # noqa: E731
    background = ("rect", 0, 0, 100, 100, 0) if full_bleed else ("rect", 4, 4, 92, 92, 18)
    return [
        (background, RED),
        (rect(22, 14, 56, 72, 6), WHITE),
        (("polygon", [(o + x * k, o + y * k) for x, y in star(50, 40, 18, 7.4)]), RED),
        (rect(32, 63, 36, 5, 2.5), GREY),
        (rect(32, 72, 24, 5, 2.5), GREY),
    ]


def to_polygon(shape, scale):
    if shape[0] == "rect":
        _, x, y, w, h, r = (v * scale if i else v for i, v in enumerate(shape))
        return rounded_rect(x, y, w, h, r) if r else [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    return [(x * scale, y * scale) for x, y in shape[1]]


def to_svg(shape, color):
    n = lambda v: f"{round(v, 2):g}"  # noqa: E731
    if shape[0] == "rect":
        _, x, y, w, h, r = shape
        rx = f' rx="{n(r)}"' if r else ""
        return f'<rect x="{n(x)}" y="{n(y)}" width="{n(w)}" height="{n(h)}"{rx} fill="{color}"/>'
    return f'<polygon points="{" ".join(f"{n(x)},{n(y)}" for x, y in shape[1])}" fill="{color}"/>'


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    hexcolor = lambda c: "#%02x%02x%02x" % c  # noqa: E731
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
    svg += "".join(to_svg(shape, hexcolor(color)) for shape, color in picture(full_bleed=False))
    (OUT / "icon.svg").write_text(svg + "</svg>\n", encoding="ascii")

    def draw(name, size, full_bleed):
        layers = [(to_polygon(shape, size / 100), color) for shape, color in picture(full_bleed)]
        png(OUT / name, size, size, layers)

    draw("icon-192.png", 192, False)
    draw("icon-512.png", 512, False)
    draw("maskable-512.png", 512, True)
    # Home-screen icon for Apple devices (which fill transparency with black): full bleed.
    draw("apple-touch-icon.png", 180, True)
    for f in sorted(OUT.iterdir()):
        print(f"{f.relative_to(OUT.parent.parent)}: {f.stat().st_size} bytes")


if __name__ == "__main__":
    main()
