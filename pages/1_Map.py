"""Map: the dataset's country or countries, and zoomed views of its regions and towns; precision made visible."""

import streamlit as st

from citemap import ui
from citemap.charts.map import unmapped
from citemap.provenance import when
from citemap.render import esc

UNMAPPED_LISTED = 100
RADIO_VIEWS = 8

ctx = ui.page("Map")
available = ctx.map_views
labels = {v.key: esc(v.label) for v in available}

main, side = st.columns([3, 2], gap="large")
with main:
    # A row of choices for a few views; a dataset with towns all over the country gets a list to pick from.
    picker = st.radio if len(labels) <= RADIO_VIEWS else st.selectbox
    choice = picker(
        "View",
        options=list(labels),
        format_func=labels.get,
        key="map_view",
        **({"horizontal": True} if picker is st.radio else {}),
    )
    online = st.toggle(
        "Street tiles from the internet",
        value=False,
        key="online_tiles",
        help="Off by default: the map works offline on its own boundaries. On, it fetches OpenStreetMap tiles.",
    )
    ui.show_map(ctx, choice, key="map_chart", height=600, online_tiles=online)
    st.caption(
        "● solid: the site or town is known. ◉ hollow: only a larger area is known; the shaded disc is where it may lie. "
        "Several events at one place are fanned out around it. Size grows with the largest count an event carries. "
        "Click a marker, or drag a box, for its evidence."
    )
    rest = unmapped(ctx.events)
    if len(rest):
        with st.expander(
            f"{len(rest)} events are not on the map: the source places them only at country level, or not at all",
            expanded=False,
        ):
            if (
                len(rest) > UNMAPPED_LISTED
            ):  # a button per event: a large dataset's first UNMAPPED_LISTED, in time order
                st.caption(
                    f"The first {UNMAPPED_LISTED} of {len(rest):,} in time order: filter to narrow them, or find them all on the Data page."
                )
            for event_id, event in rest.head(UNMAPPED_LISTED).iterrows():
                where = event["place_name"] if isinstance(event["place_name"], str) else "no place stated"
                if st.button(esc(f"{when(event)} · {event['summary'][:90]} ({where})"), key=f"unmapped_{event_id}"):
                    ui.select_event(event_id)
                    st.rerun()
with side:
    ui.evidence_panel(ctx)
