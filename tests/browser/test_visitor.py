"""What visitors meet (issue 17), in chromium at 1280 and 375 px, on the corpus site the
session builds once: the home page's audience blocks and deadlines, the calendar's order,
whole words in a fiche's tables, the breadcrumb, search results with their type and
excerpt, the French 404, the attestation's rule."""

from __future__ import annotations

import re
from datetime import date

import pytest

from browser.conftest import WIDTHS


def no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_home_has_one_block_per_audience_with_its_heading_text_and_link(new_page, corpus_url, width):
    watched = new_page(corpus_url, width)
    page = watched.page
    page.goto(corpus_url)
    blocks = page.locator(".ee-publics > li")
    assert blocks.count() == 3
    tops = []
    for i in range(3):
        block = blocks.nth(i)
        heading = block.locator("h3 a")
        assert heading.count() == 1 and heading.inner_text().strip()
        assert block.locator(".fr-card__desc").inner_text().strip()
        href = heading.get_attribute("href")
        assert href in ("kits/equipes-educatives/", "kits/entreprises/", "mooc/")
        tops.append(block.bounding_box()["y"])
    # side by side on a desktop, one under the other on a phone
    assert (len(set(tops)) == 1) if width == 1280 else (tops == sorted(tops) and len(set(tops)) == 3)
    no_sideways_scroll(page, width)
    assert watched.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_home_deadlines_end_today_or_later_also_when_read_long_after_the_build(new_page, corpus_url, width):
    page = new_page(corpus_url, width).page
    page.goto(corpus_url)
    visible = page.locator("ol.ee-echeances > li:visible")
    assert 1 <= visible.count() <= 6
    today = date.today().isoformat()
    ends = visible.evaluate_all("items => items.map(li => li.dataset.eeFin)")
    assert all(end is None or end >= today for end in ends)
    first_end = min(e for e in ends if e)
    # Read later: what has ended goes, the next ones take its place.
    later = date.fromordinal(date.fromisoformat(first_end).toordinal() + 1)
    page.clock.set_fixed_time(later.isoformat() + "T12:00:00")
    page.reload()
    ends_later = page.locator("ol.ee-echeances > li:visible").evaluate_all("items => items.map(li => li.dataset.eeFin)")
    assert ends_later and all(end is None or end >= later.isoformat() for end in ends_later)
    assert first_end not in ends_later


@pytest.mark.parametrize("width", WIDTHS)
def test_calendar_opens_on_the_current_school_year_then_the_next_then_the_history_collapsed(new_page, corpus_url, width):
    page = new_page(corpus_url, width).page
    page.goto(corpus_url + "calendrier/")
    headings = page.locator("article h2").all_inner_texts()
    headings = [h.rstrip("¶").strip() for h in headings]
    year = date.today().year if date.today().month >= 9 else date.today().year - 1
    assert headings[:3] == [f"Année scolaire {year}-{year + 1} (en cours)", f"Année scolaire {year + 1}-{year + 2}",
                            "Historique"]
    history = page.locator("details.ee-historique")
    assert history.get_attribute("open") is None
    assert not page.locator("details.ee-historique .ee-frise").first.is_visible()
    table = page.locator(".ee-planning").first
    content = page.locator(".md-content__inner").bounding_box()
    assert table.bounding_box()["width"] <= content["width"] + 1     # fits, nothing clipped
    no_sideways_scroll(page, width)


CUT_WORDS = """root => {
    const cut = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const hidden = node.parentElement.closest("thead");     // headers kept for screen readers only
        if (hidden && hidden.getBoundingClientRect().width <= 1) continue;
        for (const m of node.textContent.matchAll(/[\\p{L}\\p{N}]+/gu)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
            if (tops.size > 1) cut.push(m[0]);
        }
    }
    return cut;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_fiche_tables_cut_no_word_and_stack_each_action_on_a_phone(new_page, corpus_url, width):
    page = new_page(corpus_url, width).page
    page.goto(corpus_url + "fiches/visite-entreprise/")
    for table in page.locator("table.ee-tableau").all():
        assert table.evaluate(CUT_WORDS) == []
    no_sideways_scroll(page, width)
    rows = page.locator("table.ee-actions tbody tr")
    first, second = rows.nth(0).bounding_box(), rows.nth(1).bounding_box()
    cell = rows.nth(0).locator("td").first
    if width == 375:   # one block per action, its cells under their labels
        assert first["width"] <= width and second["y"] >= first["y"] + first["height"]
        assert cell.evaluate("td => getComputedStyle(td, '::before').content").startswith('"Pilote')
    else:
        assert cell.evaluate("td => getComputedStyle(td, '::before').content") in ("none", "normal")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path, trail, section", [
    ("fiches/visite-entreprise/", ["Accueil", "Kit entreprises", "Une visite d'entreprise"], "kits/entreprises/"),
    ("mooc/comprendre-le-stage/le-cadre-a-connaitre/", ["Accueil", "MOOC des tuteurs", None, None], "mooc/"),
    ("mesures/m03/", ["Accueil", "Les 12 mesures", "Mesure 3"], "mesures/"),
])
def test_breadcrumb_leads_back_and_the_section_is_highlighted(new_page, corpus_url, width, path, trail, section):
    page = new_page(corpus_url, width).page
    page.goto(corpus_url + path)
    crumbs = page.locator("nav.fr-breadcrumb li")
    texts = [t.strip() for t in crumbs.all_inner_texts()]
    assert len(texts) == len(trail)
    assert all(expected is None or got == expected for got, expected in zip(texts, trail))
    assert crumbs.last.locator("a").get_attribute("aria-current") == "page"
    for link in crumbs.locator("a[href]").all():          # every step above is a link that works
        assert page.request.get(link.evaluate("a => a.href")).ok
    if "mooc/" in path and path.count("/") > 2:            # a lesson: back to its module
        assert crumbs.nth(2).locator("a").evaluate("a => a.href") == corpus_url + "mooc/comprendre-le-stage/"
    active = page.locator(".md-nav--primary a.md-nav__link--active")
    assert corpus_url + section in active.evaluate_all("links => links.map(a => a.href)")
    if path.startswith("fiches/"):
        retours = page.locator(".ee-retours a").evaluate_all("links => links.map(a => a.href)")
        assert corpus_url + "fiches/" in retours and corpus_url + "kits/equipes-educatives/" in retours
    if width == 375:
        assert crumbs.first.is_visible()
        no_sideways_scroll(page, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_search_results_show_their_type_and_an_excerpt_with_the_words_marked(new_page, corpus_url, width):
    page = new_page(corpus_url, width).page
    page.goto(corpus_url + "recherche/?q=magistere")
    page.wait_for_selector('#resultats[aria-busy="false"] li')
    first = page.locator("#resultats > li").first
    assert first.locator(".ee-resultats__type").inner_text().strip()
    first.locator(".ee-resultats__extrait").wait_for()   # an excerpt comes when its result is in view
    marks = first.locator(".ee-resultats__extrait mark").all_inner_texts()
    assert marks and all(re.fullmatch(r"M@gist[eè]re", m, re.I) for m in marks)
    page.goto(corpus_url + "recherche/?q=stage 3e")
    page.wait_for_selector('#resultats[aria-busy="false"] li')
    for item in page.locator("#resultats > li").all()[:12]:   # bring each result into view: its excerpt comes
        item.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelectorAll('#resultats .ee-resultats__extrait mark').length >= 10")
    page.locator("#ee-resultats-types button[data-type='fiche']").click()
    page.wait_for_selector('#resultats[aria-busy="false"] li')
    types = page.locator("#resultats > li").evaluate_all("items => items.map(li => li.dataset.type)")
    assert types and set(types) == {"fiche"}
    assert "type=fiche" in page.url
    no_sideways_scroll(page, width)


def test_an_acronym_brings_its_glossary_entry_to_the_top(new_page, corpus_url):
    page = new_page(corpus_url).page
    page.goto(corpus_url + "recherche/?q=CLEE")
    page.wait_for_selector('#resultats[aria-busy="false"] li')
    hrefs = page.locator("#resultats a").evaluate_all("links => links.map(a => a.href)")[:5]
    assert corpus_url + "glossaire/#clee" in hrefs and corpus_url + "acteurs/clee/" in hrefs


def test_catalogue_word_filter_is_kept_in_the_address(new_page, corpus_url):
    page = new_page(corpus_url).page
    page.goto(corpus_url + "fiches/")
    page.fill("#ee-filtre-texte", "visite")
    page.wait_for_function("location.search.includes('q=visite')")
    page.wait_for_selector('[data-ee-catalogue][aria-busy="false"], .ee-catalogue[aria-busy="false"]')
    shown = page.locator("li[data-fiche]:visible").count()
    page.goto(corpus_url + "fiches/?q=visite")
    assert page.input_value("#ee-filtre-texte") == "visite"
    page.wait_for_function(f"document.querySelectorAll('li[data-fiche]:not([hidden])').length <= {shown}")
    assert 0 < page.locator("li[data-fiche]:visible").count() == shown


@pytest.mark.parametrize("width", WIDTHS)
def test_the_404_page_is_french_with_the_search_box_and_the_main_sections(new_page, corpus_url, width):
    page = new_page(corpus_url, width).page
    page.goto(corpus_url + "404.html")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("article h1").inner_text().strip().rstrip("¶").strip() == "Page introuvable"
    assert "Not found" not in page.content()
    page.fill("#ee-introuvable-q", "visite")
    page.locator(".ee-introuvable__recherche button").click()
    page.wait_for_url("**/recherche/?q=visite")
    page.go_back()
    links = page.locator(".ee-introuvable__rubriques a").evaluate_all("links => links.map(a => a.href)")
    assert len(links) >= 8 and all(page.request.get(h).ok for h in links)
    no_sideways_scroll(page, width)


SET_PROGRESS = """([lessons, quizzes]) => JSON.parse(document.getElementById('ee-mooc-cours').textContent).modules
    .forEach(m => {
        if (quizzes) localStorage.setItem('ee-mooc:v1:parcours:' + m.id + ':@quiz',
                                          JSON.stringify({meilleur: 100, reussi_le: '2026-11-20'}));
        m.lecons.slice(0, lessons).forEach(l => localStorage.setItem('ee-mooc:v1:parcours:' + m.id + ':' + l.id,
                                                                    JSON.stringify({termine: '2026-11-25'})));
    })"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_attestation_needs_every_lesson_read_and_every_quiz_passed(new_page, corpus_url, width):
    page = new_page(corpus_url, width).page
    page.goto(corpus_url + "mooc/")
    page.evaluate(SET_PROGRESS, [1, True])              # every quiz, one lesson of each module
    page.goto(corpus_url + "mooc/attestation/")
    assert not page.is_visible(".ee-certificat")
    assert "Leçons lues : 6 sur" in page.inner_text("[data-ee-attestation-bilan]")
    page.evaluate(SET_PROGRESS, [99, False])             # and now every lesson
    page.reload()
    assert page.is_visible(".ee-certificat")
    certifies = page.inner_text(".ee-certificat")
    assert "leçons" in certifies and "quiz" in certifies
    assert page.inner_text("[data-ee-certificat-date]") == "25 novembre 2026"
    field = page.locator("#ee-attestation-nom")
    style = field.evaluate("e => { const s = getComputedStyle(e); return [s.borderTopWidth, s.borderTopColor]; }")
    assert float(style[0][:-2]) >= 1 and style[1] not in ("rgba(0, 0, 0, 0)", "transparent")
    no_sideways_scroll(page, width)


def test_quiz_restart_is_hidden_before_any_attempt_and_lessons_have_no_stray_box(new_page, corpus_url):
    page = new_page(corpus_url).page
    page.goto(corpus_url + "mooc/comprendre-le-stage/")
    assert not page.locator("[data-ee-recommencer]").is_visible()
    empty_states = page.locator(".ee-lecons [data-ee-etat-lecon]")
    assert empty_states.count() > 0
    for state in empty_states.all():
        assert state.evaluate("e => getComputedStyle(e).borderTopStyle") == "none"
