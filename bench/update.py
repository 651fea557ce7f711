"""How long a safe update takes on a large generated portfolio, and where the time goes.

Generates N objectives (bench/generate.py), then times, for the last objective of the
first file (the worst place: the whole file comes before it):

- preview: locate the objective, edit its lines with ruamel.yaml, validate the result
  against every file;
- save: the same under the lock, plus the atomic write;
- whole-file round trip (with --whole): what ruamel.yaml alone costs on the full file,
  which is why the store edits only the objective's own lines.

Usage::

    python bench/update.py N [--whole]
"""

from __future__ import annotations

import argparse
import datetime
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tracker.edit import auth, store  # noqa: E402
from tracker.edit.yamledit import RoundTripDocument  # noqa: E402


def _timed(label: str, action: object) -> object:
    started = time.perf_counter()
    result = action()  # type: ignore[operator]
    print(f"{label:<28} {time.perf_counter() - started:8.2f} s")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of objectives to generate")
    parser.add_argument("--whole", action="store_true", help="also time a whole-file round trip")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "portfolio"
        subprocess.run(
            [sys.executable, str(PROJECT / "bench" / "generate.py"), str(args.n), str(data)],
            check=True,
            capture_output=True,
        )
        first = sorted(data.glob("*.yaml"))[0]
        text = first.read_text(encoding="utf-8")
        last_id = re.findall(r"^  - id: (\S+)", text, flags=re.MULTILINE)[-1]
        print(f"{args.n} objectives; {first.name}: {len(text) / 1e6:.1f} MB; editing {last_id}")
        editor = auth.command_line_editor("Bench")
        change = store.StatusChange(last_id, "on-track", datetime.date(2026, 6, 30), note="bench")
        today = datetime.date(2026, 11, 23)
        _timed("preview", lambda: store.preview(data, change, editor, today=today))
        _timed("save", lambda: store.save(data, change, editor, today=today))
        if args.whole:
            _timed("whole-file round trip", lambda: RoundTripDocument(text, first.name).text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
