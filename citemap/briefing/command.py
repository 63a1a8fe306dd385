"""python -m citemap brief: the briefing for a filter given with the dashboard's URL keys, as a file."""

from __future__ import annotations

from pathlib import Path

from ..filters import arguments_as_url, url_keys
from ..index import DatasetIndex
from .chromium import FILE_KINDS, BriefingError, write
from .content import build


FILTER_KEYS = tuple(url_keys())  # the dashboard's URL keys for the filter (citemap/filters.py)


def brief_command(args) -> int:
    """Write the briefing for the filter given with the URL's keys; 0 when written, 2 when it could not be."""
    import sys

    from ..basemap import load_basemap
    from ..dataset import load
    from ..urlstate import decode

    output = Path(args.output)
    if output.suffix.lower().lstrip(".") not in FILE_KINDS:
        print(f"citemap brief: {output.name}: write .png, .pdf or .html", file=sys.stderr)
        return 2
    dataset = load(args.data_dir)
    index = DatasetIndex(dataset)
    state = decode(arguments_as_url(args), index)
    if state.notices:
        # The dashboard shows a link's bad values and goes on; a script would brief on the wrong filter unnoticed.
        for notice in state.notices:
            print(f"citemap brief: {notice}", file=sys.stderr)
        print("citemap brief: nothing written; fix the values above.", file=sys.stderr)
        return 2
    b = build(index, state.filters, load_basemap(Path(dataset.data_dir) / "geo"))
    try:
        path = write(b, output, scale=args.scale)
    except BriefingError as err:
        print(f"citemap brief: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"citemap brief: cannot write {output}: {err.strerror or err}", file=sys.stderr)
        return 2
    print(f"wrote {path}: {b.description}")
    return 0
