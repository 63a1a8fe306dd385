"""Data: the filtered tables, downloadable as CSV and GeoJSON with the filter recorded.

A long table shows one page of rows at a time, with a page picker; the downloads always hold every
row, and are made only when their button is clicked (a million rows would otherwise be written out
on every rerun).
"""

import streamlit as st

from citemap import ui
from citemap.export import export_bundle

ctx = ui.page("Data")
bundle = export_bundle(ctx.index, ctx.events, ctx.filters, ctx.description)
for name, kept in bundle.kept.items():
    st.subheader(f"{name} ({len(kept):,})")
    page = ui.page_picker(len(kept), key=f"page_{name}", label=f"Page of {name}")
    dates = {
        column: st.column_config.DateColumn(format="YYYY-MM-DD")
        for column, dtype in kept.table.dtypes.items()
        if dtype.kind == "M"
    }
    ui.readable_table(kept.rows(page.start, page.stop), key=f"table_{name}", column_config=dates)
    st.download_button(
        f"Download {name} as CSV",
        (lambda name=name: bundle.csv(name)),
        file_name=bundle.file_name(name, "csv"),
        mime="text/csv",
        key=f"download_{name}",
    )
st.caption(
    "The tables hold the rows the shown events need: their actors, places, numbers and cited sentences. "
    "The files say which filter made them, in their name and inside them."
)
st.subheader("Map data")
st.download_button(
    "Download events as GeoJSON",
    bundle.geojson,
    file_name=bundle.file_name("events", "geojson"),
    mime="application/geo+json",
    key="download_geojson",
)
