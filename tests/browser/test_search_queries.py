"""The query set (tests/search/queries.yml), typed into recherche/?q= on the built real corpus.

It lives with the browser tests to share their one chromium (tests/browser/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ecole_entreprise import search
from ecole_entreprise.generate import generate

from browser.conftest import Watched

QUERIES = yaml.safe_load((Path(__file__).parent.parent / "search" / "queries.yml").read_text(encoding="utf-8"))
THRESHOLD = 0.95
TOP = 5


def top_links(watched, base_url: str, text: str) -> list[str]:
    page = watched.page
    page.goto(base_url + "recherche/?q=" + text)
    page.wait_for_selector('#resultats[aria-busy="false"]')
    hrefs = page.locator("#resultats a").evaluate_all("links => links.map(a => a.href)")
    return [h[len(base_url):] for h in hrefs[:TOP]]


@pytest.fixture(scope="module")
def browser_results(new_page_module, corpus_url) -> dict[str, list[str]]:
    watched = new_page_module(corpus_url)
    results = {q["requete"]: top_links(watched, corpus_url, q["requete"]) for q in QUERIES}
    assert watched.foreign == [] and watched.errors == [] and watched.failed == []
    return results


@pytest.fixture(scope="module")
def new_page_module(browser):
    contexts = []

    def make(base_url: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        contexts.append(context)
        return Watched(context.new_page(), base_url)

    yield make
    for context in contexts:
        context.close()


def test_query_set_is_large_and_varied():
    assert len(QUERIES) >= 40
    assert len({q["requete"] for q in QUERIES}) == len(QUERIES)


def test_query_set_finds_the_expected_page_in_the_top_five(browser_results):
    misses = [f"« {q['requete']} » ({q['cas']}) : attendu {q['attendu']}, obtenu {browser_results[q['requete']]}"
              for q in QUERIES if q["attendu"] not in browser_results[q["requete"]]]
    found = 1 - len(misses) / len(QUERIES)
    assert found >= THRESHOLD, f"{found:.0%} trouvées :\n" + "\n".join(misses)


def test_browser_and_offline_search_rank_alike(browser_results, corpus_site: Path):
    """`ecole-entreprise search` runs the same analysis and ranking as the browser."""
    result = generate(corpus_site.parent)
    index = search.site_index(result.site, result.pages, result.analyzer)
    differ = {}
    for q in QUERIES:
        offline = [h.doc.url for h in search.query(index, q["requete"], limit=TOP)]
        if offline != browser_results[q["requete"]]:
            differ[q["requete"]] = (offline, browser_results[q["requete"]])
    assert differ == {}


def test_a_stop_word_alone_finds_nothing_and_says_so(new_page, corpus_url):
    watched = new_page(corpus_url)
    assert top_links(watched, corpus_url, "le") == []
    assert watched.page.locator("#resultats").inner_text().strip() == "Aucun résultat."


def test_facets_filter_the_results(new_page, corpus_url):
    watched = new_page(corpus_url)
    everything = top_links(watched, corpus_url, "visite")
    filtered = top_links(watched, corpus_url, "visite&niveaux=superieur")
    assert any(not u.startswith("fiches/") for u in everything)
    assert filtered and all(u.startswith("fiches/") for u in filtered)
    assert watched.page.locator("input[name=niveaux][value=superieur]").is_checked()
