"""One card per plan: how far along it is, in words and one status strip.

This answers the first question in a meeting ("how far along is IPAP 2?") truthfully:
when nothing has been assessed, the card says so rather than showing a zero as progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from components.layout import status_strip
from components.text import escape_html, escape_html_whole, escape_markdown
from components.view import View
from components.view_key import ViewKey, view_key
from tracker.charts import plan_name
from tracker.i18n import display_text, format_day, format_number, format_percent, t, tn
from tracker.statuses import STATUS_ORDER
from tracker.tables.analysis import KPI_COLUMNS, Kpis, kpis, progress_by, status_counts
from tracker.tables.frames import Frames
from tracker.tables.window import plan_data_dates
from tracker.tables.wording import average_note, share_figure, status_count


def _period(view: View, plan_id: str) -> str:
    plan = view.data.portfolio.plans.get(plan_id)
    if plan is None:
        return ""
    if plan.end < view.today:
        return t(
            "{start} to {end} (ended)",
            start=format_day(plan.start, long=True),
            end=format_day(plan.end, long=True),
        )
    days = (plan.end - view.today).days
    return tn(
        "{start} to {end} ({count} day left)",
        "{start} to {end} ({count} days left)",
        days,
        start=format_day(plan.start, long=True),
        end=format_day(plan.end, long=True),
    )


@dataclass(frozen=True)
class PlanFigures:
    """One card's numbers: computed once per view key, not on every click."""

    plan_id: str
    figures: Kpis
    counts: dict[str, int]  # status -> objectives, in STATUS_ORDER
    known: int  # objectives with a progress figure
    average_progress: float | None
    newest_update: date | None  # this plan's own data date


@st.cache_data(max_entries=16, show_spinner=False)
def _plan_figures(_shown: Frames, key: ViewKey) -> list[PlanFigures]:
    _objectives = _shown.objectives
    dates = plan_data_dates(_shown)
    plans = sorted(_objectives["plan"].astype(str).unique())
    if not plans:
        return []
    counts = status_counts(_objectives, "plan")
    progress = progress_by(_objectives, "plan")
    # Each plan's rows found once and cut from the columns kpis reads: a mask per plan over
    # all 29 columns cost 25 passes over 10,000 objectives at 25 plans.
    counted = _objectives[KPI_COLUMNS]
    rows = _objectives.groupby(_objectives["plan"].astype(str), sort=False).indices
    return [
        PlanFigures(
            plan_id=plan_id,
            figures=kpis(counted.take(rows[plan_id])),
            counts={s: int(counts.loc[plan_id, s]) for s in STATUS_ORDER},
            known=int(progress.loc[plan_id, "known"]),
            average_progress=float(progress.loc[plan_id, "average_progress"])
            if progress.loc[plan_id, "known"]
            else None,
            newest_update=dates.get(plan_id),
        )
        for plan_id in plans
    ]


# Past this many plans a card each would fill screens: one compact table row each instead.
MAX_CARDS = 12


def _status_words(counts: dict[str, int]) -> str:
    """The card's split by status, one message per status so a language orders it as it
    says it: "22 not assessed · 1 completed", Serbian „није процењено: 22 · завршено: 1”
    (a count before the status label read „22 није процењено”, a verb in the singular)."""
    return " · ".join(status_count(counts[s], s) for s in STATUS_ORDER if counts[s])


def _strong(message: str) -> str:
    """A message whose **bold** parts (as the catalogue writes them) become HTML, the rest
    escaped."""
    parts = escape_html(message).split("**")
    return "".join(f"<strong>{part}</strong>" if i % 2 else part for i, part in enumerate(parts))


def _completed_line(figures: Kpis) -> str:
    return t(
        "**{completed} of {total}** objectives completed ({percent}%)",
        completed=figures.completed,
        total=figures.objectives,
        percent=share_figure(figures.completed_percent),
    )


def _average_line(card: PlanFigures) -> str:
    """The plan's average progress with what it covers, in the briefing's and the deck's words
    (wording.average_note): "Average progress: **100%** · over 1 of 23 objectives", as the
    average of the one that reports it is not the plan's; none reporting, "no figure yet"
    (never 0 %). HTML, escaped."""
    note = average_note(card.average_progress, card.known, card.figures.objectives)
    label = escape_html(t("Average progress"))
    if card.average_progress is None or not card.known:
        return f"{label}: {escape_html(note)}"
    # One decimal where it has one at that precision, as the card's other shares (12.5 %).
    average = card.average_progress
    figure = format_percent(average / 100, 0 if round(average, 1).is_integer() else 1)
    return f"{label}: <strong>{escape_html(figure)}</strong> · {escape_html(note)}"


def _card(view: View, card: PlanFigures, compact: bool) -> str:
    """One plan's card as HTML (every data text escaped)."""
    plan = view.data.portfolio.plans.get(card.plan_id)
    figures = card.figures
    title = display_text(plan, "title") if plan else card.plan_id
    lines = [
        f"<h3>{escape_html(plan_name(card.plan_id))}</h3>",
        f'<p class="ipap-muted">{escape_html_whole(title)}</p>',
        f"<p>{_strong(_completed_line(figures))}</p>",
        status_strip(card.counts),
        f'<p class="ipap-muted">{escape_html(_status_words(card.counts))}</p>',
    ]
    if not compact:
        lines.append(f"<p>{_average_line(card)}</p>")
        if figures.not_assessed:
            lines.append(
                "<p>"
                + escape_html(
                    t(
                        "{count} not assessed: no source reports their state yet.",
                        count=figures.not_assessed,
                    )
                )
                + "</p>"
            )
    late = t("{count} overdue", count=figures.overdue) if figures.overdue else ""
    never = (
        t("{count} past due, never assessed", count=figures.past_due_unassessed)
        if figures.past_due_unassessed
        else ""
    )
    updated = card.newest_update
    as_of = t(
        "newest update {date}",
        # Written out like the plan's period beside it: one way of writing a date in a line.
        date=format_day(updated, long=True) if updated else t("no update yet"),
    )
    parts = (_period(view, card.plan_id), late, never, as_of)
    lines.append(
        f'<p class="ipap-muted">{escape_html_whole(" · ".join(part for part in parts if part))}</p>'
    )
    return f'<div class="ipap-card">{"".join(lines)}</div>'


def _plan_table(view: View, cards: list[PlanFigures]) -> str:
    """Many plans: one row each, the same figures as a card, in a table that fits a screen."""
    head = "".join(
        f'<th scope="col">{escape_html(name)}</th>'
        for name in (t("Plan"), t("Objectives"), t("Completed"), t("Status"), t("Overdue"),
                     t("Newest update"))
    )  # fmt: skip
    rows = []
    for card in cards:
        plan = view.data.portfolio.plans.get(card.plan_id)
        figures = card.figures
        title = display_text(plan, "title") if plan else card.plan_id
        updated = format_day(card.newest_update) if card.newest_update else t("no update yet")
        rows.append(
            "<tr>"
            f'<th scope="row" title="{escape_html(title)}">'
            f"{escape_html(plan_name(card.plan_id))}</th>"
            f"<td>{escape_html(format_number(figures.objectives))}</td>"
            f"<td>{escape_html(format_number(figures.completed))}</td>"
            f'<td title="{escape_html(_status_words(card.counts))}">'
            f"{status_strip(card.counts)}</td>"
            f"<td>{escape_html(format_number(figures.overdue))}</td>"
            f"<td>{escape_html(updated)}</td>"
            "</tr>"
        )
    return (
        f'<table class="ipap-plans"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def plans_in_words(view: View) -> str:
    """All plans in one sentence, for a screen with no room for a row per plan."""
    cards = _plan_figures(view.shown, view_key(view))
    objectives = sum(card.figures.objectives for card in cards)
    completed = sum(card.figures.completed for card in cards)
    overdue = sum(card.figures.overdue for card in cards)
    return t(
        "{plans} plans with {objectives} objectives: {completed} completed, {overdue} overdue. "
        "The next screen compares the plans; the Overview page has a row for each.",
        plans=len(cards),
        objectives=objectives,
        completed=completed,
        overdue=overdue,
    )


def plan_cards(view: View, compact: bool = False) -> None:
    """A card per plan in a grid that wraps; past MAX_CARDS plans a compact table (or, on a
    presentation screen, one sentence: a table of 25 rows does not fit a projector)."""
    cards = _plan_figures(view.shown, view_key(view))
    if not cards:
        return
    if len(cards) > MAX_CARDS:
        if compact:
            st.markdown(escape_markdown(plans_in_words(view)))
        else:
            st.html(_plan_table(view, cards))
        return
    st.html(
        f'<div class="ipap-cards">{"".join(_card(view, card, compact) for card in cards)}</div>'
    )
