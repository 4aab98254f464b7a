"""The built corpus: every record published, acronyms expanded on every page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from ecole_entreprise.generate import check
from helpers import ROOT

SKIP_INSIDE = {"abbr", "code", "pre", "script", "style", "title", "head", "svg"}


class _UnexpandedAcronyms(HTMLParser):
    """Collects glossary acronyms written in the article outside an <abbr>."""

    def __init__(self, sigles: set[str]):
        super().__init__()
        self.sigles = sigles
        self.stack: list[str] = []
        self.in_article = 0
        self.found: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr"):
            return
        self.stack.append(tag)
        if tag == "article":
            self.in_article += 1

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack:
                if self.stack.pop() == tag:
                    break
        if tag == "article":
            self.in_article -= 1

    def handle_data(self, data):
        if self.in_article <= 0 or SKIP_INSIDE & set(self.stack):
            return
        for word in _words(data):
            if word in self.sigles:
                self.found.add(word)


def _words(text: str) -> list[str]:
    import re
    return re.findall(r"(?<![\w-])[A-ZÉ][A-Za-zÉ0-9-]*[A-Z0-9](?![\w-])", text)


@pytest.fixture(scope="module")
def sigles() -> set[str]:
    """The acronyms that have an expansion. The few the sources never expand (NOR, OFPEE)
    have none to show in an <abbr>: the glossary defines them instead (test below)."""
    return set(check(ROOT).site.expansions)


def test_acronyms_without_an_expansion_are_defined_in_the_glossary(corpus_site: Path):
    site = check(ROOT).site
    bare = set(site.glossaire) - set(site.expansions)
    assert bare == {"NOR", "OFPEE"}
    glossaire = (corpus_site / "glossaire" / "index.html").read_text(encoding="utf-8")
    for sigle in bare:
        assert site.glossaire[sigle]["definition"]
        assert f'<dt id="{sigle.lower()}">{sigle}</dt>' in glossaire


def test_every_record_is_published(corpus_site: Path):
    site = check(ROOT).site
    for record in site:
        if record.page:
            html_path = corpus_site / record.page.replace("index.md", "").replace(".md", "/") / "index.html"
            assert html_path.is_file(), record.rel


def test_every_acronym_on_every_page_is_expanded(corpus_site: Path, sigles):
    pages = sorted(corpus_site.rglob("*.html"))
    assert len(pages) > 60
    unexpanded = {}
    for page in pages:
        parser = _UnexpandedAcronyms(sigles)
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            unexpanded[page.relative_to(corpus_site).as_posix()] = sorted(parser.found)
    assert unexpanded == {}


def test_the_acronym_detector_sees_a_bare_acronym_and_accepts_an_expanded_one():
    parser = _UnexpandedAcronyms({"CLEE", "CMQ"})
    parser.feed('<article><p>Le <abbr title="comité">CLEE</abbr> et le CMQ.</p></article><p>CMQ hors article</p>')
    assert parser.found == {"CMQ"}
