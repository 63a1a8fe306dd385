"""The contract, the data files and datapackage.json say the same thing (Datasette's test_docs idea)."""

import json
from pathlib import Path

import pytest

from citemap.contract import TABLE_ORDER, TABLES
from citemap.datapackage import descriptor

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in PACKAGE["resources"]}


@pytest.mark.parametrize("name", TABLE_ORDER)
def test_every_column_in_the_file_is_documented_and_vice_versa(name):
    header = (ROOT / "data" / TABLES[name].file).read_text(encoding="utf-8").splitlines()[0].split(",")
    documented = [f["name"] for f in RESOURCES[name]["schema"]["fields"]]
    assert header == documented
    assert documented == TABLES[name].columns


@pytest.mark.parametrize("name", TABLE_ORDER)
def test_every_documented_column_has_a_description(name):
    for field in RESOURCES[name]["schema"]["fields"]:
        assert len(field["description"]) > 10, (name, field["name"])


def test_committed_datapackage_is_what_the_contract_generates():
    assert descriptor(ROOT / "data") == PACKAGE, "run: python -m citemap datapackage data"


def test_datapackage_foreign_keys_point_at_real_resources_and_fields():
    for resource in PACKAGE["resources"]:
        for key in resource["schema"].get("foreignKeys", []):
            target = RESOURCES[key["reference"]["resource"] or resource["name"]]
            assert key["reference"]["fields"] in [f["name"] for f in target["schema"]["fields"]]


def test_datapackage_lists_every_source_text_and_it_exists():
    paths = [s["path"] for s in PACKAGE["sources"]]
    for path in paths:
        assert (ROOT / "data" / path).is_file(), path
    assert "sources/kyrgyzstan-2020-10-06.txt" in paths
