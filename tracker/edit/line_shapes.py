"""The shapes of a plan file's lines the editor looks for, each matched by one pattern.

The editor reads a few things from the text itself rather than from the parsed tree: how far
the file indents, where an objective's lines begin, whether its lists are written {...}.
Whoever writes a value into a plan file (the editor, a plan made from a table) asks
`plain_is_safe` whether it may go unquoted.
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

# Words YAML would read as something other than text when left unquoted.
NOT_TEXT = re.compile(
    r"^(?:[-+]?[0-9][0-9_.:eE+-]*|[-+]?\.(?:inf|nan)|~|null|true|false|yes|no|on|off|y|n)$",
    re.IGNORECASE,
)
# Text that reads back as itself unquoted, in a block and inside {...} alike: no comma
# (it ends a value in a flow mapping), no colon, no quote at the start, no `#`.
PLAIN_TEXT = re.compile(r"^[^\W_][\w .()/'’&+-]*$")


def plain_is_safe(text: str) -> bool:
    """Conservative: letters, digits, spaces and a few marks, ending in a word character."""
    return (
        bool(PLAIN_TEXT.match(text)) and not text.endswith((" ", "-")) and not NOT_TEXT.match(text)
    )
