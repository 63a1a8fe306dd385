"""Actor cards: who the source names, their role as stated, and the sentences that mention them."""

import streamlit as st

from citemap import render, ui
from citemap.actors import actor_cards, mentions
from citemap.provenance import quotes

ctx = ui.page("Actors")
cards = actor_cards(ctx.index, ctx.events, ctx.filters)
shown_links = ctx.index.links.links_of(ctx.events)
st.caption(
    f"{len(cards)} actors"
    + (" in the events shown" if not ctx.filters.is_empty else ", every actor the source names")
    + ". Cards follow the filters."
)

CARDS_PER_PAGE = 24
QUOTES_PER_CARD = 30

CARD_COLUMNS = 3  # the cards take the page's width: three across at 1600 px, rather than two beside an empty panel

top, side = st.columns([3, 2], gap="large")
with top:
    # Most involved first; a large dataset's cards come a page at a time (each card is several elements).
    page = ui.page_picker(len(cards), key="actor_page", label="Page of actor cards", rows=CARDS_PER_PAGE)
with side:
    ui.evidence_panel(ctx)
grid = st.columns(CARD_COLUMNS)
for number, (actor_id, card) in enumerate(cards.iloc[page.start : page.stop].iterrows()):
    with grid[number % CARD_COLUMNS].container(border=True, key=f"card_{actor_id}"):
        st.html(render.actor_card_html(ctx.index, card))
        with st.expander(f"Sentences that mention {render.esc(card['name'])}"):
            # An actor of a large dataset can be named in thousands: the first QUOTES_PER_CARD.
            first, count = mentions(ctx.index, shown_links, card, limit=QUOTES_PER_CARD)
            st.html("".join(render.quote_block(ctx.index, q) for q in quotes(ctx.index, first)))
            if count > QUOTES_PER_CARD:
                st.caption(
                    f"and {count - QUOTES_PER_CARD:,} more sentences: filter to the actor to read them event by event."
                )
        # Offered only where it would change what is shown: not for an actor in none of the shown events,
        # nor for the actor the filter already holds alone.
        if card["event_count"] and ctx.filters.actors != (actor_id,):
            st.button(
                "Show only this actor's events",
                key=f"card_filter_{actor_id}",
                on_click=ui.filter_by_actor,
                args=(actor_id,),
            )
