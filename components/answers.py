"""Three cards on the overview that answer the questions a meeting starts with: how much
ammunition is left to destroy, what changed in the last month, and where the evidence is.
Each links to the page that shows the whole answer."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from components import navigation
from components.ammunition_view import amount
from components.text import escape_markdown
from components.view import View
from tracker.analysis import ammunition_outlooks, changes_since
from tracker.charts import plan_name
from tracker.i18n import t

RECENT_DAYS = 30
# More ammunition targets than this are summed up in one line; the page lists them all.
LISTED_TARGETS = 3


def _ammunition(view: View) -> None:
    st.markdown(f"**{t('Ammunition left to destroy')}**")
    outlooks = ammunition_outlooks(view.shown)
    if not outlooks:
        st.caption(t("No ammunition-destruction target in this view."))
    for outlook in outlooks[:LISTED_TARGETS]:
        plan = view.shown.objectives.loc[
            view.shown.objectives["id"] == outlook.objective_id, "plan"
        ].iloc[0]
        st.markdown(
            t(
                "{plan}: **{remaining}** of {target}",
                plan=escape_markdown(plan_name(str(plan))),
                remaining=amount(outlook.remaining, escape_markdown(outlook.unit)),
                target=amount(outlook.target, escape_markdown(outlook.unit)),
            )
        )
        if outlook.destroyed is None:
            st.caption(t("No measurement recorded yet."))
        elif outlook.as_of is not None:
            st.caption(t("As of {date}", date=outlook.as_of.isoformat()))
    if len(outlooks) > LISTED_TARGETS:
        st.caption(t("and {count} more targets", count=len(outlooks) - LISTED_TARGETS))
    st.page_link(navigation.AMMUNITION, label=t("Ammunition destruction"), icon=":material/bomb:")


def _recent(view: View) -> None:
    since = view.today - timedelta(days=RECENT_DAYS)
    st.markdown(f"**{t('Changed in the last {days} days', days=RECENT_DAYS)}**")
    changes = changes_since(view.shown, since)
    if changes.empty:
        st.markdown(t("Nothing since {date}.", date=since.isoformat()))
        if view.data.data_date is not None:
            st.caption(t("Newest entry: {date}", date=view.data.data_date.isoformat()))
    else:
        counts = changes["change"].value_counts()
        st.markdown(
            t(
                "**{status}** status changes, **{evidence}** new evidence, "
                "**{measurements}** new measurements",
                status=int(counts.get("status", 0)),
                evidence=int(counts.get("evidence", 0)),
                measurements=int(counts.get("measurement", 0)),
            )
        )
    st.page_link(
        navigation.CHANGES,
        label=t("Changes since"),
        icon=":material/history:",
        query_params=view.link_params(since=since.isoformat()),
    )


def _evidence(view: View) -> None:
    evidence = view.shown.evidence
    st.markdown(f"**{t('Evidence')}**")
    linked = int(evidence["url"].notna().sum())
    st.markdown(
        t(
            "**{count}** items for {objectives} objectives, {linked} with a web link",
            count=len(evidence),
            objectives=int(evidence["objective_id"].nunique()),
            linked=linked,
        )
    )
    if len(evidence):
        st.caption(t("Newest: {date}", date=evidence["date"].max().date().isoformat()))
    st.page_link(
        navigation.EVIDENCE,
        label=t("All evidence, newest first"),
        icon=":material/link:",
        query_params=view.link_params(),
    )


def answer_cards(view: View) -> None:
    for column, card in zip(st.columns(3), (_ammunition, _recent, _evidence), strict=True):
        with column.container(border=True):
            card(view)
