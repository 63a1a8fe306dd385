"""Data: the filtered tables, downloadable as CSV and GeoJSON with the filter recorded."""

import streamlit as st

from citemap import ui
from citemap.export import export_bundle

ctx = ui.page("Data")
bundle = export_bundle(ctx.index, ctx.events, ctx.filters, ctx.description)
for name, frame in bundle.tables.items():
    st.subheader(f"{name} ({len(frame)})")
    st.dataframe(frame, hide_index=True, width="stretch", key=f"table_{name}")
    st.download_button(f"Download {name} as CSV", bundle.csv(name), file_name=bundle.file_name(name, "csv"), mime="text/csv", key=f"download_{name}")
st.subheader("Map data")
st.download_button("Download events as GeoJSON", bundle.geojson(), file_name=bundle.file_name("events", "geojson"), mime="application/geo+json", key="download_geojson")
