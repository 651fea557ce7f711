"""Open lists wide enough to read: a sidebar filter's options in full, never clipped.

Streamlit 1.67 draws a multiselect's open list (`stMultiSelectDropdown`, a react-aria
popover) exactly as wide as the box, 240 px in the sidebar, with each option on one clipped
line: "Public diplomacy, scientific cooperation and emergency management (IPAP 1)" showed as
"Public diplomacy, scientific coopera". The list is virtual (rows of a fixed 40 px), so its
options cannot grow taller; instead each filter's list is made as wide as its longest
option, up to the window's width, as one style rule per filter. The rule finds the list by
its accessible name, which is the filter's title in the reader's language.

Where the window is too narrow even for that, an option wraps onto a second line between
words (two lines of the 14 px type fit a 40 px row).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# The widest a character of the options' 14 px Source Sans runs, in em, measured with the
# browser's measureText on the shipped options in English and Serbian Cyrillic: long labels
# run at 0.44-0.50 em a character, the widest short one ("Није процењено") 0.56. Rounding up
# costs a little empty space at the end of the longest line, never a cut letter.
EM_PER_CHARACTER = 0.56
# The options' type, in rem (Streamlit's 14 px), and the options' padding, the check mark's
# room and the list's scroll bar, in em of it.
OPTION_TYPE_REM = 0.875
ROOM_EM = 3.5
# The list never reaches the window's edges.
WINDOW_MARGIN = "2rem"

_WRAP = """
[data-testid="stMultiSelectDropdown"] [role="option"] > div { white-space: normal !important;
  line-height: 1.15 !important; overflow-wrap: normal !important; word-break: normal !important; }
"""


def list_width_rem(labels: Iterable[str]) -> float:
    """How wide, in rem, a list must be for its longest label to fit on one line."""
    longest = max((len(label) for label in labels), default=0)
    return round((longest * EM_PER_CHARACTER + ROOM_EM) * OPTION_TYPE_REM, 2)


def _css_string(text: str) -> str:
    """`text` as a CSS string literal: quotes, backslashes and line ends escaped, and no
    markup can end the style element."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\<>\n\r' or ord(char) < 32 else char for char in text
    )
    return f'"{escaped}"'


def dropdown_css(lists: Mapping[str, Iterable[str]]) -> str:
    """A style element that widens each filter's open list: `lists` maps a filter's title,
    as the reader sees it (its list's accessible name), to the labels it offers."""
    rules = [_WRAP]
    for title, labels in lists.items():
        width = list_width_rem(labels)
        rules.append(
            f'[data-testid="stMultiSelectDropdown"]:has([role="listbox"][aria-label={_css_string(title)}])'
            f" {{ width: max(var(--trigger-width), min({width}rem, calc(100vw - {WINDOW_MARGIN})))"
            " !important; }"
        )
    return "<style>" + "\n".join(rules) + "</style>"
