"""Small text helpers every export format shares: dates, numbers, safe links, plain text."""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import quote, unquote, urlsplit

import pandas as pd

from tracker.i18n import (
    current_language,
    format_date,
    format_day,
    format_number,
    format_percent,
    t,
)
from tracker.tables.wording import estimate, quarter_name, thousands
from tracker.text import safe_link as web_link
from tracker.text import shorten

__all__ = ["shorten", "web_link"]  # shared with every format from tracker.text

_CONTROL = {code: None for code in range(32) if code not in (9, 10)}
NO_BREAK = "\u00a0"
# A number and its per cent sign ("72 %"), the parts of a numeric date ("20. 9. 2019."), and
# a day and its month ("23. новембар 2026.") are one word to a reader: no line breaks there.
_UNBREAKABLE = re.compile(r"(?<=\d) (?=%)|(?<=\d\.) (?=\d)|(?<=\d\.) (?=[^\W\d_]+ \d{4}\b)")


def one_line(value: object) -> str:
    """Any cell as one line of plain text: missing values are empty, control characters gone.
    (Not an escape: each format escapes for itself; plotly's is tracker.charts.plotly_text.)"""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp | datetime | date):
        return day(value)
    return str(value).translate(_CONTROL).replace("\n", " ").replace("\t", " ").strip()


def unbroken(text: str) -> str:
    """The text with no-break spaces where a line may not break: "72 %", "20. 9. 2019.",
    "23. новембар"."""
    return _UNBREAKABLE.sub(NO_BREAK, text)


def day(value: object) -> str:
    """A date in a table or a list: ISO in English, the reader's numeric date otherwise
    ("15. 3. 2021."), from tracker.i18n; text stays as it is, a missing date is empty."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp | datetime):
        return format_day(value.date())
    if isinstance(value, date):
        return format_day(value)
    return str(value)


def long_day(value: date | None) -> str:
    """A date for a title page in the reader's language: '19 December 2019',
    '19. децембар 2019.', '19. decembar 2019.'."""
    if value is None:
        return t("no dated facts yet")
    return format_date(value, "long")


def number(value: float | None, digits: int = 0) -> str:
    """A figure with the reader's separators ("2,000.5", "2.000,5"), or an en dash when it
    is unknown."""
    if value is None or pd.isna(value):
        return "–"
    return format_number(value, digits)


def measured(value: float | None) -> str:
    """A measured amount (tonnes destroyed, a yearly rate) as tracker.tables.wording writes
    a figure: whole where it is whole, else with the decimals it needs, so 0.6 tonnes is
    never rounded to a "1" the target is then "1 of"; an en dash when it is unknown."""
    if value is None or pd.isna(value):
        return "–"
    return thousands(value)


def rate(value: float | None) -> str:
    """A yearly rate as far as it is known (tracker.tables.wording.estimate); a dash when
    there is none."""
    if value is None or pd.isna(value):
        return "–"
    return thousands(estimate(value))


def percent(value: float | None) -> str:
    """A percentage (0..100) as the reader writes it: "72%", "72 %"; unknown is a dash."""
    if value is None or pd.isna(value):
        return "–"
    return format_percent(value / 100)


def percent_format() -> str:
    """The number format of a chart's percentage labels (Office): "72%", Serbian "72 %"."""
    return '0"%"' if format_percent(0) == "0%" else '0"\u00a0%"'


# The Windows locale ids that tell a chart's number format whose separators to draw.
_CHART_LOCALES = {"sr-Cyrl": "281A", "sr-Latn": "241A"}


def chart_number_format(code: str) -> str:
    """An Office number format for a chart, in the reader's language: Serbian groups thousands
    with a dot and writes decimals with a comma ("277.463", "0,6"), which a locale id at the
    format's head tells Impress; without it a Serbian deck's charts said "277,463" beside the
    table's "277.463"."""
    locale = _CHART_LOCALES.get(current_language())
    return f"[$-{locale}]{code}" if locale else code


def uri(address: str) -> str:
    """An http(s) address with every character a URI may not hold percent-encoded (spaces,
    angle brackets, Cyrillic letters), as Office files require of a hyperlink target."""
    return quote(address, safe=":/?#[]@!$&'()*+,;=%-._~")


def host_name(address: str) -> str:
    """The site an address points to, e.g. 'atlanticcouncil.rs': short enough for a cell."""
    host = urlsplit(address).hostname or address
    return host.removeprefix("www.")


def link_label(address: str, limit: int) -> str:
    """A link as a cell shows it in at most `limit` characters, on one line: the host and the
    path's last part ("nato.int/…/news_124970.htm") where both fit, else the host, and a host
    too long for the cell keeps its start and its end ("publicdiplom…blogspot.com"), never a
    word cut wherever the line ran out. The cell's hyperlink keeps the full address."""
    host = host_name(address)
    segments = [part for part in urlsplit(address).path.split("/") if part]
    if segments:
        end = unquote(segments[-1])
        label = f"{host}/{end}" if len(segments) == 1 else f"{host}/…/{end}"
        if len(label) <= limit:
            return label
    return short_host(host, limit)


def short_host(host: str, limit: int) -> str:
    """A site's name in at most `limit` characters: whole where it fits, else its start and
    its end ("publicdiplom…blogspot.com"), so the site is still told apart."""
    if len(host) <= limit:
        return host
    tail = (limit - 1) // 2 + (limit - 1) % 2
    return host[: limit - 1 - tail].rstrip(".") + "…" + host[-tail:].lstrip(".")


def site_name(host: str, limit: int) -> str:
    """A site's name in at most `limit` characters for a column of its own: whole where it
    fits, else its start and the longest run of whole labels at its end that leaves room
    for a few letters of the start ("publicd…blogspot.com", "nato-brus…mfa.gov.rs"), never
    a label cut ("…ogspot.com") nor the start's end cut away ("publicdiplomacypressand…")."""
    if len(host) <= limit:
        return host
    labels = host.split(".")
    tail = ""
    for count in range(1, len(labels)):
        candidate = ".".join(labels[-count:])
        if len(candidate) > limit - 1 - 5:
            break
        tail = candidate
    if not tail:
        return short_host(host, limit)
    return host[: limit - 1 - len(tail)].rstrip(".") + "…" + tail


def quarter(label: object) -> str:
    """A quarter as the tables key it ("2021 Q1") in the reader's words."""
    return quarter_name(one_line(label))
