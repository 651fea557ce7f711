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
    view = _Buffer()
    if _GET(buffer, ctypes.byref(view), _SIMPLE) != 0:  # pragma: no cover - ctypes raises first
        raise TypeError("not a buffer")
    try:
        return int(view.buf or 0)
    finally:
        _RELEASE(ctypes.byref(view))
