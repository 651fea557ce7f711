"""One rule for what may become a link, and one way to shorten a label, for every surface."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import text as app_text
from tracker import model
from tracker.export import text as export_text
from tracker.text import is_clean_web_address, link_problem, safe_link, shorten, wrap


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


def test_a_long_label_wraps_between_words_and_keeps_its_suffix_whole() -> None:
    area = "Public diplomacy, scientific cooperation and emergency management"
    assert wrap(area, 40, suffix="· IPAP 1") == [
        "Public diplomacy, scientific cooperation",
        "and emergency management · IPAP 1",
    ]
    owner = "Office of the National Security Council and Classified Information Protection"
    lines = wrap(owner, 34, suffix="(2 overdue)")
    assert len(lines) == 2 and lines[-1].endswith("… (2 overdue)")
    words = set(owner.split())
    # Every word shown is a whole word of the title: nothing is cut in the middle.
    assert all(
        word in words for line in lines for word in line.replace("… (2 overdue)", "").split()
    )
    assert wrap("Short", 34, suffix="(3 overdue)") == ["Short (3 overdue)"]


_URL_PIECES = list("hHtTpPsS:/?#[]@.a1 -_%\t\n\x00\x1f\x7f\x85\xa0\u2028\u3000é")
_URL_STARTS = ["http://", "https://", "HTTP://", "hTtPs://", "http:/", "", " http://", "http:///"]
_URL_STARTS += ["https://[", "http://a", "http://[::1]", "https://[v1.x]/", "http://a]b/"]


@settings(max_examples=1000, deadline=None)
@given(
    st.sampled_from(_URL_STARTS),
    st.lists(st.sampled_from(_URL_PIECES), max_size=10).map("".join),
)
def test_the_quick_check_of_an_address_answers_as_urlsplit_does(start: str, rest: str) -> None:
    """link_problem passes a plain ASCII address without asking urlsplit: it must never pass
    one urlsplit refuses or gives no host, nor refuse one it would pass."""
    address = start + rest
    text = address.strip()
    expected: str | None
    if not text.lower().startswith(("http://", "https://")):
        expected = "not a web address"
    elif any(ch.isspace() for ch in text):
        expected = "contains spaces"
    elif any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        expected = "control characters"
    else:
        try:
            parts = urlsplit(text)
        except ValueError:
            expected = "not a well-formed"
        else:
            web = parts.scheme.lower() in ("http", "https") and parts.netloc
            expected = None if web else "no host name"
    found = link_problem(address)
    if expected is None:
        assert found is None
    else:
        assert found is not None and expected in str(found)
    # The one-match check the loader asks first passes only addresses the checks above pass,
    # and that need no stripping: the model keeps them as they are, as a source too.
    if is_clean_web_address(address):
        assert expected is None and address == text
        assert model._source_reference(address) == address == model._web_url(address)


def test_a_date_read_before_is_the_same_date_and_a_wrong_one_is_refused_each_time() -> None:
    first = model._iso_date("2019-03-04")
    assert first == model._iso_date("2019-03-04") == model._iso_date(" 2019-03-04")
    for _ in range(2):
        with pytest.raises(ValueError, match="not a real date"):
            model._iso_date("2019-02-30")
        with pytest.raises(ValueError, match="not a date"):
            model._iso_date("2019-3-4")
