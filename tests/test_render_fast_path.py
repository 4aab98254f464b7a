"""The renderer's fast path for plain sentences gives exactly what Python-Markdown gives.

A Markdown field without any Markdown sign skips the parser (render._is_plain_paragraph);
these tests compare both paths, sanitized as pages receive them, on every text of the
corpus, on the benchmark's synthetic fiches, and on generated sentences.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from hypothesis import given, settings, strategies as st

from ecole_entreprise.generate import check
from ecole_entreprise.render import Renderer, _clean_field_html, _is_plain_paragraph
from helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bench  # noqa: E402


def _renderer() -> Renderer:
    return Renderer(check(ROOT).site, ROOT / "theme" / "templates")


RENDERER = _renderer()
SIGLES = sorted(RENDERER._glossary)


def _both(text: str) -> tuple[str, str]:
    slow = _clean_field_html(RENDERER._parsed(text))
    fast = _clean_field_html(RENDERER._plain_paragraph(text.rstrip("\n")))
    return slow, fast


def _strings(value, found: list[str]) -> list[str]:
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, dict):
        for v in value.values():
            _strings(v, found)
    elif isinstance(value, list):
        for v in value:
            _strings(v, found)
    return found


def test_every_plain_text_of_the_corpus_renders_the_same_both_ways():
    texts = []
    for record in check(ROOT).site:
        _strings(record.data, texts)
    plain = [t for t in texts if _is_plain_paragraph(t)]
    assert len(plain) > 200          # the fast path is taken for most sentences…
    assert len(plain) < len(texts)   # …and not for texts with Markdown in them
    assert [t for t in plain if _both(t)[0] != _both(t)[1]] == []


def test_the_benchmark_sentences_render_the_same_both_ways():
    rng = random.Random(7)
    fiche = bench.synthetic_fiche(1, rng, ["a", "b"], ["m01", "m02"])
    texts = [t for t in _strings(fiche, []) if _is_plain_paragraph(t)]
    assert len(texts) > 10
    assert [t for t in texts if _both(t)[0] != _both(t)[1]] == []


ALPHABET = st.sampled_from(list("abcdeéèàçôœ ABCÉ0123456789.,;:'’«»()?%/-+=\u00a0\u202f\"$@^{}") + SIGLES)


@settings(max_examples=1500, deadline=None)
@given(st.lists(ALPHABET, min_size=1, max_size=20).map("".join), st.sampled_from(["", "\n", "\n\n"]))
def test_generated_plain_lines_render_the_same_both_ways(text, end):
    text += end
    if _is_plain_paragraph(text):
        slow, fast = _both(text)
        assert fast == slow


def test_texts_with_markdown_signs_are_left_to_the_parser():
    for text in ("- un", "1. un", "un *deux*", "un\ndeux", " un", "un ", "<b>x</b>", "a & b", "[x](y)",
                 "# titre", "un | deux", "\\*", "`code`", "---", "==", "x\x02y", ""):
        assert not _is_plain_paragraph(text), text
