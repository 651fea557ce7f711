"""A buffer's address, read either way, is the same: the fast path's positions rest on it."""

from __future__ import annotations

import pytest
import ryml

from tracker.load import views


def test_a_views_address_is_what_the_buffer_protocol_says() -> None:
    assert views._VIEW_ADDRESS_AT is not None  # CPython: the quick read is used
    buffer = bytearray(b"plan:\n  id: p\nobjectives:\n  - {id: a, title: T}\n")
    tree = ryml.parse_in_place(buffer)
    seen = []
    node = tree.first_child(tree.root_id())
    while node != ryml.NONE:
        key = tree.key(node)
        seen.append(views.address(key) - views.address(buffer))
        assert views.address(key) == views._buffer_address(key)
        node = tree.next_sibling(node)
    assert seen == [0, buffer.index(b"objectives")]
    for owner in (b"abc" * 100, bytearray(300), memoryview(bytes(50))[7:]):
        view = memoryview(owner)[3:]
        assert views.address(view) == views._buffer_address(view) == views.address(owner) + 3


def test_without_the_quick_read_the_answer_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    data = bytearray(b"x" * 100)
    view = memoryview(data)[40:]
    quick = views.address(view)
    monkeypatch.setattr(views, "_VIEW_ADDRESS_AT", None)
    assert views.address(view) == quick
    with pytest.raises(TypeError):
        views.address(3)
