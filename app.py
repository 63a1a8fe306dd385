import streamlit as st

st.set_page_config(page_title="Citemap", layout="wide")
st.title("Citemap")
st.write("The dashboard is being built; `python -m citemap validate` checks the bundled dataset.")
