"""A problem found in a dataset, precise enough to fix without opening a debugger."""

from __future__ import annotations

from dataclasses import dataclass

from .words import plural


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None  # line in the file, 1 = header; None for file-level problems
    column: str | None
    value: str | None
    message: str  # what was expected, or what is wrong
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        value = "" if self.value is None else f": {_shorten(self.value)!r}"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{prefix}{where}{value}: {self.message}"

    def as_dict(self) -> dict:
        return {
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


def _shorten(value: str, limit: int = 120) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def visible(text: str) -> str:
    """The text with every character that prints as nothing or moves the text around it (line breaks,
    tabs, control and format characters, odd spaces) written as repr writes it: \\n, \\x00, \\u202e.

    For values quoted in a message: a trailing line break or a NUL is often the whole problem, and a
    table cell or a notice would otherwise hide it.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


class DatasetError(Exception):
    """Raised by `load` when a dataset breaks the contract; carries every problem found."""

    def __init__(self, data_dir: str, problems: list[Problem]):
        self.data_dir = data_dir
        self.problems = sorted(problems, key=lambda p: (p.severity != "error", p.file, p.line or 0, p.column or ""))
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(
            f"{plural(len(errors), 'problem')} in dataset {data_dir}:\n" + "\n".join(str(p) for p in errors[:50])
        )

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]
