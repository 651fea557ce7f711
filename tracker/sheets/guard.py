"""Hostile workbooks refused before any parser sees them, the way hostile YAML is.

An .xlsx file is a zip of XML parts, so a file of a few kilobytes can claim gigabytes
(a zip bomb), define entities that expand a billion times (billion laughs), hold a
shared-strings table larger than memory, or carry macros. Each is refused here from the
zip's directory and a bounded scan of the parts, in well under a second; what passes is
opened read-only by openpyxl (which parses with defusedxml when it is installed), and a
formula is never evaluated: import reads the value Excel last showed for it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from openpyxl import xml as openpyxl_xml

from tracker.i18n.sentence import Amount, said
from tracker.sheets.cells import CellProblem, SheetRefused


@dataclass(frozen=True)
class Limits:
    """How large a spreadsheet may be. A quarter's workbook of every IPAP objective is
    about 20 KB with a few dozen rows: these leave room for a ministry's whole plan."""

    file_bytes: int = 5 * 1024 * 1024
    unpacked_bytes: int = 40 * 1024 * 1024  # all parts together, as the zip declares them
    part_bytes: int = 20 * 1024 * 1024  # any one part (a sheet, the shared strings)
    parts: int = 500
    ratio: int = 200  # unpacked size over packed size, for any part of over 1 MB
    rows: int = 5_000
    columns: int = 64
    cells: int = 200_000
    cell_chars: int = 32_767  # Excel's own limit for one cell


LIMITS = Limits()
# What the app accepts in one upload (Streamlit's server.maxUploadSize is the same 1 MB):
# a workbook of every open IPAP objective, filled in, is about 20 KB.
APP_UPLOAD_MB = 1
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam", ".xlsb")
OLD_EXCEL_SUFFIXES = (".xls", ".xlt")
_RATIO_FLOOR = 1024 * 1024
_SCAN_CHUNK = 1 << 16
# Markup no spreadsheet needs: a document type may declare entities (billion laughs) or
# fetch an outside file (XXE).
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")


def refuse(shown: str, message: str) -> SheetRefused:
    return SheetRefused(CellProblem(shown, "", 0, 0, message))


def check_size(size: int, shown: str, limits: Limits = LIMITS) -> None:
    """Refuse a file over the size limit, from its size alone (before reading it)."""
    if size > limits.file_bytes:
        raise refuse(
            shown,
            said(
                "the file is {size} MB, over the {limit} MB a workbook may be: split it "
                "into several workbooks (by institution or by plan)",
                size=Amount(size / 1048576, 1),
                limit=Amount(limits.file_bytes / 1048576),
            ),
        )


def check_name(shown: str) -> None:
    lowered = shown.lower()
    if lowered.endswith(MACRO_SUFFIXES):
        raise refuse(
            shown,
            said(
                "a macro-enabled or binary workbook is never opened: save it as an Excel "
                "Workbook (.xlsx) or as CSV UTF-8, then import that file"
            ),
        )
    if lowered.endswith(OLD_EXCEL_SUFFIXES):
        raise refuse(
            shown,
            said(
                "this is an old Excel 97-2003 file: save it as an Excel Workbook (.xlsx) "
                "or as CSV UTF-8, then import that file"
            ),
        )


def check_workbook(content: bytes, shown: str, limits: Limits = LIMITS) -> bool:
    """Refuse a file that is not a plain .xlsx, or one built to exhaust the machine.

    Returns whether a sheet holds formulas (whose saved values the reader must check)."""
    check_name(shown)
    check_size(len(content), shown, limits)
    if not openpyxl_xml.DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
        raise refuse(shown, said("defusedxml is not installed, so workbooks cannot be read safely"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refuse(shown, not_a_workbook()) from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.parts:
            raise refuse(shown, _hostile(said("it has {count} parts", count=len(members))))
        names = {member.filename.lower() for member in members}
        if "[content_types].xml" not in names or not any(
            name.startswith("xl/worksheets/") for name in names
        ):
            raise refuse(shown, not_a_workbook())
        if any(name.rsplit("/", 1)[-1] in _MACRO_PARTS for name in names):
            raise refuse(
                shown,
                said(
                    "this workbook contains macros and is never opened: save it as an "
                    "Excel Workbook (.xlsx) without macros, or as CSV UTF-8"
                ),
            )
        total = 0
        for member in members:
            if member.flag_bits & 0x1:
                raise refuse(shown, said("the workbook is encrypted: save it without a password"))
            total += member.file_size
            if member.file_size > limits.part_bytes or total > limits.unpacked_bytes:
                raise refuse(
                    shown,
                    _hostile(
                        said(
                            "it unpacks to more than {limit} MB",
                            limit=Amount(min(limits.part_bytes, limits.unpacked_bytes) / 1048576),
                        )
                    ),
                )
            if member.file_size > _RATIO_FLOOR and member.file_size > limits.ratio * max(
                member.compress_size, 1
            ):
                raise refuse(
                    shown,
                    _hostile(said("one part is compressed over {ratio} times", ratio=limits.ratio)),
                )
        formulas = False
        for member in members:
            if member.filename.lower().endswith((".xml", ".rels", ".vml")):
                formulas = _scan_part(archive, member, shown, limits) or formulas
    return formulas


def _scan_part(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, shown: str, limits: Limits
) -> bool:
    """Read the part in chunks (bounded by the sizes checked above) for declarations, and
    count a sheet's rows and cells, so an oversized sheet is refused before it is parsed.

    Returns whether the part is a sheet with a formula in it."""
    sheet = member.filename.lower().startswith("xl/worksheets/")
    tail = b""
    rows = cells = 0
    formulas = False
    try:
        with archive.open(member) as part:
            while chunk := part.read(_SCAN_CHUNK):
                window = tail + chunk
                if any(mark in window.upper() for mark in _DECLARATIONS):
                    raise refuse(
                        shown,
                        _hostile(
                            said(
                                "{part} declares a document type or entities",
                                part=member.filename,
                            )
                        ),
                    )
                if sheet:  # a mark split between chunks is counted once, in the window
                    rows += window.count(b"<row ") - tail.count(b"<row ")
                    cells += window.count(b"<c ") - tail.count(b"<c ")
                    if rows > limits.rows:
                        raise refuse(shown, _too_many(said("rows"), limits.rows))
                    if cells > limits.cells:
                        raise refuse(shown, _too_many(said("cells"), limits.cells))
                    formulas = formulas or b"<f>" in window or b"<f " in window
                tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        raise refuse(shown, not_a_workbook()) from None
    return formulas


def _too_many(what: str, limit: int) -> str:
    return said(
        "a sheet has more than {limit} {what}: split it into several workbooks",
        limit=limit,
        what=what,
    )


def not_a_workbook() -> str:
    return said(
        "this is not an Excel workbook (.xlsx) the tracker can read: open it in Excel or "
        "LibreOffice and save it as Excel Workbook (.xlsx) or as CSV UTF-8"
    )


def _hostile(reason: str) -> str:
    return said(
        "the workbook was refused unread, because {reason}: a filled update workbook is "
        "far smaller. Save it again from Excel or LibreOffice, or send it as CSV UTF-8",
        reason=reason,
    )
