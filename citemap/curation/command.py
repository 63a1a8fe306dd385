"""The curation subcommands: add-source, propose, review, undo, history (registered in citemap/__main__.py)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date
from pathlib import Path

from ..words import plural


def _meta_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the source text, UTF-8")
    parser.add_argument("--published", required=True, help="publication date, YYYY-MM-DD")
    parser.add_argument(
        "--data", type=Path, default=None, help="dataset folder (default: $CITEMAP_DATA or the bundled data/)"
    )
    parser.add_argument("--online", action="store_true", help="allow Nominatim for places found nowhere offline")


def register(commands) -> None:
    p = commands.add_parser(
        "add-source", help="add a source text: segment it, record it, save its proposals for review"
    )
    _meta_arguments(p)
    for name in ("publisher", "title", "author", "url", "licence", "label", "attribution", "source-id"):
        p.add_argument(f"--{name}", default="")
    p.add_argument("--language", default="en")
    p.add_argument("--kind", default="news_article")
    p.add_argument("--who", default="", help="your name for the change log (default: the login name)")
    p.set_defaults(run=cmd_add_source)

    p = commands.add_parser("propose", help="print the proposals for a text as JSON; writes nothing")
    _meta_arguments(p)
    p.add_argument("--source-id", default="new-source")
    p.add_argument("--json", action="store_true", help="print JSON (the only output form)")
    p.set_defaults(run=cmd_propose)

    p = commands.add_parser(
        "review", help="accept or reject proposals from the command line (the Curate page does the same)"
    )
    p.add_argument("data_dir", type=Path)
    p.add_argument("--accept", nargs="*", default=[], help="proposal keys SOURCE/ID, or 'all'")
    p.add_argument("--reject", nargs="*", default=[], help="proposal keys to reject (needs --why)")
    p.add_argument("--why", default="")
    p.add_argument("--who", default="")
    p.set_defaults(run=cmd_review)

    p = commands.add_parser("undo", help="undo one logged change (as a new change)")
    p.add_argument("data_dir", type=Path)
    p.add_argument("change_id", type=int)
    p.add_argument("--who", default="")
    p.set_defaults(run=cmd_undo)

    p = commands.add_parser("history", help="list the change log: who changed what, when and why")
    p.add_argument("data_dir", type=Path, nargs="?", default=None)
    p.set_defaults(run=cmd_history)


def _data(path: Path | None) -> Path:
    from ..dataset import default_data_dir

    return Path(path) if path is not None else default_data_dir()


def _who(name: str) -> str:
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def cmd_add_source(args) -> int:
    from . import store
    from .add_source import IntakeError, SourceMeta, add_source

    try:
        raw = args.file.read_bytes()
    except OSError as err:
        print(f"citemap add-source: nothing written: cannot read {args.file}: {err.strerror}", file=sys.stderr)
        return 2
    meta = SourceMeta(
        published=args.published,
        source_id=args.source_id,
        title=args.title,
        publisher=args.publisher,
        author=args.author,
        url=args.url,
        language=args.language,
        licence=args.licence,
        kind=args.kind,
        label=args.label,
        attribution=args.attribution,
        file_name=str(args.file),
    )
    try:
        added = add_source(_data(args.data), raw, meta, who=_who(args.who), allow_online=args.online)
    except (IntakeError, store.SaveRefused, store.StaleVersion) as err:
        print(f"citemap add-source: nothing written: {err}", file=sys.stderr)
        return 2
    for warning in added.warnings:
        print(f"note: {warning}")
    print(
        f"added source {added.source_id}: {added.sentences} sentences; {added.proposals} proposals to review in {added.proposals_path}"
    )
    return 0


def cmd_propose(args) -> int:
    from .add_source import IntakeError, SourceMeta, check, decode
    from .propose import propose

    try:
        raw = args.file.read_bytes()
        text = decode(raw, str(args.file))
        published = date.fromisoformat(args.published)
    except (OSError, IntakeError, ValueError) as err:
        print(f"citemap propose: {err}", file=sys.stderr)
        return 2
    proposals = propose(text, args.source_id, published, _data(args.data), allow_online=args.online)
    try:  # what add-source would refuse, said but not fatal here
        check(
            _data(args.data),
            raw,
            SourceMeta(published=args.published, source_id=args.source_id, file_name=str(args.file)),
        )
    except IntakeError as err:
        proposals.warnings.append(str(err))
    out = proposals.as_json()
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


def cmd_review(args) -> int:
    from . import review, store

    data_dir, who = args.data_dir, _who(args.who)
    queue = review.load_queue(data_dir)
    keys = [p["key"] for p in queue.pending()] if args.accept == ["all"] else args.accept
    done = 0
    try:
        for key in keys:
            if review.load_queue(data_dir).status.get(key, "pending") != "pending":
                continue  # accepted already, as another's need
            review.accept(data_dir, key, base=store.current_version(data_dir), who=who, why=args.why)
            done += 1
        for key in args.reject:
            review.reject(data_dir, key, base=store.current_version(data_dir), who=who, why=args.why)
            done += 1
    except (store.SaveRefused, store.StaleVersion, StopIteration) as err:
        print(f"citemap review: stopped after {plural(done, 'decision')}: {err}", file=sys.stderr)
        return 2
    print(f"{plural(done, 'decision')} saved; {review.load_queue(data_dir).progress()}")
    return 0


def cmd_undo(args) -> int:
    from . import store

    try:
        entry = store.undo(args.data_dir, args.change_id, base=store.current_version(args.data_dir), who=_who(args.who))
    except (store.SaveRefused, store.StaleVersion) as err:
        print(f"citemap undo: nothing changed: {err}", file=sys.stderr)
        return 2
    print(f"change {entry['change_id']}: {entry['summary']}")
    return 0


def cmd_history(args) -> int:
    from . import store

    lines = store.history_lines(_data(args.data_dir))
    print("\n".join(lines) if lines else "No changes logged yet.")
    return 0
