"""Which places a map names, and where each name goes: beside its place, clear of every marker, disc and
other name.

Towns are always named (those with the most events shown first, then the others, so that under any filter
the reader still sees where Bishkek and Osh are), with a dot where a town has no event shown; a view of a
town also names its sites with events. A name tries, in turn: beside its place east, west, above and below;
past the markers fanned round it, east, west, above and below; and only then, where nothing else is free, over
another name rather than over a marker (a name is never dropped for want of room: a town must be findable).
"""

from __future__ import annotations

from dataclasses import dataclass

from .labels import LabelSpace, text_width_px


@dataclass(frozen=True)
class Candidate:
    """A place to name: its name and point, how far its markers reach round it (px), and whether it must be named."""

    name: str
    latitude: float
    longitude: float
    reach_px: float  # the fan's radius plus a marker's: a name beyond it clears the markers
    rank: tuple  # lower first
    must: bool = False  # a town: named even where only room over another name is left
    fanned: bool = False  # markers are fanned round it on legs: its name goes past them, never among the legs


@dataclass(frozen=True)
class PlacedLabel:
    text: str
    latitude: float
    longitude: float
    dx_px: float  # where the name starts, east of the point (negative: west)
    dy_px: float = 0.0  # how far south of the point its middle is


GAP_PX = 7.0


def _tries(candidate: Candidate, width: float, label_px: float) -> list[tuple[float, float]]:
    near, far = GAP_PX, candidate.reach_px + GAP_PX
    above_below = candidate.reach_px + label_px * 0.9
    beside = [
        (near, 0.0),
        (-(near + width), 0.0),
        (-width / 2, -(near + label_px * 0.7)),
        (-width / 2, near + label_px * 0.7),
    ]
    return ([] if candidate.fanned else beside) + [
        (far, 0.0),
        (-(far + width), 0.0),
        (-width / 2, -above_below),
        (-width / 2, above_below),
    ]


def place_labels(
    candidates: list[Candidate], space: LabelSpace, label_px: float, most: int | None = None
) -> list[PlacedLabel]:
    """Names for the candidates, best ranked first (at most `most` of those not required), each where it is free
    in `space` (which holds the markers and discs already); returned in the candidates' order."""
    placed: dict[int, PlacedLabel] = {}
    optional = 0
    for number in sorted(range(len(candidates)), key=lambda i: candidates[i].rank):
        candidate = candidates[number]
        if not candidate.must and most is not None and optional >= most:
            continue
        width = text_width_px(candidate.name, label_px)
        tries = _tries(candidate, width, label_px)
        spot = next(
            (t for t in tries if space.claim(candidate.name, candidate.latitude, candidate.longitude, *t)), None
        )
        if spot is None and candidate.must:
            spot = next(
                (
                    t
                    for t in tries
                    if space.claim(candidate.name, candidate.latitude, candidate.longitude, *t, of_names=False)
                ),
                tries[-4],
            )
        if spot is None:
            continue
        if not candidate.must:
            optional += 1
        placed[number] = PlacedLabel(candidate.name, candidate.latitude, candidate.longitude, *spot)
    return [placed[i] for i in sorted(placed)]
