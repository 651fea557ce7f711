"""Hostile workbooks against the import, each in a fresh process: time and peak memory.

The makers below build each case (tests/sheets/test_hostile.py refuses every one of them);
this script reads each through `tracker.sheets.updates.check_upload` in a new Python process
and reports how long the refusal took and how much memory it added at its peak (peak RSS
minus RSS after the imports). The issue's bounds: refused within 2 s and 200 MB.

    python bench/hostile_sheets.py            # every case, a table on stdout
    python bench/hostile_sheets.py --case zip-bomb

Exit status 1 when a case is not refused or breaks a bound.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

PROJECT = Path(__file__).resolve().parents[1]
SECONDS_BOUND = 2.0
MEGABYTES_BOUND = 200.0


def plain_workbook(rows: int = 3) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Updates"
    sheet.append(["id", "new_status", "note"])
    for number in range(rows):
        sheet.append([f"ipap1-ammo-{number}", "On track", "x"])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _replace(content: bytes, parts: dict[str, bytes], level: int = 9) -> bytes:
    """The same zip with some parts replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(content))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for item in source.infolist():
            if item.filename not in parts:
                target.writestr(item.filename, source.read(item.filename))
        for name, data in parts.items():
            target.writestr(name, data)
    return stream.getvalue()


def zip_bomb() -> bytes:
    """A sheet that unpacks to 60 MB of blanks from a few dozen kilobytes."""
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    return _replace(plain_workbook(), {"xl/worksheets/sheet1.xml": head + b" " * (60 << 20)})


def lying_zip_bomb() -> bytes:
    """The zip bomb again, its directory claiming the sheet unpacks to 1,000 bytes."""
    content = bytearray(zip_bomb())
    name = b"xl/worksheets/sheet1.xml"
    archive = zipfile.ZipFile(io.BytesIO(bytes(content)))
    real = archive.getinfo(name.decode()).file_size.to_bytes(4, "little")
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := content.find(signature, start)) >= 0:
            field = start + offset
            if content[field : field + 4] == real:
                content[field : field + 4] = (1000).to_bytes(4, "little")
            start += 4
    return bytes(content)


def billion_laughs() -> bytes:
    entities = "".join(f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    strings = (
        f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY l0 "ha">{entities}]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        'uniqueCount="1"><si><t>&l9;</t></si></sst>'
    ).encode()
    return _replace(plain_workbook(), {"xl/sharedStrings.xml": strings})


def huge_shared_strings() -> bytes:
    """A shared-strings table of 25 MB of distinct strings (openpyxl would hold them all)."""
    items = b"".join(b"<si><t>s%07d</t></si>" % n for n in range(1_300_000))
    strings = (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + items
        + b"</sst>"
    )
    return _replace(plain_workbook(), {"xl/sharedStrings.xml": strings}, level=1)


def macro_inside() -> bytes:
    return _replace(plain_workbook(), {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})


def too_many_rows() -> bytes:
    return plain_workbook(rows=6_000)


def not_a_workbook() -> bytes:
    return b"<html><body>Not a workbook</body></html>"


# name -> (file name, maker)
CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "zip-bomb": ("bomb.xlsx", zip_bomb),
    "lying-zip-bomb": ("lying.xlsx", lying_zip_bomb),
    "billion-laughs": ("laughs.xlsx", billion_laughs),
    "huge-shared-strings": ("strings.xlsx", huge_shared_strings),
    "macro-enabled-name": ("macros.xlsm", plain_workbook),
    "macro-inside": ("macros.xlsx", macro_inside),
    "too-many-rows": ("rows.xlsx", too_many_rows),
    "not-a-workbook": ("page.xlsx", not_a_workbook),
}

_PROBE = r"""
import json, resource, sys, time
from tracker.sheets.updates import check_upload
from tracker.edit.auth import command_line_editor
content = open(sys.argv[1], "rb").read()
editor = command_line_editor("bench")
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
checked = check_upload(content, sys.argv[2], sys.argv[3], editor)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "megabytes": (peak - base) / 1024,
                  "refused": not checked.can_import and not checked.answers,
                  "message": str(checked.problems[0]) if checked.problems else ""}))
"""


def measure(name: str) -> dict[str, object]:
    file_name, maker = CASES[name]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / file_name
        path.write_bytes(maker())
        done = subprocess.run(
            [sys.executable, "-c", _PROBE, str(path), file_name, str(PROJECT / "commitments")],
            capture_output=True,
            text=True,
            cwd=PROJECT,
            check=True,
        )
    return {
        "case": name,
        "bytes": path.stat().st_size if path.exists() else 0,
        **json.loads(done.stdout),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", choices=sorted(CASES))
    args = parser.parse_args()
    failed = False
    print(f"{'case':<22} {'seconds':>8} {'MB':>7}  refused  message")
    for name in args.case or list(CASES):
        result = measure(name)
        ok = (
            result["refused"]
            and float(result["seconds"]) <= SECONDS_BOUND  # type: ignore[arg-type]
            and float(result["megabytes"]) <= MEGABYTES_BOUND  # type: ignore[arg-type]
        )
        failed |= not ok
        print(
            f"{name:<22} {float(result['seconds']):>8.3f} {float(result['megabytes']):>7.1f}  "  # type: ignore[arg-type]
            f"{'yes' if result['refused'] else 'NO':<7}  {str(result['message'])[:90]}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
