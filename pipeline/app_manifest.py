"""The web app manifest (site/manifest.webmanifest) and its icons, made at build time from the project's
own files: the name from mkdocs.yml, the colour from site.css, one drawing (a page with a check mark) written
both as SVG and, through a small rasteriser (zlib + struct, no image library), as PNG. Every page links the
manifest (site_src/overrides/main.html); the service worker keeps it and the icons like any other file.
"""

import json
import re
import struct
import zlib
from pathlib import Path

import yaml

from pipeline.cache import cached_bytes, digest

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = "manifest.webmanifest"
ICONS = "assets/icons/"
PNG_SIZES = (192, 512)
SHORT_NAME = "數位學習補休"
WHITE = "#ffffff"
CHECK = "#00703c"  # the checker's "yes" green (checker.css)
# The drawing, in a 1x1 square; everything sits inside the central 80% circle, so the icon may be masked.
PAGE = (0.29, 0.2, 0.71, 0.8, 0.05)  # left, top, right, bottom, corner radius
TICK = ((0.38, 0.52), (0.47, 0.62), (0.63, 0.4))
TICK_WIDTH = 0.07


def _theme_colour() -> str:
    css = (ROOT / "site_src" / "assets" / "site.css").read_text(encoding="utf-8")
    return re.search(r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{6})", css).group(1)


def _site_name() -> str:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]


def icon_svg(background: str) -> str:
    left, top, right, bottom, radius = PAGE
    points = " ".join(f"{x * 512:g},{y * 512:g}" for x, y in TICK)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
            f'<rect width="512" height="512" fill="{background}"/>'
            f'<rect x="{left * 512:g}" y="{top * 512:g}" width="{(right - left) * 512:g}" height="{(bottom - top) * 512:g}" '
            f'rx="{radius * 512:g}" fill="{WHITE}"/>'
            f'<polyline points="{points}" fill="none" stroke="{CHECK}" stroke-width="{TICK_WIDTH * 512:g}" '
            f'stroke-linecap="round" stroke-linejoin="round"/></svg>\n')


def _in_page(x: float, y: float) -> bool:
    left, top, right, bottom, radius = PAGE
    if not (left <= x <= right and top <= y <= bottom):
        return False
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def _on_tick(x: float, y: float) -> bool:
    for (ax, ay), (bx, by) in zip(TICK, TICK[1:]):
        dx, dy = bx - ax, by - ay
        t = min(1.0, max(0.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        if (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (TICK_WIDTH / 2) ** 2:
            return True
    return False


def _rgb(colour: str) -> tuple:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def icon_png(size: int, background: str) -> bytes:
    """The same drawing as icon_svg, 2x2 samples a pixel for smooth edges (only inside the page's box:
    the rest is background)."""
    colours = {"bg": _rgb(background), "page": _rgb(WHITE), "tick": _rgb(CHECK)}
    left, top, right, bottom, _ = PAGE
    first, last = int(left * size), int(right * size) + 1
    offsets = (0.25, 0.75)
    rows = bytearray()
    for py in range(size):
        row = bytearray(colours["bg"]) * size
        if top * size - 1 <= py <= bottom * size + 1:
            for px in range(first, last):
                total = [0, 0, 0]
                for oy in offsets:
                    for ox in offsets:
                        x, y = (px + ox) / size, (py + oy) / size
                        key = "tick" if _on_tick(x, y) else "page" if _in_page(x, y) else "bg"
                        total = [t + c for t, c in zip(total, colours[key])]
                row[px * 3:px * 3 + 3] = bytes(round(t / 4) for t in total)
        rows += b"\x00" + row  # filter: none

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")


def write_app_manifest(site_dir: Path) -> Path:
    """Writes site_dir/manifest.webmanifest and its icons; every URL in it is relative (any sub-path)."""
    colour = _theme_colour()
    icons_dir = site_dir / ICONS
    icons_dir.mkdir(parents=True, exist_ok=True)
    (icons_dir / "icon.svg").write_text(icon_svg(colour), encoding="utf-8")
    icons = [{"src": ICONS + "icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}]
    for size in PNG_SIZES:
        name = f"icon-{size}.png"
        key = digest(Path(__file__).read_bytes(), colour.encode(), str(size).encode())  # the drawing, its colour
        (icons_dir / name).write_bytes(cached_bytes("icons", key, lambda: icon_png(size, colour)))
        icons.append({"src": ICONS + name, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any maskable"})
    manifest = {
        "name": _site_name(), "short_name": SHORT_NAME, "lang": "zh-TW", "dir": "ltr",
        "start_url": "./", "scope": "./", "display": "standalone",
        "background_color": WHITE, "theme_color": colour, "icons": icons,
    }
    target = site_dir / MANIFEST
    target.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target
