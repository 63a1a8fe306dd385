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
        (
            ViewState(Filters(event_types=("Explosions/Remote violence",), places=("pl-osh",), search="fire")),
            {"type": "Explosions/Remote violence", "place": "pl-osh", "q": "fire"},
        ),
        (
            ViewState(selection=Selection("ev-osh-rally", "kg-2020-10-06-s029")),
            {"event": "ev-osh-rally", "sentence": "kg-2020-10-06-s029"},
        ),
        (ViewState(map_view="pl-bishkek"), {"view": "pl-bishkek"}),
        (ViewState(map_view="overview"), {"view": "overview"}),
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
        # Only YYYY-MM-DD in ASCII digits, though date.fromisoformat takes more.
        ({"from": "2020-W41-1"}, "Ignored “from=2020-W41-1”: not a date in the form YYYY-MM-DD", {}),
        ({"to": "20201006"}, "Ignored “to=20201006”: not a date in the form YYYY-MM-DD", {}),
        ({"from": "2020-10-06T12"}, "Ignored “from=2020-10-06T12”: not a date", {}),
        ({"from": "\uff12\uff10\uff12\uff10-10-06"}, "Ignored “from=\uff12\uff10\uff12\uff10-10-06”: not a date", {}),
        # A control character is in no value the sidebar can make: the value is ignored whole, and shown written out.
        ({"q": "Osh\nevil"}, "Ignored “q=Osh\\nevil”: it holds a control character", {}),
        ({"q": "Osh\r"}, "Ignored “q=Osh\\r”: it holds a control character", {}),
        ({"q": "fire\x00"}, "Ignored “q=fire\\x00”: it holds a control character", {}),
        ({"q": "a\u2028b"}, "Ignored “q=a\\u2028b”: it holds a control character", {}),
        ({"q": "\x85"}, "Ignored “q=\\x85”: it holds a control character", {}),
        ({"from": "2020-10-06\n"}, "Ignored “from=2020-10-06\\n”: it holds a control character", {}),
        (
            {"actor": "act-atambayev,act-putin\x7f"},
            "Ignored “actor=act-atambayev,act-putin\\x7f”: it holds a control character",
            {},
        ),
        ({"event": "ev-osh-rally\n"}, "Ignored “event=ev-osh-rally\\n”: it holds a control character", {}),
        ({"\x00": "1"}, "Ignored unknown parameter “\\x00”", {}),
        ({"zoom\x1b[31m": "5"}, "Ignored unknown parameter “zoom\\x1b[31m”", {}),
        ({"actor": "act-\u202enobody"}, "Ignored actor “act-\\u202enobody”", {}),
        ({"\x00" * 100: "1"}, "Ignored unknown parameter “" + "\\x00" * 14 + "\\x0…”", {}),  # shortened, as shown
    ],
)
def test_decode_ignores_what_does_not_parse_and_says_so(index, params, notice, kept):
    state = decode(params, index)
    assert any(notice in n for n in state.notices), state.notices
    assert all(n.isprintable() for n in state.notices), state.notices  # nothing the reader cannot see
    assert encode(state) == kept


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Osh\u00a0fire"},  # a no-break space can be pasted into the search box
        {"q": "tab\tbed"},  # and so can a tab
        {"q": '\u0424\u0440\u0443\u043d\u0437\u0435 "fire"'},
        {"from": "2020-10-05", "to": "2020-10-06"},
    ],
)
def test_decode_keeps_what_a_user_can_make(index, params):
    state = decode(params, index)
    assert state.notices == ()
    assert encode(state) == params


def test_a_repeated_bad_id_gives_one_notice(index):
    state = decode({"actor": ",".join(["act-nobody"] * 20)}, index)
    assert state.notices == ("Ignored actor “act-nobody” in “actor”: no such actor in this dataset.",)


def test_the_readme_names_every_url_key():
    from citemap.urlstate import URL_KEYS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    keys = readme[readme.index("**Shareable links**") : readme.index("## Your own data")]
    assert [key for key in URL_KEYS if f"`{key}`" not in keys] == []


@pytest.mark.parametrize("value", ["pl-nowhere", "<b>x</b>"])
def test_a_map_view_of_no_place_is_ignored_with_a_notice(index, value):
    state = decode({"view": value}, index)
    assert state.map_view == ""
    assert state.notices == (f"Ignored view “{value}”: no such place in this dataset.",)
