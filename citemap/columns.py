"""Column operations in Arrow, for a million rows: id lookups, id lists split, text searched.

Every result is what the plain pandas it replaces gives, dtypes included; each says why
Arrow (pandas built one Python object per value, which took seconds at a million rows).
"""

from __future__ import annotations

import contextlib
import ctypes

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .names import fold

# Performance (a million events): lists are split and texts joined in Arrow, not row by row in Python;
# every result is the same frame, dtypes included, as the plain pandas it replaces.
_PY_SPACE = "".join(f"\\x{{{ord(c):x}}}" for c in map(chr, range(0x110000)) if c.isspace())
_EDGE_SPACE = f"^[{_PY_SPACE}]|[{_PY_SPACE}]$"


def _arrow(values: pd.Series) -> pa.Array:
    return pa.array(values, type=pa.large_string())


def isin(values: pd.Series | pd.Index, lookup) -> np.ndarray:
    """values.isin(lookup) as a boolean array, in Arrow for text.

    pandas builds one Arrow scalar per looked-up value, which takes seconds for a million ids;
    Arrow's is_in takes milliseconds. The same answer (missing values match missing values);
    anything that is not text goes through pandas.
    """
    try:
        lookup = lookup.array if isinstance(lookup, (pd.Series, pd.Index)) else list(lookup)
        found = pc.is_in(
            pa.array(values.array, type=pa.large_string(), from_pandas=True),
            value_set=pa.array(lookup, type=pa.large_string(), from_pandas=True),
        )
        return found.to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        return np.asarray(
            values.isin(lookup if not isinstance(lookup, pd.api.extensions.ExtensionArray) else list(lookup))
        )


def _strip(parts: pa.Array) -> pa.Array:
    """str.strip() of each item: Python's own for the few items with spaces at an end."""
    spaced = pc.match_substring_regex(parts, _EDGE_SPACE).to_numpy(zero_copy_only=False)
    if not spaced.any():
        return parts
    values = parts.to_numpy(zero_copy_only=False).copy()
    values[spaced] = [v.strip() for v in values[spaced]]
    return pa.array(values, type=pa.large_string())


def contains(values: pd.Series, needle: str) -> np.ndarray:
    """Whether each text holds `needle` (already folded by names.fold), ignoring case and diacritics; missing text never does.

    In Arrow, without a folded copy: its case-insensitive match is the same as folding for text that
    is all ASCII, and the few other texts ('Ömürbek', 'Жээнбеков') are folded by Python.
    """
    arrow = pa.array(values.array, type=pa.large_string(), from_pandas=True)
    found = pc.fill_null(pc.match_substring(arrow, needle, ignore_case=True), False).to_numpy(zero_copy_only=False)
    other = ~pc.fill_null(pc.string_is_ascii(arrow), True).to_numpy(zero_copy_only=False)
    if other.any():
        texts = values.to_numpy()[other]
        found[other] = [isinstance(t, str) and needle in fold(t) for t in texts]
    return found


def release_memory() -> None:
    """Give the memory freed by building large frames back to the system (Arrow's pool and glibc's heap)."""
    pa.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def map_ids(ids: pd.Series, lookup: pd.Series) -> pd.Series:
    """ids.map(lookup) for a lookup with unique ids, found in Arrow rather than through a million Python strings."""
    if not len(lookup) or not lookup.index.is_unique or ids.isna().any():
        return ids.map(lookup)
    found = pc.index_in(_arrow(ids), value_set=_arrow(pd.Series(lookup.index))).to_numpy(zero_copy_only=False)
    hit = ~np.isnan(found)
    positions = np.where(hit, found, 0).astype(np.int64)
    values = lookup.array.take(positions)
    result = pd.Series(values, index=ids.index, name=ids.name)
    return result.where(hit) if not hit.all() else result


def split_ids(cells: pd.Series) -> tuple[np.ndarray, pa.Array] | None:
    """The ids of a ';'-separated id list column, in Arrow: (row of each id, the ids), stripped, empty ones left out.

    None where a cell is missing (the plain pandas path of explode_ids handles those).
    """
    if not len(cells) or not cells.notna().all():
        return None
    lists = pc.split_pattern(_arrow(cells), ";")
    parts = _strip(pc.list_flatten(lists))
    keep = pc.not_equal(parts, "")
    return pc.list_parent_indices(lists).to_numpy()[keep.to_numpy(zero_copy_only=False)], parts.filter(keep)


def explode_ids(frame: pd.DataFrame, key: str, column: str = "sentence_ids", into: str = "sentence_id") -> pd.DataFrame:
    """One row per (key, id) from a ';'-separated id list column."""
    split = split_ids(frame[column])
    if split is not None:
        rows, ids = split
        pairs = pd.DataFrame({key: frame[key].to_numpy()[rows], into: ids.to_numpy(zero_copy_only=False)})
        return pairs.astype({key: frame[key].dtype, into: "str"})
    pairs = frame[[key, column]].copy()
    pairs[into] = pairs[column].str.split(";")
    pairs = pairs.explode(into)
    pairs[into] = pairs[into].str.strip()
    return pairs.loc[pairs[into].notna() & (pairs[into] != ""), [key, into]].reset_index(drop=True)
