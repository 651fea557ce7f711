"""Data text made safe for the screen: escaped for markdown and HTML, links only to the web.

Titles, notes and owners come from files anyone can edit; on screen they must read as the
text they are, never as markup (`<img src=x onerror=...>` stays visible characters), and a
link may only ever point at an http(s) address.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from tracker.text import safe_link

# Characters markdown (and Streamlit's extensions: :colour[..], $maths$, ~strike~) reads.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$>])")


def escape_markdown(text: object) -> str:
    """Text that st.markdown shows literally: markdown punctuation escaped, HTML as entities."""
    value = _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))
    value = value.replace("&", "&amp;").replace("<", "&lt;")
    # Newlines would start new blocks (a list, a heading); inside one line they are spaces.
    return " ".join(value.split())


def escape_html(text: object) -> str:
    return html.escape(str(text), quote=True)


# What a line must never end inside: a date as the app writes it ("2019-12-19", "19. 12.
# 2019.", "19. децембар 2019.") and a short name joined by a hyphen or a dash ("(Serbia-NATO)",
# "(Србија–НАТО)"). A narrow card broke them at the hyphen or the space ("2019-12- / 19").
_WHOLE = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}\.\s\d{1,2}\.\s\d{4}\."
    r"|\d{1,2}\.\s[^\W\d_]+\s\d{4}\."
    r"|\(?[^\W_]{1,12}[-\u2010\u2011\u2013][^\W_]{1,12}\)?"
)


def escape_html_whole(text: object) -> str:
    """escape_html, with every date and short hyphenated name kept on one line (in a span the
    page's style does not wrap, `.ipap-nowrap`): a line breaks before or after it."""
    return _WHOLE.sub(
        lambda found: f'<span class="ipap-nowrap">{found.group(0)}</span>', escape_html(text)
    )


def _markdown_destination(url: str) -> str:
    """The address as a markdown link target: characters that could end the link encoded."""
    return quote(url, safe="/:?#[]@!$&'()*+,;=%-._~")


def markdown_link(title: object, url: object) -> str:
    """`[title](url)` with the title escaped; just the escaped title when the URL is unsafe."""
    shown = escape_markdown(title)
    target = safe_link(url)
    if target is None:
        return shown
    return f"[{shown}](<{_markdown_destination(target)}>)"


def html_link(title: object, url: object) -> str:
    """An <a> that opens in a new tab without handing the page to the site it opens."""
    shown = escape_html(title)
    target = safe_link(url)
    if target is None:
        return shown
    return f'<a href="{escape_html(target)}" target="_blank" rel="noopener noreferrer">{shown}</a>'
