"""One rule for what may become a link, and one way to shorten a label, for every surface."""

from __future__ import annotations

import pytest

from components import text as app_text
from tracker.export import text as export_text
from tracker.text import link_problem, safe_link, shorten


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "data:text/html,<script>",
        "file:///etc/passwd",
        "https://",  # no host: the app and the exports used to disagree here
        "https:///path-only",
        "https://example.org/a b",
        "https://example.org/\x07",
        "ftp://example.org/",
        "",
        None,
    ],
)
def test_no_surface_makes_a_link_of_an_unsafe_address(address: object) -> None:
    assert safe_link(address) is None
    assert export_text.web_link(address) is None
    assert app_text.html_link("title", address) == "title"


def test_a_web_address_is_a_link_everywhere_and_the_model_agrees() -> None:
    address = "https://www.mod.gov.rs/lat/1234/vest"
    assert safe_link(f"  {address} ") == address
    assert link_problem(address) is None
    assert f'href="{address}"' in app_text.html_link("title", address)


def test_shorten_cuts_at_a_word_and_says_so() -> None:
    title = "Public diplomacy, scientific cooperation and civil emergency planning"
    short = shorten(title, 40)
    assert short.endswith("…") and len(short) <= 40
    assert title.startswith(short[:-1].rstrip())
    assert shorten("Short", 40) == "Short"
