"""Curate: review the proposals of added sources beside their sentences; every decision is saved, logged and undoable."""

import streamlit as st

from citemap.contract import TABLES
from citemap.csvwrite import read_rows
from citemap.curation import review, store
from citemap.render import esc
from citemap.ui import curation as cu

data_dir = cu.curation_page(
    "Curate",
    "Each proposal beside its sentence, the words that suggested it marked. Accept it, edit it, merge it into a row "
    "that exists, or reject it with a reason. Every decision is validated, saved as a new version and logged; any can be undone.",
)
cu.seen_version(data_dir)
queue = cu.queue(data_dir)
if not queue.proposals:
    st.info(
        "No proposals yet: add a source on the Add source page, or with `python -m citemap add-source FILE --published YYYY-MM-DD`."
    )
    st.stop()

st.progress(queue.reviewed / len(queue.proposals), text=queue.progress())
kinds = sorted({p["kind"] for p in queue.proposals})
pick_kinds = st.multiselect("Kinds", kinds, default=kinds, key="curate_kinds")
pending = [p for p in queue.pending() if p["kind"] in pick_kinds]
if not pending:
    st.success("Every proposal of these kinds is reviewed.")
else:
    labels = {
        p["key"]: f"{p['kind']} · {p['span'][:60]}" + (" · cites an existing row" if p.get("match") else "")
        for p in pending
    }
    key = st.selectbox("Proposal", list(labels), format_func=lambda k: esc(labels[k]), key="curate_pick")
    proposal = queue.get(key)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(
            f"**{esc(proposal['kind'])}** from **{esc(proposal['source_id'])}** · score {proposal.get('score') or 0:.0f}"
            + (f" · matches **{esc(proposal['match'])}**" if proposal.get("match") else " · a new row")
        )
        st.html(cu.context_html(proposal))
        if proposal.get("note"):
            st.caption(esc(proposal["note"]))
        if proposal.get("needs"):
            st.caption(esc("Accepting it also accepts what it refers to: " + ", ".join(proposal["needs"])))
    with right:
        with st.form(f"form_{key}"):
            values = cu.row_editor(proposal, f"edit_{key}")
            accepted = st.form_submit_button("Accept", type="primary", key="curate_accept")
        if accepted:
            edited = {k: v for k, v in values.items()} != {c: str(proposal["row"].get(c, "") or "") for c in values}
            cu.run_change(
                "Edited and accepted" if edited else "Accepted",
                lambda base: review.accept(data_dir, key, base=base, who=cu.who(), row=values if edited else None),
                data_dir,
            )
            st.rerun()
        if proposal["kind"] in ("actors", "places", "events"):
            pk = TABLES[proposal["kind"]].primary_key[0]
            existing = [r[pk] for r in read_rows(data_dir / f"{proposal['kind']}.csv")]
            into = st.selectbox("Merge into an existing row", [""] + existing, key=f"merge_into_{key}")
            if st.button("Merge", key="curate_merge", disabled=not into):
                cu.run_change(
                    f"Merged into {into}",
                    lambda base: review.merge(data_dir, key, into, base=base, who=cu.who()),
                    data_dir,
                )
                st.rerun()
        reason = st.text_input(
            "Reason to reject", key=f"reject_reason_{key}", placeholder="e.g. not an event: background"
        )
        if st.button("Reject", key="curate_reject", disabled=not reason.strip()):
            cu.run_change(
                "Rejected", lambda base: review.reject(data_dir, key, base=base, who=cu.who(), why=reason), data_dir
            )
            st.rerun()

if cu.curate_problems():
    st.dataframe(cu.curate_problems(), hide_index=True, key="curate_problem_table")

st.divider()
st.markdown("#### Change log")
log = store.read_log(data_dir)
undone = {e.get("undoes") for e in log}
for entry in reversed(log[-8:]):
    cols = st.columns([6, 1])
    cols[0].markdown(
        esc(
            f"#{entry['change_id']} · {entry['when']} · {entry['who']} · {entry['action']} {entry.get('summary', '')}"
            + (f" — {entry['why']}" if entry.get("why") else "")
        )
    )
    if (
        entry["action"] != "undo"
        and entry["change_id"] not in undone
        and cols[1].button("Undo", key=f"undo_{entry['change_id']}")
    ):
        cu.run_change(
            f"Undid change {entry['change_id']}",
            lambda base, cid=entry["change_id"]: store.undo(data_dir, cid, base=base, who=cu.who()),
            data_dir,
        )
        st.rerun()
st.caption("The whole log: `python -m citemap history DATA_DIR`.")
