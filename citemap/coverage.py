"""Which sentences does no row cite, and is there a recorded reason for each?"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .checks import cited_sentence_ids
from .contract import CITING_TABLES
from .dataset import Dataset
from .tables import rows
from .words import plural


@dataclass(frozen=True)
class CoverageReport:
    total: int
    cited: int
    uncited: pd.DataFrame  # sentence_id, kind, text, uncited_reason

    @property
    def unexplained(self) -> pd.DataFrame:
        return self.uncited[self.uncited["uncited_reason"] == ""]

    def text(self) -> str:
        lines = [f"{self.cited} of {self.total} sentences are cited by at least one row; {len(self.uncited)} are not."]
        for row in rows(self.uncited, index=False):
            reason = row.uncited_reason or "NO REASON RECORDED"
            lines.append(f"  {row.sentence_id} [{row.kind}] {row.text[:70]!r}: {reason}")
        if len(self.unexplained):
            lines.append(
                f"{plural(len(self.unexplained), 'uncited sentence')} {'has' if len(self.unexplained) == 1 else 'have'} no reason: cite them or fill uncited_reason in sentences.csv."
            )
        return "\n".join(lines)


def coverage_report(dataset: Dataset) -> CoverageReport:
    tables = {name: dataset.table(name) for name in ("sentences", "figures", *CITING_TABLES)}
    cited = cited_sentence_ids(tables)
    sentences = dataset.sentences
    uncited = sentences.loc[~sentences["sentence_id"].isin(cited), ["sentence_id", "kind", "text", "uncited_reason"]]
    return CoverageReport(
        total=len(sentences), cited=len(sentences) - len(uncited), uncited=uncited.reset_index(drop=True)
    )
