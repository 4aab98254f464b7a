"""The site's pages as built: links and anchors, metadata, the catalogue's data, the
calendar and its iCalendar files, the PDFs, the home page's news and milestones."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import icalendar
import pytest
from pypdf import PdfReader

from ecole_entreprise import dates
from ecole_entreprise.generate import generate, read_config
from ecole_entreprise.planning import mois_couverts
from helpers import FIXTURES, make_project


# --- a small HTML reader -------------------------------------------------------------------

class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts: dict[str, list[str]] = {}
        self.meta: dict[str, str] = {}
        self.elements: list[tuple[str, dict]] = []
        self._script_type: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        if tag in ("link", "script", "img") and (attrs.get("href") or attrs.get("src")):
            if attrs.get("rel") not in ("canonical", "alternate"):
                self.links.append(attrs.get("href") or attrs.get("src"))
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content", "")
        if tag == "script":
            self._script_type = attrs.get("type", "")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_type = None

    def handle_data(self, data):
        if self._script_type is not None:
            self.scripts.setdefault(self._script_type, []).append(data)


def _read(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _html_pages(site: Path) -> list[Path]:
    # not admin/: the form editor is the editors' tool (Decap CMS), not a page of the site
    return sorted(p for p in site.rglob("*.html") if "search" not in p.parts
                  and p.relative_to(site).parts[0] != "admin")


def _broken_links(site: Path) -> dict[str, list[str]]:
    """Internal links whose file or #anchor is missing, page by page."""
    parsed = {p: _read(p) for p in _html_pages(site)}
    broken: dict[str, list[str]] = {}
    for page, doc in parsed.items():
        for href in doc.links:
            url = urlparse(href)
            if url.scheme or href.startswith("//"):
                continue
            if url.path.startswith("/"):   # the 404 page links from the site root
                target = site / unquote(url.path).lstrip("/")
            elif url.path:
                target = (page.parent / unquote(url.path)).resolve()
            else:
                target = page
            if target.is_dir():
                target = target / "index.html"
            problem = None
            if not target.is_file():
                problem = "fichier absent"
            elif url.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _read(target).ids
                if unquote(url.fragment) not in ids:
                    problem = "ancre absente"
            if problem:
                broken.setdefault(page.relative_to(site).as_posix(), []).append(f"{href} ({problem})")
    return broken


# --- the shipped corpus -------------------------------------------------------------------

def test_corpus_has_no_broken_internal_link_or_anchor(corpus_site):
    assert _broken_links(corpus_site) == {}


def test_no_page_holds_a_javascript_url_or_a_markdown_link_left_raw(corpus_site):
    found = {}
    for page in _html_pages(corpus_site):
        hrefs = _read(page).links
        bad = [h for h in hrefs if h.strip().lower().startswith(("javascript:", "vbscript:", "data:text"))
               or urlparse(h).path.endswith(".md")]
        if bad:
            found[page.relative_to(corpus_site).as_posix()] = bad
    assert found == {}


def test_corpus_has_a_page_a_pdf_and_a_calendar_per_record(corpus_site):
    fiches = sorted(p.stem for p in (corpus_site.parent / "kits" / "fiches").glob("*.yml"))
    assert len(fiches) >= 18
    for fiche in fiches:
        assert (corpus_site / "fiches" / fiche / "index.html").is_file()
        assert (corpus_site / "fiches" / f"{fiche}.pdf").read_bytes()[:5] == b"%PDF-"
        assert (corpus_site / "fiches" / f"{fiche}.ics").is_file()
    for kit in ("equipes-educatives", "entreprises"):
        assert (corpus_site / "kits" / f"{kit}.pdf").read_bytes()[:5] == b"%PDF-"
    for numero in range(1, 13):
        assert (corpus_site / "mesures" / f"m{numero:02d}.ics").is_file()
    assert (corpus_site / "calendrier.ics").is_file()


def test_every_page_has_opengraph_and_valid_json_ld(corpus_site):
    kinds = {}
    for page in _html_pages(corpus_site):
        doc = _read(page)
        rel = page.relative_to(corpus_site).as_posix()
        if rel == "404.html":
            continue
        assert doc.meta.get("og:title"), rel
        assert doc.meta.get("og:locale") == "fr_FR", rel
        for text in doc.scripts.get("application/ld+json", []):
            data = json.loads(text)
            types = [n["@type"] for n in data.get("@graph", [data])]
            kinds.setdefault(rel.split("/")[0], set()).update(types)
    assert kinds["fiches"] == {"LearningResource"}
    assert "Event" in kinds["mesures"]
    assert kinds["mooc"] >= {"Course"}
    assert "LearningResource" in kinds["kits"]


def test_no_third_party_asset_is_referenced(corpus_site):
    """Fonts, styles and scripts all come from the site itself (no Google Fonts, no CDN)."""
    foreign = {}
    for page in _html_pages(corpus_site):
        for tag, attrs in _read(page).elements:
            url = attrs.get("src") if tag in ("script", "img", "iframe") else (
                attrs.get("href") if tag == "link" and attrs.get("rel") not in ("canonical",) else None)
            if url and urlparse(url).netloc:
                foreign.setdefault(page.relative_to(corpus_site).as_posix(), []).append(url)
    assert foreign == {}
    css = "\n".join(p.read_text(encoding="utf-8") for p in corpus_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


# --- the fixture, rendered with a known date -------------------------------------------------

@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str | bytes]:
    project = make_project(tmp_path_factory.mktemp("site") / "projet", FIXTURES / "valid")
    result = generate(project, read_config(project, aujourdhui=date(2016, 3, 1)))
    assert result.ok, [str(p) for p in result.problems.erreurs]
    return {page.path: page.content for page in result.pages}


def test_measure_timeline_marks_each_milestone_passed_or_upcoming(rendered):
    text = rendered["mesures/m07.md"]
    states = re.findall(r'ee-frise__jalon--([a-z-]+)"><span class="ee-frise__quand">([^<]+)</span>', text)
    assert states == [("passe", "Janvier 2016"), ("a-venir", "1er janvier 2017")]


def test_fiche_actions_table_has_scoped_headers_in_a_keyboard_region(rendered):
    text = rendered["fiches/rencontre-entreprise.md"]
    start = text.index('<div class="ee-defilement ee-actions-cadre"')
    table = text[start:text.index("</table>", start)]
    assert 'role="region" tabindex="0"' in table
    assert table.count('<th scope="col">') == 4
    assert table.count('<th scope="row">') == 3
    assert "[Télécharger la fiche (PDF)](rencontre-entreprise.pdf)" in text
    assert "(rencontre-entreprise.ics)" in text


def test_markdown_links_in_record_fields_become_page_urls(rendered):
    """« [mesure 7](../mesures/m07.md) » in a kit's text, rendered to raw HTML, still works."""
    kit = rendered["kits/equipes-educatives.md"]
    assert ".md\"" not in kit.split("---", 2)[2].replace('.md")', "")
    hrefs = re.findall(r'href="([^"]+)"', kit)
    assert all(not h.endswith(".md") for h in hrefs)


def test_catalogue_entries_carry_their_facet_values(rendered):
    text = rendered["fiches/index.md"]
    entry = re.search(r'<li class="ee-catalogue__fiche" data-fiche="rencontre-entreprise"([^>]*)>', text).group(1)
    values = dict(re.findall(r'data-([a-z]+)="([^"]*)"', entry))
    assert values == {
        "beneficiaires": "professeur chef-etablissement psy-en",
        "niveau": "college lycee-professionnel",
        "type": "rencontre",
        "mois": "9 10 11 12 1 2 3 4 5 6",
        "perimetre": "region-academique",
        "mesure": "m07",
    }
    # Only values some fiche has are offered as filters.
    assert 'id="filtre-type-rencontre"' in text and 'id="filtre-type-stage"' not in text
    assert 'id="filtre-mois-7"' not in text


def test_calendar_planner_places_actions_in_their_months(rendered):
    text = rendered["calendrier.md"]
    row = re.search(r'<tr><th scope="row"><a href="../fiches/visite-entreprise/">.*?</tr>', text).group(0)
    cells = re.findall(r'<td class="ee-planning__(actif|vide)">', row)
    # deuxième trimestre (janvier–mars) and troisième trimestre (avril–juin) of 2026-2027
    assert [c == "actif" for c in cells] == [False] * 4 + [True] * 6
    assert "2026-2027" in text


def test_home_page_lists_news_and_next_milestones(rendered):
    home = rendered["index.md"]
    # the editor's text first, behind the generator's own front matter (frontmatter.py)
    assert home.startswith('---\nfichier_source: "content/pages/accueil.md"\n---\n\n# Accueil')
    news = home[home.index("## Quoi de neuf"):home.index("## Prochaines échéances")]
    assert news.index("Kit entreprises") < news.index("Les chefs d'entreprise invitent")
    nexts = re.findall(r'<span class="ee-frise__quand">([^<]+)</span>', home[home.index("## Prochaines échéances"):])
    # On 1 March 2016 (school year 2015-2016): « jusqu'à janvier 2016 » is over; what
    # ends in 2015-2016 or 2016-2017 comes, soonest end first; the fiches' trimesters,
    # placed in 2026-2027, are too far ahead.
    assert nexts == ["Rentrée 2016", "1er janvier 2017"]
    assert 'data-ee-debut="2016-09-01" data-ee-fin="2016-09-30"' in home


@pytest.mark.parametrize("today, expected", [
    (date(2026, 12, 2), ["Premier trimestre", "Deuxième trimestre"]),   # the fiches' school year
    (date(2027, 2, 1), ["Deuxième trimestre", "Pendant l&#39;année scolaire"]),
    (date(2027, 9, 1), []),                                              # all of it is history
])
def test_home_deadlines_start_from_the_day_of_the_build(tmp_path, today, expected):
    project = make_project(tmp_path / "p", FIXTURES / "valid")
    home = {p.path: p.content for p in generate(project, read_config(project, aujourdhui=today)).pages}["index.md"]
    part = home[home.index("## Prochaines échéances"):]
    nexts = re.findall(r'<span class="ee-frise__quand">([^<]+)</span>', part)
    assert nexts[:2] == expected
    for fin in re.findall(r'data-ee-fin="([0-9-]+)"', part):
        assert date.fromisoformat(fin) >= today
    if not expected:
        assert "Aucune échéance datée n'est à venir" in part


# --- iCalendar ----------------------------------------------------------------------------------

def test_measure_calendar_has_its_milestones_as_all_day_events(rendered):
    cal = icalendar.Calendar.from_ical(rendered["mesures/m02.ics"])
    events = [(str(e["summary"]), e.decoded("dtstart"), e.decoded("dtend")) for e in cal.walk("VEVENT")]
    assert events == [
        ("Mesure 2 : Préparation des contenus", date(2016, 1, 31), date(2016, 2, 1)),  # jusqu'à: its last day
        ("Mesure 2 : Ouverture du MOOC", date(2016, 9, 1), date(2016, 10, 1)),        # DTEND is exclusive
    ]
    assert str(cal["x-wr-calname"]).startswith("Mesure 2 : ")


def test_fiche_calendar_places_actions_in_the_configured_school_year(rendered):
    cal = icalendar.Calendar.from_ical(rendered["fiches/rencontre-entreprise.ics"])
    events = sorted((e.decoded("dtstart"), e.decoded("dtend"), str(e["summary"])) for e in cal.walk("VEVENT"))
    assert events[0][:2] == (date(2026, 9, 1), date(2027, 1, 1))            # premier trimestre
    assert (date(2027, 5, 1), date(2027, 7, 1)) in [e[:2] for e in events]  # mai - juin
    assert all(e[2].endswith("(Les chefs d'entreprise invitent l'Éducation nationale)") for e in events)


def test_site_calendar_holds_the_dated_events_to_come_and_the_history_the_past_ones(rendered, tmp_path):
    def events(ics):
        return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}

    future, past = events(rendered["calendrier.ics"]), events(rendered["calendrier-historique.ics"])
    parts = {}
    for k, v in rendered.items():
        if k.endswith(".ics") and not k.startswith("calendrier"):
            parts.update(events(v))
    assert future and past and not set(future) & set(past)
    assert set(future) | set(past) <= set(parts)                      # the same events, same UIDs
    today = date(2016, 3, 1)
    for e in future.values():                                         # ends on or after today
        assert e.decoded("dtend") > today
    for e in past.values():
        assert e.decoded("dtend") <= today
    for e in (*future.values(), *past.values()):                      # a day or months, never a trimester
        assert (e.decoded("dtend") - e.decoded("dtstart")).days <= 62, e["summary"]
    left_out = [e for uid, e in parts.items() if uid not in future and uid not in past]
    assert any("trimestre" in str(e["description"]).lower() for e in left_out)
    again = make_project(tmp_path / "bis", FIXTURES / "valid")
    later = generate(again, read_config(again, aujourdhui=date(2030, 1, 1)))
    assert events({p.path: p.content for p in later.pages}["calendrier.ics"]) == {}


# --- PDF -----------------------------------------------------------------------------------------

def test_fiche_pdf_is_a_tagged_a4_document_with_the_fiche_in_it(rendered):
    from io import BytesIO

    reader = PdfReader(BytesIO(rendered["fiches/rencontre-entreprise.pdf"]))
    assert reader.metadata.title.startswith("Les chefs d'entreprise invitent l'Éducation nationale")
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in ("Descriptif", "Recenser les entreprises", "Actions", "Service"):
        assert expected in text
    assert "Télécharger" not in text and "Imprimer" not in text and ".ics" not in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]


# --- the school year, month by month ------------------------------------------------------------

@pytest.mark.parametrize("texte, mois", [
    ("premier trimestre", (9, 10, 11, 12)),
    ("mai - juin", (5, 6)),
    ("pendant l'année scolaire", (9, 10, 11, 12, 1, 2, 3, 4, 5, 6)),
    ("à partir de mars", (3, 4, 5, 6, 7, 8)),
    ("2016", (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)),
    ("avril 2023", (4,)),
])
def test_months_touched_by_a_date(texte, mois):
    assert mois_couverts(dates.parse(texte, 2025), 2025) == mois


def test_every_generated_page_starts_with_its_front_matter(rendered):
    """MkDocs reads metadata (title, description, JSON-LD) only at the very start of a page."""
    generated = [p for p in rendered if p.endswith(".md") and p.split("/")[0] in
                 ("mesures", "fiches", "kits", "acteurs", "calendrier.md", "glossaire.md")]
    assert len(generated) >= 10
    assert [p for p in generated if not str(rendered[p]).startswith("---\n")] == []
