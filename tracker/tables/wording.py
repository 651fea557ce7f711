"""How a figure reads: a count with its share in words, a quantity with thousands separated."""

from __future__ import annotations

from tracker.i18n import format_number, t


def share_in_words(part: int, whole: int) -> str:
    """A share as a reader says it ("5% of the objectives"), beside the count it is of."""
    if not whole:
        return t("no objectives in this view")
    return t("{percent}% of the objectives", percent=f"{round(part / whole * 100, 1):g}")


def thousands(value: float) -> str:
    """A figure with thousands separated as the reader writes it: 2,000 rather than 2000,
    12.5 kept as 12.5 ("2.000" and "12,5" in Serbian)."""
    return format_number(value, 0 if float(value).is_integer() else 1)
