"""URL state both ways: a view written to the URL reads back as the same view; bad values become notices."""

from datetime import date
from pathlib import Path

import pytest

from citemap.filters import Filters
from citemap.urlstate import MAX_VALUE_LENGTH, Selection, ViewState, decode, encode

ROOT = Path(__file__).resolve().parent.parent



@pytest.mark.parametrize(
    "state, params",
    [
        (ViewState(), {}),
        (ViewState(Filters(date(2020, 10, 5), date(2020, 10, 6))), {"from": "2020-10-05", "to": "2020-10-06"}),
        (ViewState(Filters(actors=("act-atambayev", "act-putin"))), {"actor": "act-atambayev,act-putin"}),
        (ViewState(Filters(event_types=("Explosions/Remote violence",), places=("pl-osh",), search="fire")), {"type": "Explosions/Remote violence", "place": "pl-osh", "q": "fire"}),
        (ViewState(selection=Selection("ev-osh-rally", "kg-2020-10-06-s029")), {"event": "ev-osh-rally", "sentence": "kg-2020-10-06-s029"}),
    ],
)
def test_encode_and_decode_are_inverse(index, state, params):
    assert encode(state) == params
    back = decode(params, index)
    assert (back.filters, back.selection, back.notices) == (state.filters, state.selection, ())


@pytest.mark.parametrize(
    "params, notice, kept",
    [
        ({"from": "yesterday"}, "Ignored “from=yesterday”: not a date", {}),
        ({"to": "2020-13-01"}, "Ignored “to=2020-13-01”: not a date", {}),
        ({"actor": "act-atambayev,act-nobody"}, "Ignored actor “act-nobody”", {"actor": "act-atambayev"}),
        ({"type": "Parades"}, "Ignored event type “Parades”", {}),
        ({"place": "pl-atlantis"}, "Ignored place “pl-atlantis”", {}),
        ({"event": "ev-nothing"}, "Ignored event “ev-nothing”", {}),
        ({"sentence": "s999"}, "Ignored sentence “s999”", {}),
        ({"zoom": "5"}, "Ignored unknown parameter “zoom”", {}),
        ({"q": "x" * (MAX_VALUE_LENGTH + 1)}, "longer than", {}),
        ({"from": ["2020-10-01", "2020-10-05"]}, "given 2 times; the last value was used", {"from": "2020-10-05"}),
        ({"from": "2020-10-06", "to": "2020-10-05"}, "swapped", {"from": "2020-10-05", "to": "2020-10-06"}),
    ],
)
def test_decode_ignores_what_does_not_parse_and_says_so(index, params, notice, kept):
    state = decode(params, index)
    assert any(notice in n for n in state.notices), state.notices
    assert encode(state) == kept


def test_a_repeated_bad_id_gives_one_notice(index):
    state = decode({"actor": ",".join(["act-nobody"] * 20)}, index)
    assert state.notices == ("Ignored actor “act-nobody” in “actor”: no such actor in this dataset.",)
