"""Writes the synthetic ACLED-format samples in this folder (run: python3 tests/acled/samples/make_samples.py).

Every row is invented: plausible places, dates and actor names in ACLED's naming style, but no row is ACLED's data.
The files are committed; this script says exactly how each was made (encoding, line ends, byte-order mark).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent

CURRENT = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip


def write(
    name: str, header: list[str], rows: list[list], *, encoding="utf-8", newline="\n", bom=False, tail: str = ""
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    data = (buffer.getvalue() + tail).encode(encoding)
    (HERE / name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def kyrgyzstan_current() -> None:
    """Current columns, ISO dates, LF, UTF-8; a notes cell with a line break; crowd sizes as tags."""
    rows = [
        ["KGZ9001", "2020-10-05", 2020, 1, "Demonstrations", "Protests", "Peaceful protest", "Protesters (Kyrgyzstan)", "Social Democrats of Kyrgyzstan", 6, "", "", 0, 60, "", 417, "Central Asia", "Kyrgyzstan", "Bishkek", "Bishkek", "", "Bishkek", "42.8746", "74.5698", 1, "AKIpress; 24.kg", "National", "On 5 October 2020, thousands of people rallied on Ala-Too Square in Bishkek against the results of the parliamentary election.\nThey demanded a new vote.", 0, "crowd size=thousands", 1602460800],
        ["KGZ9002", "2020-10-05", 2020, 1, "Political violence; Demonstrations", "Riots", "Violent demonstration", "Rioters (Kyrgyzstan)", "", 5, "Police Forces of Kyrgyzstan (2017-)", "", 1, 15, "", 417, "Central Asia", "Kyrgyzstan", "Bishkek", "Bishkek", "", "Bishkek", "42.8746", "74.5698", 1, "AKIpress", "National", "On 5 October 2020, rioters clashed with police near the White House in Bishkek; police used water cannon and stun grenades. One person was killed.", 1, "", 1602460800],
        ["KGZ9003", "2020-10-06", 2020, 1, "Strategic developments", "Strategic developments", "Looting/property destruction", "Rioters (Kyrgyzstan)", "", 5, "", "", 0, 50, "", 417, "Central Asia", "Kyrgyzstan", "Osh", "Osh", "", "Osh", "40.5283", "72.7985", 2, "Kloop", "Subnational", "On the night of 6 October 2020, rioters set fire to shops near the city administration in Osh.", 0, "", 1602547200],
        ["KGZ9004", "2020-10-09", 2020, 2, "Demonstrations", "Protests", "Protest with intervention", "Protesters (Kyrgyzstan)", "Women (Kyrgyzstan)", 6, "Police Forces of Kyrgyzstan (2017-)", "", 1, 16, "", 417, "Central Asia", "Kyrgyzstan", "Chuy", "Alamudun", "", "Lebedinovka", "42.8833", "74.6833", 2, "24.kg", "National", "During the week of 9 October 2020, around 50 women protested in Lebedinovka; police dispersed them.", 0, "crowd size=around 50", 1602720000],
    ]  # fmt: skip
    write("kgz_current.csv", CURRENT, rows)


def nigeria_long_dates() -> None:
    """Long dates ("20 October 2020"), CRLF, UTF-8 with byte-order mark, inter and interaction as words (newer exports)."""
    rows = [
        ["NGA9101", "20 October 2020", 2020, 1, "Political violence", "Violence against civilians", "Attack", "Military Forces of Nigeria (2015-2023)", "", "State forces", "Protesters (Nigeria)", "", "Protesters", "State forces-Protesters", "Civilian targeting", 566, "Western Africa", "Nigeria", "Lagos", "Eti-Osa", "", "Lekki", "6.4474", "3.4728", 1, "Premium Times; Amnesty International", "National-International", "On 20 October 2020, soldiers opened fire on #EndSARS protesters at the Lekki toll gate in Lagos.", 2, "", 1603670400],
        ["NGA9102", "19 October 2020", 2020, 1, "Demonstrations", "Protests", "Peaceful protest", "Protesters (Nigeria)", "EndSARS Movement", "Protesters", "", "", "", "Protesters only", "", 566, "Western Africa", "Nigeria", "Federal Capital Territory", "Abuja Municipal", "", "Abuja", "9.0579", "7.4951", 1, "Punch (Nigeria)", "National", "On 19 October 2020, hundreds of young people marched in Abuja against police brutality, demanding the end of the Special Anti-Robbery Squad.", 0, "crowd size=hundreds", 1603670400],
        ["NGA9103", "21 October 2020", 2020, 1, "Political violence; Demonstrations", "Riots", "Mob violence", "Rioters (Nigeria)", "", "Rioters", "Civilians (Nigeria)", "", "Civilians", "Rioters-Civilians", "Civilian targeting", 566, "Western Africa", "Nigeria", "Lagos", "Lagos Island", "", "Lagos", "6.4531", "3.3958", 2, "Vanguard (Nigeria)", "National", "On 21 October 2020, a mob attacked traders and looted shops in Lagos.", 0, "", 1603670400],
    ]  # fmt: skip
    write("nga_long_dates_crlf_bom.csv", CURRENT, rows, newline="\r\n", bom=True)


def bangladesh_short_dates() -> None:
    """9-May-20 dates, Windows-1252 bytes (’ and é), a leading unnamed index column, upper-case headers (Excel's save)."""
    header = [""] + [c.upper() for c in CURRENT]
    rows = [
        [0, "BGD9201", "9-May-20", 2020, 1, "Demonstrations", "Protests", "Peaceful protest", "Protesters (Bangladesh)", "Labour Group (Bangladesh)", 6, "", "", 0, 60, "", 50, "South Asia", "Bangladesh", "Dhaka", "Dhaka", "Dhaka Sadar", "Dhaka", "23.7104", "90.4074", 1, "The Daily Star (Bangladesh)", "National", "On 9 May 2020, garment workers formed a human chain in front of the National Press Club in Dhaka demanding their April wages; the factory’s owners had not paid them.", 0, "crowd size=several hundred", 1589155200],
        [1, "BGD9202", "12-May-20", 2020, 1, "Political violence", "Battles", "Armed clash", "AL: Awami League", "", 3, "BNP: Bangladesh Nationalist Party", "", 3, 33, "", 50, "South Asia", "Bangladesh", "Chittagong", "Feni", "", "Feni", "23.0159", "91.3976", 1, "Prothom Alo; bdnews24", "National", "On 12 May 2020, supporters of the Awami League and the BNP clashed with sticks and machetes in Feni; a café was damaged. Two people were injured.", 0, "", 1589328000],
    ]  # fmt: skip
    write("bgd_short_dates_cp1252.csv", header, rows, encoding="cp1252", newline="\r\n")


def legacy_africa() -> None:
    """ACLED's older Africa files: upper-case legacy names (GWNO, ALLY_ACTOR_1, GEO_PRECIS), legacy event types, slashed day-first dates."""
    header = [
        "GWNO",
        "EVENT_ID_CNTY",
        "EVENT_ID_NO_CNTY",
        "EVENT_DATE",
        "YEAR",
        "TIME_PRECISION",
        "EVENT_TYPE",
        "ACTOR1",
        "ALLY_ACTOR_1",
        "INTER1",
        "ACTOR2",
        "ALLY_ACTOR_2",
        "INTER2",
        "INTERACTION",
        "COUNTRY",
        "ADMIN1",
        "ADMIN2",
        "ADMIN3",
        "LOCATION",
        "LATITUDE",
        "LONGITUDE",
        "GEO_PRECIS",
        "SOURCE",
        "NOTES",
        "FATALITIES",
    ]
    rows = [
        [475, "NIG9301", 9301, "25/03/2015", 2015, 1, "Riots/Protests", "Protesters (Nigeria)", "", 6, "", "", 0, 60, "Nigeria", "Kano", "Kano Municipal", "", "Kano", "12.0000", "8.5167", 1, "Daily Trust", "Supporters of a candidate marched in Kano ahead of the elections. [size=around 50]", 0],
        [475, "NIG9302", 9302, "13/04/2015", 2015, 1, "Remote violence", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "", 2, "Civilians (Nigeria)", "", 7, 27, "Nigeria", "Borno", "Maiduguri", "", "Maiduguri", "11.8464", "13.1603", 1, "Reuters", "An IED exploded at a market in Maiduguri, killing 3 people.", 3],
        [475, "NIG9303", 9303, "02/05/2015", 2015, 2, "Battle-No change of territory", "Military Forces of Nigeria (2015-)", "", 1, "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "", 2, 12, "Nigeria", "Borno", "Gwoza", "", "Gwoza", "11.0833", "13.6953", 2, "AFP", "Troops fought insurgents near Gwoza during the week.", 10],
        [475, "NIG9304", 9304, "14/05/2015", 2015, 1, "Riots/Protests", "Rioters (Nigeria)", "", 5, "Police Forces of Nigeria (2015-)", "", 1, 15, "Nigeria", "Lagos", "Ikeja", "", "Ikeja", "6.6018", "3.3515", 1, "Vanguard (Nigeria)", "Youths blocked a road in Ikeja and threw stones at police. [size=no report]", 0],
    ]  # fmt: skip
    write("legacy_africa_2015.csv", header, rows)


def legacy_2018() -> None:
    """The 2018-era export: numeric iso and iso3, data_id and event_id_no_cnty, no disorder_type or civilian_targeting."""
    header = [
        "data_id",
        "iso",
        "event_id_cnty",
        "event_id_no_cnty",
        "event_date",
        "year",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "interaction",
        "region",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "source_scale",
        "notes",
        "fatalities",
        "timestamp",
        "iso3",
    ]
    rows = [
        [5001, 50, "BGD9401", 9401, "08 February 2018", 2018, 1, "Riots/Protests", "", "Protesters (Bangladesh)", "BNP: Bangladesh Nationalist Party", 6, "Police Forces of Bangladesh (2014-2024)", "", 1, 16, "Southern Asia", "Bangladesh", "Dhaka", "Dhaka", "Ramna", "Dhaka", "23.7104", "90.4074", 1, "New Age (Bangladesh)", "National", "BNP supporters protested near the party office after the verdict against their leader; police fired tear gas. [size=hundreds]", 0, 1518393600, "BGD"],
        [5002, 50, "BGD9402", 9402, "09 February 2018", 2018, 1, "Violence against civilians", "", "Unidentified Armed Group (Bangladesh)", "", 3, "Civilians (Bangladesh)", "", 7, 37, "Southern Asia", "Bangladesh", "Rajshahi", "Bogra", "", "Bogra", "24.8500", "89.3667", 1, "Prothom Alo", "Local partner-National", "Unidentified men attacked a local journalist in Bogra. [size=no report]", 0, 1518393600, "BGD"],
    ]  # fmt: skip
    write("legacy_2018_iso_iso3.csv", header, rows)


def mojibake() -> None:
    """A UTF-8 file whose notes were once read as Windows-1252 and saved again (’ became â€™)."""
    note = "On 7 October 2020, protesters gathered outside the mayor’s office in Osh."
    rows = [["KGZ9501", "2020-10-07", 2020, 1, "Demonstrations", "Protests", "Peaceful protest", "Protesters (Kyrgyzstan)", "", 6, "", "", 0, 60, "", 417, "Central Asia", "Kyrgyzstan", "Osh", "Osh", "", "Osh", "40.5283", "72.7985", 1, "Kloop", "Subnational", note.encode("utf-8").decode("cp1252"), 0, "crowd size=dozens", 1602720000]]  # fmt: skip
    write("mojibake_notes.csv", CURRENT, rows)


def repeated_ids() -> None:
    """One row per actor: KEN9601 on three rows (two actor1s, one actor2), KEN9602 twice with differing fatalities."""
    base = ["2023-07-12", 2023, 1, "Demonstrations", "Protests", "Excessive force against protesters"]
    where = [
        "",
        404,
        "Eastern Africa",
        "Kenya",
        "Nairobi",
        "Nairobi Central",
        "",
        "Nairobi",
        "-1.2864",
        "36.8172",
        1,
        "The Standard (Kenya); Nation (Kenya)",
        "National",
    ]
    note = "On 12 July 2023, police fired live rounds at opposition protesters in Nairobi's central business district."
    rows = [
        ["KEN9601", *base, "Police Forces of Kenya (2022-)", "", 1, "Protesters (Kenya)", "", 6, 16, *where, note, 2, "crowd size=thousands", 1689724800],
        ["KEN9601", *base, "Police Forces of Kenya (2022-) General Service Unit", "", 1, "Protesters (Kenya)", "", 6, 16, *where, note, 2, "crowd size=thousands", 1689724800],
        ["KEN9601", *base, "Police Forces of Kenya (2022-)", "", 1, "Protesters (Kenya)", "Azimio la Umoja", 6, 16, *where, note, 2, "crowd size=thousands", 1689724800],
        ["KEN9602", "2023-07-19", 2023, 1, "Political violence; Demonstrations", "Riots", "Violent demonstration", "Rioters (Kenya)", "", 5, "Police Forces of Kenya (2022-)", "", 1, 15, "", 404, "Eastern Africa", "Kenya", "Kisumu", "Kisumu Central", "", "Kisumu", "-0.1022", "34.7617", 1, "Nation (Kenya)", "National", "On 19 July 2023, rioters burnt tyres and clashed with police in Kisumu.", 1, "", 1689724800],
        ["KEN9602", "2023-07-19", 2023, 1, "Political violence; Demonstrations", "Riots", "Violent demonstration", "Rioters (Kenya)", "", 5, "Police Forces of Kenya (2022-)", "", 1, 15, "", 404, "Eastern Africa", "Kenya", "Kisumu", "Kisumu Central", "", "Kisumu", "-0.1022", "34.7617", 1, "Nation (Kenya)", "National", "On 19 July 2023, rioters burnt tyres and clashed with police in Kisumu.", 2, "", 1689724800],
    ]  # fmt: skip
    write("ken_repeated_ids.csv", CURRENT, rows)


def broken_rows() -> None:
    """Good rows, a row with no id, one with no date, one with a date in no ACLED form, and a record cut off at the end."""
    good = [
        "2022-01-05",
        2022,
        1,
        "Demonstrations",
        "Protests",
        "Peaceful protest",
        "Protesters (Kazakhstan)",
        "",
        6,
        "",
        "",
        0,
        60,
        "",
        398,
        "Central Asia",
        "Kazakhstan",
        "Mangystau",
        "Zhanaozen",
        "",
        "Zhanaozen",
        "43.3412",
        "52.8619",
        1,
        "Vlast.kz",
        "National",
        "On 5 January 2022, residents of Zhanaozen protested against the rise in gas prices.",
        0,
        "crowd size=thousands",
        1641859200,
    ]
    rows = [
        ["KAZ9701", *good],
        ["", *good],
        ["KAZ9703", "", *good[1:]],
        ["KAZ9704", "the fifth of January", *good[1:]],
        ["KAZ9705", *good],
    ]
    tail = 'KAZ9706,2022-01-06,2022,1,Demonstrations,Protests,Peaceful protest,Protesters (Kazakhstan),,6,,,0,60,,398,Central Asia,Kazakhstan,Almaty,Almaty,,Almaty,43.2567,76.9286,1,Vlast.kz,National,"On 6 January 2022, protesters gathered in Almaty and'
    write("kaz_broken_rows.csv", CURRENT, rows, tail=tail)


def aggregated() -> None:
    """ACLED's aggregated data: weekly counts per admin1 (not event data)."""
    header = [
        "WEEK",
        "REGION",
        "COUNTRY",
        "ADMIN1",
        "EVENT_TYPE",
        "SUB_EVENT_TYPE",
        "EVENTS",
        "FATALITIES",
        "POPULATION_EXPOSURE",
        "DISORDER_TYPE",
        "ID",
        "CENTROID_LATITUDE",
        "CENTROID_LONGITUDE",
    ]
    rows = [
        [
            "2020-10-03",
            "Caucasus and Central Asia",
            "Kyrgyzstan",
            "Bishkek",
            "Protests",
            "Peaceful protest",
            7,
            0,
            "",
            "Demonstrations",
            1,
            "42.87",
            "74.60",
        ]
    ]
    write("kgz_aggregated_weekly.csv", header, rows)


def slashed() -> None:
    """Slashed dates: one file that tells its order (a day above 12), one that cannot (every number 12 or less)."""

    def row(event_id: str, when: str) -> list:
        return [
            event_id,
            when,
            2020,
            1,
            "Demonstrations",
            "Protests",
            "Peaceful protest",
            "Protesters (Kyrgyzstan)",
            "",
            6,
            "",
            "",
            0,
            60,
            "",
            417,
            "Central Asia",
            "Kyrgyzstan",
            "Bishkek",
            "Bishkek",
            "",
            "Bishkek",
            "42.8746",
            "74.5698",
            1,
            "AKIpress",
            "National",
            f"Protesters gathered in Bishkek ({event_id}).",
            0,
            "",
            1603000000,
        ]

    write("kgz_slashed_day_first.csv", CURRENT, [row("KGZ9801", "5/10/2020"), row("KGZ9802", "13/10/2020")])
    write("kgz_slashed_month_first.csv", CURRENT, [row("KGZ9803", "10/5/2020"), row("KGZ9804", "10/13/2020")])
    write("kgz_slashed_ambiguous.csv", CURRENT, [row("KGZ9805", "5/10/2020"), row("KGZ9806", "6/10/2020")])


if __name__ == "__main__":
    for make in (
        kyrgyzstan_current,
        nigeria_long_dates,
        bangladesh_short_dates,
        legacy_africa,
        legacy_2018,
        mojibake,
        repeated_ids,
        broken_rows,
        aggregated,
        slashed,
    ):
        make()
