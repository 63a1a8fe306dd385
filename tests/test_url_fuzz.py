"""Odd URLs: unknown keys, repeated keys, values that do not parse, very long values, ids that do not exist.

The page renders, says what it ignored, and never raises. A property-based
test (hypothesis) draws query parameters, each labelled good or bad when it is
drawn, runs the Overview through AppTest, and checks that there is no
exception and that every bad value is named in a notice; a plain table checks
`citemap.urlstate.decode` on the cases a person is likely to paste.
"""

from __future__ import annotations

import html
import os
import string
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from citemap.contract import EVENT_TYPES
from citemap.dataset import load
from citemap.filters import Filters
from citemap.index import DatasetIndex
from citemap.urlstate import (
    MAX_LIST_ITEMS,
    MAX_VALUE_LENGTH,
    URL_KEYS,
    Selection,
    decode,
    encode,
)

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
INDEX = DatasetIndex(load(ROOT / "data"))
ACTORS = sorted(INDEX.actors_by_id.index)
PLACES = sorted(INDEX.places_by_id.index)
EVENTS = sorted(INDEX.events.index)
SENTENCES = sorted(INDEX.sentences_by_id.index)
SOURCES = sorted(INDEX.sources_by_id.index)
KNOWN = {
    "actor": set(ACTORS),
    "place": set(PLACES),
    "type": set(EVENT_TYPES),
    "event": set(EVENTS),
    "sentence": set(SENTENCES),
    "view": {"overview", *PLACES},  # the Map page's view: a place (a view it offers, or not: the page says so)
    "source": set(SOURCES),
    # ACLED's fields: the bundled dataset has no ACLED imports, so every value of these keys is refused.
    "disorder": set(),
    "sub_type": set(),
    "admin1": set(),
    "inter": set(),
}
WHAT = {
    "actor": "actor",
    "place": "place",
    "type": "event type",
    "event": "event",
    "sentence": "sentence",
    "view": "view",
    "source": "source",
    "disorder": "disorder type",
    "sub_type": "sub-event type",
    "admin1": "admin1 region",
    "inter": "actor type",
}
# Streamlit keeps these two for itself (embedding): they never reach st.query_params.
RESERVED = {"embed", "embed_options"}

# ---------------------------------------------------------------- drawing labelled parameters


@dataclass
class Drawn:
    """One query parameter and the words a notice must hold for each bad part of it."""

    key: str
    value: str | list[str]
    must_say: list[str] = field(default_factory=list)


# Text as a person or a bot might paste or forge it: any character (control characters too), markup, other scripts.
text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
hostile_text = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "' OR 1=1 --",
        "../../etc/passwd",
        "%00",
        "𝟚𝟘𝟚𝟘",
        "ev-\u202eesrever",
        "ev-osh-rally\n",
        "\x00",
        "line\u2028break",
        "\x1b[31mred",
        "tab\there",
    ]
)
no_digits = st.text(st.characters(blacklist_categories=("Cs", "Nd", "No", "Nl")), min_size=1, max_size=30)
long_value = st.text(string.ascii_letters + " <>[]():/", min_size=MAX_VALUE_LENGTH + 1, max_size=MAX_VALUE_LENGTH + 300)


def has_control(text_: str) -> bool:
    """A character no sidebar widget can hold: a value with one is ignored whole. Not a tab: pasted into the
    search box it stays there, and so in the link the view writes."""
    return any((unicodedata.category(c) == "Cc" and c != "\t") or c in "\u2028\u2029" for c in text_)


def _first(text_: str) -> str:
    """The part of a value a notice is sure to quote (notices shorten long values), as it is shown:
    each character that prints as nothing written as repr writes it (\\n, \\x00, \\u202e)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text_)[:40]


@st.composite
def date_param(draw, key: str) -> Drawn:
    if draw(st.booleans()):
        day = draw(st.dates(min_value=date(2005, 10, 6), max_value=date(2020, 10, 6)))
        return Drawn(key, day.isoformat())
    bad = draw(
        st.one_of(
            no_digits,
            st.sampled_from(["2020-13-01", "2020-02-30", "05/10/2020", "2020-10-5", "10 October 2020"]),
            hostile_text,
        ).filter(lambda t: t.strip())
    )
    return Drawn(key, bad, [f"Ignored “{key}={_first(bad)}"])


def _id_items(draw, key: str) -> tuple[list[str], list[str]]:
    good = draw(st.lists(st.sampled_from(sorted(KNOWN[key])), max_size=3)) if KNOWN[key] else []
    bad = draw(
        st.lists(
            st.one_of(text, hostile_text).map(str.strip).filter(lambda t: t and "," not in t and t not in KNOWN[key]),
            max_size=2,
        )
    )
    return good, bad


@st.composite
def list_param(draw, key: str) -> Drawn:
    good, bad = _id_items(draw, key)
    items = draw(st.permutations(good + bad)) if good or bad else []
    return Drawn(key, ",".join(items), [f"Ignored {WHAT[key]} “{_first(item)}" for item in bad])


@st.composite
def selection_param(draw, key: str) -> Drawn:
    if draw(st.booleans()):
        return Drawn(key, draw(st.sampled_from(sorted(KNOWN[key]))))
    bad = draw(st.one_of(text, hostile_text).filter(lambda t: t.strip() and t not in KNOWN[key]))
    return Drawn(key, bad, [f"Ignored {WHAT[key]} “{_first(bad)}"])


@st.composite
def count_param(draw, key: str) -> Drawn:
    if draw(st.booleans()):
        return Drawn(key, str(draw(st.integers(min_value=1, max_value=10**6))))
    bad = draw(
        st.one_of(st.sampled_from(["0", "-1", "1.5", "two", "\u0662", " 2", "+3", "0x10"]), text, hostile_text).filter(
            lambda t: t.strip() and not (t.isascii() and t.isdigit() and int(t) >= 1)
        )
    )
    return Drawn(key, bad, [f"Ignored “{key}={_first(bad)}"])


@st.composite
def unoffered_param(draw, key: str) -> Drawn:
    """A filter the bundled data's sidebar does not offer (ACLED's fields): any value set is ignored, and named."""
    value = draw(list_param(key)).value
    return Drawn(key, value, [f"Ignored “{key}={_first(value)}"] if value else [])


search_param = st.sampled_from(
    ["", "Osh", "fire", "protest", "Atambayev", "590", "Osh\nevil", "fire\x00", "a\u2028b", "Osh\u00a0fire"]
).map(lambda q: Drawn("q", q))

KNOWN_KEY = {
    "from": lambda: date_param("from"),
    "to": lambda: date_param("to"),
    "actor": lambda: list_param("actor"),
    "type": lambda: list_param("type"),
    "place": lambda: list_param("place"),
    "q": lambda: search_param,
    "source": lambda: list_param("source"),
    "min_sources": lambda: count_param("min_sources"),
    "disorder": lambda: unoffered_param("disorder"),
    "sub_type": lambda: unoffered_param("sub_type"),
    "admin1": lambda: unoffered_param("admin1"),
    "inter": lambda: unoffered_param("inter"),
    "event": lambda: selection_param("event"),
    "sentence": lambda: selection_param("sentence"),
    "view": lambda: selection_param("view"),
}
assert set(KNOWN_KEY) == set(URL_KEYS), "a URL key without a strategy"


@st.composite
def known_param(draw) -> Drawn:
    key = draw(st.sampled_from(sorted(URL_KEYS)))
    kind = draw(st.sampled_from(["plain", "plain", "repeated", "long"]))
    if kind == "long":
        return Drawn(key, draw(long_value), [f"Ignored “{key}”: longer than {MAX_VALUE_LENGTH} characters"])
    last = draw(KNOWN_KEY[key]())
    if has_control(last.value if isinstance(last.value, str) else ""):
        last = Drawn(key, last.value, [f"Ignored “{key}={_first(last.value)}"])  # the whole value, not its items
    if kind == "plain":
        return last
    earlier = draw(
        st.lists(
            st.one_of(text, KNOWN_KEY[key]().map(lambda d: d.value if isinstance(d.value, str) else "")),
            min_size=1,
            max_size=2,
        )
    )
    return Drawn(key, [*earlier, last.value], [f"“{key}” was given {len(earlier) + 1} times", *last.must_say])


@st.composite
def unknown_param(draw) -> Drawn:
    key = draw(
        st.one_of(text, hostile_text, st.text(string.ascii_letters, min_size=200, max_size=600)).filter(
            lambda k: k not in URL_KEYS and k not in RESERVED and k.strip()
        )
    )
    value = draw(st.one_of(text, st.lists(text, min_size=2, max_size=3)))
    return Drawn(key, value, [f"Ignored unknown parameter “{_first(key)}"])


@st.composite
def query(draw) -> dict[str, Drawn]:
    params: dict[str, Drawn] = {}
    for drawn in draw(st.lists(st.one_of(known_param(), unknown_param()), max_size=6)):
        params[drawn.key] = drawn  # a key drawn twice: the later one stands
    return params


# ---------------------------------------------------------------- the property


def run_app(params: dict[str, str | list[str]]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.fixture(scope="module", autouse=True)
def bundled_data():
    """These tests read the bundled data: CITEMAP_DATA is cleared for them and restored after."""
    saved = os.environ.pop("CITEMAP_DATA", None)
    yield
    if saved is not None:
        os.environ["CITEMAP_DATA"] = saved


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
@given(query())
def test_any_query_renders_and_names_every_bad_value(drawn):
    params = {key: d.value for key, d in drawn.items()}
    at = run_app(params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Overview"
    # Notices are written escaped for Markdown (character references, a word joiner in addresses): read them as shown.
    said = " ".join(html.unescape(w.value).replace("\u2060", "") for w in at.warning)
    for d in drawn.values():
        for words in d.must_say:
            assert words in said, (words, said)
    if not any(d.must_say for d in drawn.values()):
        assert not [w for w in at.warning if "Ignored" in w.value or "given" in w.value], said
    # What the URL keeps is only what was understood: it reads back with nothing to say.
    kept = dict(at.query_params)
    assert set(kept) <= set(URL_KEYS)
    assert decode(kept, INDEX).notices == ()


@pytest.mark.parametrize(
    "params",
    [{"q": "no such words anywhere"}, {"q": "x" * MAX_VALUE_LENGTH}, {"from": "1990-01-01", "to": "1991-01-01"}],
)
def test_a_view_with_no_event_renders(params):
    at = run_app(params)
    assert not at.exception, [e.value for e in at.exception]
    assert "0 of 38 events" in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize(
    "params",
    [
        {"from": "0001-01-01"},
        {"to": "9999-12-31"},
        {"from": "0001-01-01", "to": "9999-12-31"},
        {"actor": ",".join(ACTORS * 3)},  # every actor, three times: longer than a value may be
        {"actor": ",".join(ACTORS[:3] * 17)},  # more than MAX_LIST_ITEMS items, within the length
        {"event": EVENTS[0], "sentence": SENTENCES[-1], "actor": ACTORS[0]},
    ],
)
def test_extreme_but_valid_values_render(params):
    at = run_app(params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Overview"


# ---------------------------------------------------------------- decode, case by case

A, B = "act-atambayev", "act-jeenbekov"
LONG = "y" * (MAX_VALUE_LENGTH + 1)


@pytest.mark.parametrize(
    "params, filters, selection, notices",
    [
        ({}, Filters(), Selection(), []),
        (
            {"utm_source": "chat", "fbclid": "abc"},
            Filters(),
            Selection(),
            ["unknown parameter “utm_source”", "unknown parameter “fbclid”"],
        ),
        (
            {"actor": [f"{A}", f"{B}"]},
            Filters(actors=(B,)),
            Selection(),
            ["“actor” was given 2 times; the last value was used"],
        ),
        (
            {"actor": [B, "act-nobody"]},
            Filters(),
            Selection(),
            ["given 2 times", "Ignored actor “act-nobody” in “actor”"],
        ),
        (
            {"actor": f" {A} , ,{A},{B} "},
            Filters(actors=(A, B)),
            Selection(),
            [],
        ),  # spaces, empty items and repeats are not errors
        (
            {"actor": ",".join([A] + ["x"] * MAX_LIST_ITEMS)},
            Filters(actors=(A,)),
            Selection(),
            [f"items after the first {MAX_LIST_ITEMS}", "Ignored actor “x”"],
        ),  # the same notice once, however often the id repeats
        ({"actor": "<script>alert(1)</script>"}, Filters(), Selection(), ["Ignored actor “<script>alert(1)</script>”"]),
        (
            {"type": "Riots,riots,Protests"},
            Filters(event_types=("Riots", "Protests")),
            Selection(),
            ["Ignored event type “riots”"],
        ),
        ({"from": "2020-10-05T00:00"}, Filters(), Selection(), ["Ignored “from=2020-10-05T00:00”: not a date"]),
        ({"from": "2020-02-30"}, Filters(), Selection(), ["not a date"]),
        ({"from": "", "to": "", "q": "  "}, Filters(), Selection(), []),  # empty values say nothing
        ({"q": LONG}, Filters(), Selection(), [f"Ignored “q”: longer than {MAX_VALUE_LENGTH} characters"]),
        ({"event": LONG}, Filters(), Selection(), ["longer than"]),
        ({"x" * 300: "1"}, Filters(), Selection(), ["Ignored unknown parameter “" + "x" * 59 + "…”"]),
        (
            {"event": "ev-osh-rally ", "sentence": "S001"},
            Filters(),
            Selection(),
            ["Ignored event “ev-osh-rally ”", "Ignored sentence “S001”"],
        ),
        (
            {"from": "2020-10-06", "to": "2020-10-05", "q": " fire "},
            Filters(date(2020, 10, 5), date(2020, 10, 6), search="fire"),
            Selection(),
            ["swapped"],
        ),
        (
            {"event": "ev-osh-rally", "sentence": "kg-2020-10-06-s001"},
            Filters(),
            Selection("ev-osh-rally", "kg-2020-10-06-s001"),
            [],
        ),
        ({"actor": []}, Filters(), Selection(), []),
    ],
)
def test_decode(params, filters, selection, notices):
    state = decode(params, INDEX)
    assert state.filters == filters
    assert state.selection == selection
    assert len(state.notices) == len(notices), state.notices
    for words, notice in zip(notices, state.notices):
        assert words in notice, (words, notice)
    # What decode kept writes back as a URL that decodes with nothing to say.
    assert decode(encode(state), INDEX).notices == ()
