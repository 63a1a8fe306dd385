"""The plain page: the dashboard an analyst writes in an afternoon, the reference every benchmark ratio is taken to.

Issue 15 defines it: the same dataset's events read with pandas.read_csv (cached with st.cache_data and nothing
else), the same five filters as plain widgets, px.scatter_map of every event with a place, px.timeline of every
event, st.dataframe of the rows. No provenance, no evidence, no validation. The widget keys are the dashboard's, so
bench/run.py changes both pages' filters the same way. The dataset is $CITEMAP_DATA, or the bundled data/.
"""

import os
from pathlib import Path

import pandas as pd
import plotly.express as px
import streamlit as st

DATA = Path(os.environ.get("CITEMAP_DATA") or Path(__file__).resolve().parent.parent / "data")

st.set_page_config(page_title="Plain", layout="wide")


@st.cache_data
def read(folder: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    events = pd.read_csv(f"{folder}/events.csv", parse_dates=["event_date", "date_end"])
    places = pd.read_csv(f"{folder}/places.csv")
    actors = pd.read_csv(f"{folder}/actors.csv")
    event_actors = pd.read_csv(f"{folder}/event_actors.csv")
    events = events.merge(places[["place_id", "name", "latitude", "longitude"]], on="place_id", how="left")
    return events, places, actors, event_actors


events, places, actors, event_actors = read(str(DATA))
actor_names = dict(zip(actors["actor_id"], actors["name"]))
place_names = dict(zip(places["place_id"], places["name"]))
low, high = events["event_date"].min().date(), events["date_end"].fillna(events["event_date"]).max().date()

with st.sidebar:
    dates = st.date_input("Dates", value=(low, high), min_value=low, max_value=high, key="date_range")
    chosen_actors = st.multiselect("Actors", list(actor_names), format_func=actor_names.get, key="actors")
    chosen_types = st.multiselect("Event types", sorted(events["event_type"].unique()), key="event_types")
    chosen_places = st.multiselect("Places", list(place_names), format_func=place_names.get, key="places")
    search = st.text_input("Search summaries", key="search")

shown = events
if len(dates) == 2:
    shown = shown[(shown["event_date"].dt.date >= dates[0]) & (shown["event_date"].dt.date <= dates[1])]
if chosen_actors:
    shown = shown[shown["event_id"].isin(event_actors.loc[event_actors["actor_id"].isin(chosen_actors), "event_id"])]
if chosen_types:
    shown = shown[shown["event_type"].isin(chosen_types)]
if chosen_places:
    shown = shown[shown["place_id"].isin(chosen_places)]
if search:
    shown = shown[shown["summary"].str.contains(search, case=False, regex=False, na=False)]

st.title("Plain")
st.markdown(f"**{len(shown):,} of {len(events):,} events**")
located = shown.dropna(subset=["latitude", "longitude"])
st.plotly_chart(
    px.scatter_map(located, lat="latitude", lon="longitude", hover_name="summary", map_style="white-bg", zoom=3),
    key="map",
)
spans = shown.assign(date_end=shown["date_end"].fillna(shown["event_date"]) + pd.Timedelta(days=1))
st.plotly_chart(px.timeline(spans, x_start="event_date", x_end="date_end", y="event_type"), key="timeline")
st.dataframe(shown[["event_id", "event_date", "event_type", "name", "summary"]])
