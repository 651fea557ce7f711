"""A sync in a process of its own that waits for a word on stdin before it starts, so a
test can import it ahead of time and kill it inside the sync rather than during imports.

    python -m tests.sync.sync_worker DATA   (prints "ready", reads a line, syncs, exits 0/1)
"""

from __future__ import annotations

import sys

from tracker.sync import sync


def main() -> int:
    print("ready", flush=True)
    sys.stdin.readline()
    return 0 if sync(sys.argv[1]).ok else 1


if __name__ == "__main__":
    sys.exit(main())
