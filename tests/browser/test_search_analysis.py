"""The browser's analysis (search-engine.js, lunr-languages' stemmer) equals search.py's."""

from __future__ import annotations

from helpers import ROOT

from ecole_entreprise import search


def corpus_words() -> list[str]:
    words: set[str] = set()
    for folder in ("content", "kits", "data"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".yml", ".md"):
                words.update(search.words(path.read_text(encoding="utf-8")))
    return sorted(words)


def test_browser_folds_splits_and_stems_every_corpus_word_as_python_does(new_page, fixture_url):
    watched = new_page(fixture_url)
    watched.page.goto(fixture_url + "recherche/?q=visite")
    watched.page.wait_for_selector('#resultats[aria-busy="false"]')
    words = corpus_words()
    assert len(words) > 1000
    browser = watched.page.evaluate("ws => ws.map(w => eeRecherche.stem(w))", words)
    differ = {w: (b, search.stem(w)) for w, b in zip(words, browser) if b != search.stem(w)}
    assert differ == {}
    text = "L’Élève d'ŒUVRE jusqu'à Besançon, qu'il «3ème» mini-entreprise"
    assert watched.page.evaluate("t => eeRecherche.words(t)", text) == search.words(text)
    assert watched.errors == [] and watched.foreign == []
