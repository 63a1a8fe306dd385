"""The data contract: every table, every column, its type, its rules, its meaning.

This module is the single place where the contract is written down.
`citemap.dataset` validates against it, `citemap.datapackage` writes
`datapackage.json` from it, and a test fails when the two drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LIST_SEPARATOR = ";"

# Columns whose few values repeat over many rows (kinds, types, roles, references to the small tables): a loaded
# dataset holds them as categories, one small integer a row (at a million events, some 200 MB less). Every value
# reads back exactly as written.
REPEATING: dict[str, tuple[str, ...]] = {
    "sentences": ("source_id", "kind", "uncited_reason"),
    "events": ("time_of_day", "event_type", "sub_event_type", "place_id"),
    "event_actors": ("actor_id", "role"),
    "figures": ("actor_id", "place_id", "metric", "qualifier", "unit", "reported_by"),
}

# ACLED's event taxonomy (ACLED Codebook, 2023), and the sub-types Citemap adds
# for what ACLED does not code as events but news reporting is full of.
ACLED_SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
CITEMAP_SUB_EVENT_TYPES: dict[str, dict[str, str]] = {
    "Strategic developments": {
        "Election": "A vote is held or its result is declared.",
        "Sentencing": "A court sentences a person.",
        "Release from detention": "A detained person is freed, lawfully or not.",
        "Seizure of buildings": "A group takes control of public buildings without reported violence.",
        "Appointment": "A person takes or is given an office, including self-proclaimed offices.",
        "Resignation": "A person leaves an office.",
        "Statement": "An actor makes a public statement, demand or announcement.",
        "Mediation attempt": "A third party tries to broker an agreement.",
        "Regime change": "A head of state or government is removed, as the source reports it.",
    }
}
SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    event_type: subs + tuple(CITEMAP_SUB_EVENT_TYPES.get(event_type, {}))
    for event_type, subs in ACLED_SUB_EVENT_TYPES.items()
}
EVENT_TYPES = tuple(SUB_EVENT_TYPES)

TIME_PRECISION = {1: "exact day", 2: "within a week", 3: "within a month", 4: "within a year"}
GEO_PRECISION = {
    1: "the site or town is known",
    2: "near the site or town, or part of a region",
    3: "only the larger area",
}

# Parts of a day as a source words them, with the hours they may span
# (start, end; an end past 24 runs into the next day).
TIME_OF_DAY_HOURS: dict[str, tuple[int, int]] = {
    "early_morning": (0, 9),
    "morning": (6, 12),
    "afternoon": (12, 18),
    "evening": (17, 23),
    "night": (19, 30),
}

SENTENCE_KINDS = ("body", "heading", "caption", "embed")
ACTOR_KINDS = ("person", "organization", "group", "media")
ROLES = ("actor1", "actor2", "associated", "target", "speaker", "source")
# The roles as a reader says them.
ROLE_WORDS = {
    "actor1": "main actor",
    "actor2": "counterpart",
    "associated": "associated",
    "target": "target",
    "speaker": "speaker",
    "source": "reported it",
}
PLACE_KINDS = ("country", "region", "city", "site")
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
PUBLISHED_BASIS = ("stated", "inferred", "unknown")
# What a source is, as an analyst weighs it.
SOURCE_KINDS = ("news_article", "encyclopedia", "agency_report", "government_statement", "dataset_notes")
SOURCE_KIND_WORDS = {
    "news_article": "news article",
    "encyclopedia": "encyclopedia",
    "agency_report": "agency report",
    "government_statement": "government statement",
    "dataset_notes": "dataset notes",
}

# How far a place may lie from its parent before it is implausible, by kind.
MAX_PARENT_DISTANCE_KM = {"country": 3000.0, "region": 600.0, "city": 900.0, "site": 30.0}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string, integer, number, date, list
    description: str
    required: bool = False
    enum: tuple | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    target: str = ""  # the target table's key column; defaults to the primary key


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)
    # An optional table may be left out of a dataset: a missing file reads as a table with no rows.
    optional: bool = False

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
METRIC_PATTERN = r"^[a-z][a-z0-9_]*$"


def _id(name: str, what: str) -> Field:
    return Field(name, "string", f"Stable identifier of the {what}; never a row number.", True, pattern=ID_PATTERN)


def _sentence_ids(what: str) -> Field:
    return Field(
        "sentence_ids",
        "list",
        f"Ids of the sentences that state this {what}, separated by ';'. At least one.",
        True,
    )


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "sources",
            "The documents the dataset is curated from. Their text lies verbatim in sources/<file>.",
            (
                _id("source_id", "source document"),
                Field(
                    "label",
                    "string",
                    'Short name shown beside every quote from it ("News article, 6 Oct 2020", "Wikipedia").',
                    True,
                ),
                Field(
                    "kind",
                    "string",
                    "What the source is: news_article, encyclopedia, agency_report, government_statement or dataset_notes.",
                    True,
                    enum=SOURCE_KINDS,
                ),
                Field("title", "string", "Headline as published; empty when the text does not carry it."),
                Field("publisher", "string", "Outlet that published it; empty when unknown (never guessed)."),
                Field("author", "string", "Who wrote it, as credited; empty when unknown (never guessed)."),
                Field(
                    "published",
                    "date",
                    "Publication date, or revision date for a wiki, ISO YYYY-MM-DD; empty when unknown.",
                ),
                Field(
                    "published_basis",
                    "string",
                    "How the publication date is known: stated in the document, inferred from it, or unknown.",
                    True,
                    enum=PUBLISHED_BASIS,
                ),
                Field(
                    "url", "string", "Web address (http or https only); empty when unknown.", pattern=r"^https?://\S+$"
                ),
                Field(
                    "file",
                    "string",
                    "File name of the verbatim text inside the sources/ folder (UTF-8).",
                    True,
                    pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$",
                ),
                Field(
                    "language",
                    "string",
                    "Language of the text, as a BCP 47 tag (en, ru, ky).",
                    True,
                    pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$",
                ),
                Field("licence", "string", 'Licence of the text ("CC BY-SA 4.0"); empty when unknown.'),
                Field(
                    "attribution",
                    "string",
                    "The credit line shown wherever the source's words are shown or exported.",
                    True,
                ),
                Field("notes", "string", "Anything a reader must know about the source, above all what is not known."),
            ),
            ("source_id",),
        ),
        Table(
            "sentences",
            "Every sentence of every source, with its exact character offsets; produced by `python -m citemap segment`.",
            (
                _id("sentence_id", "sentence: <source_id>-sNNN, numbered in reading order"),
                Field("source_id", "string", "The source the sentence belongs to.", True),
                Field("paragraph", "integer", "Paragraph number in the source, from 1.", True, minimum=1),
                Field(
                    "start",
                    "integer",
                    "Offset of the first character in the source text (Python str index).",
                    True,
                    minimum=0,
                ),
                Field(
                    "end",
                    "integer",
                    "Offset one past the last character; text == source_text[start:end].",
                    True,
                    minimum=1,
                ),
                Field(
                    "kind",
                    "string",
                    "What the passage is: body text, a heading, a photo caption or an embedded post.",
                    True,
                    enum=SENTENCE_KINDS,
                ),
                Field("text", "string", "The sentence, verbatim.", True),
                Field(
                    "uncited_reason",
                    "string",
                    "Why no row cites this sentence (heading, repeated lede, photo credit...); empty when it is cited.",
                ),
            ),
            ("sentence_id",),
            (ForeignKey("source_id", "sources"),),
        ),
        Table(
            "places",
            "Where events happened, at the precision the sources support.",
            (
                _id("place_id", "place"),
                Field("name", "string", "Name as commonly written in English.", True),
                Field("aliases", "list", "Other names the sources use, separated by ';'."),
                Field(
                    "kind", "string", "country, region, city or site (a building or square).", True, enum=PLACE_KINDS
                ),
                Field(
                    "latitude", "number", "WGS84 latitude in degrees; empty until geocoded.", minimum=-90, maximum=90
                ),
                Field(
                    "longitude",
                    "number",
                    "WGS84 longitude in degrees; empty until geocoded.",
                    minimum=-180,
                    maximum=180,
                ),
                Field(
                    "geo_precision",
                    "integer",
                    "ACLED geo precision: 1 the site or town itself, 2 near it or part of a region, 3 only the larger area is known.",
                    True,
                    enum=tuple(GEO_PRECISION),
                ),
                Field(
                    "uncertainty_km",
                    "number",
                    "Radius within which the true location lies; shown as a ring on the map.",
                    minimum=0,
                ),
                Field(
                    "parent_place_id", "string", "The place that contains this one (a site's city, a city's country)."
                ),
                Field("coordinate_source", "string", "Where the coordinates come from, or why none are known.", True),
                _sentence_ids("place"),
            ),
            ("place_id",),
            (ForeignKey("parent_place_id", "places"),),
        ),
        Table(
            "actors",
            "People, organizations, groups and media that the sources name.",
            (
                _id("actor_id", "actor"),
                Field("name", "string", "Full name as the source gives it.", True),
                Field("aliases", "list", "Other names the source uses for the same actor, separated by ';'."),
                Field("kind", "string", "person, organization, group or media.", True, enum=ACTOR_KINDS),
                Field("title", "string", "Role or office as the source states it."),
                Field("affiliation", "string", "Side, party or institution the source ties the actor to."),
                Field("description", "string", "What the source says about the actor, in brief."),
                _sentence_ids("actor"),
            ),
            ("actor_id",),
        ),
        Table(
            "events",
            "What happened, when and where, one row per event, coded in ACLED's taxonomy (extended where ACLED has no code).",
            (
                _id("event_id", "event"),
                Field("event_date", "date", "First day the event may have happened, ISO YYYY-MM-DD.", True),
                Field(
                    "date_end",
                    "date",
                    "Last day it may have happened when the source gives a span; empty for a single day.",
                ),
                Field(
                    "time_precision",
                    "integer",
                    "ACLED time precision: 1 the actual day, 2 within a week, 3 within a month; Citemap adds 4 for a year.",
                    True,
                    enum=tuple(TIME_PRECISION),
                ),
                Field(
                    "date_text",
                    "string",
                    'The source\'s own words for the date ("Monday evening", "last year"); must appear verbatim in one of the row\'s sentences. Reasoning goes to notes.',
                ),
                Field(
                    "time_of_day",
                    "string",
                    "Part of the day as the source words it: early_morning, morning, afternoon, evening or night; empty when not said.",
                    enum=("",) + tuple(TIME_OF_DAY_HOURS),
                ),
                Field("event_type", "string", "ACLED event type.", True, enum=EVENT_TYPES),
                Field(
                    "sub_event_type",
                    "string",
                    "ACLED sub-event type, or one of Citemap's documented extensions; must belong to event_type.",
                    True,
                ),
                Field("place_id", "string", "Where it happened; empty when the source does not say."),
                Field("summary", "string", "One plain sentence saying what happened, in the curator's words.", True),
                _sentence_ids("event"),
                Field(
                    "notes",
                    "string",
                    "Curator's reasoning where the coding is a judgement (a resolved date, a chosen place).",
                ),
            ),
            ("event_id",),
            (ForeignKey("place_id", "places"),),
        ),
        Table(
            "event_actors",
            "Who took part in which event, and how.",
            (
                Field("event_id", "string", "The event the actor took part in.", True),
                Field("actor_id", "string", "The actor who took part.", True),
                Field(
                    "role",
                    "string",
                    "actor1 (who acted), actor2 (who they acted against or with), associated, target, speaker (who made the statement) or source (who reported it).",
                    True,
                    enum=ROLES,
                ),
                _sentence_ids("link between actor and event"),
            ),
            ("event_id", "actor_id", "role"),
            (ForeignKey("event_id", "events"), ForeignKey("actor_id", "actors")),
        ),
        Table(
            "figures",
            "Every number the sources report, one row per report: two reports of one quantity are two rows.",
            (
                _id("figure_id", "figure"),
                Field(
                    "event_id", "string", "The event the number describes; empty when it describes an actor or a place."
                ),
                Field("actor_id", "string", "The actor the number describes (an age); empty otherwise."),
                Field("place_id", "string", "The place the number describes (a population); empty otherwise."),
                Field(
                    "metric",
                    "string",
                    "What is counted, in snake_case: killed, wounded, participants, ...",
                    True,
                    pattern=METRIC_PATTERN,
                ),
                Field("value", "number", "The number; for at_least, at_most and range its lower or only bound.", True),
                Field("value_high", "number", "Upper bound, for a range only."),
                Field("qualifier", "string", "exact, approx, at_least, at_most or range.", True, enum=QUALIFIERS),
                Field(
                    "value_text",
                    "string",
                    "The source's own words for the number; must appear verbatim in the sentence.",
                    True,
                ),
                Field("unit", "string", "Unit of the value when it is not a count of the metric (years, people)."),
                Field(
                    "reported_by",
                    "string",
                    "Actor the source attributes the number to; empty when the source states it in its own voice.",
                ),
                Field("sentence_id", "string", "The sentence that states the number.", True),
                Field("notes", "string", "How a vague wording was read into a number."),
            ),
            ("figure_id",),
            (
                ForeignKey("event_id", "events"),
                ForeignKey("actor_id", "actors"),
                ForeignKey("place_id", "places"),
                ForeignKey("reported_by", "actors"),
                ForeignKey("sentence_id", "sentences"),
            ),
        ),
        Table(
            "event_dates",
            "When each source says an event happened, one row per report: two sources' dates for one event are two rows, "
            "and the event's own dates span them all. Optional: a dataset without it has one report per event, the event's own.",
            (
                _id("date_id", "date report"),
                Field("event_id", "string", "The event whose date this reports.", True),
                Field(
                    "event_date", "date", "First day the event may have happened by this report, ISO YYYY-MM-DD.", True
                ),
                Field("date_end", "date", "Last day it may have happened by this report; empty for a single day."),
                Field(
                    "time_precision",
                    "integer",
                    "ACLED time precision of this report, as for events.",
                    True,
                    enum=tuple(TIME_PRECISION),
                ),
                Field(
                    "date_text",
                    "string",
                    "The source's own words for the date; must appear verbatim in one of the row's sentences.",
                ),
                Field(
                    "time_of_day",
                    "string",
                    "Part of the day as the source words it, as for events; empty when not said.",
                    enum=("",) + tuple(TIME_OF_DAY_HOURS),
                ),
                _sentence_ids("date report"),
                Field(
                    "reported_by",
                    "string",
                    "Actor the source attributes the date to; empty when it states it in its own voice.",
                ),
                Field("notes", "string", "Curator's reasoning where the date is a reading of vague words."),
            ),
            ("date_id",),
            (ForeignKey("event_id", "events"), ForeignKey("reported_by", "actors")),
            optional=True,
        ),
        Table(
            "acled_events",
            "ACLED's own fields for events imported from ACLED (python -m citemap import-acled), one row per event, as ACLED "
            "coded them; the event's date, type, place, actors, notes and fatalities are in the other tables. Optional.",
            (
                Field("event_id", "string", "The Citemap event these fields belong to.", True),
                Field(
                    "event_id_cnty", "string", "ACLED's event id (country code and number, KGZ1234), as given.", True
                ),
                Field(
                    "disorder_type",
                    "string",
                    "ACLED's disorder type (Political violence, Demonstrations, Strategic developments, or two joined by '; '); empty in exports before 2022.",
                ),
                Field(
                    "civilian_targeting",
                    "string",
                    "ACLED's 'Civilian targeting' when civilians were the main target; empty otherwise and in older exports.",
                ),
                Field(
                    "actor1",
                    "string",
                    "ACLED's actor1 name, or several joined by '; ' when the export repeated the event one row per actor.",
                ),
                Field(
                    "assoc_actor_1",
                    "string",
                    "ACLED's associated actors of actor1, joined by '; ' (older exports: ally_actor_1).",
                ),
                Field(
                    "inter1",
                    "integer",
                    "ACLED's actor type of actor1 as its code: 1 State forces, 2 Rebel group, 3 Political militia, 4 Identity militia, 5 Rioters, 6 Protesters, 7 Civilians, 8 External/Other forces (read from the number or the words).",
                    enum=tuple(range(9)),
                ),
                Field("actor2", "string", "ACLED's actor2 name or names, as actor1."),
                Field(
                    "assoc_actor_2",
                    "string",
                    "ACLED's associated actors of actor2, joined by '; ' (older exports: ally_actor_2).",
                ),
                Field(
                    "inter2",
                    "integer",
                    "ACLED's actor type of actor2 as its code (0 no actor2), as inter1.",
                    enum=tuple(range(9)),
                ),
                Field(
                    "interaction",
                    "integer",
                    "ACLED's interaction code: the two actor types, lower first (16 State forces-Protesters; 60 Protesters only), read from the number or the words.",
                    minimum=0,
                    maximum=88,
                ),
                Field("iso", "string", "ACLED's numeric ISO 3166 country code, as given."),
                Field("gwno", "string", "Legacy: Gleditsch-Ward country number of older ACLED files, as given."),
                Field("iso3", "string", "Legacy: three-letter ISO country code of 2018-era exports, as given."),
                Field("region", "string", "ACLED's world region (Central Asia, Western Africa)."),
                Field("country", "string", "ACLED's country name."),
                Field(
                    "admin1",
                    "string",
                    "ACLED's first-level administrative region (also the event place's parent place).",
                ),
                Field("admin2", "string", "ACLED's second-level administrative region."),
                Field("admin3", "string", "ACLED's third-level administrative region."),
                Field("location", "string", "ACLED's location name (also the event's place)."),
                Field(
                    "source",
                    "string",
                    "ACLED's source field: the outlets it coded the event from, joined by '; ' (each also an actor of kind media, role source).",
                ),
                Field(
                    "source_scale",
                    "string",
                    "ACLED's source scale (Local partner, National, Subnational, International, ...).",
                ),
                Field(
                    "timestamp",
                    "string",
                    "ACLED's timestamp (Unix seconds: when the record was last uploaded), as given.",
                ),
                Field("tags", "string", "ACLED's tags (crowd size=thousands; ...), as given."),
                Field(
                    "legacy_event_type",
                    "string",
                    "The event type an older export gave when it is not today's (Riots/Protests, Remote violence, Battle-No change of territory); the event's notes say how it was mapped.",
                ),
                Field("acled_file", "string", "The file the event was imported from."),
                Field("acled_line", "integer", "The line of that file the event's first row starts on.", minimum=1),
            ),
            ("event_id",),
            (ForeignKey("event_id", "events"),),
            optional=True,
        ),
    )
}

# Tables whose sentence_ids column must resolve to sentences.
CITING_TABLES = ("places", "actors", "events", "event_actors", "event_dates")
# Loading order: a table is read after the tables it refers to.
TABLE_ORDER = (
    "sources",
    "sentences",
    "places",
    "actors",
    "events",
    "event_actors",
    "figures",
    "event_dates",
    "acled_events",
)
