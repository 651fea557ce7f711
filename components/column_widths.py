"""Each table column as wide as its header and its content in the reader's language.

The data grid draws on a canvas and sizes a column it is given no width for from its first
rows, up to a limit: at 1280×720 an owner read "Министарство унутрашњих посло" and a header
can end up narrower than its title. Here every column whose width is not chosen on purpose
(the long text columns keep "large" or "medium") gets a width in pixels: enough for its
header whole, and for its longest value up to a cap, past which the full text is in the
cell's tooltip and the row's objective page.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from datetime import date

import pandas as pd

from tracker.i18n import format_day, format_number

# The grid's type is Source Sans at 14 px; its widest characters in use (capitals, "ш", "ж")
# run at 0.62 em, lower case at 0.45-0.58 (measured with measureText in the browser).
PIXELS_PER_CHARACTER = 8.7
# A cell's padding (8 px a side) and, for a header, the sort arrow and menu it may show.
CELL_ROOM = 20
HEADER_ROOM = 40
# No column narrower than a checkbox's, none wider than this unless its header needs it.
NARROWEST = 60
WIDEST = 560
# A progress bar needs room for the bar beside its figure.
PROGRESS_WIDTH = 150
# How many values are read to find the longest (a table of 10,000 rows sizes as its first).
SAMPLE_ROWS = 500


def text_width(text: str, room: int) -> int:
    """Pixels for `text` on one line of the grid's type, with `room` around it."""
    return round(len(text) * PIXELS_PER_CHARACTER) + room


def shown_values(values: pd.Series) -> Iterable[str]:
    """The column's values as the grid writes them: days in the reader's form, numbers with
    the reader's separators."""
    for value in values.head(SAMPLE_ROWS).dropna():
        if isinstance(value, pd.Timestamp | date):
            yield format_day(value.date() if isinstance(value, pd.Timestamp) else value)
        elif isinstance(value, bool):
            yield ""
        elif isinstance(value, int | float):
            yield format_number(float(value))
        elif isinstance(value, list | tuple):
            yield " ".join(str(item) for item in value)
        else:
            yield str(value)


def column_width(header: str, values: Iterable[str], kind: str = "text") -> int:
    """A column's width in pixels: its header whole, its longest value up to WIDEST."""
    needed = text_width(header, HEADER_ROOM)
    longest = max((text_width(value, CELL_ROOM) for value in values), default=0)
    floor = PROGRESS_WIDTH if kind == "progress" else NARROWEST
    return max(needed, floor, min(longest, WIDEST))


def fit_widths(config: MutableMapping[str, object], table: pd.DataFrame) -> None:
    """Set a width on each column of `table` that `config` describes and that has none
    chosen on purpose ("large", "medium", a number): from its header and its values."""
    for column in table.columns:
        settings = config.get(column)
        if not isinstance(settings, MutableMapping) or settings.get("width") is not None:
            continue
        kind = str((settings.get("type_config") or {}).get("type", "text"))
        values: Iterable[str] = ()
        if kind == "link":
            values = [str(settings["type_config"].get("display_text") or "")]
        elif kind not in ("checkbox", "progress"):
            values = shown_values(table[column])
        settings["width"] = column_width(str(settings.get("label") or column), values, kind)


# A table of facts (a field's name, its value) sits in the page's width: about 780 px at
# 1280×720 with the sidebar open, the narrowest window it is read in.
FACTS_TABLE_PIXELS = 780
# The grid wraps a cell's text only in rows taller than 4rem (64 px); one wrapped line of its
# 14 px type takes about 20 px, and a row keeps 8 px above and below.
WRAPPING_ROW = 65
LINE_PIXELS = 20
ROW_PADDING = 16
ONE_LINE_ROW = 35


def facts_layout(names: list[str], values: list[str], header: str) -> tuple[int, int, int]:
    """(name column's width, value column's width, row height) for a two-column table of
    facts: the names whole, and every value whole on as many lines as the longest needs
    (the "Depends on" of an objective with three predecessors ran past the table's edge)."""
    name_width = column_width(header, names)
    room = FACTS_TABLE_PIXELS - name_width
    lines = max((-(-text_width(value, CELL_ROOM) // room) for value in values), default=1)
    if lines <= 1:
        return name_width, room, ONE_LINE_ROW
    return name_width, room, max(WRAPPING_ROW, lines * LINE_PIXELS + ROW_PADDING)
