"""Command line: python -m citemap COMMAND [options]. Run with --help for the list."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .dataset import default_data_dir
from .words import plural


def _data_dir_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "data_dir",
        nargs="?",
        type=Path,
        default=None,
        help="dataset folder (default: $CITEMAP_DATA or the bundled data/)",
    )


def cmd_validate(args) -> int:
    from .dataset import validate

    data_dir = args.data_dir or default_data_dir()
    dataset, problems = validate(data_dir)
    for problem in problems:
        print(problem, file=sys.stdout if problem.severity == "warning" else sys.stderr)
    if dataset is None:
        errors = [p for p in problems if p.severity == "error"]
        print(f"\n{data_dir}: INVALID, {plural(len(errors), 'error')}", file=sys.stderr)
        return 1
    print(f"{data_dir}: valid" + (f", {plural(len(dataset.warnings), 'warning')}" if dataset.warnings else ""))
    for name, count in dataset.counts().items():
        print(f"  {name:<13}{count:>8}")
    return 0


def cmd_segment(args) -> int:
    from .segment_command import segment_source

    data_dir = args.data_dir or default_data_dir()
    changed = segment_source(data_dir, args.source_id)
    print(f"{data_dir / 'sentences.csv'}: {changed}")
    return 0


def cmd_coverage(args) -> int:
    from .coverage import coverage_report
    from .dataset import load

    report = coverage_report(load(args.data_dir))
    print(report.text())
    return 1 if len(report.unexplained) else 0


def cmd_brief(args) -> int:
    from .briefing import brief_command

    return brief_command(args)


def cmd_geocode(args) -> int:
    from .geocode import geocode_places

    data_dir = args.data_dir or default_data_dir()
    result = geocode_places(data_dir, online=not args.offline, user_agent=args.user_agent)
    print(result.text())
    return 0 if not result.unresolved else 2


def cmd_datapackage(args) -> int:
    from .datapackage import write_datapackage

    data_dir = args.data_dir or default_data_dir()
    path = write_datapackage(data_dir)
    print(f"wrote {path}")
    return 0


def cmd_serve(args) -> int:
    """Open the dashboard: `streamlit run app.py` from the checkout, with any further arguments passed on."""
    repo = Path(__file__).resolve().parent.parent
    if not (repo / "app.py").is_file():
        print(
            f"citemap serve: no app.py beside the package in {repo}; install from a clone with pip install -e .",
            file=sys.stderr,
        )
        return 2
    env = dict(os.environ)
    if env.get(
        "CITEMAP_DATA"
    ):  # made absolute: the dashboard runs from the checkout, where its .streamlit/config.toml is
        env["CITEMAP_DATA"] = str(Path(env["CITEMAP_DATA"]).resolve())
    os.chdir(repo)
    os.execve(sys.executable, [sys.executable, "-m", "streamlit", "run", "app.py", *args.streamlit_args], env)


def cmd_synth(args) -> int:
    from .synth import OutputFolderError, check_output_folder, synth

    try:
        replacing = check_output_folder(args.output)
        out = synth(args.events, args.output, seed=args.seed)
    except OutputFolderError as err:
        print(f"citemap synth: nothing written: {err}", file=sys.stderr)
        return 2
    print(
        f"wrote a synthetic dataset of {args.events:,} events to {out}"
        + (", replacing the synthetic dataset that was there" if replacing else "")
    )
    return 0


def cmd_import_acled(args) -> int:
    from .acled.importer import import_acled

    return import_acled(args.files, args.output, merge_into=args.merge_into, date_order=args.date_order)


def cmd_export_acled(args) -> int:
    from .acled.export import export_command

    return export_command(args.data_dir or default_data_dir(), args.output)


SYNTH_EVENTS = (10, 1_000_000)  # the sizes the generator is tested and benchmarked at


def _event_count(text: str) -> int:
    low, high = SYNTH_EVENTS
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of events from {low:,} to {high:,}, not {text!r}"
        ) from None
    if not low <= count <= high:
        raise argparse.ArgumentTypeError(f"expected a number of events from {low:,} to {high:,}, not {count:,}")
    return count


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m citemap", description="Citemap: curated, source-linked event data."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("validate", help="check a dataset against the contract; print counts or every problem")
    _data_dir_argument(p)
    p.set_defaults(run=cmd_validate)

    p = commands.add_parser("segment", help="(re)build sentences.csv for one source; ids stay stable")
    p.add_argument("source_id")
    _data_dir_argument(p)
    p.set_defaults(run=cmd_segment)

    p = commands.add_parser("coverage", help="list the sentences no row cites, with their recorded reasons")
    _data_dir_argument(p)
    p.set_defaults(run=cmd_coverage)

    p = commands.add_parser(
        "brief", help="write the briefing slide for a filter as PNG, PDF or HTML (as the Briefing page shows it)"
    )
    from .filters import add_arguments

    add_arguments(p)  # the dashboard's URL keys for the filter, read the same way
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="brief.png (1920x1080), brief.pdf (one page) or brief.html (offline)",
    )
    p.add_argument("--scale", type=float, default=1.0, help="PNG pixels per slide pixel (2 gives 3840x2160)")
    _data_dir_argument(p)
    p.set_defaults(run=cmd_brief)

    p = commands.add_parser("geocode", help="fill in missing place coordinates: gazetteer first, then Nominatim")
    _data_dir_argument(p)
    p.add_argument("--offline", action="store_true", help="use only the offline gazetteer")
    p.add_argument("--user-agent", default="citemap-curation", help="user agent sent to Nominatim")
    p.set_defaults(run=cmd_geocode)

    p = commands.add_parser("datapackage", help="write datapackage.json (Frictionless) from the contract")
    _data_dir_argument(p)
    p.set_defaults(run=cmd_datapackage)

    p = commands.add_parser(
        "synth", help="write a valid synthetic dataset of N events (for scale tests and benchmarks)"
    )
    p.add_argument(
        "--events",
        type=_event_count,
        required=True,
        help=f"number of events, {SYNTH_EVENTS[0]:,} to {SYNTH_EVENTS[1]:,}",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="folder to write the dataset to: new, empty, or an earlier synthetic dataset (replaced whole, with any file added to it)",
    )
    p.add_argument("--seed", type=int, default=0, help="random seed: the same seed gives the same files")
    p.set_defaults(run=cmd_synth)

    p = commands.add_parser(
        "import-acled",
        help="write a dataset from ACLED exports; every row accounted for (exit 0 all, 3 some refused, 1 nothing written)",
    )
    p.add_argument("files", nargs="+", type=Path, help="ACLED event exports (CSV, any era)")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="folder to write: new, empty, or an earlier import (replaced whole)",
    )
    p.add_argument(
        "--merge-into",
        type=Path,
        default=None,
        metavar="DATASET",
        help="add the import to this dataset (left unchanged): the result goes to -o",
    )
    p.add_argument(
        "--date-order",
        choices=("day-first", "month-first"),
        default=None,
        help="order of slashed dates (5/10/2020) when no date in a file tells it",
    )
    p.set_defaults(run=cmd_import_acled)

    p = commands.add_parser("export-acled", help="write a dataset's events as ACLED's columns (CSV)")
    _data_dir_argument(p)
    p.add_argument("-o", "--output", type=Path, required=True, help="the CSV file to write")
    p.set_defaults(run=cmd_export_acled)

    p = commands.add_parser(
        "serve",
        help="open the dashboard (streamlit run app.py) on $CITEMAP_DATA or the bundled data; "
        "further arguments go to streamlit, e.g. --server.port 8502",
    )
    p.set_defaults(run=cmd_serve)

    from .curation.command import register as register_curation

    register_curation(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .problems import DatasetError

    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command == "serve":  # streamlit's own options pass through; any other command takes none it does not know
        args.streamlit_args = extra[1:] if extra[:1] == ["--"] else extra
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return args.run(args)
    except DatasetError as err:  # every problem, one per line, rather than a traceback
        print(str(err), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
