"""The timeline worked out as plain data, for a canvas: panels, rows, wrapped labels, spans or bins, ticks, legend.

The Timeline page, the camera's PNG and the Briefing slide pass different
canvases (width, height, type size, legend) to `timeline_layout`; one renderer
(citemap/charts/timeline.py) draws whatever layout it is given. Nothing here
knows plotly, and nothing reads a finished figure back: every size is decided
here, in pixels, so that tests can check the picture as data.

Each event is a bar over the span in which it may have happened: the hours of
"Monday evening", the whole day when no hour is given, several days or a year
when the source is vague. Solid bars are events whose part of the day is
stated; hatched bars are spans of uncertainty. Background events (spans longer
than a week) go in a panel of their own so they do not squash the main days.

Past AGGREGATE_ABOVE events a bar per event is unreadable (and slow): the
timeline then counts events per hour, day, week or month (the finest that
gives at most MAX_BINS bars), stacked by event type in the same colours, and
its panel titles say so. An event is counted in the bin where its span
begins; hatched segments are events whose span is longer than a bin.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from ..contract import EVENT_TYPES
from .text import hover_text, safe, text_width

BACKGROUND_SPAN = pd.Timedelta(days=7)
PANEL_TITLES = ("The days of the unrest, by hour", "Background, by year")  # of a chart of bars, main and background
AGGREGATE_ABOVE = 250  # events: past this the timeline counts events per bin
MAX_BINS = 400
SHADE_DAYS_UP_TO = (
    92  # night shading is one pair of bands per day: beyond a season it is noise (and thousands of shapes)
)
DAY_TICKS_UP_TO = 31  # days: past a month, day names are too many; the axis writes dates (with years) itself
BINS = (
    ("hour", pd.Timedelta(hours=1)),
    ("day", pd.Timedelta(days=1)),
    ("week", pd.Timedelta(days=7)),
    ("month", pd.Timedelta(days=31)),
)
LINE_HEIGHT = 1.25  # of a label's lines, in font sizes (plotly's own spacing of <br> lines is about 1.3)
LEGEND_SWATCH_PX = 40  # a legend entry's swatch and gaps, besides its text
GAP_PX = 10  # between labels and bars, and at the right edge


# ------------------------------------------------------------------ the canvas a layout is made for


@dataclass(frozen=True)
class Canvas:
    """What a timeline is drawn in: its size, type, legend, and the rules its labels follow.

    width_px is the narrowest width it is drawn at: labels are wrapped to it, and a wider
    drawing gives the extra width to the time axis. height_px, when set, is the most the
    chart may take (title and footer bands aside): rows then shrink, down to one line each.
    """

    width_px: int = 640
    height_px: int | None = None
    font_px: int = 12
    label_share: float = 0.5  # of the width, at most, for the bars' labels
    label_lines: int = 2  # at most, per label
    min_label_font_px: int = 10  # rows that must shrink to fit height_px take smaller type, down to this
    row_px: int = 26  # a row of one line; two lines take more
    legend: Literal["top", "none"] = "top"
    legend_keys: bool = True  # keys for hatching and the corroboration outline, besides one entry per type
    name_single_panel: bool = True  # the Briefing says which panel it shows in its title instead
    font_family: str = '"Liberation Sans", Arial, Helvetica, sans-serif'  # Arial's widths: text_width measures them


DEFAULT_CANVAS = Canvas()


# ------------------------------------------------------------------ what a layout holds


@dataclass(frozen=True)
class Label:
    event_id: str
    lines: tuple[str, ...]  # plain text (not escaped), each at most the label width
    full: str  # what the label would say with room enough: the summary and its source count
    cut: bool  # an ellipsis ends it: the whole would need more than the canvas's lines


@dataclass(frozen=True)
class Span:
    event_id: str
    start: pd.Timestamp
    end: pd.Timestamp
    event_type: str
    vague: bool
    sources: int
    selected: bool
    hover: str  # plotly text, escaped


@dataclass(frozen=True)
class Bin:
    start: pd.Timestamp
    end: pd.Timestamp
    event_type: str
    vague: bool
    count: float  # events; shares of events when spread over months
    hover: str


@dataclass(frozen=True)
class Tick:
    at: pd.Timestamp
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Panel:
    kind: Literal["hours", "years", "counted"]
    title: str  # plotly text ('' for none)
    top_px: float  # from the top of the plot area
    height_px: float
    row_px: float  # 0 for a counted panel
    labels: tuple[Label, ...]  # top to bottom; none for a counted panel
    spans: tuple[Span, ...]
    bins: tuple[Bin, ...]
    x_range: tuple[pd.Timestamp, pd.Timestamp] | None
    ticks: tuple[Tick, ...]  # empty: the axis places its own, in tick_format or every tick_dtick
    tick_format: str
    tick_dtick: str
    nights: tuple[tuple[pd.Timestamp, pd.Timestamp], ...]
    midnights: tuple[pd.Timestamp, ...]
    y_title: str = ""


@dataclass(frozen=True)
class LegendEntry:
    name: str
    event_type: str  # '' for a key that is no type (the hatching, the outline)
    vague: bool = False
    outline: bool = False


@dataclass(frozen=True)
class TimelineLayout:
    panels: tuple[Panel, ...]
    legend: tuple[LegendEntry, ...]
    legend_rows: int
    width_px: int
    height_px: int  # margins and plot
    margin: dict[str, int]  # l, r, t, b in pixels
    font_px: int  # labels, ticks and legend
    label_font_px: int  # the bars' labels (smaller only when rows must shrink)
    label_px: int  # the labels' column
    font_family: str
    counted: bool
    message: str = ""  # drawn instead of panels: nothing matches

    @property
    def plot_px(self) -> int:
        return self.height_px - self.margin["t"] - self.margin["b"]


# ------------------------------------------------------------------ events: main days and background


def is_background(events: pd.DataFrame) -> pd.Series:
    """Events known only to a span longer than a week: they go in the background panel."""
    return (events["end"] - events["start"]) > BACKGROUND_SPAN


def split_background(events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    long = is_background(events)
    return events[~long], events[long]


def is_uncertain(events: pd.DataFrame) -> pd.Series:
    """A span rather than a moment: no part of the day stated, or a vague date."""
    return (events["time_of_day"] == "") | (events["time_precision"] > 1)


# ------------------------------------------------------------------ labels


def wrap_label(text: str, width_px: float, font_px: float, lines: int = 2, suffix: str = "") -> tuple[list[str], bool]:
    """text broken at spaces into at most `lines` lines no wider than width_px, the suffix kept whole at its end.

    Returns the lines and whether the text was cut: when the whole does not fit, the
    words that fit are kept and an ellipsis follows the last of them (before the suffix).
    A word wider than a line (an address, a run of characters with no space) is broken
    across lines rather than cut, so that what is drawn is always the text's beginning.
    """
    words = text.split()
    tail = [suffix] if suffix else []
    whole = _fill(words + tail, width_px, font_px)
    if len(whole) <= lines:
        return whole, False

    def cut_after(count: int) -> list[str]:
        kept = words[:count]
        if kept:
            kept = [*kept[:-1], kept[-1] + "…"]
        return _fill(kept + tail, width_px, font_px)

    low, high = 0, len(words)  # the most words kept whose cut version fits: found by halving, as fitting is monotonic
    while low < high:
        middle = (low + high + 1) // 2
        if len(cut_after(middle)) <= lines:
            low = middle
        else:
            high = middle - 1
    if low:
        return cut_after(low), True
    # Not even the first word fits whole: its beginning fills the lines, then the ellipsis and the suffix.
    body = _fill(words, width_px, font_px)[:lines]
    end = f"… {suffix}" if suffix else "…"
    body[-1] = _cut_to(body[-1], width_px, font_px, end) + end
    return body, True


def _fill(words: list[str], width_px: float, font_px: float) -> list[str]:
    """Words flowed into lines no wider than width_px; a word wider than a line is broken across lines."""
    out: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, font_px) <= width_px:
            line = candidate
            continue
        if line:
            out.append(line)
        while len(word) > 1 and text_width(word, font_px) > width_px:
            piece = _cut_to(word, width_px, font_px, "") or word[0]
            out.append(piece)
            word = word[len(piece) :]
        line = word
    if line:
        out.append(line)
    return out


def _cut_to(word: str, width_px: float, font_px: float, end: str = "…") -> str:
    """The longest beginning of word that fits width_px with `end` after it."""
    while word and text_width(word + end, font_px) > width_px:
        word = word[:-1]
    return word


def label_for(event_id: str, summary: str, sources: int, width_px: float, font_px: float, lines: int) -> Label:
    """The bar's label; an event two or more sources report says so, so that a pasted picture shows what is corroborated."""
    suffix = f"({sources} sources)" if sources > 1 else ""
    summary = " ".join(str(summary).split())
    wrapped, cut = wrap_label(summary, width_px, font_px, lines, suffix)
    return Label(event_id, tuple(wrapped), f"{summary} {suffix}".strip(), cut)


def label_column_px(events: pd.DataFrame, canvas: Canvas, font_px: float) -> int:
    """The labels' column: what the longest label needs on one line, at most label_share of the width."""
    most = canvas.width_px * canvas.label_share
    if not len(events):
        return int(most)
    widest = max(text_width(str(s), font_px) for s in events["summary"]) + text_width(" (9 sources)", font_px)
    return int(min(most, widest + 2))


# ------------------------------------------------------------------ ticks


def day_ticks(first: pd.Timestamp, last: pd.Timestamp, plot_px: float, font_px: float) -> tuple[Tick, ...]:
    """Day names at midnight and hours between only where they fit, at this plot width and type size."""
    hours = max((last - first) / pd.Timedelta(hours=1), 1)
    per_hour = plot_px / hours
    day_label = text_width("Wed 30 Sep", font_px) * 1.1  # bold
    hour_label = text_width("12:00", font_px)
    step = next((s for s in (3, 6, 12) if s * per_hour >= (day_label + hour_label) / 2 + 10), 24)
    if 24 * per_hour < day_label + 12:
        step = 24 * math.ceil((day_label + 12) / (24 * per_hour))
    ticks = pd.date_range(first, last, freq=f"{step}h")
    return tuple(Tick(t, f"{t:%a} {t.day} {t:%b}", True) if t.hour == 0 else Tick(t, f"{t:%H}:00") for t in ticks)


def year_dtick(first: pd.Timestamp, last: pd.Timestamp, plot_px: float, font_px: float) -> str:
    """Every year, or every few years where years would collide at this width."""
    years = max((last - first) / pd.Timedelta(days=365.25), 1)
    per_year = plot_px / years
    step = max(1, math.ceil((text_width("2020", font_px) + 16) / per_year))
    return f"M{12 * step}"


def night_shading(first: pd.Timestamp, last: pd.Timestamp) -> tuple[tuple, tuple]:
    """Night bands (midnight to 06:00, 20:00 to midnight) and midnights, over days up to SHADE_DAYS_UP_TO."""
    if last - first > pd.Timedelta(days=SHADE_DAYS_UP_TO):
        return (), ()
    days = pd.date_range(first, last, freq="D", inclusive="left")
    nights = []
    for day in days:
        nights.append((day, day + pd.Timedelta(hours=6)))
        nights.append((day + pd.Timedelta(hours=20), day + pd.Timedelta(hours=24)))
    return tuple(nights), tuple(days)


# ------------------------------------------------------------------ counting, past AGGREGATE_ABOVE events


def bin_size(first: pd.Timestamp, last: pd.Timestamp, max_bins: int = MAX_BINS) -> str:
    """The finest of hour, day, week and month that covers first..last in at most max_bins bins."""
    for name, width in BINS:
        if (last - first) / width <= max_bins:
            return name
    return "month"


def bin_start(times: pd.Series, size: str) -> pd.Series:
    """The start of the hour, day, week (from Monday) or month each time falls in."""
    if size == "hour":
        return times.dt.floor("h")
    day = times.dt.floor("D")
    if size == "day":
        return day
    if size == "week":
        return day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    return day - pd.to_timedelta(day.dt.day - 1, unit="D")


def _bin_end(starts: pd.Series, size: str) -> pd.Series:
    if size == "month":
        return starts + pd.offsets.MonthBegin(1)
    return starts + dict(BINS)[size]


def binned_counts(events: pd.DataFrame, size: str) -> pd.DataFrame:
    """Events per bin, event type and vagueness: columns bin, bin_end, event_type, vague, count.

    An event is counted in the bin its span begins in; it is vague when its span reaches past that bin.
    """
    starts = bin_start(events["start"], size)
    ends = _bin_end(starts, size)
    kinds = pd.Categorical(events["event_type"].array)  # codes, not a million Python strings
    frame = pd.DataFrame({"bin": starts.to_numpy(), "event_type": kinds, "vague": (events["end"] > ends).to_numpy()})
    counts = (
        frame.groupby(["bin", "event_type", "vague"], sort=True, observed=True).size().rename("count").reset_index()
    )
    counts["event_type"] = counts["event_type"].astype(str)
    counts["bin_end"] = _bin_end(counts["bin"], size)
    return counts


def spread_by_month(events: pd.DataFrame, max_months: int = 600) -> pd.DataFrame:
    """Vague events shared evenly among the months their span touches: columns bin, bin_end, event_type, vague, count.

    An event known only to "2021" counts 1/12 in each month of 2021, so a year of vague
    events does not pile up in January. Counts are fractions of events.
    """
    first = events["start"].dt.year * 12 + events["start"].dt.month - 1
    last = (
        (events["end"] - pd.Timedelta(microseconds=1)).dt.year * 12
        + (events["end"] - pd.Timedelta(microseconds=1)).dt.month
        - 1
    )
    months = np.clip((last - first + 1).to_numpy(), 1, max_months)
    rows = np.repeat(np.arange(len(events)), months)
    step = np.arange(len(rows)) - np.repeat(np.cumsum(months) - months, months)
    month = first.to_numpy()[rows] + step
    kinds = pd.Categorical(events["event_type"].array)
    frame = pd.DataFrame({"month": month, "event_type": kinds.take(rows), "share": 1.0 / months[rows]})
    counts = (
        frame.groupby(["month", "event_type"], sort=True, observed=True)["share"].sum().rename("count").reset_index()
    )
    counts["event_type"] = counts["event_type"].astype(str)
    counts["bin"] = pd.to_datetime({"year": counts["month"] // 12, "month": counts["month"] % 12 + 1, "day": 1}).astype(
        "datetime64[us]"
    )
    counts["bin_end"] = counts["bin"] + pd.offsets.MonthBegin(1)
    counts["vague"] = True
    return counts[["bin", "event_type", "vague", "count", "bin_end"]]


def _bins(events: pd.DataFrame, size: str) -> tuple[Bin, ...]:
    counts = spread_by_month(events) if size == "spread" else binned_counts(events, size)
    size = "month" if size == "spread" else size
    pattern = "%Y-%m-%d %H:00" if size == "hour" else "%Y-%m-%d"
    result = []
    columns = (counts[name].tolist() for name in ("bin", "bin_end", "event_type", "vague", "count"))
    for start, end, event_type, vague, count in zip(*columns):
        what = safe(str(event_type)) + (f", span longer than the {size}" if vague else "")
        start, end = pd.Timestamp(start), pd.Timestamp(end)
        hover = f"<b>{count:,.4g} events</b> ({what})<br>{size} from {start.strftime(pattern)}"
        result.append(Bin(start, end, str(event_type), bool(vague), float(count), hover))
    return tuple(result)


# ------------------------------------------------------------------ sizes in pixels


def tick_band(font_px: float, lines: int = 2) -> int:
    return math.ceil(lines * font_px * 1.3 + 10)


def title_band(font_px: float) -> int:
    return math.ceil((font_px + 1) * 1.3 + 10)


def legend_band(rows: int, font_px: float) -> int:
    return math.ceil(rows * (font_px * 1.4 + 8) + 6) if rows else 0


def legend_rows(entries: tuple[LegendEntry, ...], width_px: float, font_px: float) -> int:
    """How many rows a horizontal legend takes at width_px (entries flow left to right)."""
    rows, used = (1 if entries else 0), 0.0
    for entry in entries:
        size = LEGEND_SWATCH_PX + text_width(entry.name, font_px)
        if used and used + size > width_px:
            rows, used = rows + 1, 0.0
        used += size
    return rows


def _legend(events: pd.DataFrame, canvas: Canvas) -> tuple[LegendEntry, ...]:
    if canvas.legend == "none" or not len(events):
        return ()
    present = set(events["event_type"])
    entries = [LegendEntry(t, t) for t in EVENT_TYPES if t in present]
    if canvas.legend_keys:
        entries.append(LegendEntry("Hatched: span of uncertainty", "", vague=True))
        if "source_count" in events.columns and (events["source_count"] > 1).any():
            entries.append(LegendEntry("Dark outline, “(N sources)”: reported by 2+ sources", "", outline=True))
    return tuple(entries)


# ------------------------------------------------------------------ the layout


def timeline_layout(
    events: pd.DataFrame, canvas: Canvas = DEFAULT_CANVAS, *, selected: str | None = None
) -> TimelineLayout:
    """The timeline of these events for this canvas: a bar per event, or counts past AGGREGATE_ABOVE events."""
    font = canvas.font_px
    if not len(events):
        return TimelineLayout(
            (),
            (),
            0,
            canvas.width_px,
            200,
            {"l": 10, "r": 10, "t": 40, "b": 10},
            font,
            font,
            0,
            canvas.font_family,
            False,
            "No event matches the filter.",
        )
    if len(events) > AGGREGATE_ABOVE:
        return _counted_layout(events, canvas)
    return _bars_layout(events, canvas, selected)


def _panel_frames(events: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    main, background = split_background(events)
    return [(kind, frame) for kind, frame in (("hours", main), ("years", background)) if len(frame)]


def _bars_layout(events: pd.DataFrame, canvas: Canvas, selected: str | None) -> TimelineLayout:
    font = canvas.font_px
    legend = _legend(events, canvas)
    # The legend flows over the plot's width (plotly wraps it there): the labels' column at full type leaves the least.
    plot_least = canvas.width_px - label_column_px(events, canvas, font) - 2 * GAP_PX
    rows_of_legend = legend_rows(legend, plot_least, font)
    frames = _panel_frames(events)
    named = canvas.name_single_panel or len(frames) > 1
    top = legend_band(rows_of_legend, font) + (title_band(font) if named else 4)
    bottom = tick_band(font, _tick_lines(*frames[-1]))
    between = tick_band(font, _tick_lines(*frames[0])) + (title_band(font) if named else 0) + 8
    fixed = top + bottom + between * (len(frames) - 1)
    counts = [len(frame) for _, frame in frames]

    # Lines and type of the labels: two lines of the canvas's type, unless the rows must shrink to fit its height.
    label_font, lines = float(font), canvas.label_lines
    room = math.inf
    if canvas.height_px is not None:
        room = (canvas.height_px - fixed - 12 * len(frames)) / max(sum(counts), 1)
        smallest = min(canvas.min_label_font_px, font)
        while _row_px(label_font, lines, canvas.row_px * label_font / font) > room and (
            lines > 1 or label_font > smallest
        ):
            if lines > 1:
                lines -= 1
            else:
                label_font -= 1
    one_line = canvas.row_px * label_font / font
    label_px = label_column_px(events, canvas, label_font)
    plot_w = canvas.width_px - label_px - 2 * GAP_PX

    panels = []
    y = 0.0
    for kind, frame in frames:
        order = frame.sort_values(["start", "order"])  # the earliest at the top
        sources = order["source_count"] if "source_count" in order.columns else pd.Series(1, index=order.index)
        labels = tuple(
            label_for(str(event_id), summary, int(n or 1), label_px, label_font, lines)
            for event_id, summary, n in zip(order.index, order["summary"], sources)
        )
        # Uniform rows: plotly spaces categories evenly, so the tallest label sets the row.
        panel_row = _row_px(label_font, max(len(label.lines) for label in labels), one_line)
        panel_row = min(panel_row, max(room, label_font * 1.05))  # at the last, lines of type without a gap
        height = max(len(frame), 2) * panel_row + 12
        uncertain = is_uncertain(order)
        spans = tuple(
            Span(
                str(event_id),
                row["start"],
                row["end"],
                row["event_type"],
                bool(vague),
                int(row["source_count"]) if "source_count" in order.columns else 1,
                event_id == selected,
                hover_text(row),
            )
            for (event_id, row), vague in zip(order.iterrows(), uncertain)
        )
        if kind == "hours":
            first, last = frame["start"].min().normalize(), frame["end"].max().ceil("D")
            nights, midnights = night_shading(first, last)
            short = (last - first) <= pd.Timedelta(days=DAY_TICKS_UP_TO)
            ticks = day_ticks(first, last, plot_w, font) if short else ()
            panel = Panel(
                "hours",
                PANEL_TITLES[0] if named else "",
                y,
                height,
                panel_row,
                labels,
                spans,
                (),
                (first, last),
                ticks,
                "" if short else "%-d %b<br>%Y",
                "",
                nights,
                midnights,
            )
        else:
            first = frame["start"].min().normalize().replace(month=1, day=1)
            last = frame["end"].max().ceil("D")
            panel = Panel(
                "years",
                PANEL_TITLES[1] if named else "",
                y,
                height,
                panel_row,
                labels,
                spans,
                (),
                (first, last),
                (),
                "%Y",
                year_dtick(first, last, plot_w, font),
                (),
                (),
            )
        panels.append(panel)
        y += height + between
    plot = int(math.ceil(y - between))
    margin = {"l": label_px + GAP_PX, "r": GAP_PX, "t": top, "b": bottom}
    return TimelineLayout(
        tuple(panels),
        legend,
        rows_of_legend,
        canvas.width_px,
        plot + top + bottom,
        margin,
        font,
        int(label_font),
        label_px,
        canvas.font_family,
        False,
    )


def _tick_lines(kind: str, frame: pd.DataFrame) -> int:
    """Lines of a panel's tick labels: day names or years take one; dates with their year below take two."""
    if kind == "years":
        return 1
    first, last = frame["start"].min().normalize(), frame["end"].max().ceil("D")
    return 1 if last - first <= pd.Timedelta(days=DAY_TICKS_UP_TO) else 2


def _row_px(font_px: float, lines: int, one_line_px: float) -> float:
    """A row's height: the label's lines and a gap, at least the canvas's row of one line."""
    return max(one_line_px, lines * font_px * LINE_HEIGHT + 8)


def _counted_layout(events: pd.DataFrame, canvas: Canvas) -> TimelineLayout:
    font = canvas.font_px
    frames = _panel_frames(events[["start", "end", "event_type"]])  # only what counting needs
    present = events["event_type"].unique()
    legend = tuple(LegendEntry(t, t) for t in EVENT_TYPES if t in set(present)) if canvas.legend != "none" else ()
    label_px = int(text_width("100,000", font) + font * 1.6 + 14)  # tick numbers and the rotated axis title
    rows_of_legend = legend_rows(legend, canvas.width_px - label_px - 2 * GAP_PX, font)
    named = canvas.name_single_panel or len(frames) > 1
    top = legend_band(rows_of_legend, font) + (title_band(font) * 2 if named else 4)  # titles of two lines
    bottom = tick_band(font)
    between = tick_band(font) + title_band(font) * 2 + 8
    fixed = top + bottom + between * (len(frames) - 1)
    natural = [380.0 if kind == "hours" else 220.0 for kind, _ in frames]
    if canvas.height_px is not None:
        room = max(canvas.height_px - fixed, 120)
        natural = [room * n / sum(natural) for n in natural]
    plot_w = canvas.width_px - label_px - 2 * GAP_PX
    panels = []
    y = 0.0
    for (kind, frame), height in zip(frames, natural):
        if kind == "hours":
            first, last = frame["start"].min(), frame["end"].max()
            size = bin_size(first, last)
            title = (
                f"{len(events):,} events, too many for a bar each: counted per {size}<br>"
                f"<sup>each in the {size} its span begins; hatched: its span is longer than the {size}</sup>"
            )
            axis_first, axis_last = first.normalize(), last.ceil("D")
            short = size == "hour" and (axis_last - axis_first) <= pd.Timedelta(days=DAY_TICKS_UP_TO)
            nights, midnights = night_shading(axis_first, axis_last) if size == "hour" else ((), ())
            panel = Panel(
                "counted",
                title if named else "",
                y,
                height,
                0,
                (),
                (),
                _bins(frame, size),
                (axis_first, axis_last) if size == "hour" else None,
                day_ticks(axis_first, axis_last, plot_w, font) if short else (),
                "" if short else "%-d %b<br>%Y",
                "",
                nights,
                midnights,
                f"events per {size}",
            )
        else:
            title = (
                f"Background: {len(frame):,} events known only to a span longer than a week<br>"
                "<sup>each shared evenly among the months it may fall in</sup>"
            )
            panel = Panel(
                "counted",
                title if named else "",
                y,
                height,
                0,
                (),
                (),
                _bins(frame, "spread"),
                None,
                (),
                "%-d %b<br>%Y",
                "",
                (),
                (),
                "events per month",
            )
        panels.append(panel)
        y += height + between
    plot = int(math.ceil(y - between))
    return TimelineLayout(
        tuple(panels),
        legend,
        rows_of_legend,
        canvas.width_px,
        plot + top + bottom,
        {"l": label_px, "r": GAP_PX, "t": top, "b": bottom},
        font,
        font,
        label_px,
        canvas.font_family,
        True,
    )
