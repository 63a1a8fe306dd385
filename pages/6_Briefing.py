"""Briefing: one 16:9 slide for the current filter (see issue 4)."""

import streamlit as st

from citemap import ui

ctx = ui.page("Briefing")
st.info("The briefing slide is being built.")
