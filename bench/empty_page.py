"""The empty page: Streamlit's floor (a title, nothing else). For information only; no ratio is taken to it."""

import streamlit as st

st.title("Empty")
