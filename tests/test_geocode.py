from pathlib import Path

from geopy.distance import geodesic

from citemap.dataset import load
from citemap.geocode import GazetteerGeocoder, geocode_places

from .helpers import read_table, set_cell

ROOT = Path(__file__).resolve().parent.parent


def test_gazetteer_geocoder_answers_names_and_aliases_offline():
    geocoder = GazetteerGeocoder(ROOT / "data" / "geo" / "gazetteer.csv")
    white_house = geocoder.geocode("white house")
    assert (white_house.latitude, white_house.longitude) == (42.87731, 74.60014)
    assert geocoder.geocode("Ak Ui").address == "White House (Ak Ui), Bishkek"
    assert geocoder.geocode("Atlantis") is None
    # Sanity of the reference points themselves: the White House is in Bishkek.
    bishkek = geocoder.geocode("Bishkek")
    assert geodesic(white_house.point, bishkek.point).km < 2


def test_geocode_fills_a_missing_place_from_the_gazetteer_and_nothing_else(data_copy):
    header, before = read_table(data_copy / "places.csv")
    set_cell(data_copy, "places", 2, "latitude", "")
    set_cell(data_copy, "places", 2, "longitude", "")
    result = geocode_places(data_copy, online=False)
    assert [pid for pid, _ in result.resolved] == ["pl-osh"] and result.unresolved == []
    _, after = read_table(data_copy / "places.csv")
    assert (after[2]["latitude"], after[2]["longitude"]) == ("40.53", "72.8")
    assert after[2]["coordinate_source"].startswith("gazetteer: ")
    for old, new in zip(before, after):
        if old["place_id"] != "pl-osh":
            assert old == new
    load(data_copy)


def test_unknown_place_offline_is_reported_and_the_file_is_untouched(data_copy):
    header, rows = read_table(data_copy / "places.csv")
    set_cell(data_copy, "places", 5, "latitude", "")
    set_cell(data_copy, "places", 5, "longitude", "")
    before = (data_copy / "places.csv").read_bytes()
    result = geocode_places(data_copy, online=False)
    assert result.resolved == []
    assert result.unresolved == [("pl-mayors-office", "not in the gazetteer; offline, Nominatim not asked")]
    assert (data_copy / "places.csv").read_bytes() == before


def test_unreachable_nominatim_is_reported_and_changes_nothing(data_copy):
    from geopy.geocoders import Nominatim

    set_cell(data_copy, "places", 5, "latitude", "")
    set_cell(data_copy, "places", 5, "longitude", "")
    before = (data_copy / "places.csv").read_bytes()
    closed_port = Nominatim(user_agent="citemap-test", domain="127.0.0.1:9", scheme="http", timeout=3)
    result = geocode_places(data_copy, online=True, nominatim=closed_port)
    assert result.resolved == []
    assert len(result.unresolved) == 1 and result.unresolved[0][1].startswith("Nominatim unreachable (Geocoder")
    assert (data_copy / "places.csv").read_bytes() == before
    assert not (data_copy / "geocode_cache.json").exists()
