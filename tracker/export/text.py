"""Small text helpers every export format shares: dates, numbers, safe links, plain text."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import quote, urlsplit

import pandas as pd

from tracker.i18n import t
from tracker.text import safe_link as web_link
from tracker.text import shorten

__all__ = ["shorten", "web_link"]  # shared with every format from tracker.text

_CONTROL = {code: None for code in range(32) if code not in (9, 10)}


def plain(value: object) -> str:
    """Any cell as one line of plain text: missing values are empty, control characters gone."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp | datetime | date):
        return day(value)
    return str(value).translate(_CONTROL).replace("\n", " ").replace("\t", " ").strip()


def day(value: object) -> str:
    """Dates as ISO YYYY-MM-DD: unambiguous in every language the ministry works in."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp | datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def long_day(value: date | None) -> str:
    """A date for a title page, e.g. '19 December 2019'."""
    if value is None:
        return t("no dated facts yet")
    return f"{value.day} {value:%B %Y}"


def number(value: float | None, digits: int = 0) -> str:
    """A figure with thousands separated, or an en dash when it is unknown."""
    if value is None or pd.isna(value):
        return "–"
    return f"{value:,.{digits}f}"


def percent(value: float | None) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{value:.0f}%"


def uri(address: str) -> str:
    """An http(s) address with every character a URI may not hold percent-encoded (spaces,
    angle brackets, Cyrillic letters), as Office files require of a hyperlink target."""
    return quote(address, safe=":/?#[]@!$&'()*+,;=%-._~")


def host_name(address: str) -> str:
    """The site an address points to, e.g. 'atlanticcouncil.rs': short enough for a cell."""
    host = urlsplit(address).hostname or address
    return host.removeprefix("www.")


def quarter(label: object) -> str:
    """A quarter as the tables key it ("2021 Q1") in the reader's words."""
    text = plain(label)
    year, _, number_of = text.partition(" Q")
    if not (year.isdigit() and number_of.isdigit()):
        return text
    return t("{year} Q{quarter}", year=year, quarter=number_of)
