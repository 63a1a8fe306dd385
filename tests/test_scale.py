"""Scale: the fast CSV reader agrees with the careful one, big views aggregate and say so, tables page."""

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citemap import tables
from citemap.contract import TABLES

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- the Arrow fast path of read_csv_text

def _read_both(tmp_path: Path, name: str, content: bytes, monkeypatch):
    path = tmp_path / f"{name}.csv"
    path.write_bytes(content)
    table = TABLES[name]
    fast = tables.read_csv_text(path, table)
    with monkeypatch.context() as patch:
        patch.setattr(tables, "_read_plain_csv", lambda raw, text: None)
        careful = tables.read_csv_text(path, table)
    return fast, careful


def _same(fast, careful) -> None:
    (fast_frame, fast_problems), (careful_frame, careful_problems) = fast, careful
    assert fast_problems == careful_problems
    if careful_frame is None:
        assert fast_frame is None
        return
    pd.testing.assert_frame_equal(fast_frame, careful_frame, check_exact=True)
    assert fast_frame.index.dtype == careful_frame.index.dtype and fast_frame.index.name == careful_frame.index.name


CELL = st.lists(st.sampled_from(list('ab ,"\n\r\t;é\x1c\u00a0<:') + ["]("]), max_size=6).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(CELL, min_size=0, max_size=5), max_size=6),
    quote_all=st.booleans(),
    bom=st.booleans(),
    trailing=st.sampled_from(["", "\n", "\n\n"]),
)
def test_fast_reader_reads_what_the_csv_module_reads(tmp_path, monkeypatch, rows, quote_all, bom, trailing):
    """Random text, quoted or not, well-formed or not: both readers give the same frame and problems."""
    header = ["place_id", "name", "kind", "geo_precision"]

    def cell(value: str) -> str:
        if quote_all or any(c in value for c in ',"\n\r'):
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [",".join(header)] + [",".join(cell(v) for v in row) for row in rows]
    text = "\n".join(lines) + trailing
    _same(*_read_both(tmp_path, "places", ("\ufeff" if bom else "").encode() + text.encode("utf-8"), monkeypatch))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.text(alphabet=st.sampled_from(list('ab,"\n \r')), max_size=40))
def test_fast_reader_agrees_on_raw_text(tmp_path, monkeypatch, raw):
    """Quotes in any place, bare carriage returns, ragged rows: the fast path steps aside or agrees."""
    _same(*_read_both(tmp_path, "places", ("place_id,name,kind\n" + raw).encode("utf-8"), monkeypatch))


@pytest.mark.parametrize("name", ["sentences", "events", "places", "figures"])
def test_fast_reader_on_the_bundled_tables(tmp_path, monkeypatch, name):
    _same(*_read_both(tmp_path, name, (ROOT / "data" / f"{name}.csv").read_bytes(), monkeypatch))


def test_cited_ids_column_is_the_cited_set():
    """The column-wise list of cited sentences equals the row-by-row set, spaces and odd whitespace included."""
    from citemap.checks import _cited_ids, cited_sentence_ids

    cells = [" s1 ; s2;;", "\x1cs3\u00a0", "", "s4", "s1;s5 ", "\u2003 ; s6"]
    tables_ = {name: pd.DataFrame({"sentence_ids": pd.Series(cells, dtype="str")}) for name in ("places", "actors", "events", "event_actors")}
    tables_["figures"] = pd.DataFrame({"sentence_id": pd.Series(["s7", "s1"], dtype="str")})
    assert set(_cited_ids(tables_)) == cited_sentence_ids(tables_) == {"s1", "s2", "s3", "s4", "s5", "s6", "s7"}
