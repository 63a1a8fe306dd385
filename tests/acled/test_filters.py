"""The filters by ACLED's own fields (citemap.filters: DisorderTypes, SubEventTypes, Admin1, InterCodes): the rule,
the URL both ways with a bad value's notice, describe's words; offered only on a dataset with ACLED imports.

On the Nigeria sample (tests/acled/samples/nga_long_dates_crlf_bom.csv), whose three rows are:
NGA9101 Political violence, Attack, Lagos, inter 1 and 6; NGA9102 Demonstrations, Peaceful protest, Federal
Capital Territory, inter 6 alone; NGA9103 'Political violence; Demonstrations', Mob violence, Lagos, inter 5 and 7.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from citemap.acled.importer import import_acled
from citemap.dataset import load
from citemap.filters import FILTERS, Admin1, DisorderTypes, Filters, InterCodes, SubEventTypes, apply, describe
from citemap.index import DatasetIndex
from citemap.urlstate import ViewState, decode, encode

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "acled" / "samples" / "nga_long_dates_crlf_bom.csv"
ACLED_FILTERS = (DisorderTypes, SubEventTypes, Admin1, InterCodes)


@pytest.fixture(scope="module")
def nigeria(tmp_path_factory) -> DatasetIndex:
    output = tmp_path_factory.mktemp("acled-filters") / "nigeria"
    assert import_acled([SAMPLE], output, out=io.StringIO(), err=io.StringIO()) == 0
    return DatasetIndex(load(output))


def sample_rows() -> dict[str, dict[str, str]]:
    with SAMPLE.open(encoding="utf-8-sig", newline="") as f:
        return {row["event_id_cnty"]: row for row in csv.DictReader(f)}


def test_the_sample_is_what_this_file_says():
    rows = sample_rows()
    assert {k: (r["disorder_type"], r["sub_event_type"], r["admin1"]) for k, r in rows.items()} == {
        "NGA9101": ("Political violence", "Attack", "Lagos"),
        "NGA9102": ("Demonstrations", "Peaceful protest", "Federal Capital Territory"),
        "NGA9103": ("Political violence; Demonstrations", "Mob violence", "Lagos"),
    }


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(disorder_types=("Political violence",)), {"NGA9101", "NGA9103"}),
        (Filters(disorder_types=("Demonstrations",)), {"NGA9102", "NGA9103"}),  # either of two joined types
        (Filters(sub_event_types=("Attack", "Peaceful protest")), {"NGA9101", "NGA9102"}),
        (Filters(admin1=("Lagos",)), {"NGA9101", "NGA9103"}),
        (Filters(admin1=("Federal Capital Territory",)), {"NGA9102"}),
        (Filters(inter_codes=("6",)), {"NGA9101", "NGA9102"}),  # actor1 or actor2
        (Filters(inter_codes=("7",)), {"NGA9103"}),
        (Filters(inter_codes=("1", "5")), {"NGA9101", "NGA9103"}),
        (Filters(admin1=("Lagos",), disorder_types=("Demonstrations",)), {"NGA9103"}),  # AND across filters
        (Filters(admin1=("Lagos",), sub_event_types=("Peaceful protest",)), set()),
    ],
)
def test_acled_filters_keep_the_events_acled_coded_so(nigeria, filters, expected):
    assert set(apply(nigeria, filters).index) == expected


def test_options_are_the_values_the_dataset_has(nigeria):
    assert DisorderTypes().options(nigeria) == ["Demonstrations", "Political violence"]
    assert SubEventTypes().options(nigeria) == ["Attack", "Mob violence", "Peaceful protest"]
    assert Admin1().options(nigeria) == ["Federal Capital Territory", "Lagos"]
    assert InterCodes().options(nigeria) == ["1", "5", "6", "7"]
    assert [InterCodes().label(nigeria)(code) for code in ("1", "7")] == ["State forces (1)", "Civilians (7)"]


@pytest.mark.parametrize(
    "filters, params",
    [
        (Filters(disorder_types=("Demonstrations",)), {"disorder": "Demonstrations"}),
        (Filters(sub_event_types=("Mob violence", "Attack")), {"sub_type": "Mob violence,Attack"}),
        (Filters(admin1=("Federal Capital Territory",)), {"admin1": "Federal Capital Territory"}),
        (Filters(inter_codes=("6", "1")), {"inter": "6,1"}),
    ],
)
def test_url_both_ways(nigeria, filters, params):
    assert encode(ViewState(filters)) == params
    back = decode(params, nigeria)
    assert (back.filters, back.notices) == (filters, ())


@pytest.mark.parametrize(
    "params, notice, kept",
    [
        (
            {"disorder": "Demonstrations,Riots"},
            "Ignored disorder type “Riots” in “disorder”: no such disorder type in this dataset.",
            {"disorder": "Demonstrations"},
        ),
        (
            {"sub_type": "Abduction/forced disappearance"},
            "Ignored sub-event type “Abduction/forced disappearance” in “sub_type”: no such sub-event type in this dataset.",
            {},
        ),
        (
            {"admin1": "Kano,Lagos"},
            "Ignored admin1 region “Kano” in “admin1”: no such admin1 region in this dataset.",
            {"admin1": "Lagos"},
        ),
        (
            {"inter": "2,7"},
            "Ignored actor type “2” in “inter”: no such actor type in this dataset.",
            {"inter": "7"},
        ),
        ({"inter": "x"}, "Ignored actor type “x” in “inter”: no such actor type in this dataset.", {}),
    ],
)
def test_url_values_that_do_not_parse_are_named(nigeria, params, notice, kept):
    state = decode(params, nigeria)
    assert state.notices == (notice,)
    assert encode(state) == kept


def test_describe_words(nigeria):
    n = len(nigeria.events)
    said = describe(nigeria, Filters(disorder_types=("Demonstrations",)), 2)
    assert said == f"2 of {n} events, of disorder type Demonstrations"
    said = describe(nigeria, Filters(sub_event_types=("Attack",), admin1=("Lagos", "Federal Capital Territory")), 1)
    assert said == f"1 of {n} events, of sub-event type Attack, in region Lagos or Federal Capital Territory"
    said = describe(nigeria, Filters(inter_codes=("1", "6")), 2)
    assert said == f"2 of {n} events, with actor type State forces or Protesters"


def test_offered_only_with_acled_imports(nigeria):
    bundled = DatasetIndex(load())
    assert bundled.dataset.acled_events.empty
    for kind in ACLED_FILTERS:
        f = next(f for f in FILTERS if isinstance(f, kind))
        assert f.offered(nigeria) and not f.offered(bundled)
        assert f.options(bundled) == []
        # A link made on an ACLED dataset, opened on the bundled one: the value is named and ignored, and why.
        key = next(iter(f.url_keys))
        assert decode({key: "Lagos"}, bundled).notices == (
            f"Ignored “{key}=Lagos”: this dataset holds no events imported from ACLED.",
        )
