"""`page(title)`: what every page calls first."""

from __future__ import annotations

import gc
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from .. import render
from ..basemap import Basemap, load_basemap
from ..charts.map_views import MapView, views
from ..columns import release_memory
from ..countries import dataset_countries, overview_label
from ..curation.store import stamp
from ..dataset import Dataset, default_data_dir, validate
from ..filters import Filters, apply, describe
from ..index import DatasetIndex
from ..problems import Problem, visible
from ..urlstate import Selection, ViewState, encode
from ..words import plural
from .sidebar import draw_sidebar
from .state import current_filters, current_map_view, notices, selection_within, sync_from_url, write_url


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

    @property
    def map_views(self) -> list[MapView]:
        """The map's views of every event (not only those shown, so that a view stays put as the filter changes)."""
        return list(_map_views(str(self.dataset.data_dir), stamp(self.dataset.data_dir), self.index, self.basemap))


@st.cache_resource(show_spinner="Loading and validating the dataset…", max_entries=2)
def load_validated(data_dir: str, version: tuple = ()) -> tuple[DatasetIndex | None, list[Problem]]:
    """Read and validate once per process and version; every page and rerun share the result.

    `version` (curation.store.stamp: the folder's and files' inodes, sizes and times) changes when a
    curation save swaps a new version in, so the next rerun loads it: no restart needed."""
    dataset, problems = validate(data_dir)
    if dataset is None:
        return None, problems
    index = DatasetIndex(dataset)
    _ = (
        index.events,
        index.links,
        index.place_descendants,
        index.citations_of_sentence,
    )  # build the lookups now, not on a click
    _keep_out_of_collector()
    return index, problems


@st.cache_resource
def load_basemap_cached(geo_dir: str) -> Basemap:
    basemap = load_basemap(Path(geo_dir))
    _ = basemap.compact_layers
    return basemap


@st.cache_resource(show_spinner=False, max_entries=2)
def _map_views(data_dir: str, version: tuple, _index: DatasetIndex, _basemap: Basemap) -> tuple[MapView, ...]:
    """Made once per dataset version (keyed by its folder and stamp, as load_validated is), not on every rerun.
    The view of everything is named from the data: the country's name, or "All countries (N)"."""
    label = overview_label(dataset_countries(_index))
    return tuple(
        replace(view, label=label) if view.key == "overview" else view
        for view in views(_index.events, _index.dataset.places, _basemap)
    )


def _keep_out_of_collector() -> None:
    """Take what is loaded now, kept for the life of the process, out of the cyclic collector's scans.

    Called once per dataset, as the first thing a page does: objects alive then (the dataset, the
    modules, Streamlit's own) are never scanned again, and so never collected should they become
    cyclic garbage, which is why this is not done anywhere later in a page.

    A full collection walks every tracked object: with Streamlit, plotly and the dataset loaded that
    is ~180,000 objects, and a plotly-heavy rerun sets off several collections. Measured through
    AppTest on the bundled data: Overview 209 -> 158 ms, Map 125 -> 66 ms per filter change.
    """
    gc.collect()
    gc.freeze()


def problem_table(problems) -> pd.DataFrame:
    """One row per problem, each value with its invisible characters written out ('2020-10-06\\n')."""
    return pd.DataFrame([{**p.as_dict(), "value": None if p.value is None else visible(p.value)} for p in problems])


def show_problems(data_dir: Path, problems: list[Problem]) -> None:
    errors = [p for p in problems if p.severity == "error"]
    st.error(
        f"The dataset in `{data_dir}` does not meet the contract: {plural(len(errors), 'problem')}. Nothing is shown until they are fixed."
    )
    st.dataframe(problem_table(problems), hide_index=True, width="stretch", key="problems")
    st.caption("Run `python -m citemap validate DATA_DIR` for the same list in a terminal.")


def page(title: str, *, wide_caption: str = "") -> PageContext:
    st.set_page_config(page_title=f"{title} · Citemap", layout="wide", initial_sidebar_state="expanded")
    data_dir = default_data_dir()
    index, problems = load_validated(str(data_dir), stamp(data_dir))
    if index is None:
        st.title(title)
        show_problems(data_dir, problems)
        st.stop()
    st.html(render.STYLE)

    sync_from_url(index)
    draw_sidebar(index)
    filters = current_filters()
    release_memory()  # hand back what the last rerun freed: at a million events, some hundreds of MB
    events = apply(index, filters)
    selection = selection_within(events.index)  # the panel never shows what the view hides
    description = describe(index, filters, len(events))
    write_url(ViewState(filters, selection, map_view=current_map_view()))

    st.title(title)
    st.markdown(
        f"**{render.esc(description)}**",
        help="The filter in words. It is also in the address bar: copy the URL to share this view.",
    )
    if wide_caption:
        st.caption(wide_caption)
    for notice in notices():
        st.warning(render.esc(notice), icon="⚠️")  # notices quote URL text: never Markdown
    if index.dataset.warnings:
        with st.expander(
            f"{plural(len(index.dataset.warnings), 'warning')} about this dataset: accepted, shown as written"
        ):
            st.dataframe(
                problem_table(index.dataset.warnings), hide_index=True, width="stretch", key="dataset_warnings"
            )
    basemap = load_basemap_cached(str(Path(index.dataset.data_dir) / "geo"))
    return PageContext(index, filters, events, description, selection, basemap)


# Reports the width of the page's main column to Python, rounded to 20 px so that a scrollbar coming and going
# does not redraw the page; again after the window is resized.
_PAGE_WIDTH_JS = """
export default function(component) {
  const { setStateValue } = component;
  const main = document.querySelector('[data-testid=stMainBlockContainer]');
  if (!main) return;
  const report = () => {
    const style = getComputedStyle(main);
    const inner = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    setStateValue('width', Math.floor(inner / 20) * 20);
  };
  let timer = null;
  const observer = new ResizeObserver(() => { clearTimeout(timer); timer = setTimeout(report, 200); });
  observer.observe(main);
  report();
  return () => { observer.disconnect(); clearTimeout(timer); };
}
"""
_page_width_reporter = st.components.v2.component("citemap_page_width", js=_PAGE_WIDTH_JS)


def page_width(key: str) -> int:
    """The width of the page's main column in CSS pixels, as the browser last reported it; 0 until it has."""
    result = _page_width_reporter(key=key, on_width_change=lambda: None, height=0)
    width = getattr(result, "width", None)
    return int(width) if isinstance(width, (int, float)) and width > 0 else 0
