"""The sidebar: page links and the filter widgets, the same on every page."""

from __future__ import annotations

import streamlit as st

from ..filters import FILTERS
from ..index import DatasetIndex
from ..words import plural
from .state import current_filters, on_filter_change, reset, seed_widgets
from .widgets import draw_filter

PAGES = (
    ("app.py", "Overview"),
    ("pages/1_Map.py", "Map"),
    ("pages/2_Timeline.py", "Timeline"),
    ("pages/3_Actors.py", "Actors"),
    ("pages/4_Source.py", "Source"),
    ("pages/7_Disagreements.py", "Where sources disagree"),
    ("pages/5_Data.py", "Data"),
    ("pages/6_Briefing.py", "Briefing"),
    ("pages/8_Add_source.py", "Add source"),
    ("pages/9_Curate.py", "Curate"),
)


def draw_sidebar(index: DatasetIndex) -> None:
    filters = current_filters()
    seed_widgets(filters, index)
    with st.sidebar:
        st.markdown("### Citemap")
        for path, label in PAGES:
            st.page_link(path, label=label)
        st.divider()
        st.markdown("**Filters**")
        for f in FILTERS:  # the registry's order (citemap/filters.py)
            if f.offered(index):
                draw_filter(f, index, filters, on_filter_change)
        st.button("Reset filters", key="reset", on_click=reset, width="stretch")
        st.divider()
        st.caption(
            f"Data as of {index.dataset.as_of} · {plural(len(index.events), 'event')} from {plural(len(index.dataset.sources), 'source')}."
        )
        st.html(COMMIT_TYPED_DATES, unsafe_allow_javascript=True)


# Streamlit's date field sends a typed date only when the field loses focus: Enter did nothing, and a click on a
# page link while typing re-drew the sidebar under the pointer (the link was never followed, the date was lost).
# This script, our own and installed once per browser tab, makes Enter send the date (as Escape does there);
# a page link pressed while a date is being typed sends the date first, waits for that run to finish, then follows
# the link, so the new page opens with the date applied.
COMMIT_TYPED_DATES = """<script>
(() => {
  if (window.__cmCommitDates) return;
  window.__cmCommitDates = true;
  const typing = () => {
    const active = document.activeElement;
    return active && active.closest && active.closest('[data-testid=stDateInput]') ? active : null;
  };
  const settled = () => {
    const app = document.querySelector('[data-testid=stApp]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning';
  };
  document.addEventListener('keydown', (event) => {
    const field = typing();
    if (!field || event.key !== 'Enter') return;
    // The field sends what was typed on Escape (and on a click outside it), not on Enter or on a blur by script.
    event.preventDefault();
    event.stopPropagation();
    field.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', code: 'Escape', bubbles: true, cancelable: true}));
  }, true);
  let pending = false;
  document.addEventListener('pointerdown', (event) => {
    const link = event.target.closest && event.target.closest('a[data-testid=stPageLink-NavLink]');
    const field = typing();
    if (!link || !field) return;
    event.preventDefault();
    event.stopPropagation();
    const href = link.getAttribute('href');
    pending = true;
    field.blur();
    const started = performance.now();
    let seenRunning = false;
    const follow = () => {
      if (!settled()) seenRunning = true;
      const waited = performance.now() - started;
      if ((settled() && (seenRunning || waited > 400)) || waited > 4000) {
        const again = document.querySelector('a[data-testid=stPageLink-NavLink][href="' + CSS.escape(href) + '"]');
        pending = false;
        if (again) again.click();
        return;
      }
      setTimeout(follow, 50);
    };
    setTimeout(follow, 50);
  }, true);
  // The click that follows the pointerdown above would land on a link being re-drawn: it is dropped.
  document.addEventListener('click', (event) => {
    if (event.isTrusted && pending && event.target.closest && event.target.closest('a[data-testid=stPageLink-NavLink]')) {
      event.preventDefault(); event.stopPropagation();
    }
  }, true);
})();
</script>"""
