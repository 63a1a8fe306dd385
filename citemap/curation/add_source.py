"""add-source: take a text in verbatim, segment it, record its source row, and save its proposals for review.

`add_source(data_dir, raw_bytes, SourceMeta(...))` refuses bad input with `IntakeError` and writes nothing:
an empty or binary file, text that is not UTF-8 (naming the encoding it looks like), a text over
MAX_BYTES, a text in another language than the one given (naming it), a publication date in the future
or not a date, a source id or a text already in the dataset (by content hash). Otherwise one saved change
(store.save) adds the text under sources/, its sources.csv row, its sentences and proposals/<source_id>.json;
the other tables change only when proposals are accepted.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..contract import ID_PATTERN
from ..csvwrite import read_rows
from ..segment import segment
from . import store
from .gazetteer import slug
from .propose import ProposalSet, propose

MAX_BYTES = 2_000_000  # some 300,000 words: far more than any article; a bigger file is a mistake or a dump
KINDS = {
    "news_article": "News article",
    "encyclopedia": "Encyclopedia article",
    "agency_report": "Agency report",
    "government_statement": "Government statement",
    "dataset_notes": "Dataset notes",
}
LANGUAGE_NAMES = {
    "en": "English",
    "ru": "Russian",
    "ky": "Kyrgyz",
    "kk": "Kazakh",
    "uz": "Uzbek",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ar": "Arabic",
    "zh": "Chinese",
    "fa": "Persian",
    "it": "Italian",
    "pt": "Portuguese",
}


class IntakeError(Exception):
    """Bad input: the message says what is wrong; nothing was written."""


@dataclass
class SourceMeta:
    published: str
    source_id: str = ""
    title: str = ""
    publisher: str = ""
    author: str = ""
    url: str = ""
    language: str = "en"
    licence: str = ""
    kind: str = "news_article"
    label: str = ""
    attribution: str = ""
    notes: str = ""
    file_name: str = ""  # the name of the file it came from, for messages


@dataclass
class Added:
    source_id: str
    sentences: int
    proposals: int
    proposals_path: Path
    entry: dict
    warnings: list[str] = field(default_factory=list)


def text_hash(text: str) -> str:
    """What makes two texts the same: their characters, whatever the line endings and byte-order mark."""
    normal = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def decode(raw: bytes, name: str) -> str:
    if not raw.strip():
        raise IntakeError(f"{name}: the file is empty: there is no text to add.")
    if len(raw) > MAX_BYTES:
        raise IntakeError(
            f"{name}: the file is {len(raw) / 1_000_000:.1f} MB; a source may be at most {MAX_BYTES / 1_000_000:.0f} MB of text. Split it into its articles."
        )
    for magic, what in (
        (b"%PDF", "a PDF"),
        (b"PK\x03\x04", "a ZIP or Word/OpenDocument file"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"{\\rtf", "an RTF document"),
    ):
        if raw.startswith(magic):
            raise IntakeError(
                f"{name}: this is {what}, not plain text: copy its text and paste it, or save it as UTF-8 text."
            )
    if (nul := raw.find(b"\x00", 0, 65536)) >= 0:
        raise IntakeError(f"{name}: the file is binary (a NUL byte at offset {nul}), not text: save it as UTF-8 text.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        guess = _guess_encoding(raw)
        raise IntakeError(
            f"{name}, line {line}: the text is not UTF-8 (bytes {raw[err.start : err.start + 4]!r} at offset {err.start})"
            + (f"; it looks like {guess}" if guess else "")
            + ". Save it as UTF-8 and add it again."
        ) from None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(10, len(text) // 100):
        raise IntakeError(f"{name}: the file holds {controls} control characters: it looks binary, not text.")
    return text.lstrip("\ufeff")


def _guess_encoding(raw: bytes) -> str:
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return ""
    best = from_bytes(raw).best()
    if best is None:
        return ""
    languages = [language for language in (best.languages or []) if language and language != "Unknown"]
    return best.encoding + (f" ({', '.join(languages[:2])} text)" if languages else "")


def detect_language(text: str) -> tuple[str, float]:
    """(BCP 47 code, probability) from py3langid's bundled model; ('', 0) if it cannot tell."""
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return "", 0.0
    identifier = _identifier(LanguageIdentifier, MODEL_FILE)
    code, probability = identifier.classify(text[:20000])
    return code, float(probability)


_IDENTIFIER: list[Any] = []  # py3langid's LanguageIdentifier, made once on first use


def _identifier(cls, model):
    if not _IDENTIFIER:
        _IDENTIFIER.append(cls.from_model_file(model, norm_probs=True))
    return _IDENTIFIER[0]


def _published(meta: SourceMeta, today: date) -> date:
    try:
        published = date.fromisoformat(meta.published)
    except (TypeError, ValueError):
        raise IntakeError(f"--published {meta.published!r} is not a date: give it as YYYY-MM-DD.") from None
    if published > today:
        raise IntakeError(
            f"--published {published.isoformat()} is in the future (today is {today.isoformat()}): a source cannot be published after it is added."
        )
    return published


def check(data_dir: Path, raw: bytes, meta: SourceMeta, today: date | None = None) -> tuple[str, date, str, list[str]]:
    """Everything add-source refuses, checked before anything is written: (text, published, source_id, warnings)."""
    data_dir = Path(data_dir)
    name = meta.file_name or "the text"
    today = today or date.today()
    published = _published(meta, today)
    text = decode(raw, name)
    warnings = []
    if meta.kind not in KINDS:
        raise IntakeError(f"--kind {meta.kind!r} is not a source kind: choose one of {', '.join(KINDS)}.")
    if meta.url and not re.match(r"^https?://\S+$", meta.url):
        raise IntakeError(f"--url {meta.url!r} is not a web address (http or https).")
    if not re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", meta.language or ""):
        raise IntakeError(f"--language {meta.language!r} is not a language tag such as en, ru or ky.")
    code, probability = detect_language(text)
    if code and probability >= 0.9 and code != meta.language.split("-")[0]:
        raise IntakeError(
            f"{name}: the text looks like {LANGUAGE_NAMES.get(code, code)} ({code}, {probability:.0%} sure), not {LANGUAGE_NAMES.get(meta.language, meta.language)}. "
            f"If so, add it with --language {code}: Citemap's proposals read English, and for other languages propose what they can "
            "(names, numbers in digits, explicit dates)."
        )
    if meta.language.split("-")[0] != "en":
        warnings.append(
            f"The text is in {LANGUAGE_NAMES.get(meta.language, meta.language)}: the proposals read English words, so only names, numbers in digits and explicit dates are proposed. Code the rest by hand."
        )
    sources = read_rows(data_dir / "sources.csv")
    digest = text_hash(text)
    for row in sources:
        path = data_dir / "sources" / row.get("file", "")
        if path.is_file() and text_hash(path.read_bytes().decode("utf-8", errors="replace")) == digest:
            raise IntakeError(
                f"{name}: this text is already in the dataset as source {row['source_id']} (sources/{row['file']}, same content): nothing to add."
            )
    source_id = meta.source_id or _new_id(meta, published, {r["source_id"] for r in sources})
    if not re.match(ID_PATTERN, source_id):
        raise IntakeError(
            f"--source-id {source_id!r} is not an id: letters, digits, '.', '_' and '-', starting with a letter or digit."
        )
    if any(r["source_id"] == source_id for r in sources):
        raise IntakeError(f"sources.csv already has a source {source_id!r}: choose another --source-id.")
    return text, published, source_id, warnings


def _new_id(meta: SourceMeta, published: date, taken: set[str]) -> str:
    base = f"{slug(meta.publisher)}-{published.isoformat()}" if meta.publisher else f"src-{published.isoformat()}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def source_row(meta: SourceMeta, source_id: str, published: date, file_name: str) -> dict:
    kind_words = KINDS[meta.kind]
    day = f"{published.day} {published.strftime('%B %Y')}"
    label = meta.label or f"{kind_words}, {published.day} {published.strftime('%b %Y')}"
    attribution = meta.attribution or (
        f"{meta.publisher or 'Publisher unknown'}; {kind_words.lower()} of {day}"
        + (f", {meta.licence}" if meta.licence else ", quoted for analysis")
    )
    return {
        "source_id": source_id,
        "label": label,
        "kind": meta.kind,
        "title": meta.title,
        "publisher": meta.publisher,
        "author": meta.author,
        "published": published.isoformat(),
        "published_basis": "stated",
        "url": meta.url,
        "file": file_name,
        "language": meta.language,
        "licence": meta.licence,
        "attribution": attribution,
        "notes": meta.notes or "Added with add-source; the publication date as the person who added it gave it.",
    }


def proposals_file(source_id: str) -> str:
    return f"proposals/{source_id}.json"


def add_source(
    data_dir: Path,
    raw: bytes,
    meta: SourceMeta,
    *,
    who: str = "",
    allow_online: bool = False,
    today: date | None = None,
) -> Added:
    data_dir = Path(data_dir)
    base = store.current_version(data_dir)
    text, published, source_id, warnings = check(data_dir, raw, meta, today)
    file_name = f"{source_id}.txt"
    proposals: ProposalSet = propose(text, source_id, published, data_dir, allow_online=allow_online)
    proposals.warnings += warnings
    sentence_rows = [
        {
            "sentence_id": s.sentence_id,
            "source_id": s.source_id,
            "paragraph": s.paragraph,
            "start": s.start,
            "end": s.end,
            "kind": s.kind,
            "text": s.text,
            "uncited_reason": "",
        }
        for s in segment(source_id, text)
    ]
    row = source_row(meta, source_id, published, file_name)
    ops = [{"table": "sources", "before": None, "after": row}]
    ops += [{"table": "sentences", "before": None, "after": {k: str(v) for k, v in s.items()}} for s in sentence_rows]
    content = text.encode("utf-8")
    payload = json.dumps(proposals.as_json(), ensure_ascii=False, indent=1).encode("utf-8")
    ops += [
        {"table": "file", "path": f"sources/{file_name}", "before": None, "after": hashlib.sha256(content).hexdigest()},
        {
            "table": "file",
            "path": proposals_file(source_id),
            "before": None,
            "after": hashlib.sha256(payload).hexdigest(),
        },
    ]
    entry = store.save(
        data_dir,
        ops,
        base=base,
        who=who,
        action="add-source",
        why=f"added {meta.file_name or file_name}",
        files={f"sources/{file_name}": content, proposals_file(source_id): payload},
        extra={
            "summary": f"source {source_id} ({len(sentence_rows)} sentences, {len(proposals.proposals)} proposals)",
            "source_id": source_id,
        },
    )
    return Added(
        source_id,
        len(sentence_rows),
        len(proposals.proposals),
        data_dir / proposals_file(source_id),
        entry,
        proposals.warnings,
    )
