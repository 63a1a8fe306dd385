"""Place names drawn as lines, so that the offline map can carry labels.

Map text needs font glyphs that the offline basemap has no server for (a text
trace makes the whole map fail to draw), so names are drawn with a Hershey
stroke font as ordinary line geometry, sized for the view's zoom.
"""

from __future__ import annotations

import math
import unicodedata
from functools import lru_cache

from HersheyFonts import HersheyFonts

TILE_SIZE = 512
FONT_UNITS = 10.0  # the font is normalised so that a capital is this tall


@lru_cache(maxsize=1)
def _font() -> HersheyFonts:
    font = HersheyFonts()
    font.load_default_font("futural")
    font.normalize_rendering(FONT_UNITS)
    return font


def _ascii(text: str) -> str:
    """The Hershey font has ASCII only: 'Ysyk-Köl' is drawn as 'Ysyk-Kol'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def text_width_px(text: str, height_px: float) -> float:
    xs = [x for segment in _font().lines_for_text(_ascii(text)) for x, _ in segment]
    return (max(xs) if xs else 0.0) * height_px / FONT_UNITS


def stroke_label(text: str, lat: float, lon: float, zoom: float, *, height_px: float = 13, dx_px: float = 12, dy_px: float = -4) -> tuple[list, list]:
    """Line coordinates (lats, lons, None-separated) of text written to the right of a point."""
    degrees_per_px = 360.0 / (TILE_SIZE * 2**zoom)
    scale = height_px / FONT_UNITS * degrees_per_px
    squash = math.cos(math.radians(lat))  # Mercator: a degree of latitude is taller than one of longitude is wide
    lats, lons = [], []
    for (x0, y0), (x1, y1) in _font().lines_for_text(_ascii(text)):
        for x, y in ((x0, y0), (x1, y1)):
            lons.append(lon + (dx_px * degrees_per_px) + x * scale)
            lats.append(lat + (dy_px * degrees_per_px + y * scale) * squash)
        lats.append(None)
        lons.append(None)
    return lats, lons
