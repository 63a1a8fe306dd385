"""The timeline: the main days at the scale of hours, background on a scale of its own.

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

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..contract import EVENT_TYPES
from ..palette import INK, MUTED, colour, with_alpha
from .text import hover_text, safe, shorten

BACKGROUND_SPAN = pd.Timedelta(days=7)
ROW_PX = 30
PANEL_TITLES = ("The days of the unrest, by hour", "Background, by year")  # of a chart of bars, main and background
LABEL_CHARS = 46
AGGREGATE_ABOVE = 250  # events: past this the timeline counts events per bin
MAX_BINS = 400
SHADE_DAYS_UP_TO = (
    92  # night shading is one pair of bands per day: beyond a season it is noise (and thousands of shapes)
)
BINS = (
    ("hour", pd.Timedelta(hours=1)),
    ("day", pd.Timedelta(days=1)),
    ("week", pd.Timedelta(days=7)),
    ("month", pd.Timedelta(days=31)),
)


def is_background(events: pd.DataFrame) -> pd.Series:
    """Events known only to a span longer than a week: they go in the background panel."""
    return (events["end"] - events["start"]) > BACKGROUND_SPAN


def split_background(events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    long = is_background(events)
    return events[~long], events[long]


def is_uncertain(events: pd.DataFrame) -> pd.Series:
    """A span rather than a moment: no part of the day stated, or a vague date."""
    return (events["time_of_day"] == "") | (events["time_precision"] > 1)


def _label(event: pd.Series) -> str:
    """The bar's label; an event two or more sources report says so, so that a pasted picture shows what is corroborated."""
    count = int(event.get("source_count", 1) or 1)
    mark = f" ({count} sources)" if count > 1 else ""
    return safe(shorten(event["summary"], LABEL_CHARS - len(mark)) + mark)


def _bars(fig: go.Figure, events: pd.DataFrame, row: int, showlegend: bool, selected: str | None) -> None:
    uncertain = is_uncertain(events)
    for event_type in EVENT_TYPES:
        for vague in (False, True):
            group = events[(events["event_type"] == event_type) & (uncertain == vague)]
            if group.empty:
                continue
            duration_ms = (group["end"] - group["start"]).dt.total_seconds() * 1000
            # The selected bar has a thick dark outline; a bar two or more sources report, a dark one; a single source's, its own colour.
            sources = (
                group["source_count"].to_numpy() if "source_count" in group.columns else np.ones(len(group), dtype=int)
            )
            line_width = [
                3 if event_id == selected else (1.6 if n > 1 else 0.8)
                for event_id, n in zip(group["event_id"], sources)
            ]
            fig.add_trace(
                go.Bar(
                    orientation="h",
                    base=group["start"],
                    x=duration_ms,
                    y=group["event_id"],
                    customdata=np.stack([group["event_id"].to_numpy()], axis=-1),
                    hovertext=[hover_text(r) for r in group.to_dict("records")],
                    hoverinfo="text",
                    marker={
                        "color": with_alpha(colour(event_type), 0.45 if vague else 1.0),
                        "line": {
                            "color": [INK if w > 1 else colour(event_type) for w in line_width],
                            "width": line_width,
                        },
                        "pattern": {
                            "shape": "/" if vague else "",
                            "fgcolor": colour(event_type),
                            "size": 7,
                            "solidity": 0.35,
                        },
                    },
                    name=f"{event_type}" + (" (span of uncertainty)" if vague else ""),
                    legendgroup=event_type,
                    showlegend=showlegend,
                ),
                row=row,
                col=1,
            )


def _axis_labels(fig: go.Figure, events: pd.DataFrame, row: int) -> None:
    order = events.sort_values(["start", "order"], ascending=[False, False])
    fig.update_yaxes(
        type="category",  # never numeric, whatever else the panel holds (the legend's key bar has no rows of its own)
        categoryorder="array",
        categoryarray=list(order["event_id"]),
        tickmode="array",
        tickvals=list(order["event_id"]),
        ticktext=[_label(r) for _, r in order.iterrows()],
        tickfont={"size": 12},
        automargin=True,
        row=row,
        col=1,
    )


def hour_ticks(first: pd.Timestamp, last: pd.Timestamp) -> dict:
    """Day names at midnight and bare hours between, so that narrow charts stay legible."""
    days = (last - first).days
    if days > 10:
        return {"tickformat": "%-d %b<br>%Y"}
    step = 6 if days <= 4 else 12
    ticks = pd.date_range(first, last, freq=f"{step}h")
    # Only midnight and noon are written; 06:00 and 18:00 keep their grid lines unlabelled, so narrow charts stay legible.
    text = [f"<b>{t:%a} {t.day} {t:%b}</b>" if t.hour == 0 else ("12:00" if t.hour == 12 else "") for t in ticks]
    return {"tickmode": "array", "tickvals": list(ticks), "ticktext": text, "tickangle": 0}


def _day_shading(fig: go.Figure, main: pd.DataFrame, row: int) -> None:
    """Alternate day bands and night shading so hours read at a glance."""
    first = main["start"].min().normalize()
    last = main["end"].max()
    if last - first > pd.Timedelta(days=SHADE_DAYS_UP_TO):
        return
    # The shapes add_vrect and add_vline would make, added in one update: those helpers cost ~6 ms each.
    axes = fig.get_subplot(row, 1)
    xref = axes.xaxis.plotly_name.replace("axis", "")
    yref = axes.yaxis.plotly_name.replace("axis", "") + " domain"
    night = {
        "type": "rect",
        "xref": xref,
        "yref": yref,
        "y0": 0,
        "y1": 1,
        "fillcolor": "rgba(30,40,80,0.06)",
        "line": {"width": 0},
        "layer": "below",
    }
    shapes = []
    day = first
    while day < last:
        shapes.append({**night, "x0": day, "x1": day + pd.Timedelta(hours=6)})
        shapes.append({**night, "x0": day + pd.Timedelta(hours=20), "x1": day + pd.Timedelta(hours=24)})
        shapes.append(
            {
                "type": "line",
                "xref": xref,
                "yref": yref,
                "x0": day,
                "x1": day,
                "y0": 0,
                "y1": 1,
                "line": {"color": MUTED, "width": 1, "dash": "dot"},
            }
        )
        day += pd.Timedelta(days=1)
    fig.update_layout(shapes=[*fig.layout.shapes, *shapes])


def _hour_axis(fig: go.Figure, frame: pd.DataFrame, row: int) -> None:
    """The panel of the main days: night shading, and hour ticks over whole days."""
    _day_shading(fig, frame, row)
    first, last = frame["start"].min().normalize(), frame["end"].max().ceil("D")
    fig.update_xaxes(range=[first, last], row=row, col=1, **hour_ticks(first, last))


def _finish(fig: go.Figure, *, title: str, height: int, legend_y: float, **layout) -> go.Figure:
    """Date axes, title, margins and the legend below: the same for single bars and binned counts."""
    fig.update_xaxes(type="date", showgrid=True, gridcolor="rgba(0,0,0,0.08)", tickfont={"size": 12})
    fig.update_layout(
        height=height,
        title={"text": safe(title), "font": {"size": 15}} if title else None,
        margin={"l": 10, "r": 10, "t": 70 if title else 40, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": legend_y, "xanchor": "left", "x": 0, "font": {"size": 12}},
        hoverlabel={"align": "left"},
        **layout,
    )
    return fig


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


def _binned_bars(fig: go.Figure, events: pd.DataFrame, size: str, row: int, showlegend: bool) -> None:
    counts = spread_by_month(events) if size == "spread" else binned_counts(events, size)
    size = "month" if size == "spread" else size
    for event_type in EVENT_TYPES:
        for vague in (False, True):
            group = counts[(counts["event_type"] == event_type) & (counts["vague"] == vague)]
            if group.empty:
                continue
            width_ms = (group["bin_end"] - group["bin"]).dt.total_seconds() * 1000
            when = group["bin"].dt.strftime("%Y-%m-%d %H:00" if size == "hour" else "%Y-%m-%d")
            what = safe(event_type) + (f", span longer than the {size}" if vague else "")
            fig.add_trace(
                go.Bar(
                    x=group["bin"] + (group["bin_end"] - group["bin"]) / 2,
                    y=group["count"],
                    width=width_ms * 0.9,
                    hovertext=[
                        f"<b>{count:,.4g} events</b> ({what})<br>{size} from {w}"
                        for count, w in zip(group["count"], when)
                    ],
                    hoverinfo="text",
                    marker={
                        "color": with_alpha(colour(event_type), 0.45 if vague else 1.0),
                        "line": {"color": colour(event_type), "width": 0.5},
                        "pattern": {
                            "shape": "/" if vague else "",
                            "fgcolor": colour(event_type),
                            "size": 7,
                            "solidity": 0.35,
                        },
                    },
                    name=f"{event_type}" + (" (span longer than a bin)" if vague else ""),
                    legendgroup=event_type,
                    showlegend=showlegend and not vague,  # one legend entry per type; the titles explain the hatching
                ),
                row=row,
                col=1,
            )


def binned_timeline(events: pd.DataFrame, *, title: str = "") -> go.Figure:
    """Counts per hour, day, week or month, stacked by event type: the timeline for many events."""
    main, background = split_background(
        events[["start", "end", "event_type"]]
    )  # only what counting needs: no copy of every column
    panels = []
    if len(main):
        size = bin_size(main["start"].min(), main["end"].max())
        panels.append(
            (
                main,
                size,
                f"{len(events):,} events, too many for a bar each: counted per {size}<br>"
                f"<sup>each in the {size} its span begins; hatched: its span is longer than the {size}</sup>",
            )
        )
    if len(background):
        panels.append(
            (
                background,
                "spread",
                f"Background: {len(background):,} events known only to a span longer than a week<br>"
                "<sup>each shared evenly among the months it may fall in</sup>",
            )
        )
    heights = [380 if frame is main else 220 for frame, _, _ in panels]
    fig = make_subplots(
        rows=len(panels),
        cols=1,
        row_heights=heights,
        vertical_spacing=min(0.14, 110 / sum(heights)),
        subplot_titles=[name for *_, name in panels],
    )
    for row, (frame, size, _) in enumerate(panels, start=1):
        _binned_bars(fig, frame, size, row, showlegend=row == 1)
        fig.update_yaxes(
            title_text=f"events per {'month' if size == 'spread' else size}", rangemode="tozero", row=row, col=1
        )
        if frame is main and size == "hour":
            _hour_axis(fig, frame, row)
    return _finish(fig, title=title, height=sum(heights) + 160, legend_y=-0.06, barmode="stack", bargap=0)


def timeline(
    events: pd.DataFrame, *, title: str = "", selected: str | None = None, width_px: int | None = None
) -> go.Figure:
    if len(events) > AGGREGATE_ABOVE:
        return binned_timeline(events, title=title)
    main, background = split_background(events)
    panels = [(main, PANEL_TITLES[0]), (background, PANEL_TITLES[1])]
    panels = [(frame, name) for frame, name in panels if len(frame)]
    if not panels:
        fig = go.Figure()
        fig.add_annotation(text="No event matches the filter.", showarrow=False, font={"size": 16, "color": MUTED})
        fig.update_layout(height=200, xaxis={"visible": False}, yaxis={"visible": False})
        return fig

    heights = [max(len(frame), 2) * ROW_PX + 50 for frame, _ in panels]
    fig = make_subplots(
        rows=len(panels),
        cols=1,
        row_heights=heights,
        vertical_spacing=min(0.12, 90 / sum(heights)),
        subplot_titles=[name for _, name in panels],
    )
    for row, (frame, _) in enumerate(panels, start=1):
        _bars(fig, frame, row, showlegend=row == 1, selected=selected)
        _axis_labels(fig, frame, row)
        if frame is main:
            _hour_axis(fig, frame, row)
        else:
            fig.update_xaxes(tickformat="%Y", row=row, col=1)
    if "source_count" in events.columns and (events["source_count"] > 1).any():
        # A legend key for the dark outline, drawn by no bar of its own (added last: the bars come first in the figure).
        fig.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                orientation="h",
                name="Dark outline, “(N sources)”: reported by 2+ sources",
                marker={"color": "white", "line": {"color": INK, "width": 1.6}},
                showlegend=True,
                hoverinfo="skip",
            ),
            row=1,
            col=1,
        )
    return _finish(
        fig,
        title=title,
        height=sum(heights) + 140,
        legend_y=-0.04,
        barmode="overlay",
        clickmode="event+select",
        bargap=0.25,
    )
