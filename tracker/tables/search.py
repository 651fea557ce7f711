"""Search as a person types it: every word, anywhere in the objective, in any case, accent,
script or number format, whole-word hits first.

Text and query are folded the same way before they meet: Cyrillic written in Latin (the
project's own transliteration), lower case, letters without their marks (č ć → c, š → s,
ž → z, dž → dz), đ as "dj" and also as "d" (both spellings are in use), and thousands
separators dropped between digits ("2,000" and "2.000" → "2000"). So "cacak" finds
"Čačak", "Чачак" finds "Cacak", and "2000 tonnes" finds "2,000 tonnes".

The folded text of each objective is built once per version of the data (`SearchIndex`);
a search is then a few vectorised substring tests over one column, fast at 10,000.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from tracker.i18n import searchable_texts
from tracker.i18n.script import transliterate
from tracker.tables.audience import INTERNAL, PUBLIC

# A thousands separator: a comma, dot, apostrophe or narrow space between a digit and a
# group of exactly three digits ("2,000", "2.000", "2 000"); a plain space is not one
# ("in 2019 300 tonnes" are two numbers).
_THOUSANDS = re.compile(r"(?<=\d)[,.'\u00a0\u202f\u2009](?=\d{3}(?!\d))")
# A word of a query: letters and digits, a decimal number kept whole ("2,5").
_QUERY_WORD = re.compile(r"\w+(?:[.,]\d+)*")
# Letters that carry no combining mark to strip, with the spelling people type instead.
_LETTERS = str.maketrans({"đ": "dj", "ß": "ss", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe"})
# The combining marks NFKD splits off letters (č -> c + caron).
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Between two fields, so that the end of one and the start of the next never make a word.
_FIELD_BREAK = "\n"

# A word this long loses its final vowel before it is looked for (case endings, see word_stem).
STEM_MIN_LENGTH = 5
_ENDING_VOWELS = frozenset("aeiou")
# Arrow's strings: its substring and regular-expression kernels (RE2) scan a column of
# 10,000 texts several times faster than Python's loop over objects.
TEXT_DTYPE = "string[pyarrow]"
# What `SearchIndex.of_table` searches when only the objectives table is at hand.
TABLE_COLUMNS = ("id", "title", "owner", "area", "area_title", "field")
# How many searches' results an index keeps (each a Series of at most one int per objective).
RECENT_SEARCHES = 32
# How much a query word counts for an objective, so whole words and titles come first:
# "Nis" ranks the city Niš above "Ministry", and a title above a note that mentions it.
WHOLE_WORD_IN_TITLE = 4
WHOLE_WORD = 2
IN_TITLE = 1


def fold(text: str) -> str:
    """Text as search compares it: Latin script, lower case, no marks, numbers unseparated."""
    if not text:
        return ""
    latin = transliterate(text).casefold()
    if not latin.isascii():
        latin = _MARKS.sub("", unicodedata.normalize("NFKD", latin.translate(_LETTERS)))
    return _THOUSANDS.sub("", latin)


def fold_for_index(text: str) -> str:
    """`fold`, and where the text has đ, also the spelling with a plain d ("Đurđević" is
    typed "Djurdjevic" and "Durdevic"), so either query finds it."""
    folded = fold(text)
    if "đ" in text.casefold() or "ђ" in text.casefold():
        folded += _FIELD_BREAK + fold(text.casefold().replace("đ", "d").replace("ђ", "д"))
    return folded


def query_words(query: str) -> list[str]:
    """The folded words of a query, each once, in the order typed."""
    return list(dict.fromkeys(_QUERY_WORD.findall(fold(query))))


def word_stem(word: str) -> str:
    """What of a typed word must appear: all of it, but a longer word without its last vowel.

    Serbian changes a noun's ending with its case: "муниција" is written "вишка муниције",
    "obuka" is "obuke" and "obuku"; the stem finds them all, and English "exercise" finds
    "exercises". Short words (Niš, IPAP) stay whole.
    """
    if len(word) >= STEM_MIN_LENGTH and word[-1] in _ENDING_VOWELS and word[:-1].isalpha():
        return word[:-1]
    return word


def _whole(word: str) -> str:
    """The pattern of the word standing alone, with any case ending where it was stemmed."""
    stem = word_stem(word)
    ending = r"\w{0,3}" if stem != word else ""
    return rf"\b{re.escape(stem)}{ending}\b"


def _joined(texts: Iterable[str | None]) -> str:
    return fold_for_index(_FIELD_BREAK.join(text for text in texts if text))


def _texts(item: object, field: str) -> list[str]:
    """The field as written, and in every language the file translates it into."""
    own = getattr(item, field, None)
    if getattr(item, "translations", None) is None:
        return [own] if own else []
    return searchable_texts(item, field)


def _objective_texts(objective: object, area: object | None) -> list[str]:
    """Everything a reader might remember an objective by, in every language it is written in
    (not the internal evidence: that depends on the audience)."""
    texts: list[str] = [objective.id, objective.area]
    texts += _texts(objective, "owner")
    texts += _texts(objective, "field")
    texts += _texts(objective, "title")
    texts += _texts(objective, "description")
    if area is not None:
        texts += _texts(area, "title")
    for update in objective.updates:
        texts += _texts(update, "note")
    metric = objective.metric
    if metric is not None:
        # "2000 tonnes" finds the objective whose target is 2,000 tonnes.
        texts.append(f"{metric.target:g} {metric.unit}")
        for measurement in metric.measurements:
            texts += _texts(measurement, "note")
    return texts


def _evidence_texts(objective: object, access: str) -> list[str]:
    texts: list[str] = []
    for item in objective.evidence:
        if item.access == access:
            texts += _texts(item, "title")
    return texts


@dataclass(frozen=True)
class SearchIndex:
    """Each objective's folded text (by objective id): its title, everything a public reader
    may search, and everything an internal reader may search (internal evidence too)."""

    titles: pd.Series
    public: pd.Series
    internal: pd.Series
    # The last searches' results: the sidebar's filter and the page's ranking ask the same
    # question in one run, and every click re-runs the page with the same query.
    _recent: dict[tuple[str, str], pd.Series] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of_portfolio(cls, portfolio: object) -> SearchIndex:
        """The index of every readable objective of a loaded portfolio."""
        areas = {
            (plan.id, area.id): area for plan in portfolio.plans.values() for area in plan.areas
        }
        ids: list[str] = []
        titles: list[str] = []
        public: list[str] = []
        internal: list[str] = []
        for objective in portfolio.objectives:
            texts = _objective_texts(objective, areas.get((objective.plan_id, objective.area)))
            shared = _joined([*texts, *_evidence_texts(objective, PUBLIC)])
            hidden = _joined(_evidence_texts(objective, INTERNAL))
            ids.append(objective.id)
            titles.append(_joined(_texts(objective, "title")))
            public.append(shared)
            internal.append(shared + _FIELD_BREAK + hidden if hidden else shared)
        index = pd.Index(ids, dtype=object)
        return cls(
            pd.Series(titles, index=index, dtype=TEXT_DTYPE),
            pd.Series(public, index=index, dtype=TEXT_DTYPE),
            pd.Series(internal, index=index, dtype=TEXT_DTYPE),
        )

    @classmethod
    def of_table(cls, objectives: pd.DataFrame) -> SearchIndex:
        """An index of what an objectives table itself holds (id, title, owner, area, field),
        for callers that have the frames but not the portfolio."""
        index = pd.Index(objectives["id"].astype(str), dtype=object)
        columns = [c for c in TABLE_COLUMNS if c in objectives.columns]
        rows = zip(*(objectives[c].tolist() for c in columns), strict=True)
        texts = [_joined(str(value) for value in row if isinstance(value, str)) for row in rows]
        titles = [fold_for_index(str(title)) for title in objectives["title"]]
        text = pd.Series(texts, index=index, dtype=TEXT_DTYPE)
        return cls(pd.Series(titles, index=index, dtype=TEXT_DTYPE), text, text)

    def scores(self, query: str, audience: str = INTERNAL) -> pd.Series:
        """The objectives that have every word of `query`, each with its rank (higher first).

        A word counts wherever it appears, even inside another word; a whole word counts
        more, and a word in the title more again. An empty query matches everything at 0.
        """
        key = (query, audience)
        found = self._recent.get(key)  # one read: another session may clear the dict
        if found is None:
            found = self.rank(query, audience)
            if len(self._recent) >= RECENT_SEARCHES:
                self._recent.clear()
            self._recent[key] = found
        return found

    def rank(self, query: str, audience: str = INTERNAL) -> pd.Series:
        """`scores` worked out afresh (the benchmark's measure)."""
        haystack = self.public if audience == PUBLIC else self.internal
        words = query_words(query)
        if not words:
            return pd.Series(0, index=haystack.index, dtype=int)
        found = pd.Series(True, index=haystack.index)
        for word in words:
            found &= haystack.str.contains(word_stem(word), regex=False)
        haystack = haystack[found]
        titles = self.titles[found]
        score = pd.Series(0, index=haystack.index, dtype=int)
        for word in words:
            whole = _whole(word)
            score += haystack.str.contains(whole, regex=True).astype(int) * WHOLE_WORD
            score += titles.str.contains(whole, regex=True).astype(int) * WHOLE_WORD_IN_TITLE
            score += titles.str.contains(word_stem(word), regex=False).astype(int) * IN_TITLE
        return score


def ranked(objectives: pd.DataFrame, scores: pd.Series) -> pd.DataFrame:
    """The objectives that have a score, best first; ties keep the order they came in."""
    kept = objectives[objectives["id"].isin(scores.index)]
    rank = kept["id"].map(scores).to_numpy()
    order = sorted(range(len(kept)), key=lambda position: -rank[position])
    return kept.iloc[order]
