"""Comparing a file before and after a change: where they differ, and the `git diff` of it."""

from __future__ import annotations

import difflib
import re

DIFF_CONTEXT_LINES = 3
_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def changed_window(old: list[str], new: list[str]) -> tuple[int, int, int]:
    """Skip the common head and tail, so comparing a large file stays quick.

    Returns `start, old_end, new_end`: `old[start:old_end]` became `new[start:new_end]`.
    """
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    old_end, new_end = len(old), len(new)
    while old_end > start and new_end > start and old[old_end - 1] == new[new_end - 1]:
        old_end -= 1
        new_end -= 1
    return start, old_end, new_end


def unified_diff(before: str, after: str, shown: str) -> str:
    """`git diff`-style text of the change, computed on the changed window only."""
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    start, old_end, new_end = changed_window(old_lines, new_lines)
    head = max(0, start - DIFF_CONTEXT_LINES)
    old_tail = min(len(old_lines), old_end + DIFF_CONTEXT_LINES)
    new_tail = min(len(new_lines), new_end + DIFF_CONTEXT_LINES)
    lines = difflib.unified_diff(
        old_lines[head:old_tail],
        new_lines[head:new_tail],
        fromfile=f"a/{shown.lstrip('/')}",
        tofile=f"b/{shown.lstrip('/')}",
        n=DIFF_CONTEXT_LINES,
    )
    shifted = []
    for line in lines:
        match = _HUNK.match(line)
        if match:
            old_start = int(match.group(1)) + head
            new_start = int(match.group(3)) + head
            line = f"@@ -{old_start}{match.group(2) or ''} +{new_start}{match.group(4) or ''} @@\n"
        shifted.append(line if line.endswith("\n") else line + "\n")
    return "".join(shifted)
