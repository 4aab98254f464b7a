"""The shipped course in a real browser: the week planner (saved, printed on one A4 page,
exported as iCalendar) and accessibility of every kind of course page at desktop and
phone widths."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar
from pypdf import PdfReader

from conftest import WIDTHS, axe_violations
from helpers import ROOT

PLANNER = "mooc/planificateur/"
DAYS = ["2027-01-11", "2027-01-12", "2027-01-14", "2027-01-18", "2027-01-19"]   # not consecutive


def planner_template() -> dict:
    return yaml.safe_load((ROOT / "mooc" / "planificateur.yml").read_text(encoding="utf-8"))


def pdf_pages(page) -> PdfReader:
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(format="A4")))


def test_the_planner_is_prefilled_and_survives_a_reload(corpus_url, new_page):
    watched = new_page(corpus_url)
    page = watched.page
    page.goto(corpus_url + PLANNER)
    template = planner_template()
    assert page.input_value("#ee-plan-j1-matin-service") == template["jours"][0]["matin"]["service"]
    assert page.input_value("#ee-plan-j5-apres_midi-a_noter") == template["jours"][4]["apres_midi"]["a_noter"]
    assert page.inner_text("[data-ee-duree-semaine]").startswith("6 h par jour, soit 30 h sur les cinq jours.")

    page.fill("#ee-plan-j2-matin-service", "Atelier de menuiserie")
    page.fill("#ee-plan-j2-date", DAYS[1])
    page.fill("#ee-plan-eleve", "Élève de 3e B")
    page.reload()
    assert page.input_value("#ee-plan-j2-matin-service") == "Atelier de menuiserie"
    assert page.input_value("#ee-plan-j2-date") == DAYS[1]
    assert page.input_value("#ee-plan-eleve") == "Élève de 3e B"
    assert page.input_value("#ee-plan-j3-matin-service") == template["jours"][2]["matin"]["service"]

    page.fill("#ee-plan-apres_midi-fin", "17:30")      # 7 h a day: over the limit before 15
    assert page.inner_text("[data-ee-duree-semaine]") == ("7 h par jour, soit 35 h sur les cinq jours. Attention : "
                                                          "au-delà de 30 heures, la semaine ne convient qu'à un élève de 15 ans ou plus.")
    assert watched.errors == [] and watched.foreign == []


def test_the_planner_prints_on_one_a4_page(corpus_url, new_page):
    page = new_page(corpus_url).page
    page.goto(corpus_url + PLANNER)
    for n, day in enumerate(DAYS, start=1):
        page.fill(f"#ee-plan-j{n}-date", day)
    page.fill("#ee-plan-j3-apres_midi-activite", "Visite du chantier voisin avec le conducteur de travaux")
    page.fill("#ee-plan-structure", "Menuiserie Exemple")
    reader = pdf_pages(page)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Visite du chantier voisin" in text
    assert "Menuiserie Exemple" in text
    assert "jeudi 14 janvier 2027" in text
    assert planner_template()["jours"][4]["apres_midi"]["service"] in text
    assert "Imprimer le programme" not in text       # the form stays on screen


def test_the_planner_exports_an_icalendar_file(corpus_url, new_page, tmp_path):
    page = new_page(corpus_url, accept_downloads=True).page
    page.goto(corpus_url + PLANNER)
    for n, day in enumerate(DAYS, start=1):
        page.fill(f"#ee-plan-j{n}-date", day)
    page.fill("#ee-plan-j1-matin-service", "Accueil, visite; sécurité\\consignes")
    with page.expect_download() as download:
        page.click("[data-ee-exporter-ics]")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    raw = path.read_bytes()

    assert path.suffix == ".ics"
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)   # CRLF only
    assert max(len(line) for line in lines) <= 75                          # folded at 75 octets
    calendar = Calendar.from_ical(raw)
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    assert len(events) == 10
    assert [e.decoded("DTSTART") for e in events[:2]] == [datetime(2027, 1, 11, 9, 0), datetime(2027, 1, 11, 13, 30)]
    assert events[-1].decoded("DTEND") == datetime(2027, 1, 19, 16, 30)
    assert {e.decoded("DTSTART").date() for e in events} == {date.fromisoformat(d) for d in DAYS}
    assert str(events[0]["SUMMARY"]) == "Stage de 3e, jour 1 (matin) : Accueil, visite; sécurité\\consignes"
    template = planner_template()["jours"][0]["apres_midi"]
    assert f"Rencontre : {template['personne']}" in str(events[1]["DESCRIPTION"]).split("\n")
    assert len({str(e["UID"]) for e in events}) == 10
    page.wait_for_function("document.querySelector('[data-ee-message-planificateur]').textContent.length > 0")
    assert page.inner_text("[data-ee-message-planificateur]") == "Agenda exporté : 10 demi-journées."


COURSE_PAGES = [
    "mooc/",
    "mooc/construire-la-semaine/",
    "mooc/construire-la-semaine/un-service-par-jour/",
    PLANNER,
    "mooc/ressources/",
    "mooc/ressources/modele-planning-semaine/",
    "mooc/attestation/",
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", COURSE_PAGES)
def test_course_pages_have_no_serious_accessibility_violation(corpus_url, new_page, path, width):
    watched = new_page(corpus_url, width)
    page = watched.page
    page.goto(corpus_url + path)
    if path == "mooc/construire-la-semaine/":     # with the quiz's feedback shown
        page.locator("form[data-ee-quiz] input").first.check()
        page.click("form[data-ee-quiz] button[type=submit]")
        page.wait_for_function("document.querySelector('[data-ee-resultat]').textContent.length > 0")
    if path == "mooc/":                           # with some progress shown
        page.goto(corpus_url + "mooc/comprendre-le-stage/le-cadre-a-connaitre/")
        page.check("#ee-lecon-terminee")
        page.goto(corpus_url + path)
    assert axe_violations(page) == []
    # The course's own content fits the width (wide tables scroll inside their box).
    assert page.evaluate("document.querySelector('.md-content').scrollWidth") <= width
    assert watched.errors == [] and watched.foreign == []
    assert [f for f in watched.failed if f[0].isdigit()] == []       # no HTTP error


@pytest.mark.parametrize("width", WIDTHS)
def test_the_obtained_attestation_is_accessible_and_prints_on_one_page(corpus_url, new_page, width):
    page = new_page(corpus_url, width).page
    page.goto(corpus_url + "mooc/")
    page.evaluate("""() => JSON.parse(document.getElementById('ee-mooc-cours').textContent).modules
        .forEach(m => {
            localStorage.setItem('ee-mooc:v1:parcours:' + m.id + ':@quiz',
                                 JSON.stringify({meilleur: 100, reussi_le: '2026-11-20'}));
            m.lecons.forEach(l => localStorage.setItem('ee-mooc:v1:parcours:' + m.id + ':' + l.id,
                                                       JSON.stringify({termine: '2026-11-18'})));
        })""")
    page.goto(corpus_url + "mooc/attestation/")
    page.fill("#ee-attestation-nom", "Dominique Exemple")
    assert page.is_visible(".ee-certificat")
    assert page.inner_text("[data-ee-certificat-date]") == "20 novembre 2026"
    assert axe_violations(page) == []
    reader = pdf_pages(page)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Dominique Exemple" in text and "Attestation de suivi du MOOC" in text
    assert "Votre nom" not in text
