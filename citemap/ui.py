"""The one place that owns Streamlit state: dataset loading, sidebar filters, URL state, evidence.

Pages call `page(title)` first; it loads the dataset once per process, draws
the sidebar, reconciles the view with the URL and returns a `PageContext`
holding everything a page needs to draw its view.

State lives under our own session keys (`cm.*`): widget state does not survive
a page switch, so each run re-seeds the widgets from them, and every run writes
the view back to the URL so that any view is a shareable link.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from . import render
from .basemap import Basemap, load_basemap
from .dataset import Dataset, default_data_dir, validate
from .filters import Filters, apply, describe
from .index import DatasetIndex
from .problems import Problem
from .provenance import quote
from .urlstate import Selection, ViewState, decode, encode

FILTERS = "cm.filters"
SELECTION = "cm.selection"
NOTICES = "cm.notices"
URL_WRITTEN = "cm.url"

PAGES = (
    ("app.py", "Overview"),
    ("pages/1_Map.py", "Map"),
    ("pages/2_Timeline.py", "Timeline"),
    ("pages/3_Actors.py", "Actors"),
    ("pages/4_Source.py", "Source"),
    ("pages/5_Data.py", "Data"),
    ("pages/6_Briefing.py", "Briefing"),
)
# The URL path Streamlit gives each page (from its file name).
PAGE_PATHS = {"Overview": "./", "Map": "Map", "Timeline": "Timeline", "Actors": "Actors", "Source": "Source", "Data": "Data", "Briefing": "Briefing"}


@dataclass(frozen=True)
class PageContext:
    index: DatasetIndex
    filters: Filters
    events: pd.DataFrame  # the filtered events, in time order
    description: str  # the filter in one plain sentence
    selection: Selection
    basemap: Basemap

    @property
    def dataset(self) -> Dataset:
        return self.index.dataset

    @property
    def url_params(self) -> dict[str, str]:
        return encode(ViewState(self.filters, self.selection))


@st.cache_resource(show_spinner="Loading and validating the dataset…")
def load_validated(data_dir: str) -> tuple[DatasetIndex | None, list[Problem]]:
    """Read and validate once per process; every page and rerun share the result."""
    dataset, problems = validate(data_dir)
    if dataset is None:
        return None, problems
    index = DatasetIndex(dataset)
    _ = index.events, index.place_descendants, index.citations_of_sentence  # build the lookups now, not on a click
    return index, problems


@st.cache_resource
def load_basemap_cached(geo_dir: str) -> Basemap:
    return load_basemap(Path(geo_dir))


def show_problems(data_dir: Path, problems: list[Problem]) -> None:
    errors = [p for p in problems if p.severity == "error"]
    st.error(f"The dataset in `{data_dir}` does not meet the contract: {len(errors)} problem(s). Nothing is shown until they are fixed.")
    table = pd.DataFrame([p.as_dict() for p in problems])
    st.dataframe(table, hide_index=True, width="stretch", key="problems")
    st.caption("Run `python -m citemap validate DATA_DIR` for the same list in a terminal.")


# ---------------------------------------------------------------- state


def _query_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def _current_url_state() -> dict[str, str]:
    return {key: values[-1] for key, values in _query_params().items() if values}


def _sync_from_url(index: DatasetIndex) -> None:
    """Adopt the URL when it says something new: a first visit, a shared link, a followed link.

    An empty URL after a page switch is not news: the session's state stands.
    """
    params = _query_params()
    first_run = FILTERS not in st.session_state
    changed = _current_url_state() != st.session_state.get(URL_WRITTEN)
    if first_run or (params and changed):
        state = decode(params, index)
        st.session_state[FILTERS] = state.filters
        st.session_state[SELECTION] = state.selection
        st.session_state[NOTICES] = state.notices
        _seed_widgets(state.filters, index, force=True)


def _write_url(state: ViewState) -> None:
    wanted = encode(state)
    if _current_url_state() != wanted or any(len(v) > 1 for v in _query_params().values()):
        st.query_params.from_dict(wanted)
    st.session_state[URL_WRITTEN] = wanted


def current_filters() -> Filters:
    return st.session_state.get(FILTERS, Filters())


def current_selection() -> Selection:
    return st.session_state.get(SELECTION, Selection())


def select_event(event_id: str | None) -> None:
    st.session_state[SELECTION] = replace(current_selection(), event=event_id)


def select_sentence(sentence_id: str | None) -> None:
    st.session_state[SELECTION] = replace(current_selection(), sentence=sentence_id)


# ---------------------------------------------------------------- sidebar

WIDGET_KEYS = ("date_range", "actors", "event_types", "places", "search")


def _date_bounds(index: DatasetIndex, filters: Filters) -> tuple[date, date]:
    first, last = index.date_extent
    low, high = first.date(), last.date()
    if filters.date_from:
        low = min(low, filters.date_from)
    if filters.date_to:
        high = max(high, filters.date_to)
    return low, high


def _seed_widgets(filters: Filters, index: DatasetIndex, force: bool = False) -> None:
    low, high = _date_bounds(index, filters)
    values = {
        "date_range": (filters.date_from or low, filters.date_to or high),
        "actors": list(filters.actors),
        "event_types": list(filters.event_types),
        "places": list(filters.places),
        "search": filters.search,
    }
    for key, value in values.items():
        if force or key not in st.session_state:
            st.session_state[key] = value


def _filters_from_widgets(index: DatasetIndex) -> Filters:
    previous = current_filters()
    low, high = _date_bounds(index, previous)
    chosen = st.session_state.get("date_range") or (low, high)
    if isinstance(chosen, (tuple, list)) and len(chosen) == 2:
        date_from = chosen[0] if chosen[0] != index.date_extent[0].date() else None
        date_to = chosen[1] if chosen[1] != index.date_extent[1].date() else None
    else:
        date_from, date_to = previous.date_from, previous.date_to  # half-picked range: keep the last full one
    return Filters(
        date_from=date_from,
        date_to=date_to,
        actors=tuple(st.session_state.get("actors", ())),
        event_types=tuple(st.session_state.get("event_types", ())),
        places=tuple(st.session_state.get("places", ())),
        search=(st.session_state.get("search") or "").strip(),
    )


def _on_filter_change(index: DatasetIndex) -> None:
    st.session_state[FILTERS] = _filters_from_widgets(index)
    st.session_state[NOTICES] = ()  # notices were about the link that opened the view


def _reset() -> None:
    st.session_state[FILTERS] = Filters()
    st.session_state[SELECTION] = Selection()
    st.session_state[NOTICES] = ()
    for key in WIDGET_KEYS:
        st.session_state.pop(key, None)


def _sidebar(index: DatasetIndex) -> None:
    filters = current_filters()
    _seed_widgets(filters, index)
    low, high = _date_bounds(index, filters)
    actors = index.dataset.actors.sort_values("name")
    places = index.dataset.places.sort_values(["kind", "name"])
    types = sorted(index.dataset.events["event_type"].unique())
    with st.sidebar:
        st.markdown("### Citemap")
        for path, label in PAGES:
            st.page_link(path, label=label)
        st.divider()
        st.markdown("**Filters**")
        st.date_input("Dates", min_value=low, max_value=high, key="date_range", on_change=_on_filter_change, args=(index,), format="YYYY-MM-DD",
                      help="Events whose possible dates overlap this range. Vague events count when they could fall inside it.")
        st.multiselect("Actors", options=list(actors["actor_id"]), format_func=index.actor_label, key="actors", on_change=_on_filter_change, args=(index,),
                       placeholder="Any actor (type a name or alias)")
        st.multiselect("Event types", options=types, key="event_types", on_change=_on_filter_change, args=(index,), placeholder="Any type")
        st.multiselect("Places", options=list(places["place_id"]), format_func=index.place_label, key="places", on_change=_on_filter_change, args=(index,),
                       placeholder="Anywhere (a city includes its sites)")
        st.text_input("Search summaries and quotes", key="search", on_change=_on_filter_change, args=(index,), placeholder="e.g. fire, Osh, 590")
        st.button("Reset filters", key="reset", on_click=_reset, width="stretch")
        st.divider()
        st.caption(f"Data as of {index.dataset.as_of} · {len(index.events)} events from {len(index.dataset.sources)} source(s).")


# ---------------------------------------------------------------- page


def page(title: str, *, wide_caption: str = "") -> PageContext:
    st.set_page_config(page_title=f"{title} · Citemap", layout="wide", initial_sidebar_state="expanded")
    data_dir = default_data_dir()
    index, problems = load_validated(str(data_dir))
    if index is None:
        st.title(title)
        show_problems(data_dir, problems)
        st.stop()
    st.html(render.STYLE)

    _sync_from_url(index)
    _sidebar(index)
    filters = current_filters()
    events = apply(index, filters)
    selection = current_selection()
    if selection.event and selection.event not in events.index:
        # The panel never shows what the view hides.
        st.session_state[NOTICES] = (*st.session_state.get(NOTICES, ()), f"The selected event “{selection.event}” is hidden by the filter, so it was let go.")
        selection = replace(selection, event=None)
        st.session_state[SELECTION] = selection
    description = describe(index, filters, len(events))
    _write_url(ViewState(filters, selection))

    st.title(title)
    st.markdown(f"**{render.esc(description)}**", help="The filter in words. It is also in the address bar: copy the URL to share this view.")
    if wide_caption:
        st.caption(wide_caption)
    for notice in st.session_state.get(NOTICES, ()):
        st.warning(notice, icon="⚠️")
    basemap = load_basemap_cached(str(Path(index.dataset.data_dir) / "geo"))
    return PageContext(index, filters, events, description, selection, basemap)


# ---------------------------------------------------------------- evidence


def selected_event_ids(chart_state) -> list[str]:
    """Event ids from a plotly selection (clicked or boxed points), first seen first."""
    try:
        points = chart_state["selection"]["points"]
    except (KeyError, TypeError):
        return []
    ids = []
    for point in points:
        custom = point.get("customdata")
        value = custom[0] if isinstance(custom, (list, tuple)) and custom else custom
        if isinstance(value, str) and value not in ids:
            ids.append(value)
    return ids


def on_chart_select(chart_key: str) -> None:
    """Callback for st.plotly_chart: a click or box selection picks the events it touched."""
    ids = selected_event_ids(st.session_state.get(chart_key))
    st.session_state["cm.boxed"] = ids
    if ids:
        select_event(ids[0])


def evidence_panel(ctx: PageContext, key: str = "evidence") -> None:
    """The same panel on every page: the selected event, its numbers and its verbatim quotes."""
    with st.container(border=True, key=f"{key}_panel"):
        st.markdown("#### Evidence")
        events = ctx.events
        if events.empty:
            st.info("No event matches the filter.")
            return
        options = list(events.index)
        current = ctx.selection.event if ctx.selection.event in options else None
        boxed = [e for e in st.session_state.get("cm.boxed", []) if e in options]
        if len(boxed) > 1:
            st.caption(f"{len(boxed)} events selected on the chart; showing one at a time.")
            options = boxed + [e for e in options if e not in boxed]
        choice = st.selectbox(
            "Event", options=options, index=options.index(current) if current in options else None,
            format_func=lambda e: f"{events.at[e, 'event_date'].date().isoformat()} · {events.at[e, 'summary'][:80]}",
            key=f"{key}_picker", placeholder="Click a marker or bar, or choose an event here",
        )
        if choice != current:
            select_event(choice)
            st.rerun()
        if choice is None:
            st.caption("Every dot, bar and number links back to the sentence it came from.")
            return
        st.html(render.evidence_html(ctx.index, choice))
        for q_id in ctx.index.events.at[choice, "sentence_ids"].split(";"):
            if st.button(f"Read {quote(ctx.index, q_id).short_id} in the article", key=f"{key}_open_{q_id}"):
                open_in_source(q_id)


def open_in_source(sentence_id: str) -> None:
    """Go to the source reader with this sentence highlighted; filters and selection travel along."""
    select_sentence(sentence_id)
    st.switch_page("pages/4_Source.py")


# ---------------------------------------------------------------- charts


def plotly_config(filename: str) -> dict:
    return {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}, "scrollZoom": True}


def show_map(ctx: PageContext, view_key: str, *, key: str, height: int = 560, online_tiles: bool = False) -> None:
    from .charts.map import event_map, views

    available = {v.key: v for v in views(ctx.index.events, ctx.dataset.places, ctx.basemap)}
    if not available:
        st.info("No event in this dataset has a place that can be drawn on a map.")
        return
    view = available.get(view_key) or next(iter(available.values()))
    fig = event_map(ctx.events, ctx.basemap, view, title="", height=height, online_tiles=online_tiles)
    st.plotly_chart(fig, key=key, on_select=lambda: on_chart_select(key), selection_mode=("points", "box", "lasso"),
                    config=plotly_config(f"citemap-map-{view.key}"), width="stretch")
    for problem in ctx.basemap.problems:
        st.warning(f"Basemap file skipped: {problem}")


def show_timeline(ctx: PageContext, *, key: str) -> None:
    from .charts.timeline import timeline

    fig = timeline(ctx.events, selected=ctx.selection.event)
    st.plotly_chart(fig, key=key, on_select=lambda: on_chart_select(key), selection_mode=("points", "box"),
                    config=plotly_config("citemap-timeline"), width="stretch")


def event_table(ctx: PageContext, *, key: str) -> None:
    """The filtered events as a table; choosing a row opens it in the evidence panel (keyboard-friendly)."""
    from .provenance import when, where

    events = ctx.events
    table = pd.DataFrame({
        "When": [when(e) for _, e in events.iterrows()],
        "What": events["summary"].to_numpy(),
        "Type": events["event_type"].to_numpy(),
        "Where": [where(ctx.index, p) for p in events["place_id"]],
        "Event id": events.index.to_numpy(),
    })
    state = st.dataframe(table, hide_index=True, width="stretch", key=key, on_select="rerun", selection_mode="single-row",
                         column_config={"What": st.column_config.TextColumn(width="large")})
    rows = state.selection.rows if state else []
    if rows:
        chosen = table.iloc[rows[0]]["Event id"]
        if chosen != ctx.selection.event:
            select_event(chosen)
            st.rerun()


def about_data(ctx: PageContext) -> None:
    from .provenance import source_label

    with st.container(border=True, key="about_data"):
        st.markdown("#### About this data")
        counts = ctx.dataset.counts()
        st.markdown(
            f"{counts['events']} events, {counts['actors']} actors, {counts['places']} places and {counts['figures']} numbers, "
            f"curated from {counts['sources']} source(s) split into {counts['sentences']} sentences. "
            "Every row cites the sentences it comes from, verbatim; dates and places carry ACLED's precision codes."
        )
        for source_id in ctx.dataset.sources["source_id"]:
            st.caption(render.esc(source_label(ctx.index, source_id)))
        notes = ctx.dataset.sources["notes"].iloc[0] if len(ctx.dataset.sources) else ""
        if notes:
            with st.expander("What is not known about the source"):
                st.write(render.esc(notes))


def filter_by_actor(actor_id: str) -> None:
    """Callback: make this actor the actor filter (runs before the widgets are drawn)."""
    st.session_state[FILTERS] = replace(current_filters(), actors=(actor_id,))
    st.session_state["actors"] = [actor_id]
    st.session_state[NOTICES] = ()
