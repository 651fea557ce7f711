"""Three cards on the overview that answer the questions a meeting starts with: how much
ammunition is left to destroy, what changed since the last review, and where the evidence
is. Each links to the page that shows the whole answer."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components import navigation
from components.ammunition_view import amount, programme_name
from components.text import escape_markdown
from components.view import View
from components.view_key import ViewKey, view_key
from tracker.i18n import format_day, t, tn
from tracker.tables.analysis import AmmunitionOutlook, ammunition_outlooks, change_index
from tracker.tables.frames import Frames
from tracker.text import shorten

# More ammunition targets than this are summed up in one line; the page lists them all.
LISTED_TARGETS = 3
# A programme's objective title on the card, cut at a word (the page shows it whole).
TITLE_LENGTH = 48


# Each card's figures are computed once per view key (data version, day, filters, language)
# and the tables are `_underscore` arguments, so no run hashes 10,000 rows.


@st.cache_data(max_entries=16, show_spinner=False)
def _outlooks(_shown: Frames, key: ViewKey) -> list[AmmunitionOutlook]:
    """Every ammunition programme (objectives of several plans counted once)."""
    return ammunition_outlooks(_shown)


@st.cache_data(max_entries=16, show_spinner=False)
def _change_counts(_shown: Frames, key: ViewKey, since: date) -> dict[str, int] | None:
    """How many changes of each kind since `since`; None when there are none. Counted on the
    changes' index: their words (describe_changes) are the Changes page's to write."""
    changes = change_index(_shown, since)
    if changes.empty:
        return None
    return {str(kind): int(count) for kind, count in changes["change"].value_counts().items()}


@st.cache_data(max_entries=16, show_spinner=False)
def _evidence_figures(_evidence: pd.DataFrame, key: ViewKey) -> tuple[int, int, int, date | None]:
    """Items, objectives with evidence, items with a web link, and the newest item's date."""
    newest = _evidence["date"].max().date() if len(_evidence) else None
    return (
        len(_evidence),
        int(_evidence["objective_id"].nunique()),
        int(_evidence["url"].notna().sum()),
        newest,
    )


def _names(outlooks: list[AmmunitionOutlook]) -> list[str]:
    """Each programme as the card names it: its plans, and its objective's title where
    another programme of the same plans is listed too ("PLAN-01 · Destroy surplus…")."""
    plans = [programme_name(outlook) for outlook in outlooks]
    return [
        f"{name} · {shorten(outlook.title, TITLE_LENGTH)}" if plans.count(name) > 1 else name
        for name, outlook in zip(plans, outlooks, strict=True)
    ]


def _ammunition(view: View) -> None:
    heading = t("Ammunition left to destroy")
    st.markdown(f"**{heading}**")
    outlooks = _outlooks(view.shown, view_key(view))
    if not outlooks:
        st.caption(t("No ammunition-destruction target in this view."))
    names = _names(outlooks[:LISTED_TARGETS])
    for outlook, name in zip(outlooks[:LISTED_TARGETS], names, strict=True):
        unit = escape_markdown(outlook.unit)
        if outlook.remaining is None:
            st.markdown(
                t(
                    "{plan}: **not measured yet** (target {target})",
                    plan=escape_markdown(name),
                    target=amount(outlook.target, unit),
                )
            )
            st.caption(t("No amount destroyed is recorded, so what remains is unknown."))
        else:
            st.markdown(
                t(
                    "{plan}: **{remaining}** left of a {target} target",
                    plan=escape_markdown(name),
                    remaining=amount(outlook.remaining, unit),
                    target=amount(outlook.target, unit),
                )
            )
            if outlook.as_of is not None:
                st.caption(t("As of {date}", date=format_day(outlook.as_of)))
    if len(outlooks) > LISTED_TARGETS:
        more = len(outlooks) - LISTED_TARGETS
        st.caption(tn("and {count} more target", "and {count} more targets", more))
    st.page_link(
        navigation.AMMUNITION,
        label=t("Ammunition destruction"),
        icon=":material/bomb:",
        query_params=view.link_params(),
    )


def _recent(view: View) -> None:
    since = view.changes_since
    heading = t("Changed {since}", since=view.since_text())
    st.markdown(f"**{heading}**")
    counts = _change_counts(view.shown, view_key(view), since)
    if counts is None:
        st.markdown(t("Nothing since {date}.", date=format_day(since)))
        if view.data.data_date is not None:
            st.caption(t("Newest entry: {date}", date=format_day(view.data.data_date)))
    else:
        parts = [
            tn("**{count}** status change", "**{count}** status changes", counts.get("status", 0)),
            # English says "new evidence" for any count; Serbian counts it („17 нових доказа”).
            tn("**{count}** new evidence", "**{count}** new evidence", counts.get("evidence", 0)),
            tn(
                "**{count}** new measurement",
                "**{count}** new measurements",
                counts.get("measurement", 0),
            ),
        ]
        st.markdown(", ".join(parts))
    st.page_link(
        navigation.CHANGES,
        label=t("Changes since"),
        icon=":material/history:",
        query_params=view.link_params(),
    )


def _evidence(view: View) -> None:
    count, objectives, linked, newest = _evidence_figures(view.shown.evidence, view_key(view))
    st.markdown(f"**{t('Evidence')}**")
    st.markdown(
        t(
            "{items} for {objectives}, {linked} with a web link",
            items=tn("**{count}** item", "**{count}** items", count),
            objectives=tn("{count} objective", "{count} objectives", objectives),
            linked=linked,
        )
    )
    if newest is not None:
        st.caption(t("Newest: {date}", date=format_day(newest)))
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
