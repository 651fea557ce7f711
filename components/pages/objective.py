"""Objective detail: every field, the status history, the metric, the evidence, the lineage."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import chart, navigation
from components.column_widths import ONE_LINE_ROW, facts_layout
from components.data import data_path
from components.layout import footer, status_badge, trust_notices
from components.localize import area_titles, objective_titles
from components.metric_row import metric_row
from components.sidebar import shown_path
from components.tables import MISSING
from components.text import escape_html, escape_markdown, markdown_link, safe_link
from components.update_form import update_form
from components.view import OBJECTIVE_PARAM, current_view
from tracker.charts import metric_progress, plan_name, status_history
from tracker.i18n import (
    display_name,
    display_text,
    format_day,
    format_number,
    format_percent,
    t,
    table_day_format,
    tn,
    tp,
)
from tracker.statuses import STATUS_LABELS
from tracker.tables.audience import PUBLIC
from tracker.tables.wording import unit_name, unmeasured_target

view = current_view()
trust_notices(view)
everything = view.data.frames
portfolio = view.data.portfolio
ids = everything.objectives["id"].astype(str).tolist()
titles = objective_titles(portfolio)
wanted = st.query_params.get(OBJECTIVE_PARAM)


def _open_picked() -> None:
    """A new choice in the picker becomes the address, so the link names the objective."""
    picked = st.session_state.get("objective_picker")
    if picked:
        st.query_params[OBJECTIVE_PARAM] = picked


if wanted in titles:
    st.session_state["objective_picker"] = wanted
st.selectbox(
    t("Objective"),
    options=ids,
    format_func=lambda objective_id: f"{titles[objective_id]} ({objective_id})",
    index=None,
    key="objective_picker",
    placeholder=t("Choose an objective, or pick a row in any table"),
    on_change=_open_picked,
)

if wanted and wanted not in titles:
    st.error(
        t(
            "There is no objective '{id}' in the data. It may have been renamed, or its file "
            "may have a problem: see Data problems.",
            id=escape_markdown(wanted),
        )
    )
    footer(view)  # as every page ends: where the numbers come from
    st.stop()
if not wanted:
    st.info(t("Choose an objective above to see its details."))
    footer(view)
    st.stop()

objective = portfolio.objective(wanted)
row = everything.objectives[everything.objectives["id"] == wanted].iloc[0]
status = str(row["status"])

st.title(escape_markdown(titles[objective.id]))
flags = [status_badge(status)]
if row["overdue"]:
    flags.append(
        f'<span class="ipap-badge" style="background:#fbe3e1;color:#8a1c12">{t("Overdue")}</span>'
    )
if row["past_due_unassessed"]:
    flags.append(
        f'<span class="ipap-badge" style="background:#eef0f3;color:#3b4656">'
        f"{t('Past due, never assessed')}</span>"
    )
if row["stale"]:
    flags.append(
        f'<span class="ipap-badge" style="background:#eef0f3;color:#3b4656">{t("Stale")}</span>'
    )
st.html(
    "<div>"
    + "".join(flags)
    + f'<span style="color:#5b6675">{escape_html(objective.id)} · '
    + f"{escape_html(plan_name(objective.plan_id))}</span></div>"
)

progress = objective.current_progress()
last = objective.last_update_date()
due_text = format_day(objective.due)
if row["overdue"] or row["past_due_unassessed"]:
    late = (view.today - objective.due).days
    due_text = tn("{date} ({count} day ago)", "{date} ({count} days ago)", late, date=due_text)
metric_row(
    "objective_tiles",
    [
        (t("Status"), t(STATUS_LABELS[status])),
        (t("Progress"), "—" if progress is None else format_percent(progress / 100)),
        (t("Due"), format_day(objective.due)),
        (t("Last update"), format_day(last) if last else t("never")),
    ],
)

if objective.description:
    st.markdown(escape_markdown(display_text(objective, "description")))

plan = portfolio.plans.get(objective.plan_id)
area_title = area_titles(portfolio).get((objective.plan_id, objective.area), str(row["area_title"]))
# Named as the continuity links below name them, "title (id)": the id alone means little.
depends_on = ", ".join(f"{titles.get(other, other)} ({other})" for other in objective.depends_on)
facts = [
    (t("ID"), objective.id),
    (
        t("Plan"),
        f"{plan_name(objective.plan_id)}: {display_text(plan, 'title')}"
        if plan
        else objective.plan_id,
    ),
    (t("Area"), area_title),
    (t("Type"), t(objective.type)),
    (
        tp("an objective's field of work", "Field"),
        display_text(objective, "field") if objective.field else "—",
    ),
    (t("Owner"), display_text(objective, "owner")),
    (t("Start"), format_day(objective.start)),
    (t("Due"), due_text),
    (t("Status"), t(STATUS_LABELS[status])),
    (t("Progress"), "—" if progress is None else format_percent(progress / 100)),
    (t("Depends on"), depends_on or "—"),
    (t("Written in"), f"{shown_path(view.data, objective.file)}:{objective.line}"),
]
name_header, value_header = tp("the name column of a table of facts", "Field"), t("Value")
name_width, value_width, row_height = facts_layout(
    [name for name, _ in facts], [value for _, value in facts], name_header
)
with st.expander(t("All fields"), expanded=True):
    st.dataframe(
        pd.DataFrame(facts, columns=[name_header, value_header]),
        hide_index=True,
        width="stretch",
        height=row_height * len(facts) + ONE_LINE_ROW + 3,
        row_height=row_height,
        column_config={
            name_header: st.column_config.TextColumn(width=name_width),
            value_header: st.column_config.TextColumn(width=value_width),
        },
        placeholder=MISSING,
    )

# --- Status history -------------------------------------------------------------------------
# With no update there is nothing to draw: the sentence alone says so (an empty chart beside it
# only repeated the sentence in a grey box).
st.subheader(t("Status history"))
updates = everything.updates[everything.updates["objective_id"] == wanted]
if updates.empty:
    st.caption(t("No update recorded: the status has not been assessed against a source yet."))
else:
    chart.draw(status_history(updates, view.today), "chart_history", t("Status history"))
    notes = {(u.date, u.note): display_text(u, "note") for u in objective.updates if u.note}
    authors = {(u.date, u.by): display_name(u, "by") for u in objective.updates if u.by}
    for update in updates.sort_values("date", ascending=False).itertuples(index=False):
        label = escape_markdown(t(STATUS_LABELS[str(update.status)]))
        line = f"**{format_day(update.date)}** · {label}"
        if not pd.isna(update.progress):
            line += f" · {format_percent(update.progress / 100)}"
        if isinstance(update.note, str) and update.note:
            note = notes.get((update.date.date(), update.note), update.note)
            line += f" — {escape_markdown(note)}"
        if isinstance(update.by, str) and update.by:
            by = authors.get((update.date.date(), update.by), update.by)
            line += f" _({escape_markdown(by)})_"
        if isinstance(update.source, str) and update.source:
            source = (
                markdown_link(t("source"), update.source)
                if safe_link(update.source)
                else escape_markdown(update.source)
            )
            line += f" · {source}"
        st.markdown(f"- {line}")

# --- Metric ---------------------------------------------------------------------------------
if objective.metric is not None:
    metric = objective.metric
    st.subheader(t("Metric: {unit}", unit=escape_markdown(unit_name(metric.unit))))
    reached = metric.latest_total()
    measurements = everything.measurements[everything.measurements["objective_id"] == wanted]
    if reached is None:
        st.info(unmeasured_target(metric.target, metric.unit, escape_markdown))
    else:
        metric_row(
            "objective_metric_tiles",
            [
                (t("Reached"), format_number(reached)),
                (t("Target"), format_number(metric.target)),
                (t("Remaining"), format_number(max(0.0, metric.target - reached))),
            ],
        )
    if not measurements.empty:
        chart.draw(
            metric_progress(measurements, metric.target, metric.unit, objective.due, view.today),
            "chart_metric",
            t("Metric: {unit}", unit=unit_name(metric.unit)),
        )
        ordered = measurements.sort_values("date", ascending=False)
        sources = ordered["source"]
        st.dataframe(
            pd.DataFrame(
                {
                    "date": ordered["date"],
                    "value": ordered["value"],
                    "total": ordered["total"],
                    "citation": [
                        s if isinstance(s, str) and not safe_link(s) else None for s in sources
                    ],
                    "link": [safe_link(s) for s in sources],
                }
            ),
            hide_index=True,
            width="stretch",
            placeholder=MISSING,
            column_config={
                "date": st.column_config.DateColumn(t("Date"), format=table_day_format()),
                "value": st.column_config.NumberColumn(t("Amount"), format="localized"),
                "total": st.column_config.NumberColumn(t("Running total"), format="localized"),
                "citation": st.column_config.TextColumn(t("Source")),
                "link": st.column_config.LinkColumn(t("Link"), display_text=t("Open")),
            },
        )

# --- Evidence -------------------------------------------------------------------------------
# The public view lists only public evidence, as every count of it does.
listed = [e for e in objective.evidence if view.audience != PUBLIC or e.access == PUBLIC]
st.subheader(t("Evidence ({count})", count=len(listed)))
if not listed:
    st.caption(t("No evidence recorded yet."))
if len(listed) < len(objective.evidence):
    st.caption(view.audience_text())
for item in sorted(listed, key=lambda e: e.date, reverse=True):
    details = [format_day(item.date)]
    if item.kind:
        details.append(t(item.kind))
    if item.access == "internal":
        details.append(t("internal"))
    if not safe_link(item.url):
        details.append(t("no link"))
    title = display_text(item, "title")
    st.markdown(f"- {markdown_link(title, item.url)} · {escape_markdown(' · '.join(details))}")

# --- Lineage --------------------------------------------------------------------------------
continued_by = everything.objectives[everything.objectives["continues"] == wanted]
if objective.continues or not continued_by.empty:
    st.subheader(t("Continuity"))
    if objective.continues:
        earlier = objective.continues
        st.markdown(t("Continues:"))
        st.page_link(
            navigation.OBJECTIVE,
            label=escape_markdown(f"{titles.get(earlier, earlier)} ({earlier})"),
            query_params=view.link_params(**{OBJECTIVE_PARAM: earlier}),
            icon=":material/arrow_back:",
        )
    if not continued_by.empty:
        st.markdown(t("Continued by:"))
        for later in continued_by.itertuples(index=False):
            st.page_link(
                navigation.OBJECTIVE,
                label=escape_markdown(f"{titles.get(later.id, later.title)} ({later.id})"),
                query_params=view.link_params(**{OBJECTIVE_PARAM: later.id}),
                icon=":material/arrow_forward:",
            )

# --- Recording an update (the form shows only where editing is configured) -------------------
update_form(wanted, data_path())

footer(view)
