"""Place names drawn as lines, so that the offline map can carry labels.

Map text needs font glyphs that the offline basemap has no server for (a text
trace makes the whole map fail to draw), so names are drawn with a Hershey
stroke font as ordinary line geometry, sized for the view's zoom.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from HersheyFonts import HersheyFonts

from ..names import ascii_name
from ..palette import INK

TILE_SIZE = 512  # MapLibre's tile size in pixels
FONT_UNITS = 10.0  # the font is normalised so that a capital is this tall


@lru_cache(maxsize=1)
def _font() -> HersheyFonts:
    font = HersheyFonts()
    font.load_default_font("futural")
    font.normalize_rendering(FONT_UNITS)
    return font


def _ascii(text: str) -> str:
    """The Hershey font has ASCII only: 'Ysyk-Köl' is drawn as 'Ysyk-Kol', 'Бишкек' as 'Bishkek' (transliterated, not left out)."""
    return ascii_name(text)


def degrees_per_px(zoom: float) -> float:
    """Degrees of longitude (and of Mercator y in degrees) that one screen pixel spans at this zoom."""
    return 360.0 / (TILE_SIZE * 2**zoom)


def mercator_y(lat):
    """Web Mercator's y of a latitude (a number or an array), in degrees: screen distance north-south is in these."""
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def text_width_px(text: str, height_px: float) -> float:
    xs = [x for segment in _font().lines_for_text(_ascii(text)) for x, _ in segment]
    return (max(xs) if xs else 0.0) * height_px / FONT_UNITS


def stroke_label(
    text: str, lat: float, lon: float, zoom: float, *, height_px: float = 13, dx_px: float = 12, dy_px: float = -4
) -> tuple[list, list]:
    """Line coordinates (lats, lons, None-separated) of text written to the right of a point."""
    per_px = degrees_per_px(zoom)
    scale = height_px / FONT_UNITS * per_px
    squash = math.cos(math.radians(lat))  # Mercator: a degree of latitude is taller than one of longitude is wide
    lats, lons = [], []
    for (x0, y0), (x1, y1) in _font().lines_for_text(_ascii(text)):
        for x, y in ((x0, y0), (x1, y1)):
            lons.append(lon + (dx_px * per_px) + x * scale)
            lats.append(lat + (dy_px * per_px + y * scale) * squash)
        lats.append(None)
        lons.append(None)
    return lats, lons


class LabelSpace:
    """The boxes of the place names written on a map so far, in screen pixels at its zoom: a name that would
    overlap one already written is left out rather than drawn over it."""

    def __init__(self, zoom: float, label_px: float, frame: tuple[float, float, float, float] | None = None) -> None:
        self.degrees_per_px = degrees_per_px(zoom)
        self.label_px = label_px
        self.frame = frame  # the picture's box in this space's pixels (see frame_of): a name outside it is cut off
        self.boxes: list[tuple[float, float, float, float]] = []  # names written
        self.discs: list[
            tuple[float, float, float, float]
        ] = []  # discs drawn, whose own clearance keeps names off them

    def _point(self, lat: float, lon: float) -> tuple[float, float]:
        """Screen pixels (Mercator; y downwards), up to a shift that is the same for every point."""
        return lon / self.degrees_per_px, -float(mercator_y(lat)) / self.degrees_per_px

    def box(
        self, name: str, lat: float, lon: float, dx_px: float, dy_px: float = 0.0
    ) -> tuple[float, float, float, float]:
        """The screen box of `name` written dx_px east of the point (dy_px south of it), centred on it in height."""
        x, y = self._point(lat, lon)
        y += dy_px
        return (
            x + dx_px,
            y - self.label_px * 0.7,
            x + dx_px + text_width_px(name, self.label_px),
            y + self.label_px * 0.7,
        )

    def free(
        self, name: str, lat: float, lon: float, dx_px: float, dy_px: float = 0.0, *, of_names: bool = True
    ) -> bool:
        """Whether `name` fits there: clear of the discs and markers occupied and (of_names) of the names written."""
        box = self.box(name, lat, lon, dx_px, dy_px)
        if self.frame and not (
            self.frame[0] <= box[0] and box[2] <= self.frame[2] and self.frame[1] <= box[1] and box[3] <= self.frame[3]
        ):
            return False
        gap = self.label_px / 2  # a space's width: two names end to end would read as one ("AravanOsh")
        if of_names and any(
            box[0] - gap < b[2] and b[0] < box[2] + gap and box[1] < b[3] and b[1] < box[3] for b in self.boxes
        ):
            return False
        return not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in self.discs)

    def claim(
        self, name: str, lat: float, lon: float, dx_px: float, dy_px: float = 0.0, *, of_names: bool = True
    ) -> bool:
        """Take the room for `name` written dx_px east of the point (dy_px south), if it is free."""
        if not self.free(name, lat, lon, dx_px, dy_px, of_names=of_names):
            return False
        self.boxes.append(self.box(name, lat, lon, dx_px, dy_px))
        return True

    def frame_of(
        self, center: tuple[float, float], width_px: float, height_px: float
    ) -> tuple[float, float, float, float]:
        """The box of a picture of this size centred on `center`, in this space's pixels."""
        x, y = self._point(*center)
        return (x - width_px / 2, y - height_px / 2, x + width_px / 2, y + height_px / 2)

    def occupy(self, lat: float, lon: float, diameter_px: float) -> None:
        """Keep names off a disc drawn at this point."""
        x, y = self._point(lat, lon)
        self.discs.append((x - diameter_px / 2, y - diameter_px / 2, x + diameter_px / 2, y + diameter_px / 2))


def add_names(
    fig: go.Figure,
    names: Iterable[tuple],
    zoom: float,
    height_px: float,
    *,
    width: float = 1.4,
    halo: float = 4.5,
    trace: str = "labels",
) -> None:
    """Write each (text, lat, lon, dx_px[, dy_px]) dx_px east of its point (dy_px south), centred on it in height, in the stroke font:
    ink over a white halo that keeps the text readable over lines and discs; one pair of traces named `trace`."""
    lats, lons = [], []
    for text, lat, lon, dx, *dy in names:
        down = dy[0] if dy else 0.0
        text_lats, text_lons = stroke_label(
            text, lat, lon, zoom, height_px=height_px, dx_px=dx, dy_px=-height_px / 2 - down
        )
        lats += text_lats
        lons += text_lons
    if lats:
        for colour_, line_width in (("white", halo), (INK, width)):
            fig.add_trace(
                go.Scattermap(
                    lat=lats,
                    lon=lons,
                    mode="lines",
                    line={"color": colour_, "width": line_width},
                    hoverinfo="skip",
                    showlegend=False,
                    name=trace,
                )
            )
