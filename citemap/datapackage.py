"""Write the dataset's `datapackage.json` (Frictionless Data) from the contract.

The descriptor is generated, never edited by hand, so that it cannot drift from
what `citemap.dataset` enforces; a test compares the two.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .contract import (
    CITEMAP_SUB_EVENT_TYPES,
    GEO_PRECISION,
    LIST_SEPARATOR,
    TABLE_ORDER,
    TABLES,
    TIME_PRECISION,
    Field,
    Table,
)
from .csvwrite import read_rows

_FRICTIONLESS_TYPES = {"string": "string", "integer": "integer", "number": "number", "date": "date", "list": "string"}


def field_descriptor(field: Field) -> dict:
    descriptor: dict[str, Any] = {
        "name": field.name,
        "type": _FRICTIONLESS_TYPES[field.type],
        "description": field.description,
    }
    if field.type == "list":
        descriptor["format"] = "default"
        descriptor["description"] += f" (a list: items separated by '{LIST_SEPARATOR}')"
    if field.type == "date":
        descriptor["format"] = "%Y-%m-%d"
    constraints: dict[str, Any] = {}
    if field.required:
        constraints["required"] = True
    if field.enum is not None:
        constraints["enum"] = [v for v in field.enum if v != ""]
    if field.minimum is not None:
        constraints["minimum"] = field.minimum
    if field.maximum is not None:
        constraints["maximum"] = field.maximum
    if field.pattern:
        constraints["pattern"] = field.pattern
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def resource_descriptor(table: Table) -> dict:
    schema = {
        "fields": [field_descriptor(f) for f in table.fields],
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": key.column,
                "reference": {
                    "resource": "" if key.table == table.name else key.table,
                    "fields": key.target or TABLES[key.table].primary_key[0],
                },
            }
            for key in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": table.file,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": table.description,
        "schema": schema,
    }


def descriptor(
    data_dir: Path, source_rows: Iterable[Mapping[str, Any]] | None = None, folder_name: str | None = None
) -> dict:
    """source_rows: the rows of sources.csv when the caller holds them (an import of 100,000 sources, which
    would otherwise be read back from the file it has just written); read from the file when None.
    folder_name: the dataset's folder name when it is written elsewhere first (an import, renamed into place)."""
    rows = read_rows(Path(data_dir) / "sources.csv") if source_rows is None else source_rows
    sources = [
        {
            "title": row["title"] or f"{row['file']} (title unknown)",
            "path": f"sources/{row['file']}",
            **({"url": row["url"]} if row["url"] else {}),
        }
        for row in rows
    ]
    return {
        "profile": "tabular-data-package",
        "name": "citemap-" + (folder_name or Path(data_dir).resolve().name).lower().replace("_", "-"),
        "title": "Citemap curated event data",
        "description": (
            "Events, actors, places and figures curated from news reporting, each row tied to the verbatim sentences it "
            "came from. Time precision: "
            + "; ".join(f"{k} = {v}" for k, v in TIME_PRECISION.items())
            + ". Geo precision: "
            + "; ".join(f"{k} = {v}" for k, v in GEO_PRECISION.items())
            + ". Sub-event types added to ACLED's: "
            + "; ".join(
                f"{sub} ({kind}): {text}"
                for kind, subs in CITEMAP_SUB_EVENT_TYPES.items()
                for sub, text in subs.items()
            )
        ),
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0 (the curated tables)",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            },
        ],
        "sources": sources
        + [
            {
                "title": "Natural Earth 1:10m admin-0 and admin-1 boundaries (public domain), see geo/SOURCES.md",
                "path": "geo/SOURCES.md",
            },
        ],
        "resources": [resource_descriptor(TABLES[name]) for name in TABLE_ORDER],
    }


def write_datapackage(
    data_dir: Path, source_rows: Iterable[Mapping[str, Any]] | None = None, folder_name: str | None = None
) -> Path:
    path = Path(data_dir) / "datapackage.json"
    package = descriptor(data_dir, source_rows, folder_name)
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
