"""How big a presentation screen's type and chart are, from the window's size.

Every screen must fit the window with no scroll bar, from a 1280×720 projector to a wall
screen: the type grows with the window (the charts' too), and the chart gets what the
title, the line under it, the footer and the buttons leave. The style sheet is built here
from these numbers only (no data goes into it).
"""

from __future__ import annotations

from dataclasses import dataclass

from components.clicker import Viewport

# Type is a fortieth of the window's height (18 px at 720, 27 px at 1080), never wider
# than a 71st of its width, so a narrow window does not get type its lines cannot hold.
HEIGHT_PER_TYPE = 40
WIDTH_PER_TYPE = 71
SMALLEST_TYPE = 16
LARGEST_TYPE = 44
# What a screen's title, footer, buttons, gaps and margins take, in lines of type, and
# what each notice at the top (data that could not be read, a link value not applied) adds.
CHROME_LINES = 8.2
NOTICE_LINES = 3.4
# Room the space under the chart keeps free (rounding, borders), in pixels.
SPARE = 12


@dataclass(frozen=True)
class ScreenFit:
    viewport: Viewport
    notices: int = 0  # notices drawn above the title

    @property
    def type_px(self) -> int:
        wanted = min(self.viewport.height / HEIGHT_PER_TYPE, self.viewport.width / WIDTH_PER_TYPE)
        return int(max(SMALLEST_TYPE, min(LARGEST_TYPE, wanted)))

    @property
    def width(self) -> int:
        """Pixels across for a chart: the window less the page's side margins."""
        return int(self.viewport.width - 2.6 * self.type_px)

    def room(self, lines: float = 0) -> int:
        """Pixels left for a chart once the screen's chrome and `lines` more lines of type
        (a subtitle, a row of tiles) are drawn."""
        used = (CHROME_LINES + NOTICE_LINES * self.notices + lines) * self.type_px + SPARE
        return max(160, int(self.viewport.height - used))

    def css(self) -> str:
        """The presentation style sheet for this window: type in pixels, the page one
        column exactly the window's height, the full-screen button in the top corner."""
        return PRESENTATION_CSS.replace("__TYPE__", str(self.type_px))


PRESENTATION_CSS = """
<style>
html { font-size: __TYPE__px !important; }
html, body, [data-testid="stAppViewContainer"] { font-size: __TYPE__px; }
[data-testid="stMainBlockContainer"] { padding: 0.5rem 1.3rem 0.4rem 1.3rem !important;
  max-width: 100% !important; height: 100vh; box-sizing: border-box; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { height: 100%;
  gap: 0.45rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.7rem !important; line-height: 1.15;
  padding: 0 6.5rem 0 0 !important; margin: 0 !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {
  font-size: 1rem; }
[data-testid="stMainBlockContainer"] h3 { font-size: 1.25rem !important; padding: 0 !important;
  line-height: 1.2; }
[data-testid="stMainBlockContainer"] h4 { font-size: 1.05rem !important; padding: 0 !important;
  line-height: 1.2; }
[data-testid="stMainBlockContainer"] .stHeading [data-testid="stMarkdownContainer"] {
  margin: 0 !important; }
/* The footer and the buttons sit at the bottom of the window, whatever the screen holds. */
[data-testid="stElementContainer"]:has(> div > .ipap-footer),
[data-testid="stElementContainer"]:has(.ipap-footer) { margin-top: auto; }
.ipap-footer { font-size: 0.72rem !important; margin-top: 0 !important;
  padding-top: 0.2rem !important; }
[data-testid="stMainBlockContainer"] button { min-height: 2rem; padding: 0.1rem 0.6rem; }
[data-testid="stMainBlockContainer"] button p { font-size: 0.8rem; }
.st-key-ipap_presenter { position: absolute !important; width: 0 !important;
  height: 0 !important; }
.ipap-presenter { position: fixed; top: 0.45rem; right: 1.3rem; z-index: 999990; }
.ipap-presenter button { font: inherit; font-size: 0.7rem; padding: 0.25rem 0.7rem;
  border: 1px solid #5b6675; border-radius: 0.4rem; background: #ffffff; color: #1b2430;
  cursor: pointer; }
.ipap-presenter button:hover, .ipap-presenter button:focus-visible { background: #eaf0f8; }
</style>
"""
