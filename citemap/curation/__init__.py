"""Curation: add a source, propose rows tied to their trigger words, review them, save without losing anything.

add-source (intake, add_source) -> proposals (dates, numbers, matching, gazetteer, propose)
-> review (review) -> a validated, atomic new version of the dataset with a change log (store).

Plain Python: nothing here imports Streamlit (the pages 7_Add_source and 8_Curate do).
"""
