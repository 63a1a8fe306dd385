"""The slide's geometry: 1920 x 1080 CSS pixels (the files) or the Briefing page's size, every box in a fixed place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Frame:
    """Sizes of a briefing's boxes, in CSS pixels, and the type size that goes with them."""

    width: int
    height: int
    pad_x: int
    pad_y: int
    header_h: int
    body_h: int
    notes_h: int
    footer_h: int
    gap: int
    left_w: int
    map_w: int
    map_h: int  # the key actors fill the rest of the middle column
    font_px: int  # body text; everything else scales from it

    @property
    def inner_w(self) -> int:
        return self.width - 2 * self.pad_x

    @property
    def timeline_w(self) -> int:
        return self.inner_w - self.left_w - self.map_w - 2 * self.gap

    @property
    def body_y(self) -> int:
        return self.pad_y + self.header_h + self.gap

    def boxes(self) -> dict[str, tuple[int, int, int, int]]:
        """(x, y, width, height) of each box on the slide."""
        x_left = self.pad_x
        x_map = x_left + self.left_w + self.gap
        x_timeline = x_map + self.map_w + self.gap
        notes_y = self.body_y + self.body_h + self.gap
        return {
            "header": (self.pad_x, self.pad_y, self.inner_w, self.header_h),
            "left": (x_left, self.body_y, self.left_w, self.body_h),
            "map": (x_map, self.body_y, self.map_w, self.map_h),
            "actors": (x_map, self.body_y + self.map_h + self.gap, self.map_w, self.body_h - self.map_h - self.gap),
            "timeline": (x_timeline, self.body_y, self.timeline_w, self.body_h),
            "notes": (self.pad_x, notes_y, self.inner_w, self.notes_h),
            "footer": (self.pad_x, notes_y + self.notes_h + self.gap, self.inner_w, self.footer_h),
        }


SLIDE = Frame(
    width=1920,
    height=1080,
    pad_x=40,
    pad_y=28,
    header_h=128,
    body_h=612,
    notes_h=206,
    footer_h=30,
    gap=16,
    left_w=420,
    map_w=640,
    map_h=410,
    font_px=17,
)
# The Briefing page at a 1920 x 1080 window: the slide's boxes at about four fifths of their size, beside the sidebar.
PAGE = Frame(
    width=1556,
    height=860,
    pad_x=16,
    pad_y=10,
    header_h=92,
    body_h=512,
    notes_h=160,
    footer_h=22,
    gap=14,
    left_w=340,
    map_w=520,
    map_h=330,
    font_px=14,
)


def frame_for_width(available: int) -> Frame:
    """The Briefing page's frame for the width the page has (CSS pixels): PAGE's boxes and type scaled to it.

    The slide is laid out afresh at each size, charts included, rather than scaled by CSS: plotly and MapLibre
    measure their boxes, and under a zoom or transform they measured them already scaled and drew them smaller
    again. The type never goes below MIN_FONT_PX, the slide never below MIN_WIDTH.
    """
    scale = max(available, MIN_WIDTH) / PAGE.width
    scaled = {name: max(1, round(getattr(PAGE, name) * scale)) for name in PAGE.__dataclass_fields__}
    scaled["font_px"] = max(MIN_FONT_PX, scaled["font_px"])
    # The slide's own proportions, 16:9, and boxes that add up to no more than its height after rounding.
    scaled["height"] = round(scaled["width"] * 9 / 16)
    used = scaled["pad_y"] * 2 + scaled["header_h"] + scaled["body_h"] + scaled["notes_h"] + scaled["footer_h"]
    scaled["notes_h"] -= max(0, used + scaled["gap"] * 3 - scaled["height"])
    return Frame(**scaled)


MIN_FONT_PX = 10
MIN_WIDTH = (
    1200  # narrower, the map (its title and footer at a readable size) is squeezed: the page scrolls sideways instead
)

for _frame in (SLIDE, PAGE):
    assert (
        sum((_frame.pad_y * 2, _frame.header_h, _frame.body_h, _frame.notes_h, _frame.footer_h, _frame.gap * 3))
        <= _frame.height
    )

MAX_NUMBERS = 8
MAX_ACTORS = 6
MAX_KEY_EVENTS = 4
