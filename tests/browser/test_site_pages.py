"""The site in a real browser: accessibility of every page type at desktop and phone
widths, privacy (no request leaves 127.0.0.1), no console error, the catalogue's facets,
abbreviations, keyboard access and print media."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from conftest import WIDTHS, axe_violations

# One page of every type of the shipped corpus.
PAGE_TYPES = {
    "accueil": "",
    "liste des mesures": "mesures/",
    "mesure": "mesures/m02/",
    "kit": "kits/equipes-educatives/",
    "fiche": "fiches/visite-entreprise/",
    "fiche officielle": "fiches/chefs-entreprise-invitent/",
    "sources": "sources/",
    "catalogue": "fiches/",
    "calendrier": "calendrier/",
    "liste des interlocuteurs": "acteurs/",
    "interlocuteur": "acteurs/clee/",
    "glossaire": "glossaire/",
    "à propos": "a-propos/",
    "accessibilité": "accessibilite/",
}


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_passes_axe_without_foreign_request_or_error(new_page, corpus_url, width):
    problems = {}
    for name, path in PAGE_TYPES.items():
        watched = new_page(corpus_url, width)
        response = watched.page.goto(corpus_url + path)
        assert response.status == 200, path
        watched.page.wait_for_load_state("networkidle")
        found = {
            "axe": axe_violations(watched.page),
            "requêtes externes": watched.foreign,
            "erreurs console": watched.errors,
            "requêtes en échec": watched.failed,
        }
        found = {k: v for k, v in found.items() if v}
        if found:
            problems[name] = found
        watched.page.context.close()
    assert problems == {}


def test_pages_are_french_with_one_h1_and_headings_in_order(new_page, corpus_url):
    watched = new_page(corpus_url)
    for name, path in PAGE_TYPES.items():
        watched.page.goto(corpus_url + path)
        assert watched.page.locator("html").get_attribute("lang") == "fr", name
        levels = watched.page.eval_on_selector_all(
            "article h1, article h2, article h3, article h4, article h5, article h6",
            "els => els.map(e => Number(e.tagName[1]))")
        assert levels[0] == 1 and levels.count(1) == 1, (name, levels)
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert jumps == [], (name, levels)


def test_skip_link_is_first_and_moves_focus_to_the_content(new_page, fixture_url):
    page = new_page(fixture_url).page
    page.goto(fixture_url + "fiches/visite-entreprise/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    box = page.locator(".ee-evitement").bounding_box()
    assert box["y"] >= 0, "the focused skip link is shown on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_the_actions_table_needs_no_sideways_scroll_on_a_phone_and_stays_a_keyboard_region(new_page, fixture_url):
    """Issue 17: each action is a block on a phone (it used to scroll sideways)."""
    page = new_page(fixture_url, 375).page
    page.goto(fixture_url + "fiches/visite-entreprise/")
    zone = page.locator(".ee-defilement").first
    assert page.evaluate("el => el.scrollWidth <= el.clientWidth", zone.element_handle())
    zone.focus()
    assert page.evaluate("document.activeElement.classList.contains('ee-defilement')")


def test_material_table_wrappers_take_the_focus(new_page, corpus_url):
    page = new_page(corpus_url, 375).page
    page.goto(corpus_url + "mooc/ressources/grille-appreciation/")   # a page with a Markdown table
    page.wait_for_load_state("networkidle")
    wrappers = page.locator(".md-typeset__scrollwrap")
    assert wrappers.count() >= 1
    assert wrappers.first.get_attribute("tabindex") == "0"
    assert wrappers.first.get_attribute("role") == "region"


def test_abbreviations_carry_their_expansion(new_page, fixture_url):
    """The expansion is the abbr's title, which browsers show as text on hover. Material's
    own tooltips (shown on focus too) are off: they insert titles with innerHTML, so a « < »
    in a glossary expansion ran as script (docs/decisions/0008-hostile-input.md)."""
    page = new_page(fixture_url).page
    page.goto(fixture_url + "fiches/visite-entreprise/")
    page.wait_for_load_state("networkidle")
    abbr = page.locator("article abbr").filter(has_text="CLEE").first
    abbr.hover()
    assert abbr.get_attribute("title") == "comité local école-entreprise"
    assert page.locator(".md-tooltip2--active").count() == 0


def test_print_media_hides_the_chrome_and_shows_link_targets(new_page, fixture_url):
    page = new_page(fixture_url).page
    page.goto(fixture_url + "fiches/visite-entreprise/")
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    # the header and footer: DSFR's with `identite: etat` (the default), Material's with neutre
    for selector in ("[data-md-component=header]", ".md-sidebar--primary", "footer", ".ee-outils"):
        assert page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", selector
    assert page.locator(".ee-entete-recherche").count() == 1      # the site's search box, in the header…
    assert not page.locator(".ee-entete-recherche").is_visible()  # …is not printed
    assert page.eval_on_selector(".ee-actions", "e => getComputedStyle(e).breakInside") == "avoid"
    after = page.eval_on_selector("article a[href*='mesures/']", "e => getComputedStyle(e, '::after').content")
    assert fixture_url in after and "mesures/" in after
    page.emulate_media(media="screen")
    assert page.eval_on_selector("[data-md-component=header]", "e => getComputedStyle(e).display") != "none"


def test_print_button_and_pdf_link(new_page, fixture_url):
    watched = new_page(fixture_url)
    page = watched.page
    page.goto(fixture_url + "fiches/visite-entreprise/")
    assert page.locator("[data-ee-imprimer]").is_visible()
    pdf = page.locator("a[download]", has_text="PDF")
    response = page.request.get(pdf.evaluate("a => a.href"))
    assert response.status == 200
    assert response.body()[:5] == b"%PDF-"


def _visible_ids(page) -> list[str]:
    return page.eval_on_selector_all("li[data-fiche]:not([hidden])", "els => els.map(e => e.dataset.fiche)")


def test_catalogue_facets_narrow_and_restore_the_list_and_the_url(new_page, fixture_url):
    watched = new_page(fixture_url)
    page = watched.page
    page.goto(fixture_url + "fiches/")
    everything = _visible_ids(page)
    assert sorted(everything) == ["rencontre-entreprise", "visite-entreprise"]
    counts = page.locator("label[for='filtre-type-visite'] [data-ee-compte]").text_content()
    assert counts == "(1)"

    page.locator("details[data-ee-facette='type'] summary").click()
    page.locator("#filtre-type-visite").check()
    assert _visible_ids(page) == ["visite-entreprise"]
    assert parse_qs(urlparse(page.url).query) == {"type": ["visite"]}
    assert page.locator("[data-ee-bilan]").inner_text() == "1 fiche sur 2"
    # Counts follow the other facets: with « visite » chosen, one fiche is a « Collège » one.
    assert page.locator("label[for='filtre-niveau-college'] [data-ee-compte]").text_content() == "(1)"

    # A second facet combines with the first (AND): no fiche left, a message says so.
    page.locator("details[data-ee-facette='perimetre'] summary").click()
    page.locator("#filtre-perimetre-region-academique").check()
    assert _visible_ids(page) == []
    assert page.locator("[data-ee-aucune]").is_visible()
    assert parse_qs(urlparse(page.url).query) == {"type": ["visite"], "perimetre": ["region-academique"]}

    page.locator("#filtre-perimetre-region-academique").uncheck()
    page.locator("#filtre-type-visite").uncheck()
    assert _visible_ids(page) == everything
    assert urlparse(page.url).query == ""
    assert watched.errors == []


def test_catalogue_state_in_the_url_is_shared_and_cleared(new_page, fixture_url):
    page = new_page(fixture_url).page
    page.goto(fixture_url + "fiches/?type=rencontre&type=visite&niveau=lycee-professionnel")
    assert page.locator("#filtre-type-rencontre").is_checked()
    assert page.locator("#filtre-type-visite").is_checked()
    assert page.locator("#filtre-niveau-lycee-professionnel").is_checked()
    assert page.locator("details[data-ee-facette='type']").get_attribute("open") is not None
    # (rencontre OR visite) AND lycée professionnel: only the rencontre is taught there.
    assert _visible_ids(page) == ["rencontre-entreprise"]
    page.locator("[data-ee-reinitialiser]").click()
    assert urlparse(page.url).query == ""
    page.go_back()
    assert page.locator("#filtre-niveau-lycee-professionnel").is_checked()


def test_catalogue_search_hook_intersects_with_the_facets(new_page, fixture_url):
    page = new_page(fixture_url).page
    page.goto(fixture_url + "fiches/?niveau=college")
    assert sorted(_visible_ids(page)) == ["rencontre-entreprise", "visite-entreprise"]
    assert page.evaluate("eeCatalogue.restreindre(['visite-entreprise'])") == ["visite-entreprise"]
    assert _visible_ids(page) == ["visite-entreprise"]
    assert page.locator("label[for='filtre-type-rencontre'] [data-ee-compte]").text_content() == "(0)"
    page.evaluate("eeCatalogue.restreindre(null)")
    assert sorted(_visible_ids(page)) == ["rencontre-entreprise", "visite-entreprise"]


def test_catalogue_without_javascript_is_a_plain_list(new_page, fixture_url):
    page = new_page(fixture_url, java_script_enabled=False).page
    page.goto(fixture_url + "fiches/?type=visite")
    assert len(_visible_ids(page)) == 2
    assert not page.locator("[data-ee-catalogue-filtres]").is_visible()
    assert page.locator("li[data-fiche] a").count() == 2


def test_external_links_are_marked_and_open_safely(new_page, fixture_url):
    page = new_page(fixture_url).page
    page.goto(fixture_url + "acteurs/service-ecole-entreprise/")
    page.wait_for_load_state("networkidle")
    external = page.locator("article a[href^='http']")
    assert external.count() >= 1
    for i in range(external.count()):
        link = external.nth(i)
        assert link.get_attribute("target") == "_blank"
        assert set(link.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
        assert "site externe" in link.inner_text()
