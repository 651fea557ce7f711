"""Where a buffer's bytes are in memory: how a rapidyaml view is turned into a text offset.

rapidyaml's scalars are read-only memoryviews into the buffer it parsed, so a scalar's place in
the text is its address minus the buffer's. numpy could tell the address, but importing it
costs `validate` a twentieth of a second for a subtraction; Python's own buffer protocol
(`PyObject_GetBuffer`, through ctypes) tells it in a couple of microseconds.
"""

from __future__ import annotations

import ctypes
from typing import Any


class _Buffer(ctypes.Structure):
    """CPython's `Py_buffer`, as `PyObject_GetBuffer` fills it in."""

    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.c_void_p),  # released by PyBuffer_Release, never touched here
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


_GET = ctypes.pythonapi.PyObject_GetBuffer
_GET.argtypes = [ctypes.py_object, ctypes.POINTER(_Buffer), ctypes.c_int]
_GET.restype = ctypes.c_int
_RELEASE = ctypes.pythonapi.PyBuffer_Release
_RELEASE.argtypes = [ctypes.POINTER(_Buffer)]
_RELEASE.restype = None
_SIMPLE = 0  # PyBUF_SIMPLE: read-only views are fine, only the address is read


def address(buffer: Any) -> int:
    """The memory address of the first byte of `buffer` (bytes, bytearray or memoryview).

    Raises TypeError for an object without the buffer protocol (as `memoryview` would)."""
    if _VIEW_ADDRESS_AT is not None and type(buffer) is memoryview:
        # A memoryview holds its buffer's address in its own struct: one read, a tenth of
        # the buffer protocol's cost (the fast path asks it of every objective of a file).
        return int(_READ_POINTER(id(buffer) + _VIEW_ADDRESS_AT).value or 0)
    return _buffer_address(buffer)


def _buffer_address(buffer: Any) -> int:
    view = _Buffer()
    if _GET(buffer, ctypes.byref(view), _SIMPLE) != 0:  # pragma: no cover - ctypes raises first
        raise TypeError("not a buffer")
    try:
        return int(view.buf or 0)
    finally:
        _RELEASE(ctypes.byref(view))


_READ_POINTER = ctypes.c_void_p.from_address


def _view_address_offset() -> int | None:
    """Where in a memoryview object (CPython's PyMemoryViewObject) its `view.buf` is, found by
    asking the buffer protocol about views of different buffers, sliced and not: the place
    that holds the right address for every one of them, or None (then every address is
    asked of the buffer protocol)."""
    size = getattr(memoryview, "__basicsize__", 0)
    if not size:  # pragma: no cover - not CPython
        return None
    owners = [bytearray(b"x" * 64), b"y" * 64, bytearray(b"z" * 4096)]
    views = [memoryview(owner)[start:] for owner in owners for start in (0, 3, 17)]
    views.append(memoryview(bytes(range(256))).toreadonly()[5:9])
    expected = [_buffer_address(view) for view in views]
    for offset in range(ctypes.sizeof(ctypes.c_void_p), size, ctypes.sizeof(ctypes.c_void_p)):
        if all(
            (_READ_POINTER(id(view) + offset).value or 0) == wanted
            for view, wanted in zip(views, expected, strict=True)
        ):
            return offset
    return None  # pragma: no cover - another layout: the buffer protocol answers


_VIEW_ADDRESS_AT = _view_address_offset()


def line_and_column(text: bytes | bytearray, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters, as the located parser counts them) of a
    byte offset into UTF-8 text."""
    line_start = text.rfind(b"\n", 0, offset) + 1
    prefix = text[line_start:offset]
    column = (len(prefix) if prefix.isascii() else len(prefix.decode("utf-8", "replace"))) + 1
    return text.count(b"\n", 0, offset) + 1, column
