"""The one map renderer: a MapLayout (citemap/charts/map_layout.py) drawn as a plotly figure.

It decides nothing about what is shown or where: the layout did, for its canvas. It only turns the layout's
markers, legs, discs, names, notes and legend into traces over the offline basemap. Trace names are stable
(a marker's type, "<type> outline", "crowded places, types ranked 1", "squares ...", "labels"), so that a
click's customdata (event ids) and the browser tests find them.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
from geopy.distance import distance as geo_distance

from ..basemap import Basemap
from ..contract import EVENT_TYPES
from ..palette import BASEMAP_FILL, BASEMAP_LINE, INK, colour
from .discs import NUMBER_PX, RIM_PX
from .labels import add_names, text_width_px
from .map_layout import CORROBORATED_RING_PX, Disc, MapLayout, Marker, Note
from .text import safe

CROWDED = "crowded places"  # the name of the crowded discs' traces (' outline' is added to the rim's)
SQUARES = "squares"


def draw_map(layout: MapLayout, basemap: Basemap, *, online_tiles: bool = False) -> go.Figure:
    """The figure of this layout: plot area layout.width_px x layout.height_px, no title (branding adds one)."""
    fig = go.Figure()
    for disc in layout.uncertainty:
        lats, lons = _circle(disc.latitude, disc.longitude, disc.radius_km)
        fig.add_trace(
            go.Scattermap(
                lat=lats,
                lon=lons,
                mode="lines",
                fill="toself",
                fillcolor="rgba(90,90,90,0.10)",
                line={"color": "rgba(60,60,60,0.55)", "width": 1.2},
                hoverinfo="skip",
                showlegend=False,
                name=f"uncertainty of {disc.place_id}",
            )
        )
    if layout.discs:
        _draw_discs(fig, layout.discs, SQUARES if layout.counted else CROWDED, layout.zoom)
    if layout.legs:
        fig.add_trace(
            go.Scattermap(
                lat=[v for leg in layout.legs for v in (leg.from_lat, leg.to_lat, None)],
                lon=[v for leg in layout.legs for v in (leg.from_lon, leg.to_lon, None)],
                mode="lines",
                line={"color": "rgba(40,40,40,0.6)", "width": 1},
                hoverinfo="skip",
                showlegend=False,
                name="legs",
            )
        )
    points = list(layout.anchors) + list(layout.town_dots)
    if points:
        fig.add_trace(
            go.Scattermap(
                lat=[p[0] for p in points],
                lon=[p[1] for p in points],
                mode="markers",
                marker={"size": [5] * len(layout.anchors) + [8] * len(layout.town_dots), "color": INK},
                hoverinfo="skip",
                showlegend=False,
                name="places",
            )
        )
    if layout.labels:
        add_names(
            fig,
            [(label.text, label.latitude, label.longitude, label.dx_px, label.dy_px) for label in layout.labels],
            layout.zoom,
            layout.label_px,
            width=1.4 if layout.label_px < 16 else 1.6,
            halo=4.5 if layout.label_px < 16 else 5,
        )
    _draw_markers(fig, layout.markers)
    for entry in layout.legend:
        fig.add_trace(
            go.Scattermap(
                lat=[None],
                lon=[None],
                mode="markers",
                marker={
                    "size": 13 if entry.event_type is None else 12,
                    "color": INK if entry.event_type is None else colour(entry.event_type),
                },
                name=entry.name,
                legendgroup=entry.event_type or "",
                showlegend=True,
                hoverinfo="skip",
            )
        )
    for note in layout.notes:
        _draw_note(fig, note, layout.width_px)
    return _frame(fig, layout, basemap, online_tiles)


def _draw_markers(fig: go.Figure, markers: Sequence[Marker]) -> None:
    """Per type and precision: a dark halo (mapbox circles have no outline), the double ring of an event two or more
    sources report, the coloured dot, and for a place known only roughly a white centre (a ring)."""
    for event_type in EVENT_TYPES:
        for exact in (True, False):
            group = [m for m in markers if m.event_type == event_type and m.exact == exact]
            if not group:
                continue
            lat, lon = [m.latitude for m in group], [m.longitude for m in group]
            size = np.array([m.size_px for m in group])
            custom = np.array([[m.event_id] for m in group], dtype=object)
            hover = [m.hover for m in group]
            double = np.array([m.corroborated for m in group])
            ring = np.where(double, CORROBORATED_RING_PX, 4)
            fig.add_trace(_points(lat, lon, size + ring, INK, custom, f"{event_type} outline"))
            if double.any():
                for colour_, width, part in (("white", ring - 4, "outline gap"), (INK, 4, "inner outline")):
                    fig.add_trace(
                        _points(
                            np.array(lat)[double],
                            np.array(lon)[double],
                            (size + width)[double],
                            colour_,
                            custom[double],
                            f"{event_type} {part}",
                        )
                    )
            dots = _points(lat, lon, size, colour(event_type), custom, event_type)
            dots.update(hovertext=hover, hoverinfo="text", legendgroup=event_type, showlegend=False)
            fig.add_trace(dots)
            if not exact:
                centre = _points(lat, lon, size * 0.5, "white", custom, f"{event_type} approximate centre")
                centre.update(hovertext=hover, hoverinfo="text")
                fig.add_trace(centre)


def _points(lat, lon, size, colour_: str, custom, name: str) -> go.Scattermap:
    return go.Scattermap(
        lat=lat,
        lon=lon,
        mode="markers",
        marker={"size": size, "color": colour_, "opacity": 1.0},
        customdata=custom,
        hoverinfo="skip",
        showlegend=False,
        name=name,
    )


def _draw_discs(fig: go.Figure, discs: Sequence[Disc], name: str, zoom: float) -> None:
    """Discs as rings (charts/discs.py's note): each ring's area its type's share, the commonest outermost."""
    diameter = np.array([d.diameter_px for d in discs])
    counts = np.array([d.counts for d in discs])
    total = counts.sum(axis=1)
    lat, lon = np.array([d.latitude for d in discs]), np.array([d.longitude for d in discs])
    hover = np.array([d.hover for d in discs], dtype=object)
    ids = np.array([[";".join(d.event_ids)] for d in discs], dtype=object) if any(d.event_ids for d in discs) else None
    ranked = np.argsort(-counts, axis=1, kind="stable")  # per disc: its types, commonest first
    sorted_counts = np.take_along_axis(counts, ranked, axis=1)
    remaining = np.cumsum(sorted_counts[:, ::-1], axis=1)[:, ::-1]  # events of this rank and rarer
    palette = np.array([colour(t) for t in EVENT_TYPES], dtype=object)
    for rank in range(len(EVENT_TYPES)):
        present = sorted_counts[:, rank] > 0
        if not present.any():
            break
        size = diameter[present] * np.sqrt(remaining[present, rank] / total[present])
        custom = {} if ids is None else {"customdata": ids[present]}
        if rank == 0:  # a dark rim around the whole disc: map circles have no outline of their own
            fig.add_trace(
                go.Scattermap(
                    lat=lat[present],
                    lon=lon[present],
                    mode="markers",
                    marker={"size": size + RIM_PX, "color": INK},
                    hoverinfo="skip",
                    showlegend=False,
                    name=f"{name} outline",
                    **custom,
                )
            )
        fig.add_trace(
            go.Scattermap(
                lat=lat[present],
                lon=lon[present],
                mode="markers",
                marker={"size": size, "color": palette[ranked[present, rank]], "opacity": 1.0},
                hovertext=hover[present],
                hoverinfo="text",
                showlegend=False,
                name=f"{name}, types ranked {rank + 1}",
                **custom,
            )
        )
    numbered = [d for d in discs if d.numbered]
    if numbered:
        numbers = [
            (f"{sum(d.counts):,}", d.latitude, d.longitude, -text_width_px(f"{sum(d.counts):,}", NUMBER_PX) / 2)
            for d in numbered
        ]  # centred on the disc
        add_names(fig, numbers, zoom, NUMBER_PX, width=1.5, halo=3.5, trace=f"{name} counts")


def _draw_note(fig: go.Figure, note: Note, width_px: int) -> None:
    lines = [safe(line) for line in note.lines]  # wrapped by the layout, which sized the room for them
    text = "<br>".join([f"<b>{lines[0]}</b>", *lines[1:]])
    corner = (
        {"x": 0.99, "y": 0.01, "xanchor": "right", "yanchor": "bottom"}
        if note.corner == "bottom right"
        else {"x": 0.01, "y": 0.99, "xanchor": "left", "yanchor": "top"}
    )
    fig.add_annotation(
        xref="paper",
        yref="paper",
        **corner,
        align="left",
        showarrow=False,
        text=text,
        font={"size": 12, "color": INK},
        bgcolor="rgba(255,255,255,0.88)",
        bordercolor="rgba(31,41,51,0.35)",
        borderwidth=1,
        borderpad=5,
        name="map-note",
    )


@functools.lru_cache(maxsize=1024)
def _circle(lat: float, lon: float, radius_km: float, points: int = 72) -> tuple[tuple[float, ...], tuple[float, ...]]:
    # Kept: 72 geodesic destinations cost ~10 ms, and the same few places are drawn on every rerun.
    lats, lons = [], []
    for bearing in np.linspace(0, 360, points):
        destination = geo_distance(kilometers=radius_km).destination((lat, lon), bearing)
        lats.append(destination.latitude)
        lons.append(destination.longitude)
    return tuple(lats), tuple(lons)


def _basemap_layers(basemap: Basemap) -> list[dict]:
    # All fills first, then all lines: a fill drawn later would hide the lines beneath it.
    layers = [
        {"sourcetype": "geojson", "source": geojson, "type": "fill", "color": BASEMAP_FILL, "below": "traces"}
        for role, geojson in basemap.compact_layers
        if role == "country"
    ]
    for role, geojson in basemap.compact_layers:
        width = {"regions": 0.8, "city": 1.4, "country": 2.2}[role]
        layers.append(
            {
                "sourcetype": "geojson",
                "source": geojson,
                "type": "line",
                "color": BASEMAP_LINE if role != "country" else INK,
                "line": {"width": width},
                "below": "traces",
            }
        )
    return layers


LEGENDS = {
    "below": {"orientation": "h", "x": 0.0, "xanchor": "left", "y": -0.02, "yanchor": "top"},
    "bottom right": {"orientation": "h", "x": 0.99, "xanchor": "right", "y": 0.01, "yanchor": "bottom"},
    "bottom left": {"orientation": "h", "x": 0.01, "xanchor": "left", "y": 0.01, "yanchor": "bottom"},
}


def _frame(fig: go.Figure, layout: MapLayout, basemap: Basemap, online_tiles: bool) -> go.Figure:
    map_layout: dict[str, Any] = {
        "style": "white-bg",
        "center": {"lat": layout.center[0], "lon": layout.center[1]},
        "zoom": layout.zoom,
        "layers": _basemap_layers(basemap),
    }
    if online_tiles:
        # Street tiles replace the plain fills; the boundary lines stay on top of them.
        tiles = {
            "sourcetype": "raster",
            "source": ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"],
            "below": "traces",
            "sourceattribution": "© OpenStreetMap contributors",
        }
        map_layout["layers"] = [tiles] + [layer for layer in map_layout["layers"] if layer["type"] != "fill"]
    legend = LEGENDS.get(layout.legend_corner)
    fig.update_layout(
        map=map_layout,
        height=layout.height_px,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=bool(legend and layout.legend),
        legend={
            **(legend or {}),
            "bgcolor": "rgba(255,255,255,0.85)",
            "font": {"size": layout.legend_px},
            "itemsizing": "constant",
        },
        hoverlabel={"align": "left"},
        uirevision=layout.view.key,
        clickmode="event+select",
        dragmode="pan",
    )
    return fig


def caption_footer(layout: MapLayout, description: str) -> str:
    """The footer's first item: what the map draws, then the filter in words."""
    return f"{layout.footer}. Filter: {description}"
