"""How wide a text is in the deck's font, and so how many lines it wraps into in a table cell.

The deck names Calibri; LibreOffice draws it with Carlito, whose letters have the same
widths. When either font file is on the machine the widths come from the font itself
(Pillow's FreeType, with kerning), which is what the renderer uses: measured against
LibreOffice Impress's renders (pdftotext -bbox, 2,484 cells of five decks), every cell then
wraps into the lines Impress draws (5 of them a line more, none a line fewer). Without the
font, a per-letter table of the same widths stands in, rounded up, with a little to spare
for the kerning it cannot see: it over-counts a line in 1% of those cells, never under-counts.
The old estimate by kind of letter, with 6% to spare, over-counted 201 of them (8%), and
each such row took a line's room it did not use, up to a row or two a slide.
"""

from __future__ import annotations

import math
import os
import re
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

# Impress lays text out a hair wider than the font's own advances: on the measured cells
# 0.3% more left 11 cells a line short, 0.35-0.4% matched every cell; 0.5% keeps a margin
# (5 cells of 2,484 counted a line too many, none too few). Measured again on 2,656 cells
# of four decks, 441 of them Cyrillic (tests/export/test_deck_rendered.py): every cell
# matches from 0.32% to 0.40%; at 0.5% one bold header ("On course") is reckoned two lines
# for one, in a row that wraps anyway, so every row still takes the lines reckoned.
RENDERED = 1.005
# The table's margin for what it cannot see (kerning, its rounding): 1% over-counted 22
# cells of 2,484 and under-counted none. Bold letters run about 3% wider than regular.
TABLE_SPARE = 1.01
TABLE_BOLD = 1.035
_EM = 1000  # pixels to the em the font is opened at: widths to a thousandth of an em
# The font files, Calibri's first (PowerPoint's machines), then Carlito's (LibreOffice's).
_FILES = {
    False: ("calibri.ttf", "Calibri.ttf", "Carlito-Regular.ttf"),
    True: ("calibrib.ttf", "Calibri Bold.ttf", "Carlito-Bold.ttf"),
}
_FOLDERS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "~/Library/Fonts",
    os.path.join(os.environ.get("WINDIR", "C:\\Windows"), "Fonts"),
)
# Advance widths of Carlito's regular letters in hundredths of an em, rounded up.
_HUNDREDTHS = {
    23: "il'",
    24: "jј",
    25: ",‘’",
    26: "I.·",
    27: ":;",
    31: "f()[]-",
    32: "JЈ",
    33: "!",
    34: "t",
    35: "rг",
    39: "/т",
    40: "szšž",
    41: '"',
    42: "„“”",
    43: "cLčćзсГ",
    44: "xх",
    46: "kvyFSŠу",
    47: "Z?Žкч",
    48: "agавЗ",
    49: "ETYЕТ",
    50: "e–+=*#_е",
    51: "0123456789\u00a0",
    52: "KPXлРХ",
    53: "bdhnopquопрџУ",
    54: "CČĆбнћБС",
    55: "BRђицВК",
    56: "đдЧ",
    57: "V",
    58: "AА",
    62: "DЛЋЏ",
    63: "HĐфЂНП",
    64: "GЦ",
    65: "NUДИ",
    67: "OО",
    68: "Qм",
    69: "&ж",
    70: "…Ф",
    72: "w%",
    73: "ш",
    76: "љ",
    77: "њ",
    80: "m",
    81: "Ж",
    86: "MМ",
    87: "Ш",
    88: "ЉЊ",
    89: "W",
    90: "@",
    91: "—→",
}
_TABLE = {letter: width / 100 for width, letters in _HUNDREDTHS.items() for letter in letters}
_SPACE = 0.23
# A line may break at a space, and after a hyphen that a letter follows ("ipap2-publish-
# plan"), not inside a date or a number ("2019-12-19"): Unicode's line-breaking rules.
_PIECES = re.compile(r"[^-]*?-+(?=[^\W\d_])|[^-]+$|.+$")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` is drawn at `size` points, in inches."""
    font = _font(bold)
    if font is not None:
        ems = _font_ems(font, text) * RENDERED
    else:
        ems = sum(_table_em(letter) for letter in text) * TABLE_SPARE
        ems *= TABLE_BOLD if bold else 1.0
    return ems * size / 72


def wrapped_lines(text: str, room: float, size: float, bold: bool = False) -> int:
    """How many lines `text` takes in `room` inches, breaking where Impress does: at spaces
    and after a hyphen; a word wider than the room takes as many lines as it needs."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += _paragraph_lines(paragraph, room, size, bold)
    return lines


def _paragraph_lines(text: str, room: float, size: float, bold: bool) -> int:
    lines, line = 1, ""
    for word in text.split(" "):
        for index, piece in enumerate(_PIECES.findall(word) if word else []):
            joined = line + (" " if index == 0 and line else "") + piece
            if line and text_width(joined, size, bold) <= room:
                line = joined
                continue
            if line:
                lines += 1
            lines += max(0, math.ceil(text_width(piece, size, bold) / room) - 1)
            line = piece
    return lines


def _table_em(letter: str) -> float:
    if letter in _TABLE:
        return _TABLE[letter]
    if letter.isspace():
        return _SPACE
    return 0.62 if letter.isupper() else 0.55


@lru_cache(maxsize=8192)
def _font_ems(font: ImageFont.FreeTypeFont, text: str) -> float:
    """`text`'s width in ems by `font`. Kept: Pillow's getlength is the measuring's whole
    cost, and a deck measures the same texts again and again (every line is measured as it
    grows a word at a time, and a cell's text recurs down a column): a quarter of the calls
    at 10,000 objectives were new texts."""
    return font.getlength(text) / _EM


@lru_cache(maxsize=2)
def _font(bold: bool) -> ImageFont.FreeTypeFont | None:
    """The deck's font as the machine has it (Calibri, else Carlito), or None: the table."""
    path = _font_files().get(bold)
    if path is None:
        return None
    try:
        return ImageFont.truetype(str(path), _EM)
    except OSError:
        return None


@lru_cache(maxsize=1)
def _font_files() -> dict[bool, Path]:
    """Walks the usual font folders once for the first Calibri or Carlito file of each weight."""
    wanted = {name.lower(): bold for bold, names in _FILES.items() for name in names}
    rank = {name.lower(): i for names in _FILES.values() for i, name in enumerate(names)}
    found: dict[bool, tuple[int, Path]] = {}
    for folder in _FOLDERS:
        for root, _dirs, files in os.walk(Path(folder).expanduser()):
            for name in files:
                key = name.lower()
                if key not in wanted:
                    continue
                bold = wanted[key]
                if bold not in found or rank[key] < found[bold][0]:
                    found[bold] = (rank[key], Path(root) / name)
    return {bold: path for bold, (_rank, path) in found.items()}
