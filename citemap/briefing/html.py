"""The slide as HTML: fragments shared by the slide file and the Briefing page, and the self-contained file."""

from __future__ import annotations

import base64

import plotly.graph_objects as go

from ..branding import Branded
from ..charts.text import shorten
from ..palette import INK, MUTED, colour
from ..render import esc
from .content import Briefing
from .frame import Frame


def css(frame: Frame, scope: str = ".cm-brief") -> str:
    """The slide's type and boxes, sized from the frame's body type size."""
    u = frame.font_px
    return f"""
{scope} {{ font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif; color: {INK}; font-size: {u}px; line-height: 1.3; }}
{scope} * {{ box-sizing: border-box; }}
{scope} .cm-actor, {scope} .cm-role, {scope} .cm-notes li, {scope} .cm-event, {scope} .cm-title, {scope} .cm-filter {{ overflow-wrap: anywhere; }}
{scope} .cm-actor, {scope} .cm-role {{ display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; }}
{scope} .cm-numbers {{ container-type: inline-size; }}
{scope} .cm-kicker {{ font-size: {u * 0.9:.1f}px; letter-spacing: 0.08em; text-transform: uppercase; color: {MUTED}; margin: 0; }}
{scope} .cm-kicker b {{ color: {INK}; }}
{scope} .cm-title {{ font-size: {u * 2.5:.1f}px; line-height: 1.1; margin: {u * 0.2:.1f}px 0 {u * 0.25:.1f}px 0; padding: 0; font-weight: 700; color: {INK}; }}
{scope} .cm-filter {{ font-size: {u * 1.35:.1f}px; margin: 0; color: {INK}; }}
{scope} h2.cm-h {{ font-size: {u * 0.9:.1f}px; letter-spacing: 0.08em; text-transform: uppercase; color: {MUTED}; margin: 0 0 {u * 0.4:.1f}px 0; padding: 0; font-weight: 700; }}
{scope} .cm-numbers {{ display: grid; grid-template-columns: 1fr 1fr; gap: {u * 1.1:.1f}px {u * 0.8:.1f}px; }}
{scope} .cm-number {{ border-left: {max(u // 4, 3)}px solid {INK}; padding: 0 0 0 {u * 0.55:.1f}px; }}
{scope} .cm-value {{ font-size: min({u * 2.9:.1f}px, 13cqw); font-weight: 700; line-height: 1.05; white-space: nowrap; }}
{scope} .cm-value.cm-long {{ font-size: min({u * 1.9:.1f}px, 8.5cqw); }}
{scope} .cm-value sup, {scope} .cm-event sup, {scope} .cm-notes sup {{ font-size: {u * 0.8:.1f}px; font-weight: 700; color: #0b5cad; margin-left: 2px; vertical-align: super; line-height: 0; }}
{scope} .cm-label {{ font-size: {u * 1.15:.1f}px; font-weight: 700; margin-top: {u * 0.15:.1f}px; }}
{scope} .cm-by {{ font-size: {u * 0.88:.1f}px; color: {MUTED}; }}
{scope} .cm-more {{ font-size: {u * 0.82:.1f}px; color: {MUTED}; grid-column: 1 / -1; }}
{scope} .cm-event {{ margin: 0 0 {u * 0.5:.1f}px 0; font-size: {u * 0.95:.1f}px; }}
{scope} .cm-event .cm-when {{ font-weight: 700; }}
{scope} .cm-swatch {{ display: inline-block; width: {u * 0.7:.1f}px; height: {u * 0.7:.1f}px; border-radius: 2px; margin-right: {u * 0.3:.1f}px; vertical-align: baseline; }}
{scope} ul.cm-actors {{ list-style: none; margin: 0; padding: 0; column-count: 2; column-gap: {frame.gap * 2}px; }}
{scope} ul.cm-actors li {{ margin: 0 0 {u * 0.45:.1f}px 0; break-inside: avoid; }}
{scope} .cm-actor {{ font-size: {u * 1.05:.1f}px; font-weight: 700; }}
{scope} .cm-role {{ font-size: {u * 0.82:.1f}px; color: {MUTED}; }}
{scope} .cm-notes ol {{ column-count: 2; column-gap: {frame.gap * 3}px; margin: 0; padding: 0; list-style: none; }}
{scope} .cm-notes li {{ break-inside: avoid; font-size: {u * 0.94:.1f}px; line-height: 1.34; margin: 0 0 {u * 0.35:.1f}px 0; padding-left: {u * 1.3:.1f}px; text-indent: -{u * 1.3:.1f}px; }}
{scope} .cm-notes li sup {{ display: inline-block; width: {u * 1.3:.1f}px; text-indent: 0; text-align: left; margin: 0; }}
{scope} .cm-notes q.cm-q {{ font-family: Georgia, "DejaVu Serif", serif; quotes: "“" "”"; }}
{scope} .cm-cite {{ color: {MUTED}; font-size: {u * 0.8:.1f}px; white-space: nowrap; }}
{scope} .cm-footer {{ font-size: {u * 0.78:.1f}px; color: {MUTED}; border-top: 1px solid #d9d9d4; padding-top: {u * 0.3:.1f}px; }}
{scope} .cm-legend {{ position: absolute; right: 0; top: 0; max-width: 38%; text-align: right; font-size: {u * 0.9:.1f}px; line-height: 1.6; }}
{scope} .cm-key {{ display: inline-block; margin-left: {u:.1f}px; white-space: nowrap; }}
{scope} .cm-hatched {{ background: repeating-linear-gradient(135deg, {MUTED} 0 2px, white 2px 5px); border: 1px solid {MUTED}; }}
{scope} .cm-ring {{ border-radius: 50%; border: {max(u // 5, 3)}px solid {MUTED}; background: white; }}
{scope} .cm-empty {{ color: {MUTED}; font-size: {u:.1f}px; }}
"""


def legend_html(b: Briefing) -> str:
    """One key for both charts: the colour of each event type shown, and what a hatched bar and a ring mean."""
    items = [
        f'<span class="cm-key"><span class="cm-swatch" style="background:{colour(t)}"></span>{esc(t)}</span>'
        for t in b.event_types
    ]
    items.append(
        '<span class="cm-key"><span class="cm-swatch cm-hatched"></span>hatched bar: the hour is not stated</span>'
    )
    items.append('<span class="cm-key"><span class="cm-swatch cm-ring"></span>ring: the place is approximate</span>')
    return f'<div class="cm-legend">{"".join(items)}</div>'


def header_html(b: Briefing, title_tag: str = "h1") -> str:
    """Kicker, title, filter sentence and the key. On a page that has its own h1, the title is a div."""
    return (
        legend_html(b) + f'<p class="cm-kicker"><b>Citemap briefing</b> · data as of {esc(b.as_of)}</p>'
        f'<{title_tag} class="cm-title">{esc(b.title)}</{title_tag}>'
        f'<p class="cm-filter">{esc(b.description)}</p>'
    )


def _sup(marker: int) -> str:
    return f'<sup data-note="{marker}">{marker}</sup>'


def left_html(b: Briefing) -> str:
    parts = []
    if b.numbers:
        parts.append('<h2 class="cm-h">Headline numbers</h2><div class="cm-numbers">')
        for n in b.numbers:
            long = " cm-long" if len(n.value) > 6 else ""
            parts.append(
                f'<div class="cm-number" data-figure="{esc(n.figure_id)}"><div class="cm-value{long}">{esc(n.value)}{"".join(_sup(m) for m in (n.markers or (n.marker,)))}</div>'
                f'<div class="cm-label">{esc(n.label)}</div><div class="cm-by">{esc(n.attribution)}</div></div>'
            )
        if b.more_numbers:
            parts.append(
                f'<div class="cm-more">{b.more_numbers} more number{"s" if b.more_numbers != 1 else ""} in the dashboard</div>'
            )
        parts.append("</div>")
    elif b.key_events:
        parts.append('<h2 class="cm-h">Key events</h2><div class="cm-events">')
        for e in b.key_events:
            parts.append(
                f'<p class="cm-event" data-event="{esc(e.event_id)}"><span class="cm-swatch" style="background:{colour(e.event_type)}"></span>'
                f'<span class="cm-when">{esc(e.when)}:</span> {esc(shorten(e.summary, 110))}{_sup(e.marker)}</p>'
            )
        parts.append("</div>")
    else:
        parts.append('<p class="cm-empty">No event matches this filter.</p>')
    return "".join(parts)


def actors_html(b: Briefing) -> str:
    parts = []
    if b.actors:
        parts.append('<h2 class="cm-h">Key actors</h2><ul class="cm-actors">')
        for a in b.actors:
            events = f"{a.event_count} event{'s' if a.event_count != 1 else ''}"
            parts.append(
                f'<li data-actor="{esc(a.actor_id)}"><span class="cm-actor" title="{esc(a.name)}">{esc(a.name)}</span>'
                f'<span class="cm-role">{esc(a.title)} · {events}</span></li>'
            )
        parts.append("</ul>")
    return "".join(parts)


def notes_html(b: Briefing) -> str:
    if not b.footnotes:
        return '<h2 class="cm-h">Sources</h2><p class="cm-empty">Nothing to cite: no event matches this filter.</p>'
    items = "".join(
        f'<li data-sentence="{esc(f.sentence_id)}">{_sup(f.marker)}<q class="cm-q">{esc(f.text)}</q> '
        f'<span class="cm-cite">{esc(f.sentence_id)}, {esc(f.where)}</span></li>'
        for f in b.footnotes
    )
    return f'<h2 class="cm-h">Sources, quoted verbatim</h2><ol>{items}</ol>'


def footer_html(b: Briefing) -> str:
    keys = " · ".join(f"{k}={v}" for k, v in b.params.items()) or "none"
    return (
        f"Filter keys (the dashboard's URL and <code>python -m citemap brief</code>): {esc(keys)} · "
        "Every number, dot and bar comes from a sentence of the source; the dashboard links each one back to it. Made with Citemap."
    )


# Should a box's text still not fit (an unusually long name or quote), it is drawn smaller rather than cut off.
FIT_SCRIPT = (
    "document.querySelectorAll('.cm-fit').forEach(function(box){var inner=box.firstElementChild,zoom=1;"
    "while(inner.getBoundingClientRect().height>box.clientHeight+1&&zoom>0.6){zoom-=0.04;inner.style.zoom=zoom;}"
    "box.dataset.zoom=zoom.toFixed(2);});"
)

PRINT_CSS = """
@page { size: 1920px 1080px; margin: 0; }
@media print { html, body { background: white; } .cm-slide { box-shadow: none; margin: 0; } }
"""


def _slide_css(frame: Frame) -> str:
    boxes = frame.boxes()
    rules = [
        "html, body { margin: 0; padding: 0; background: #e9e9e4; }",
        f".cm-slide {{ position: relative; width: {frame.width}px; height: {frame.height}px; background: white; overflow: hidden; margin: 0 auto; }}",
    ]
    for name, (x, y, w, h) in boxes.items():
        rules.append(f".cm-box-{name} {{ position: absolute; left: {x}px; top: {y}px; width: {w}px; height: {h}px; }}")
    rules.append(".cm-box-map, .cm-box-timeline { border: 1px solid #e3e3de; }")
    rules.append(".cm-fit { overflow: hidden; }")
    rules.append(
        f".cm-map-note {{ position: absolute; left: 12px; right: 12px; top: {frame.font_px * 3}px; margin: 0; padding: 4px 6px;"
        f" background: rgba(255,255,255,0.9); font-size: {frame.font_px * 0.85:.0f}px; color: {INK}; }}"
    )
    rules.append(
        ".cm-box-map img, .cm-box-timeline img, .cm-box-map .cm-plot, .cm-box-timeline .cm-plot { display: block; width: 100%; height: 100%; }"
    )
    return "\n".join(rules) + css(frame) + PRINT_CSS


def chart_boxes(b: Briefing) -> dict[str, tuple[int, int, int, int]]:
    """(x, y, width, height) of the two charts on the slide: a timeline shorter than its box leaves the rest blank."""
    boxes = b.frame.boxes()
    x, y, w, h = boxes["timeline"]
    return {"map": boxes["map"], "timeline": (x, y, w, min(h, int(b.timeline.figure.layout.height) + 2))}


def _figure_json(branded: Branded, width: int, height: int) -> str:
    fig = go.Figure(branded.figure)
    fig.update_layout(width=width - 2, height=height - 2, autosize=False)
    return fig.to_json().replace("</", "<\\/")


def _config_json(branded: Branded) -> str:
    import json

    return json.dumps({**branded.config, "responsive": False}).replace("</", "<\\/")


def to_html(b: Briefing, images: dict[str, bytes] | None = None) -> str:
    """The slide as one self-contained HTML file.

    A chart in `images` (PNG bytes by 'map' or 'timeline') is a picture; with
    both, the file has no plotly.js: that is what Chromium prints. The others
    are live plotly charts, with plotly.js inlined from the installed plotly
    package, so that the file opens offline.
    """
    frame = b.frame
    boxes = chart_boxes(b)
    charts = {}
    scripts = []
    for name, branded in (("map", b.map), ("timeline", b.timeline)):
        _, _, w, h = boxes[name]
        if images and name in images:
            data = base64.b64encode(images[name]).decode("ascii")
            alt = esc(branded.figure.layout.meta["citemap"]["title"])
            charts[name] = f'<img alt="{alt}" src="data:image/png;base64,{data}">'
        else:
            note = ""
            if name == "map":
                # Written without Chromium: a live map, which browsers draw only when the file comes from a web server.
                note = (
                    '<p class="cm-map-note">The map draws when this file is opened from a web server: browsers do not start '
                    "plotly's map engine in a file opened from disk. The PNG and PDF briefings carry the map.</p>"
                )
            charts[name] = f'<div class="cm-plot" id="cm-{name}"></div>{note}'
            # Once a live map has drawn, its note goes.
            drawn = (
                ".then(function(gd){var n=document.querySelector('.cm-map-note');if(n)n.remove();return gd;})"
                if name == "map"
                else ""
            )
            scripts.append(
                f"(function(){{var f={_figure_json(branded, w, h)};"
                f"window.citemapCharts.push(Plotly.newPlot('cm-{name}', f.data, f.layout, {_config_json(branded)}){drawn});}})();"
            )
    body = (
        f'<main class="cm-slide cm-brief" data-frame="{frame.width}x{frame.height}">'
        f'<header class="cm-box-header">{header_html(b)}</header>'
        f'<section class="cm-box-left cm-fit"><div class="cm-fit-inner">{left_html(b)}</div></section>'
        f'<section class="cm-box-actors cm-fit"><div class="cm-fit-inner">{actors_html(b)}</div></section>'
        f'<figure class="cm-box-map" style="margin:0">{charts["map"]}</figure>'
        f'<figure class="cm-box-timeline" style="margin:0;height:{boxes["timeline"][3]}px">{charts["timeline"]}</figure>'
        f'<section class="cm-box-notes cm-notes cm-fit"><div class="cm-fit-inner">{notes_html(b)}</div></section>'
        f'<footer class="cm-box-footer cm-footer">{footer_html(b)}</footer>'
        "</main>"
    )
    script = f"<script>{FIT_SCRIPT}</script>"
    if scripts:
        from plotly.offline import get_plotlyjs

        script = (
            script + f"<script>{get_plotlyjs()}</script>\n"
            "<script>window.citemapCharts=[];"
            + "".join(scripts)
            + "window.citemapReady=Promise.all(window.citemapCharts);</script>"
        )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{esc(b.title)} · Citemap briefing</title>'
        f'<meta name="description" content="{esc(b.description)}">'
        f"<style>{_slide_css(frame)}</style></head>"
        f"<body>{body}\n{script}</body></html>\n"
    )
