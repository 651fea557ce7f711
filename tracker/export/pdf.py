"""The printed report: the HTML briefing printed to A4 by headless Chromium.

Chromium is the one on the machine (Debian's /usr/bin/chromium, or the one IPAP_CHROMIUM
names); nothing is downloaded. The page may not fetch anything: every request it makes is
refused, so a report printed on a connected machine is the same as on an isolated one.
"""

from __future__ import annotations

import html as markup
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tracker import settings
from tracker.export import html
from tracker.export.pack import MeetingPack, ReportError
from tracker.i18n import t

# Drawing the charts of a big portfolio on a slow shared machine can take a while.
DRAW_TIMEOUT_MS = 120_000
MARGIN = {"top": "15mm", "right": "15mm", "bottom": "18mm", "left": "15mm"}
# Every chart marks itself drawn, and stamps each redraw (see html.DRAWN_MARK); print once
# all are drawn and none has redrawn for a moment (plotly widens margins in a second pass).
QUIET_MS = 600
_CHARTS_DRAWN = """(quiet) => {
  const charts = [...document.querySelectorAll('.plotly-graph-div')];
  return charts.length > 0 && charts.every((chart) => chart.dataset.drawn === 'yes'
    && Date.now() - Number(chart.dataset.drawnAt) > quiet);
}"""


class BrowserMissing(ReportError):
    """No Chromium to print with; the other formats still work."""

    usage_error = True  # the call needs a browser; the command line says exit 2


@dataclass
class Printed:
    pdf: bytes
    refused: list[str] = field(default_factory=list)  # addresses the page tried to fetch


def chromium_path() -> Path:
    """The browser to print with: IPAP_CHROMIUM if set, else Debian's chromium."""
    chosen = settings.chromium()
    if chosen:
        path = Path(chosen)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise BrowserMissing(
            f"{settings.CHROMIUM_ENV} names {chosen}, which is not a program: point it at Chromium "
            "or unset it"
        )
    found = (settings.DEFAULT_CHROMIUM, shutil.which("chromium"), shutil.which("chromium-browser"))
    for candidate in found:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise BrowserMissing(
        "the PDF is printed by Chromium, and none was found: install it with "
        f"`apt-get install chromium` (or set {settings.CHROMIUM_ENV} to its path). "
        "The other formats (pptx, html, xlsx, md) work without it."
    )


def render(pack: MeetingPack, progress: Callable[[float, str], None]) -> bytes:
    browser = chromium_path()
    progress(0.1, t("Writing the briefing"))
    document = html.render(pack, lambda _share, _message: None).decode("utf-8")
    progress(0.4, t("Printing with Chromium"))
    return print_briefing(document, pack, browser)


def print_briefing(document: str, pack: MeetingPack, browser: Path | None = None) -> bytes:
    """The PDF of `document`, the HTML briefing of `pack`, with the pack's footer on every
    page: for a caller that has written the HTML already (writing it again costs seconds)."""
    return print_page(document, _footer(pack.footer), browser).pdf


def print_page(document: str, footer: str, browser: Path | None = None) -> Printed:
    """Print an HTML page to A4 once its charts are drawn, refusing any network request."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    executable = browser or chromium_path()
    refused: list[str] = []
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(executable), args=settings.CHROMIUM_ARGS, headless=True
            )
            try:
                page = chromium.new_page(viewport={"width": 800, "height": 1100})

                def refuse(route) -> None:  # type: ignore[no-untyped-def]
                    refused.append(route.request.url)
                    route.abort()

                page.route("**/*", refuse)
                page.set_content(document, wait_until="load", timeout=DRAW_TIMEOUT_MS)
                page.wait_for_function(_CHARTS_DRAWN, arg=QUIET_MS, timeout=DRAW_TIMEOUT_MS)
                # Fonts settled and one more frame painted, so the print sees the final layout.
                page.evaluate(
                    "document.fonts.ready.then(() => new Promise("
                    "(done) => requestAnimationFrame(() => requestAnimationFrame(done))))"
                )
                page.emulate_media(media="print")
                pdf = page.pdf(
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=footer,
                    margin=MARGIN,
                )
            finally:
                chromium.close()
    except PlaywrightError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "no detail"
        raise ReportError(
            f"Chromium ({executable}) could not print the report: {first_line}"
        ) from None
    return Printed(pdf, refused)


def _footer(text: str) -> str:
    """Chromium's footer template: the pack's footer line and 'page N of M' on every page."""
    return (
        '<div style="width:100%;font-size:8px;color:#5b6675;padding:0 15mm;'
        f'display:flex;justify-content:space-between;font-family:{markup.escape(html.FONTS)};">'
        # A long line (25 plans' data dates) wraps on the left; "Page 1 of 171" stays whole.
        f'<span style="flex:1 1 auto;min-width:0;padding-right:12px;">{markup.escape(text)}</span>'
        f'<span style="flex:none;white-space:nowrap;">{_page_of()}</span>'
        "</div>"
    )


def _page_of() -> str:
    """'Page N of M', with Chromium's own page-number fields where the numbers go."""
    return (
        markup.escape(t("Page {page} of {pages}", page="\0", pages="\1"))
        .replace("\0", '<span class="pageNumber"></span>')
        .replace("\1", '<span class="totalPages"></span>')
    )
