"""The Streamlit layer: the only part of Citemap that imports Streamlit (with the page scripts).

Pages call `page(title)` first and compose the rest from here.
"""

from .charts import NARROWEST_PX, plotly_config, show_map, show_timeline
from .evidence import about_data, event_table, evidence_panel, on_chart_select, open_in_source
from .page import PageContext, page, page_width
from .paging import page_picker, readable_table
from .state import (
    current_filters,
    current_map_view,
    current_selection,
    filter_by_actor,
    go_to_later,
    select_event,
    select_sentence,
    selected_rows,
    set_map_view,
    set_widget_value,
    take_go_to,
    widget_value,
)

__all__ = [
    "current_map_view",
    "set_map_view",
    "NARROWEST_PX",
    "PageContext",
    "about_data",
    "current_filters",
    "current_selection",
    "event_table",
    "evidence_panel",
    "filter_by_actor",
    "go_to_later",
    "on_chart_select",
    "open_in_source",
    "page",
    "page_picker",
    "page_width",
    "readable_table",
    "plotly_config",
    "select_event",
    "select_sentence",
    "selected_rows",
    "set_widget_value",
    "show_map",
    "show_timeline",
    "take_go_to",
    "widget_value",
]
