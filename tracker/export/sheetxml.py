"""A small write-only .xlsx writer: the workbook's sheet XML written as text, straight into the zip.

openpyxl's write-only mode still makes a cell object and an lxml element for every value: at
10,000 objectives the workbook's 1.4 million cells took 9 s there, most of it per-cell object
work (issue 19 asks ≤ 5 s). The workbook needs little of the format: text (as shared
strings, each text written once however many cells hold it, and never read as a formula,
whatever the data says), numbers, true/false,
dates with one date format, a bold filled header row, a frozen first row, filters, column
widths and a hidden sheet. This module writes exactly that, column by column, and Excel,
LibreOffice, openpyxl and pandas read it as any workbook.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from typing import IO
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
BOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
# Excel counts days from 1899-12-30 (its 1900 leap-year mistake folded in).
EPOCH = date(1899, 12, 30)
EPOCH_TIME = datetime(1899, 12, 30)
# Characters XML 1.0 cannot hold at all (openpyxl refuses them); a cell drops them.
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Rows written to the zip at a time: the sheet's text is never held whole.
CHUNK_ROWS = 2000

# The cell styles the workbook uses, by their index in styles.xml's cellXfs.
PLAIN = 0
HEADER = 1  # bold white on dark blue
DATE = 2  # the workbook's date format
TITLE = 3  # bold, 14 pt
WARNING = 4  # bold, 12 pt, red
BOLD = 5
# Amounts with their thousands grouped in the reader's separators (2.000 and 2.000,5 in a
# Serbian Excel, 2,000 in an English one); at General a target of 2,000 tonnes read "2000".
WHOLE_AMOUNT = 6  # Excel's own #,##0
AMOUNT = 7  # up to three decimals, as the data gives them
AMOUNT_FORMAT = "#,##0.0##"


@dataclass(frozen=True)
class Styled:
    """A value with a style other than the one its type gets (a bold label, the title)."""

    value: object
    style: int


@dataclass
class Sheet:
    """One sheet: rows appended one by one (small sheets) or whole columns (the tables)."""

    name: str
    hidden: bool = False
    widths: list[float] = field(default_factory=list)
    frozen_header: bool = False
    filtered: bool = False
    rows: list[Sequence[object]] = field(default_factory=list)
    columns: list[list[object]] | None = None
    header: list[str] | None = None

    def append(self, row: Sequence[object]) -> None:
        self.rows.append(row)

    def table(self, header: list[str], columns: list[list[object]]) -> None:
        """A header row (bold, filled, frozen, filtered) over columns of plain values."""
        self.header = header
        self.columns = columns
        self.frozen_header = True
        self.filtered = bool(header)

    @property
    def row_count(self) -> int:
        if self.columns is not None:
            return 1 + (len(self.columns[0]) if self.columns else 0)
        return len(self.rows)

    @property
    def column_count(self) -> int:
        if self.header is not None:
            return len(self.header)
        return max((len(row) for row in self.rows), default=0)


class Book:
    """The sheets of one workbook, in order, and the one date format its dates use."""

    def __init__(self, date_format: str) -> None:
        self.date_format = date_format
        self.sheets: list[Sheet] = []
        # Every text cell's text, once, by its place in xl/sharedStrings.xml: an id, a plan,
        # a status or a title repeated on thousands of rows is written (and compressed) once.
        self.strings: dict[str, int] = {}

    def sheet(self, name: str, hidden: bool = False) -> Sheet:
        made = Sheet(name, hidden=hidden)
        self.sheets.append(made)
        return made

    def save(self) -> bytes:
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=5) as package:
            package.writestr("[Content_Types].xml", self._content_types())
            package.writestr("_rels/.rels", _PACKAGE_RELS)
            package.writestr("xl/workbook.xml", self._workbook())
            package.writestr("xl/_rels/workbook.xml.rels", self._workbook_rels())
            package.writestr("xl/styles.xml", _styles(self.date_format))
            for number, sheet in enumerate(self.sheets, start=1):
                with package.open(f"xl/worksheets/sheet{number}.xml", "w") as stream:
                    _write_sheet(stream, sheet, self.strings)
            with package.open("xl/sharedStrings.xml", "w") as stream:
                _write_strings(stream, self.strings)
        return buffer.getvalue()

    def _content_types(self) -> str:
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{SHEET_TYPE}"/>'
            for n in range(1, len(self.sheets) + 1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{BOOK_TYPE}"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{STYLES_TYPE}"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{STRINGS_TYPE}"/>'
            f"{sheets}</Types>"
        )

    def _workbook(self) -> str:
        sheets = "".join(
            f'<sheet name={quoteattr(sheet.name)} sheetId="{n}"'
            + (' state="hidden"' if sheet.hidden else "")
            + f' r:id="rId{n}"/>'
            for n, sheet in enumerate(self.sheets, start=1)
        )
        # Excel names each sheet's filter range; without the name it still filters, but
        # rewrites the file's names on its first save.
        names = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
            f"{escape(_quoted_sheet(sheet.name))}!$A$1:${column_letter(sheet.column_count)}"
            f"${sheet.row_count}</definedName>"
            for n, sheet in enumerate(self.sheets)
            if sheet.filtered
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{sheets}</sheets>"
            + (f"<definedNames>{names}</definedNames>" if names else "")
            + "</workbook>"
        )

    def _workbook_rels(self) -> str:
        sheets = "".join(
            f'<Relationship Id="rId{n}" Type="{OFFICE}/worksheet" '
            f'Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(self.sheets) + 1)
        )
        styles = (
            f'<Relationship Id="rId{len(self.sheets) + 1}" Type="{OFFICE}/styles" '
            'Target="styles.xml"/>'
            f'<Relationship Id="rId{len(self.sheets) + 2}" Type="{OFFICE}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{sheets}{styles}</Relationships>'
        )


_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def _styles(date_format: str) -> str:
    font = '<sz val="{size}"/>{colour}<name val="Calibri"/><family val="2"/>'

    def a_font(size: int, bold: bool = False, colour: str = "") -> str:
        shade = f'<color rgb="FF{colour}"/>' if colour else ""
        weight = "<b/>" if bold else ""
        return f"<font>{weight}{font.format(size=size, colour=shade)}</font>"

    fonts = [
        a_font(11),
        a_font(11, bold=True, colour="FFFFFF"),
        a_font(14, bold=True),
        a_font(12, bold=True, colour="B42318"),
        a_font(11, bold=True),
    ]
    xf = '<xf numFmtId="{number}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"{apply}/>'
    cell_styles = [
        xf.format(number=0, font=0, fill=0, apply=""),
        xf.format(number=0, font=1, fill=2, apply=' applyFont="1" applyFill="1"'),
        xf.format(number=164, font=0, fill=0, apply=' applyNumberFormat="1"'),
        xf.format(number=0, font=2, fill=0, apply=' applyFont="1"'),
        xf.format(number=0, font=3, fill=0, apply=' applyFont="1"'),
        xf.format(number=0, font=4, fill=0, apply=' applyFont="1"'),
        xf.format(number=3, font=0, fill=0, apply=' applyNumberFormat="1"'),
        xf.format(number=165, font=0, fill=0, apply=' applyNumberFormat="1"'),
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<styleSheet xmlns="{MAIN}">'
        f'<numFmts count="2"><numFmt numFmtId="164" formatCode={quoteattr(date_format)}/>'
        f'<numFmt numFmtId="165" formatCode={quoteattr(AMOUNT_FORMAT)}/></numFmts>'
        f'<fonts count="{len(fonts)}">{"".join(fonts)}</fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill>'
        '<fill><patternFill patternType="solid"><fgColor rgb="FF1B2A41"/>'
        '<bgColor indexed="64"/></patternFill></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        f'<cellXfs count="{len(cell_styles)}">{"".join(cell_styles)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _write_strings(stream: IO[bytes], strings: dict[str, int]) -> None:
    """The shared strings, in the order their numbers were given (dicts keep it)."""
    stream.write(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="{MAIN}" uniqueCount="{len(strings)}">'.encode()
    )
    batch: list[str] = []
    for text in strings:
        kept = ' xml:space="preserve"' if text != text.strip() else ""
        batch.append(f"<si><t{kept}>{escape(text)}</t></si>")
        if len(batch) >= CHUNK_ROWS:
            stream.write("".join(batch).encode("utf-8"))
            batch = []
    stream.write(("".join(batch) + "</sst>").encode("utf-8"))


def _write_sheet(stream: IO[bytes], sheet: Sheet, strings: dict[str, int]) -> None:
    columns, rows = sheet.column_count, sheet.row_count
    last = f"{column_letter(max(columns, 1))}{max(rows, 1)}"
    head = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        f'<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">',
        f'<dimension ref="A1:{last}"/>',
        '<sheetViews><sheetView workbookViewId="0">',
    ]
    if sheet.frozen_header:
        head.append(
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        )
    head.append('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>')
    if sheet.widths:
        head.append("<cols>")
        head.extend(
            f'<col min="{n}" max="{n}" width="{width:g}" customWidth="1"/>'
            for n, width in enumerate(sheet.widths, start=1)
        )
        head.append("</cols>")
    head.append("<sheetData>")
    stream.write("".join(head).encode("utf-8"))
    for chunk in _chunks(_row_texts(sheet, strings)):
        stream.write(chunk.encode("utf-8"))
    tail = "</sheetData>"
    if sheet.filtered:
        tail += f'<autoFilter ref="A1:{last}"/>'
    stream.write((tail + "</worksheet>").encode("utf-8"))


def _chunks(rows: Iterator[str]) -> Iterator[str]:
    batch: list[str] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= CHUNK_ROWS:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def _row_texts(sheet: Sheet, strings: dict[str, int]) -> Iterator[str]:
    if sheet.columns is None:
        for number, row in enumerate(sheet.rows, start=1):
            cells = "".join(
                _cell(f"{column_letter(k)}{number}", value, strings)
                for k, value in enumerate(row, start=1)
            )
            yield f'<row r="{number}">{cells}</row>'
        return
    header = sheet.header or []
    yield (
        '<row r="1">'
        + "".join(
            _cell(f"{column_letter(k)}1", Styled(name, HEADER), strings)
            for k, name in enumerate(header, start=1)
        )
        + "</row>"
    )
    # Each column's cells as text with a gap for the row number, made once per distinct value:
    # a status, a plan or a date is the same text on thousands of rows.
    parts = [
        _column_cells(column_letter(k), values, strings)
        for k, values in enumerate(sheet.columns, 1)
    ]
    for number, cells in enumerate(zip(*parts, strict=True), start=2):
        row = str(number)
        yield (
            f'<row r="{row}">'
            + "".join([cell[0] + row + cell[1] for cell in cells if cell is not None])
            + "</row>"
        )


def _column_cells(
    letter: str, values: Iterable[object], strings: dict[str, int]
) -> list[tuple[str, str] | None]:
    made: dict[object, tuple[str, str] | None] = {}
    cells: list[tuple[str, str] | None] = []
    prefix = f'<c r="{letter}'
    for value in values:
        # Text is most cells; anything else is keyed with its type, so True, 1 and 1.0 stay
        # three cells (a type() test is cheaper per cell than isinstance of a union).
        kind = type(value)
        key = value if kind is str else (kind, value)
        try:
            cell = made[key]
        except KeyError:
            body = _body(value, strings)
            cell = made[key] = None if body is None else (prefix, body)
        except TypeError:  # an unhashable value: written as its text
            body = _body(str(value), strings)
            cell = None if body is None else (prefix, body)
        cells.append(cell)
    return cells


def _cell(reference: str, value: object, strings: dict[str, int]) -> str:
    body = _body(value, strings)
    return "" if body is None else f'<c r="{reference}' + body


def _body(value: object, strings: dict[str, int]) -> str | None:
    """A cell's text after its reference: `"` closes the reference; None for an empty cell."""
    style = None
    if isinstance(value, Styled):
        style, value = value.style, value.value
    shown = f' s="{style}"' if style else ""
    if value is None:
        return None if style is None else f'"{shown}/>'
    if isinstance(value, bool):
        return f'"{shown} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int):
        return f'"{shown}><v>{value}</v></c>'
    if isinstance(value, float):
        if not math.isfinite(value):
            return _text(repr(value), shown, strings)
        # Floats are the data's amounts (targets, measurements, days); ints are counts and
        # line numbers, left as they are.
        amount = style or (WHOLE_AMOUNT if value.is_integer() else AMOUNT)
        return f'" s="{amount}"><v>{value!r}</v></c>'
    if isinstance(value, datetime):
        serial = (value - EPOCH_TIME).total_seconds() / 86400
        return f'" s="{style or DATE}"><v>{serial!r}</v></c>'
    if isinstance(value, date):
        return f'" s="{style or DATE}"><v>{(value - EPOCH).days}</v></c>'
    return _text(str(value), shown, strings)


def _text(text: str, shown: str, strings: dict[str, int]) -> str:
    """A text cell: its number in the shared strings (never a formula, whatever it says)."""
    if ILLEGAL.search(text):
        text = ILLEGAL.sub("", text)
    number = strings.get(text)
    if number is None:
        number = strings[text] = len(strings)
    return f'"{shown} t="s"><v>{number}</v></c>'


def column_letter(number: int) -> str:
    """A column's letters from its number (1 → A, 27 → AA)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _quoted_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"
