"""Meeting pack: build a deck, briefing, PDF, workbook or summary, and download it.

The pack is built from the same frames the other pages show (with the sidebar's filters),
by the same library function as `python -m tracker report`.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from components.layout import footer, page_header
from components.view import View, current_view
from tracker.export import (
    FORMATS,
    MEDIA_TYPES,
    Progress,
    ReportError,
    build_report,
    report_date,
    report_filename,
)
from tracker.forked import run_forked
from tracker.i18n import N_, current_language, t, tn
from tracker.load.loader import Portfolio
from tracker.problems import problem_total
from tracker.tables.audience import PUBLIC
from tracker.tables.filters import Filters, apply_filters
from tracker.tables.frames import Frames
from tracker.tables.localize import plan_titles
from tracker.tables.search import SearchIndex

BUILT_KEY = "meeting_pack_built"
AUDIENCE_KEY = "meeting_pack_audience"
ALL_PLANS = ""
FORMAT_NAMES = {
    "pptx": N_("PowerPoint deck (.pptx)"),
    "html": N_("HTML briefing (.html)"),
    "pdf": N_("PDF report (.pdf)"),
    "xlsx": N_("Excel workbook (.xlsx)"),
    "md": N_("Text summary (.md)"),
}
FORMAT_HELP = {
    "pptx": N_("Slides with editable charts; opens in PowerPoint or LibreOffice Impress."),
    "html": N_("One file with interactive charts; opens in any browser, no network needed."),
    "pdf": N_("The briefing printed to A4, with page numbers."),
    "xlsx": N_("Every table with filters, for working on the numbers."),
    "md": N_("A short summary to paste into an e-mail or a wiki."),
}


def _choices(view: View) -> tuple[str, str | None, date, str]:
    """The format, plan, since-date and audience the user picked.

    The changes window is the sidebar's (one for every view); the audience starts public
    (a file travels further than a screen) and stays what the user picks whatever the
    format: a workbook is never silently switched to the internal edition."""
    left, middle, right = st.columns(3)
    fmt = left.radio(
        t("Format"),
        FORMATS,
        format_func=lambda name: t(FORMAT_NAMES[name]),
        key="meeting_pack_format",
    )
    left.caption(t(FORMAT_HELP[fmt]))
    plans = sorted(set(view.shown.objectives["plan"].astype(str)))
    titles = plan_titles(view.data.portfolio)
    plan = middle.selectbox(
        t("Plan"),
        [ALL_PLANS, *plans],
        format_func=lambda plan_id: t("All plans") if plan_id == ALL_PLANS else titles[plan_id],
        key="meeting_pack_plan",
    )
    since = view.changes_since
    middle.markdown(
        t("Changes **{since}** (set in the sidebar: the last review).", since=view.since_text())
    )
    audiences = {
        "public": t("Public: leave internal evidence out"),
        "internal": t("Internal: include internal evidence"),
    }
    if st.session_state.get(AUDIENCE_KEY) not in audiences:
        st.session_state[AUDIENCE_KEY] = PUBLIC
    audience = right.radio(
        t("Audience"),
        list(audiences),
        format_func=audiences.__getitem__,
        key=AUDIENCE_KEY,
    )
    right.caption(t("Every format is made for this audience; the file name says which."))
    return fmt, plan or None, since, audience


def _build(view: View, fmt: str, plan: str | None, since: date, audience: str) -> None:
    """Build with a progress bar and keep the result, so the download survives a rerun."""
    bar = st.progress(0.0, text=t("Starting"))

    def advance(share: float, message: str) -> None:
        bar.progress(min(max(share, 0.0), 1.0), text=t(message))

    selection = None if view.filters.is_empty() else view.filters_text()
    # The view's filters on every evidence item: the pack narrows them to its own audience.
    # The pack's audience decides what the text search may find (never internal evidence
    # for the public edition).
    search = view.data.search if view.filters.text else None
    try:
        # In a child process: what a build makes on the way never stays in the server.
        content, as_of = run_forked(
            _made,
            view.data.frames,
            view.filters,
            search,
            view.data.portfolio,
            fmt,
            plan,
            since,
            audience,
            selection,
            progress=advance,
        )
    except ReportError as error:
        bar.empty()
        st.session_state.pop(BUILT_KEY, None)
        st.error(str(error))
        return
    bar.empty()
    st.session_state[BUILT_KEY] = {
        "format": fmt,
        "content": content,
        "file_name": report_filename(fmt, plan, as_of, audience),
        "choices": _built_for(fmt, plan, since, audience, view),
    }


def _made(
    frames: Frames,
    filters: Filters,
    search: SearchIndex | None,
    portfolio: Portfolio,
    fmt: str,
    plan: str | None,
    since: date,
    audience: str,
    selection: str | None,
    progress: Progress,
) -> tuple[bytes, date | None]:
    """The pack's bytes and the data date its name carries, from the unfiltered frames."""
    chosen = apply_filters(frames, filters, search, audience)
    content = build_report(chosen, portfolio, fmt, plan, since, audience, progress, selection)
    return content, report_date(chosen, plan, audience)


def _built_for(
    fmt: str, plan: str | None, since: date, audience: str, view: View
) -> tuple[object, ...]:
    """What a built file was made from: the choices, the filters, the data and the reader's
    language (a pack built in English is not offered to a reader who switched to Serbian)."""
    return (fmt, plan, since, audience, view.filters, view.data.versions, current_language())


view = current_view()
page_header(
    view,
    t("Meeting pack"),
    t(
        "Files to take to a meeting: they open on any laptop, with no network and no Python. "
        "The numbers are those of this dashboard, for the objectives the sidebar shows."
    ),
)
fmt, plan, since, audience = _choices(view)
if view.unreadable_text():
    st.warning(t("The pack says the same at the top of its first page."))
elif view.data.portfolio.problems:
    st.warning(
        tn(
            "The data has {count} problem: the pack shows the valid objectives and says so "
            "on its first page.",
            "The data has {count} problems: the pack shows the valid objectives and says so "
            "on its first page.",
            problem_total(view.data.portfolio.problems),
        )
    )
if st.button(t("Build the meeting pack"), type="primary", key="meeting_pack_build"):
    st.session_state.pop(BUILT_KEY, None)  # the last file goes before the next is made
    _build(view, fmt, plan, since, audience)

built = st.session_state.get(BUILT_KEY)
current = _built_for(fmt, plan, since, audience, view)
if built and built["choices"] == current and built["content"] is not None:
    st.success(t("Ready: {name}", name=built["file_name"]))
    st.download_button(
        t("Download {name}", name=built["file_name"]),
        data=built["content"],
        file_name=built["file_name"],
        mime=MEDIA_TYPES[built["format"]],
        on_click="ignore",
        type="primary",
        icon=":material/download:",
        key="meeting_pack_download",
    )
elif built:
    # A file no longer offered is not kept (a workbook at 10,000 objectives is megabytes).
    built["content"] = None
    st.caption(t("The choices changed since the last build: build the pack again."))

footer(view)
