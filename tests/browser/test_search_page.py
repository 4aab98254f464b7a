"""The search's three doors — header box, page recherche/, catalogue text filter — on the fixture site."""

from __future__ import annotations

import pytest

from browser.conftest import WIDTHS, axe_violations


def test_header_box_sends_the_query_to_the_search_page(new_page, fixture_url):
    watched = new_page(fixture_url)
    page = watched.page
    page.goto(fixture_url + "fiches/visite-entreprise/")
    page.fill("#ee-entete-q", "visites d'entreprise")
    page.press("#ee-entete-q", "Enter")
    page.wait_for_selector('#resultats[aria-busy="false"]')
    assert page.url.startswith(fixture_url + "recherche/?q=visites")
    first = page.locator("#resultats a").first
    assert first.inner_text() == "Une visite d'entreprise"
    assert first.get_attribute("href") == fixture_url + "fiches/visite-entreprise/"
    assert page.input_value("#ee-recherche-q") == "visites d'entreprise"
    assert watched.errors == [] and watched.foreign == [] and watched.failed == []


def test_results_are_busy_until_shown(new_page, fixture_url):
    page = new_page(fixture_url).page
    page.add_init_script("""window.__etats = [];
        document.addEventListener('DOMContentLoaded', () => {
            const list = document.getElementById('resultats');
            window.__etats.push([list.getAttribute('aria-busy'), list.children.length]);
            new MutationObserver(() => window.__etats.push([list.getAttribute('aria-busy'), list.children.length]))
                .observe(list, {attributes: true, attributeFilter: ['aria-busy']});
        });""")
    page.goto(fixture_url + "recherche/?q=stage")
    page.wait_for_selector('#resultats[aria-busy="false"]')
    states = page.evaluate("window.__etats")
    assert states[0] == ["true", 0]                 # searching: nothing shown yet
    assert states[-1][0] == "false" and states[-1][1] >= 1
    assert all(busy == "true" for busy, _ in states[:-1])


@pytest.mark.parametrize("width", WIDTHS)
def test_search_page_with_results_is_accessible(new_page, fixture_url, width):
    page = new_page(fixture_url, width).page
    page.goto(fixture_url + "recherche/?q=entreprise")
    page.wait_for_selector('#resultats[aria-busy="false"]')
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_catalogue_text_filter_keeps_the_matching_fiches(new_page, fixture_url):
    watched = new_page(fixture_url)
    page = watched.page
    page.goto(fixture_url + "fiches/")
    entries = page.locator("li[data-fiche]")
    assert entries.count() == 2
    page.fill("#ee-filtre-texte", "Ales")
    page.wait_for_function("document.querySelectorAll('li[data-fiche]:not(.ee-hors-texte)').length === 1"
                           " || (window.eeCatalogue && window.eeCatalogue.visibles().length === 1)")
    visible = [e.get_attribute("data-fiche") for e in entries.all() if e.is_visible()]
    assert visible == ["visite-entreprise"]
    page.fill("#ee-filtre-texte", "")
    page.wait_for_function("Array.from(document.querySelectorAll('li[data-fiche]')).every(li => li.offsetParent)")
    assert watched.errors == [] and watched.foreign == []
