"""The Markdown summary: the figures, hostile text escaped, only web addresses as links."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from tests.support import MEETING_TODAY
from tracker.export import build_report
from tracker.export.md import escape, link
from tracker.load.loader import Portfolio
from tracker.tables.frames import build_frames


@pytest.fixture(scope="module")
def summary(meeting_portfolio: Portfolio) -> str:
    frames = build_frames(meeting_portfolio, today=MEETING_TODAY)
    return build_report(frames, meeting_portfolio, "md", since=date(2025, 1, 1)).decode("utf-8")


def test_summary_has_the_headings_and_the_figures(summary: str) -> None:
    headings = re.findall(r"^#+ (.+)$", summary, flags=re.MULTILINE)
    assert headings == [
        "IPAP meeting pack",
        "Summary",
        "Status by plan",
        "Ammunition against target",
        "Overdue and at-risk objectives",
        "Changes since 2025-01-01",
    ]
    assert (
        "**6** objectives: 1 of 6 completed (16.7% of the objectives), 2 on track, 1 at risk, "
        "1 off track" in summary
    )
    # Plans by the short names the app, the deck and the briefing use, with their key.
    assert "| ALPHA | 0 | 0 | 1 | 1 | 1 | 1 | 0 | 4 |" in summary
    assert "ALPHA: Alpha plan; BETA: Beta plan." in summary
    assert "1,300 of 2,000 tonnes (65%) by 2026-06-30" in summary
    assert "Public edition: internal evidence is left out." in summary


def test_markup_in_the_data_is_escaped(summary: str) -> None:
    # No tag can open: every "<" from the data is backslash-escaped.
    assert re.search(r"(?<!\\)<", summary) is None
    assert r"\<script\>alert('x')\</script\>" in summary
    assert r"\*\*system\*\*" in summary
    assert r"\[click\](javascript:alert(1))" in summary


def test_only_web_addresses_become_links(summary: str) -> None:
    targets = re.findall(r"(?<!\\)\]\(([^)]*)\)", summary)
    assert targets, "the changes list links its evidence"
    assert all(target.startswith(("https://", "http://")) for target in targets)
    assert link("a (b)", "javascript:alert(1)") == "a (b)"
    assert link("x", "https://example.org/a?b=<2>") == "[x](https://example.org/a?b=%3C2%3E)"


def test_public_summary_leaves_internal_evidence_out(summary: str) -> None:
    assert "Internal: depot inspection notes" not in summary
    assert "campaign budget memo" not in summary


def test_escape_keeps_plain_text_readable() -> None:
    assert escape("Ministry of Defence (MoD), 2,000 tonnes.") == (
        "Ministry of Defence (MoD), 2,000 tonnes."
    )
    assert escape("a_b | c & d &lt;") == r"a\_b \| c & d &amp;lt;"


def test_the_summary_renders_as_written(summary: str) -> None:
    """Rendered by a CommonMark renderer, the summary reads as the app wrote it: the command
    its note names is code, no backslash of the escaping shows, and the data's hostile text
    comes out as the very characters it was typed with."""
    from markdown_it import MarkdownIt

    page = MarkdownIt("commonmark").enable("table").render(summary)
    assert "<code>python -m tracker validate</code>" in page
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "\\" not in shown
    assert "`" not in shown
    assert "<script>alert('x')</script>" in shown
    assert "**system**" in shown
    assert "<script" not in page  # the same text, never a tag
    assert "| ALPHA |" not in shown  # tables render as tables, not as pipes
