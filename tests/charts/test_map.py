"""The one renderer: a map layout drawn as plotly traces, each event clickable once, nothing decided anew."""

from __future__ import annotations

import pytest

from citemap.charts.map import draw_map
from citemap.charts.map_layout import MapCanvas, map_layout
from citemap.charts.map_views import views
from citemap.contract import EVENT_TYPES
from citemap.filters import Filters, apply


@pytest.mark.parametrize(("legend", "showlegend"), [("below", True), ("bottom right", True), ("none", False)])
def test_the_figure_draws_the_layout(index, basemap, legend, showlegend):
    events = apply(index, Filters())
    for view in views(index.events, index.dataset.places, basemap):
        layout = map_layout(events, index.dataset.places, basemap, view, MapCanvas(width_px=500, legend=legend))
        fig = draw_map(layout, basemap)
        clicked = [
            row[0] for t in fig.data if t.name in EVENT_TYPES and t.customdata is not None for row in t.customdata
        ]
        assert sorted(clicked) == sorted(m.event_id for m in layout.markers)
        assert fig.layout.height == layout.height_px
        assert (fig.layout.map.center.lat, fig.layout.map.center.lon, fig.layout.map.zoom) == (
            layout.center[0],
            layout.center[1],
            layout.zoom,
        )
        entries = [t.name for t in fig.data if t.showlegend]
        assert entries == [e.name for e in layout.legend]
        assert bool(fig.layout.showlegend) == showlegend
        assert any(t.name == "labels" for t in fig.data)
        assert len(fig.layout.annotations) == len(layout.notes)
        assert all(t.mode in ("markers", "lines") for t in fig.data), "no text mode: an offline map has no glyphs"
