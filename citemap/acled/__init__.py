"""ACLED in and out: read ACLED exports of any era into the contract, and write a dataset back as ACLED's columns.

Modules, each small and free of Streamlit:

- formats:   bytes -> decoded text -> records with line numbers; headers of every era; dates; inter codes; legacy types
- crowd:     the crowd size a tag or an older note gives, read by the codebook's rules
- mapping:   records -> contract rows (events, sources and their sentences, actors, places, figures, acled_events)
- report:    every row accounted for: the summary and import-report.csv
- importer:  `python -m citemap import-acled`: read, map, (merge), write aside, validate, rename into place
- match:     when an ACLED event and a curated event are the same happening (a small, swappable matcher)
- merge:     an import added to an existing dataset
- export:    `python -m citemap export-acled`: any dataset as ACLED's columns
"""
