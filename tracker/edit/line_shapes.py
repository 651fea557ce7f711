"""The shapes of a plan file's lines the editor looks for, each matched by one pattern.

The editor reads a few things from the text itself rather than from the parsed tree: how far
the file indents, where an objective's lines begin, whether its lists are written {...}.
"""

from __future__ import annotations

import re

# A plain key: not quoted, not a flow collection, not a comment; up to (not with) its colon.
_PLAIN_KEY = r"[^\s#'\"\[{][^:#]*"

# A block list item with something on its own line: `- id: x`, `  - {date: ...}`.
ITEM = re.compile(r"^(?P<indent>[ ]*)-(?P<gap>[ ]+)\S")
# A list item written as a flow mapping: `- {date: 2020-01-15, ...}`.
FLOW_ENTRY = re.compile(r"^(?P<indent>[ ]*)- \{")
# A list item written as a block mapping: `- date: 2020-01-15`.
BLOCK_ENTRY = re.compile(rf"^(?P<indent>[ ]*)- {_PLAIN_KEY}:(\s|$)")
# A key whose value is a block below it (`updates:`, `- metric:`), after any list dashes.
BLOCK_OPENER = re.compile(
    rf"^(?P<indent>[ ]*)(?P<dashes>(?:-[ ]+)*)(?P<key>{_PLAIN_KEY}):\s*(#.*)?$"
)
# A key line that is not a list item: `  status: on-track`.
KEY = re.compile(r"^(?P<indent>[ ]*)[^\s#\-][^:]*:(\s|$)")
# What comes before a line's value: its indentation, any list dashes, and a plain key with
# the colon and the spaces after it. A quoted or odd key is left in the value part.
LEAD = re.compile(r"^(?P<lead>[ ]*(?:-(?:[ ]+|$))*)(?P<key>[^\s#'\"\[\]{}][^:#'\"]*:(?:[ ]+|$))?")
