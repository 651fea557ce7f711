"""What meeting material can be made, and for whom: names only, importable without pandas.

The command line builds its options from these, so `python -m tracker validate --help` never
pays for the exporters' imports; tracker.export and tracker.tables.audience take them from here.
"""

from __future__ import annotations

PUBLIC = "public"
INTERNAL = "internal"
AUDIENCES = (PUBLIC, INTERNAL)

FORMATS = ("pptx", "html", "pdf", "xlsx", "md")
SUFFIXES = {"pptx": ".pptx", "html": ".html", "pdf": ".pdf", "xlsx": ".xlsx", "md": ".md"}
MEDIA_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "html": "text/html",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown",
}
# What is made to be shown (deck, briefing, PDF, e-mail text) defaults to the public
# edition; the workbook is the ministry's own working file, so it holds everything.
DEFAULT_AUDIENCE = {
    "pptx": PUBLIC,
    "html": PUBLIC,
    "pdf": PUBLIC,
    "xlsx": INTERNAL,
    "md": PUBLIC,
}
