"""Fingerprints of text: hashes of every run of WINDOW consecutive words, normalized.

The project never ships the official texts it draws on, nor reads them: it ships their
fingerprint (``tests/data/empreinte-sources.json``, made once by
``scripts/source_fingerprint.py SOURCES_FOLDER``). A passage of the site whose words
hash to one of those windows repeats a source word for word, which the house rule
forbids outside official titles and names (``tests/data/titres-officiels.txt``).

Normalization makes the comparison blind to what rewording does not change: case,
accents, apostrophes and punctuation, Markdown signs, line breaks.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Iterable, Iterator

WINDOW = 14
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The words of ``text``, lower case, without accents (œ → oe, ’ splits like ')."""
    folded = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(folded)


def digest(window: Iterable[str]) -> str:
    return hashlib.sha256(" ".join(window).encode("ascii")).hexdigest()[:16]


def windows(tokens: list[str], size: int = WINDOW) -> Iterator[tuple[int, str]]:
    """(start, hash) of every run of ``size`` consecutive words."""
    for start in range(len(tokens) - size + 1):
        yield start, digest(tokens[start:start + size])


def covered(tokens: list[str], allowed: list[list[str]]) -> list[bool]:
    """Which words of ``tokens`` belong to an allowed official title or name."""
    mask = [False] * len(tokens)
    for name in allowed:
        n = len(name)
        if not n:
            continue
        for i in range(len(tokens) - n + 1):
            if tokens[i] == name[0] and tokens[i:i + n] == name:
                for j in range(i, i + n):
                    mask[j] = True
    return mask


def copied_passages(text: str, fingerprint: set[str], allowed: list[list[str]],
                    size: int = WINDOW) -> list[str]:
    """The passages of ``text`` that repeat source words: runs of overlapping windows
    found in ``fingerprint``, each as its words. Words of an allowed official title or
    name do not count: a passage is a copy when ``size`` or more of its words are
    outside them (a measure's title quoted in a sentence is not; a sentence is)."""
    tokens = words(text)
    if len(tokens) < size:
        return []
    mask = covered(tokens, allowed) if allowed else [False] * len(tokens)
    spans: list[list[int]] = []
    for start, h in windows(tokens, size):
        if h not in fingerprint:
            continue
        if spans and start <= spans[-1][1]:   # overlapping windows make one passage
            spans[-1][1] = start + size
        else:
            spans.append([start, start + size])
    return [" ".join(tokens[a:b]) for a, b in spans if mask[a:b].count(False) >= size]
