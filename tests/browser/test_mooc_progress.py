"""The MOOC in a real browser: quiz by keyboard, progress that survives reloads, export and
import, rebuilds with the modules reordered, the v0 → v1 storage migration and the
attestation. The course here is the valid fixture plus a second module."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from helpers import FIXTURES, build_site, make_project, serve

SECOND_MODULE = FIXTURES / "mooc" / "preparer-l-arrivee.yml"
PREFIX = "ee-mooc:v1:parcours:"


def two_module_project(dest: Path) -> Path:
    project = make_project(dest)
    shutil.copy(SECOND_MODULE, project / "mooc" / "modules" / SECOND_MODULE.name)
    set_modules(project, ["comprendre-le-stage", "preparer-l-arrivee"])
    return project


def set_modules(project: Path, ids: list[str]) -> None:
    path = project / "mooc" / "parcours.yml"
    parcours = yaml.safe_load(path.read_text(encoding="utf-8"))
    parcours["modules"] = ids
    path.write_text(yaml.safe_dump(parcours, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit_module(project: Path, module_id: str, change) -> None:
    path = project / "mooc" / "modules" / f"{module_id}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def quiz_of(project: Path, module_id: str) -> dict:
    return yaml.safe_load((project / "mooc" / "modules" / f"{module_id}.yml").read_text(encoding="utf-8"))["quiz"]


def built_and_served(dest: Path) -> Iterator[tuple[Path, str]]:
    project = two_module_project(dest)
    build_site(project)
    with serve(project / "site") as url:
        yield project, url


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """The two-module course, built once: each test's fresh browser context has empty storage."""
    yield from built_and_served(tmp_path_factory.mktemp("cours") / "projet")


@pytest.fixture
def rebuilt_course(tmp_path) -> Iterator[tuple[Path, str]]:
    """A course of its own, for the tests that rebuild it: served from its site folder,
    so a rebuild keeps the URL, hence the origin and its storage."""
    yield from built_and_served(tmp_path / "projet")


def answer_quiz(page, project: Path, module_id: str, right: bool = True) -> None:
    """Ticks the right answers (or, with right=False, the first wrong one of each question)."""
    for question in quiz_of(project, module_id)["questions"]:
        for i, choice in enumerate(question["choix"]):
            if choice["correct"] == right:
                page.check(f"#q-{module_id}-{question['id']}-{i}")
                if not right:
                    break
    page.click("form[data-ee-quiz] button[type=submit]")
    page.wait_for_function("document.querySelector('[data-ee-resultat]').textContent.includes('%')")


def stored(page) -> dict:
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('ee-mooc:')).map(k => [k, JSON.parse(localStorage.getItem(k))]))""")


def finish_lesson(page, url: str, module_id: str, lecon_id: str) -> None:
    page.goto(f"{url}mooc/{module_id}/{lecon_id}/")
    page.check("#ee-lecon-terminee")


def test_a_quiz_is_completed_with_the_keyboard_only(course, new_page):
    project, url = course
    watched = new_page(url)
    page = watched.page
    page.goto(url + "mooc/comprendre-le-stage/")
    page.locator("form[data-ee-quiz] input").first.focus()
    # Questions 1 to 3: one radio group each, the right answer first; question 4: checkboxes.
    for _ in range(3):
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
    page.keyboard.press("Space")            # 4: first right answer
    page.keyboard.press("Tab")
    page.keyboard.press("Space")            # 4: second right answer
    page.keyboard.press("Tab")              # 4: the wrong one, left unticked
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Vérifier mes réponses"
    page.keyboard.press("Enter")

    result = page.locator("[data-ee-resultat]")
    assert result.get_attribute("role") == "status" and result.get_attribute("aria-live") == "polite"
    page.wait_for_function("document.querySelector('[data-ee-resultat]').textContent.length > 0")
    assert result.inner_text().startswith("Score : 4 bonnes réponses sur 4 (100 %). Quiz réussi")
    # Every choice says why, and is tied to its explanation for screen readers.
    feedback = page.locator("#q-comprendre-le-stage-acteurs-2-retour")
    assert feedback.is_visible()
    assert feedback.inner_text() == "Mauvaise réponse, à écarter. Il n'a pas de rôle."
    assert page.get_attribute("#q-comprendre-le-stage-acteurs-2", "aria-describedby") == "q-comprendre-le-stage-acteurs-2-retour"
    assert page.locator(".ee-choix__retour:visible").count() == 9

    page.keyboard.press("Tab")              # the retry button, now shown
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "q-comprendre-le-stage-duree-0"
    assert page.locator("form[data-ee-quiz] input:checked").count() == 0
    assert page.locator(".ee-choix__retour:visible").count() == 0

    page.reload()
    assert page.locator('[data-ee-etat-quiz="comprendre-le-stage"]').inner_text() == \
        "Quiz réussi, meilleur score : 100 %."
    assert watched.errors == [] and watched.foreign == []


def test_a_failed_quiz_keeps_the_best_score(course, new_page):
    project, url = course
    page = new_page(url).page
    page.goto(url + "mooc/preparer-l-arrivee/")
    answer_quiz(page, project, "preparer-l-arrivee", right=False)
    assert "0 bonne réponse sur 4 (0 %). Quiz non réussi : il faut 75 %" in page.inner_text("[data-ee-resultat]")
    page.click("[data-ee-recommencer]")
    answer_quiz(page, project, "preparer-l-arrivee")
    page.click("[data-ee-recommencer]")
    answer_quiz(page, project, "preparer-l-arrivee", right=False)
    assert page.inner_text("[data-ee-resultat]").endswith("Votre meilleur score : 100 %.")
    assert stored(page)[PREFIX + "preparer-l-arrivee:@quiz"]["meilleur"] == 100


def test_progress_survives_a_reload_and_the_course_page_offers_to_resume(course, new_page):
    project, url = course
    page = new_page(url).page
    page.goto(url + "mooc/comprendre-le-stage/roles/")
    page.focus("#ee-lecon-terminee")
    page.keyboard.press("Space")
    page.reload()
    assert page.is_checked("#ee-lecon-terminee")

    page.goto(url + "mooc/")
    assert page.inner_text("label[for=ee-progression-parcours]") == "Cours : 1 leçon terminée sur 5 (20 %)"
    assert page.get_attribute("#ee-progression-parcours", "value") == "1"
    assert page.inner_text("label[for=ee-progression-comprendre-le-stage]") == "1 leçon terminée sur 2"
    ticked = page.locator("li.ee-termine")
    assert ticked.count() == 1
    assert ticked.get_attribute("data-ee-lecon") == "comprendre-le-stage/roles"
    assert ticked.locator(".ee-sr").inner_text() == "(leçon terminée)"
    resume = page.locator("[data-ee-reprendre] a")
    assert resume.inner_text() == "Reprendre là où je me suis arrêté·e : Les rôles"
    resume.click()
    assert page.url == url + "mooc/comprendre-le-stage/roles/"
    assert stored(page)[PREFIX + "comprendre-le-stage:roles"]["termine"]


def test_progress_exported_cleared_and_imported_comes_back(course, new_page, tmp_path):
    project, url = course
    page = new_page(url, accept_downloads=True).page
    finish_lesson(page, url, "comprendre-le-stage", "cadre")
    finish_lesson(page, url, "preparer-l-arrivee", "securite")
    page.goto(url + "mooc/comprendre-le-stage/")
    answer_quiz(page, project, "comprendre-le-stage")
    before = stored(page)
    assert len(before) == 4   # two lessons, a quiz, the resume point

    page.goto(url + "mooc/")
    with page.expect_download() as download:
        page.click("[data-ee-exporter]")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "ee-mooc-progression" and data["version"] == 1 and data["parcours"] == "parcours"
    assert set(data["entrees"]) == {"comprendre-le-stage:cadre", "preparer-l-arrivee:securite",
                                    "comprendre-le-stage:@quiz", "@reprise"}

    page.evaluate("localStorage.clear()")
    page.reload()
    assert page.inner_text("label[for=ee-progression-parcours]").startswith("Cours : 0 leçon terminée")

    page.set_input_files("#ee-importer", str(saved))
    page.wait_for_function("document.querySelector('[data-ee-message-sauvegarde]').textContent.length > 0")
    assert page.inner_text("[data-ee-message-sauvegarde]") == "Progression importée : 2 leçons terminées."
    assert stored(page) == before
    assert page.inner_text("label[for=ee-progression-parcours]") == "Cours : 2 leçons terminées sur 5 (40 %)"
    page.reload()
    assert stored(page) == before


def test_an_unrelated_file_is_refused_on_import(course, new_page, tmp_path):
    project, url = course
    page = new_page(url).page
    finish_lesson(page, url, "comprendre-le-stage", "cadre")
    other = tmp_path / "autre.json"
    other.write_text(json.dumps({"format": "autre", "entrees": {}}), encoding="utf-8")
    page.goto(url + "mooc/")
    page.set_input_files("#ee-importer", str(other))
    page.wait_for_function("document.querySelector('[data-ee-message-sauvegarde]').textContent.length > 0")
    assert page.inner_text("[data-ee-message-sauvegarde]").startswith("Import impossible : Ce fichier n'est pas")
    assert PREFIX + "comprendre-le-stage:cadre" in stored(page)


def test_reordered_and_renamed_modules_keep_each_item_on_its_lesson(rebuilt_course, new_page):
    project, url = rebuilt_course
    page = new_page(url).page
    finish_lesson(page, url, "comprendre-le-stage", "roles")
    finish_lesson(page, url, "preparer-l-arrivee", "convention")
    page.goto(url + "mooc/preparer-l-arrivee/")
    answer_quiz(page, project, "preparer-l-arrivee")

    set_modules(project, ["preparer-l-arrivee", "comprendre-le-stage"])
    edit_module(project, "comprendre-le-stage", lambda m: m.update(titre="Le stage d'observation, son cadre"))
    build_site(project)

    page.goto(url + "mooc/")
    titles = page.locator(".ee-module__titre").all_inner_texts()
    assert titles == ["Module 1 : Préparer l'arrivée de l'élève", "Module 2 : Le stage d'observation, son cadre"]
    assert page.locator("li.ee-termine").evaluate_all("els => els.map(e => e.dataset.eeLecon)") == \
        ["preparer-l-arrivee/convention", "comprendre-le-stage/roles"]
    assert page.inner_text('[data-ee-etat-quiz="preparer-l-arrivee"]') == "Quiz réussi, meilleur score : 100 %."
    assert page.inner_text('[data-ee-etat-quiz="comprendre-le-stage"]').startswith("Quiz : pas encore tenté")
    page.goto(url + "mooc/comprendre-le-stage/roles/")
    assert page.is_checked("#ee-lecon-terminee")
    page.goto(url + "mooc/comprendre-le-stage/cadre/")
    assert not page.is_checked("#ee-lecon-terminee")


def test_a_lesson_that_disappears_drops_its_item_and_keeps_the_rest(rebuilt_course, new_page):
    project, url = rebuilt_course
    page = new_page(url).page
    finish_lesson(page, url, "preparer-l-arrivee", "collegues")
    finish_lesson(page, url, "preparer-l-arrivee", "securite")
    finish_lesson(page, url, "comprendre-le-stage", "cadre")

    edit_module(project, "preparer-l-arrivee",
                lambda m: m.update(lecons=[l for l in m["lecons"] if l["id"] != "collegues"]))
    build_site(project)

    page.goto(url + "mooc/")
    keys = set(stored(page))
    assert PREFIX + "preparer-l-arrivee:collegues" not in keys
    assert {PREFIX + "preparer-l-arrivee:securite", PREFIX + "comprendre-le-stage:cadre"} <= keys
    assert page.inner_text("label[for=ee-progression-preparer-l-arrivee]") == "1 leçon terminée sur 2"
    assert page.inner_text("label[for=ee-progression-parcours]") == "Cours : 2 leçons terminées sur 4 (50 %)"


def test_an_older_storage_version_is_migrated(course, new_page):
    project, url = course
    watched = new_page(url)
    page = watched.page
    page.goto(url)
    page.evaluate("""() => localStorage.setItem('ee-mooc:v0:parcours', JSON.stringify({
        lecons: ['comprendre-le-stage/cadre', 'preparer-l-arrivee/securite', 'module-retire/lecon'],
        quiz: {'comprendre-le-stage': 80, 'preparer-l-arrivee': 50},
        reprise: 'preparer-l-arrivee/securite'}))""")
    page.goto(url + "mooc/")
    data = stored(page)
    assert "ee-mooc:v0:parcours" not in data
    assert set(data) == {PREFIX + "comprendre-le-stage:cadre", PREFIX + "preparer-l-arrivee:securite",
                         PREFIX + "comprendre-le-stage:@quiz", PREFIX + "preparer-l-arrivee:@quiz",
                         PREFIX + "@reprise"}
    assert data[PREFIX + "comprendre-le-stage:@quiz"]["meilleur"] == 80
    assert data[PREFIX + "comprendre-le-stage:@quiz"]["reussi_le"]
    assert data[PREFIX + "preparer-l-arrivee:@quiz"] == {"meilleur": 50, "reussi_le": None}
    assert page.inner_text("label[for=ee-progression-parcours]") == "Cours : 2 leçons terminées sur 5 (40 %)"
    assert page.inner_text("[data-ee-reprendre] a").endswith(": La sécurité")
    assert watched.errors == []


def test_the_attestation_appears_only_when_every_quiz_is_passed(course, new_page):
    project, url = course
    page = new_page(url).page
    page.goto(url + "mooc/comprendre-le-stage/")
    answer_quiz(page, project, "comprendre-le-stage")
    page.goto(url + "mooc/preparer-l-arrivee/")
    answer_quiz(page, project, "preparer-l-arrivee", right=False)

    page.goto(url + "mooc/attestation/")
    assert page.is_visible("[data-ee-attestation-attente]")
    assert not page.is_visible(".ee-certificat")
    assert "Quiz réussis : 1 sur 2." in page.inner_text("[data-ee-attestation-bilan]")

    page.goto(url + "mooc/preparer-l-arrivee/")     # a new visit: a fresh form, nothing to restart
    assert not page.is_visible("[data-ee-recommencer]")
    answer_quiz(page, project, "preparer-l-arrivee")
    page.goto(url + "mooc/attestation/")
    assert not page.is_visible(".ee-certificat")        # every quiz passed, but no lesson read
    assert page.inner_text("[data-ee-attestation-bilan]").startswith("Leçons lues : 0 sur")
    for lesson in page.evaluate("""() => JSON.parse(document.getElementById('ee-mooc-cours').textContent)
                                   .modules.flatMap(m => m.lecons.map(l => l.url))"""):
        page.goto(url + lesson)
        page.check("[data-ee-terminer]")
    page.goto(url + "mooc/attestation/")
    assert not page.is_visible("[data-ee-attestation-attente]")
    certificate = page.locator(".ee-certificat")
    assert certificate.is_visible()
    page.fill("#ee-attestation-nom", "Camille Exemple")
    assert page.inner_text("[data-ee-certificat-nom]") == "Camille Exemple"
    assert "« Accueillir un élève de 3e en stage d'observation »" in certificate.inner_text()
    today = page.evaluate("new Date().toLocaleDateString('fr-FR', {day: 'numeric', month: 'long', year: 'numeric'})")
    assert page.inner_text("[data-ee-certificat-date]") == today
    page.reload()
    assert page.input_value("#ee-attestation-nom") == "Camille Exemple"
