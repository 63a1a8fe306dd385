"""Map: the dataset's country or countries, and zoomed views of its regions and towns; precision made visible."""

import streamlit as st

from citemap import ui
from citemap.charts.map_markers import unmapped
from citemap.provenance import when
from citemap.render import esc
from citemap.words import plural

UNMAPPED_LISTED = 100
RADIO_VIEWS = 8

ctx = ui.page("Map")
available = ctx.map_views
labels = {v.key: esc(v.label) for v in available}
first = next(iter(labels), "")

# The view: from the URL's `view` (kept across pages), else the first; one the data offers no view for is named.
wanted = ui.current_map_view()
if wanted and wanted not in labels:
    st.warning(
        esc(f"The map has no view of “{wanted}” (its events, if any, sit at one spot): showing the first view."),
        icon="⚠️",
    )
    ui.set_map_view("")
    wanted = ""
ui.set_widget_value("map_view", wanted or first)


def _on_view_change() -> None:
    chosen = ui.widget_value("map_view")
    ui.set_map_view("" if chosen == first else chosen)


main, side = st.columns([3, 2], gap="large")
with main:
    # A row of choices for a few views; a dataset with towns all over the country gets a list to pick from.
    picker = st.radio if len(labels) <= RADIO_VIEWS else st.selectbox
    choice = picker(
        "View",
        options=list(labels),
        format_func=labels.get,
        key="map_view",
        on_change=_on_view_change,
        **({"horizontal": True} if picker is st.radio else {}),
    )
    online = st.toggle(
        "Street tiles from the internet",
        value=False,
        key="online_tiles",
        help="Off by default: the map works offline on its own boundaries. On, it fetches OpenStreetMap tiles.",
    )
    layout = ui.show_map(ctx, choice, key="map_chart", online_tiles=online)
    st.caption(
        "● solid: the site or town is known. ◉ hollow: only a larger area is known; the shaded disc is where it may lie. "
        "Events close together are fanned out round their place, each with a leg to its true point. "
        "Size grows with the largest count an event carries. Click a marker, or drag a box, for its evidence."
    )
    rest = unmapped(ctx.events)
    if len(rest):
        reasons = "; ".join(f"{count:,} {why}" for why, count in layout.not_drawn) if layout else ""
        with st.expander(
            f"{plural(len(rest), 'event')} not on the map ({reasons}): the source gives no place a map could show",
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
