"""Chinese full-text search for the honour roll.

Wagtail's database backend tokenises a run of Chinese characters as one word, so
“见义勇为” would never be found inside “张三见义勇为事迹” (FACTS.md). We index every
overlapping pair of Chinese characters (the bigram analyser Elasticsearch's `cjk`
analyser uses) and search for all the pairs of the query: any word of two characters
or more is found wherever it stands in a name, including personal names that jieba's
dictionary would cut differently in different names (why we chose pairs over jieba).
Latin letters and digits stay whole words.
"""

from __future__ import annotations

import re

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{_CJK}]+|[A-Za-z0-9]+")
_IS_CJK = re.compile(rf"[{_CJK}]")


def _terms(text: str, *, unigrams: bool) -> list[str]:
    terms: list[str] = []
    for run in _RUNS.findall(text or ""):
        if not _IS_CJK.match(run):
            terms.append(run.lower())
            continue
        if unigrams or len(run) == 1:
            terms.extend(run)
        terms.extend(run[i : i + 2] for i in range(len(run) - 1))
    return terms


def index_text(*parts: str) -> str:
    """The text indexed for a record: its Chinese characters and pairs of characters
    (so a one-character query such as a surname finds it too) and its other words."""
    seen: dict[str, None] = {}
    for part in parts:
        for term in _terms(part, unigrams=True):
            seen.setdefault(term, None)
    return " ".join(seen)


def query_terms(query: str) -> list[str]:
    """The terms all of which a record must hold to match `query`."""
    return list(dict.fromkeys(_terms(query, unigrams=False)))
