"""The proposers' rules for events and actor-event links, on the article's own sentences.

Each case re-reads real sentences against an empty dataset whose gazetteers hold the curated places and actors
(as bench/curation.py does), so names are recognised but nothing is already coded.
"""

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from citemap.curation.propose import propose

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "t-src"


@pytest.fixture(scope="module")
def empty(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location("bench_curation", ROOT / "bench" / "curation.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    target = tmp_path_factory.mktemp("empty") / "data"
    bench.empty_dataset(ROOT / "data", target)
    return target


def _events(sentences: list[str], published: str, data: Path):
    found = propose("\n\n".join(sentences), SOURCE, date.fromisoformat(published), data)
    return [p for p in found.proposals if p.kind == "events"], found.proposals


def _ordinals(proposal) -> list[int]:
    return sorted(int(sid.rsplit("-s", 1)[1]) for sid in proposal.sentence_ids)


STORM = (
    "People try to storm the gate into the government headquarters during a rally against the results of a "
    "parliamentary vote in Bishkek, Kyrgyzstan, October 5, 2020."
)
PROTEST_CAPTION = "People protest against the results of a parliamentary vote in Bishkek on {day}, 2020."
EVENTS = [
    # A rally and the violence at it are one event, the riot: same day, same town (docs/CODEBOOK.md section 2).
    ([STORM, PROTEST_CAPTION.format(day="October 5")], [("Violent demonstration", [1, 2])]),
    # ... not on another day,
    (
        [STORM, PROTEST_CAPTION.format(day="October 6")],
        [("Violent demonstration", [1]), ("Peaceful protest", [2])],
    ),
    # ... nor when the protest is only placed in the country.
    (
        [
            STORM,
            "Public rallies started in several cities across Kyrgyzstan on Monday night as thousands of people "
            "protested the results of a parliamentary election.",
        ],
        [("Violent demonstration", [1]), ("Peaceful protest", [2])],
    ),
    # Two buildings of one town on one day: one event at town level, as ACLED.
    (
        [
            "Early on Tuesday, around 2,000 protesters broke into the government and security headquarters.",
            "Burnt out cars littered Bishkek, the capital, on Tuesday morning after protesters took control of the "
            "main government building, known as the White House.",
        ],
        [("Violent demonstration", [1, 2])],
    ),
    # ... not on two days.
    (
        [
            "Early on Monday, around 2,000 protesters broke into the government and security headquarters.",
            "Burnt out cars littered Bishkek, the capital, on Tuesday morning after protesters took control of the "
            "main government building, known as the White House.",
        ],
        [("Violent demonstration", [1]), ("Violent demonstration", [2])],
    ),
    # "the clashes", with no date or place, goes on telling the previous sentence's event once that rally is
    # folded into the riot it became.
    (
        [
            "Opposition supporters hit the streets of the capital Bishkek Monday evening to demand the "
            "resignation of pro-Russian Jeenbekov.",
            "One person has been killed and 590 wounded in the clashes, the government said.",
            STORM,
        ],
        [("Violent demonstration", [1, 2, 3])],
    ),
    # "... sentenced ... this year ... after falling out with Jeenbekov": the falling-out is not dated "this
    # year"; undated, it joins the report that dates it (2017).
    (
        [
            "Atambayev, who was sentenced to a lengthy prison term this year on corruption charges after falling "
            "out with Jeenbekov, his successor, was freed.",
            "Atambayev was once close with his successor Jeenbekov, but the pair fell out shortly after the "
            "61-year-old won the country’s last presidential election in 2017.",
        ],
        [
            ("Sentencing", [1]),
            ("Change to group/activity", [1, 2]),
            ("Release from detention", [1]),
            ("Election", [2]),
        ],
    ),
]


@pytest.mark.parametrize("sentences, expected", EVENTS)
def test_reports_of_one_happening_are_one_event(empty, sentences, expected):
    events, _ = _events(sentences, "2020-10-06", empty)
    got = sorted((e.row["sub_event_type"], _ordinals(e)) for e in events)
    assert got == sorted(expected)


def test_a_falling_out_after_which_something_happened_this_year_is_dated_by_its_own_report(empty):
    events, _ = _events([s for s in EVENTS[-1][0]], "2020-10-06", empty)
    falling_out = next(e for e in events if e.row["sub_event_type"] == "Change to group/activity")
    assert (falling_out.row["event_date"], falling_out.row["date_text"]) == ("2017-01-01", "in 2017")
    sentenced = next(e for e in events if e.row["sub_event_type"] == "Sentencing")
    assert sentenced.row["date_text"] == "this year"


LINKS = [
    # who reports it ("NAME, an activist ... said") is its source; "was freed": the one freed
    (
        "Adil Turdukuov, an activist and ally of Atambayev who witnessed the release said the ex-leader was "
        "freed “without force or use of any weapons” and that national security officials had not attempted "
        "to halt protesters.",
        "Release from detention",
        {("act-turdukuov", "source"), ("act-atambayev", "associated")},
    ),
    # "getting released by protestors": the one released, and who did it; "from the local KGB prison" says no role
    (
        "Former President of #Kyrgyzstan Almazbek Atambayev getting released by protestors from the local KGB "
        "prison after protestors reject election results. – #Bishkek",
        "Release from detention",
        {("act-atambayev", "associated"), ("act-protesters", "actor1")},
    ),
    # "left jail": who left it was released
    (
        "Footage posted on social media showed Atambayev, 64, greeting supporters after he left jail.",
        "Release from detention",
        {("act-atambayev", "associated")},
    ),
    # the subject acts; the one named right after "freed" is freed; the building's owner in between: no role
    (
        "Protesters then broke into the headquarters of State Committee on National Security and freed former "
        "president Almazbek Atambayev, who was sentenced to a lengthy prison term this year on corruption charges "
        "after falling out with Jeenbekov, his successor.",
        "Release from detention",
        {("act-protesters", "actor1"), ("act-atambayev", "associated")},
    ),
    # "X, who was sentenced": X is the target
    (
        "Protesters then broke into the headquarters of State Committee on National Security and freed former "
        "president Almazbek Atambayev, who was sentenced to a lengthy prison term this year on corruption charges "
        "after falling out with Jeenbekov, his successor.",
        "Sentencing",
        {("act-atambayev", "target")},
    ),
    # "X, who ... after falling out with Y": X actor1, "with Y" actor2
    (
        "Protesters then broke into the headquarters of State Committee on National Security and freed former "
        "president Almazbek Atambayev, who was sentenced to a lengthy prison term this year on corruption charges "
        "after falling out with Jeenbekov, his successor.",
        "Change to group/activity",
        {("act-atambayev", "actor1"), ("act-jeenbekov", "actor2")},
    ),
    # a statement's speaker is the clause's subject; the ex-president named on the way is not its actor1
    (
        "Opposition supporters in Kyrgyzstan have seized several government buildings in the country’s capital, "
        "freed the ex-president from jail and announced plans to oust the president and form a new government.",
        "Statement",
        {("act-opposition", "speaker")},
    ),
    (
        "Opposition supporters in Kyrgyzstan have seized several government buildings in the country’s capital, "
        "freed the ex-president from jail and announced plans to oust the president and form a new government.",
        "Release from detention",
        {("act-opposition", "actor1"), ("act-atambayev", "associated")},
    ),
    # a trigger used as a noun ("as public rallies started"): the authorities before it did something else;
    # Jeenbekov, who says so, reports it
    (
        "Jeenbekov said the authorities did not rule out holding another vote as public rallies started in "
        "several cities across the country.",
        "Peaceful protest",
        {("act-jeenbekov", "source")},
    ),
    # "protesters attempting to force their way": they are its doers, not the police of the main clause
    (
        "Police used water cannon, stun grenades and tear gas to disperse protesters attempting to force their "
        "way through the gates of the building.",
        "Violent demonstration",
        {("act-protesters", "actor1")},
    ),
    # "towards riot police": the other side
    (
        "Protesters clashed with stones towards riot police in Bishkek on October 5, 2020.",
        "Violent demonstration",
        {("act-protesters", "actor1"), ("act-police", "actor2")},
    ),
    # Wikipedia's sentences: a headline's "X freed from jail" is passive; an opening "Following ...," phrase
    # and a ", and" that starts a new subject are not where the subject is; the appointee is the actor1
    (
        "Resulted in: President Sooronbay Jeenbekov resigns; Former President Almazbek Atambayev freed from jail.",
        "Release from detention",
        {("act-atambayev", "associated")},
    ),
    (
        "Following the resignation of Prime Minister Boronov, former lawmaker Japarov was appointed to replace him.",
        "Appointment",
        {("act-japarov", "actor1")},
    ),
    (
        "In the meantime, opposition groups claimed to be in power after seizing government buildings in the "
        "capital, and several provincial governors reportedly resigned.",
        "Resignation",
        {("act-provincial-governors", "actor1")},
    ),
    # "Atambayev’s arrest": the one arrested
    (
        "Russian leader Vladimir Putin tried to broker a peace between the pair last year but could not prevent "
        "Atambayev’s arrest.",
        "Arrests",
        {("act-atambayev", "target")},
    ),
    # a statement is about whom it names, unless that one says something itself (then it speaks)
    (
        "Jeenbekov said on Tuesday he had ordered security forces not to use firearms and “not to shed blood”.",
        "Statement",
        {("act-jeenbekov", "speaker"), ("act-police", "associated")},
    ),
    (
        "Protesters demanded that the vote results be cancelled and the Central Election Commission said on "
        "Tuesday it would consider their request, local news website 24.kg reported.",
        "Statement",
        {("act-protesters", "speaker"), ("act-24kg", "source")},
    ),
]


@pytest.mark.parametrize("sentence, sub_event_type, expected", LINKS)
def test_an_actor_is_linked_only_in_a_role_the_words_state(empty, sentence, sub_event_type, expected):
    events, proposals = _events([sentence], "2020-10-06", empty)
    event = next(e for e in events if e.row["sub_event_type"] == sub_event_type)
    links = {
        (p.row["actor_id"], p.row["role"])
        for p in proposals
        if p.kind == "event_actors" and p.row["event_id"] == event.row["event_id"]
    }
    assert links == expected
