"""Reading a rendered PDF back as boxes of words: what the deck and print-layout tests share.

`pdftotext -bbox` (poppler-utils) writes every word with its box, page by page; the tests
ask where words landed (in a footer band, off the page, split mid-word) without any image
comparison. `pdftoppm` turns the pages into PNGs under tests/artifacts/ for a person.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import PROJECT

ARTIFACTS = PROJECT / "tests" / "artifacts"
_XHTML = "{http://www.w3.org/1999/xhtml}"
# Where a line may sensibly break inside a word: after a hyphen or a slash.
_PIECES = re.compile(r"[^-/\u2010\u2011]+[-/\u2010\u2011]*|[-/\u2010\u2011]+")


@dataclass(frozen=True)
class Word:
    text: str
    left: float  # points from the page's top-left corner
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: list[Word]

    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def poppler_or_skip() -> None:
    for tool in ("pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is missing: apt-get install poppler-utils")


def word_boxes(pdf: Path) -> list[Page]:
    """Every page of the PDF with its words and their boxes, in reading order."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, timeout=120
    ).stdout
    root = ElementTree.fromstring(out)
    pages = []
    for page in root.iter(f"{_XHTML}page"):
        words = [
            Word(
                word.text or "",
                float(word.get("xMin", 0)),
                float(word.get("yMin", 0)),
                float(word.get("xMax", 0)),
                float(word.get("yMax", 0)),
            )
            for word in page.iter(f"{_XHTML}word")
        ]
        pages.append(Page(float(page.get("width", 0)), float(page.get("height", 0)), words))
    return pages


def save_pngs(pdf: Path, folder: Path, name: str, resolution: int = 60) -> list[Path]:
    """Each page as tests/artifacts/<folder>/<name>-NN.png, for a person to look at.

    Drawn in a private folder and moved into place one by one, so a second run writing the
    same pictures at once (two checkouts, a rerun) never sees a half-emptied folder; only
    pages of this name the new drawing no longer has are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=f".{name}-") as drawing:
        subprocess.run(
            ["pdftoppm", "-r", str(resolution), "-png", str(pdf), str(Path(drawing) / name)],
            check=True,
            timeout=300,
        )
        drawn = _pages_of(Path(drawing), name)
        saved = [folder / png.name for png in drawn]
        for png, target in zip(drawn, saved, strict=True):
            os.replace(png, target)
    for old in set(_pages_of(folder, name)) - set(saved):
        old.unlink(missing_ok=True)
    return saved


def _pages_of(folder: Path, name: str) -> list[Path]:
    """The pictures pdftoppm drew of `name`'s pages (name-01.png ...), not those of a name it
    begins ("portfolio-sr-Cyrl-01.png" is not a page of "portfolio")."""
    page = re.compile(rf"{re.escape(name)}-\d+\.png")
    return sorted(png for png in folder.glob(f"{name}-*.png") if page.fullmatch(png.name))


def pieces(text: str) -> Counter[str]:
    """A text's words cut where a line may break (spaces, after hyphens and slashes)."""
    return Counter(piece for word in text.split() for piece in _PIECES.findall(word))


def broken_words(expected: str, page: Page) -> list[str]:
    """The words of `expected` that the page does not show whole: a word the renderer cut
    mid-word ("publicdiplomacypressa / nd") comes back as two pieces neither of which is it."""
    shown = pieces(page.text())
    return sorted((pieces(expected) - shown).elements())
