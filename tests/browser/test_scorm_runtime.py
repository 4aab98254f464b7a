"""Each SCO of the built SCORM package, run under a real SCORM 1.2 runtime: scorm-again
(npm, pinned in package.json) as window.API in a parent page on 127.0.0.1 that frames the
SCO, as an LMS does. The SCO finds the API, records the lesson location, a finished
lesson in its suspend data, the quiz score and status (failed, then passed, and still
passed after a worse try: the best score counts, as on the site), commits and finishes
when left; relaunched with the data the runtime kept, it shows where the learner was.
Opened outside any LMS, the same page keeps its progress in localStorage."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from conftest import WIDTHS, axe_violations
from helpers import ROOT, serve

SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
PACKAGE = "donnees/mooc-tuteurs-scorm12.zip"

# The LMS of the test: scorm-again keeps the CMI data in memory (no commit URL); the
# calls the SCO makes are counted; lancer() frames a SCO with the data of an earlier visit.
LANCEUR = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>LMS d'essai</title>
<link rel="icon" href="data:,">
<script src="scorm12.min.js"></script>
<style>body { margin: 0; } iframe { border: 0; width: 100vw; height: 100vh; display: block; }</style>
<script>
window.appels = [];
function lancer(href, donnees) {
  window.API = new Scorm12API({ logLevel: 5, autocommit: false });
  ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (nom) {
    window.API.on(nom, function () { window.appels.push(nom); });
  });
  if (donnees) window.API.loadFromJSON(donnees);
  var cadre = document.createElement("iframe");
  cadre.title = "Module du MOOC";
  cadre.src = href;
  document.body.appendChild(cadre);
}
function quitter() { document.querySelector("iframe").remove(); }
function cmi(nom) { return String(window.API.getCMIValue(nom)); }
function envoye() { return window.API.renderCommitCMI(true); }   // what a commit sends the LMS
</script></head><body></body></html>
"""


@pytest.fixture(scope="module")
def package_url(corpus_site: Path, tmp_path_factory) -> Iterator[str]:
    if not SCORM_AGAIN.is_file():
        pytest.fail("scorm-again absent : lancez `make test`, qui l'installe (npm ci, package.json)")
    folder = tmp_path_factory.mktemp("scorm")
    with zipfile.ZipFile(corpus_site / PACKAGE) as archive:
        archive.extractall(folder / "paquet")
    (folder / "lms").mkdir()
    shutil.copy(SCORM_AGAIN, folder / "lms" / "scorm12.min.js")
    (folder / "lms" / "lanceur.html").write_text(LANCEUR, encoding="utf-8")
    with serve(folder) as url:
        yield url


def course_modules() -> list[dict]:
    parcours = yaml.safe_load((ROOT / "mooc" / "parcours.yml").read_text(encoding="utf-8"))
    return [yaml.safe_load((ROOT / "mooc" / "modules" / f"{m}.yml").read_text(encoding="utf-8"))
            for m in parcours["modules"]]


def answer(frame, module: dict, right: bool) -> None:
    """Tick every right choice (right=True), or only wrong ones, and submit."""
    for q in module["quiz"]["questions"]:
        name = f"q-{module['id']}-{q['id']}"
        wrong = [i for i, c in enumerate(q["choix"]) if not c["correct"]]
        chosen = [i for i, c in enumerate(q["choix"]) if c["correct"]] if right else wrong[:1]
        for i in chosen:
            frame.locator(f"#{name}-{i}").check()
    frame.get_by_role("button", name="Vérifier mes réponses").click()


def launch(page, url: str, module_id: str, saved: dict | None = None):
    page.goto(url + "lms/lanceur.html")
    page.evaluate("([href, donnees]) => lancer(href, donnees)",
                  [f"../paquet/modules/{module_id}/index.html", saved])
    page.wait_for_function("() => window.appels.includes('LMSInitialize')")
    frame = page.frame_locator("iframe")
    frame.locator("h1").wait_for()
    return frame


def cmi(page, name: str) -> str:
    return page.evaluate("(nom) => cmi(nom)", name)


@pytest.mark.parametrize("index", range(6))
def test_each_sco_records_progress_score_and_status_in_the_lms(new_page, package_url, index):
    module = course_modules()[index]
    watched = new_page(package_url)
    page = watched.page
    frame = launch(page, package_url, module["id"])
    page.wait_for_function("() => cmi('cmi.core.lesson_status') === 'incomplete'")

    first = module["lecons"][0]["id"]
    frame.locator(f'.sco-sommaire a[href="#lecon-{first}"]').click()
    assert frame.locator(f"#lecon-{first}").is_visible()
    assert frame.locator("#quiz-du-module").is_hidden()
    assert cmi(page, "cmi.core.lesson_location") == f"lecon-{first}"
    frame.locator(f"#ee-lecon-terminee-{first}").check()
    page.wait_for_function("(id) => cmi('cmi.suspend_data').includes(id)", arg=first)

    frame.locator('.sco-sommaire a[href="#quiz-du-module"]').click()
    assert cmi(page, "cmi.core.lesson_location") == "quiz-du-module"
    answer(frame, module, right=False)
    page.wait_for_function("() => cmi('cmi.core.lesson_status') === 'failed'")
    assert cmi(page, "cmi.core.score.raw") == "0"
    frame.get_by_role("button", name="Recommencer le quiz").click()
    answer(frame, module, right=True)
    page.wait_for_function("() => cmi('cmi.core.lesson_status') === 'passed'")
    assert (cmi(page, "cmi.core.score.raw"), cmi(page, "cmi.core.score.min"), cmi(page, "cmi.core.score.max")) \
        == ("100", "0", "100")
    frame.get_by_role("button", name="Recommencer le quiz").click()
    answer(frame, module, right=False)                     # a worse try after a pass
    frame.locator("[data-ee-resultat]").filter(has_text="Quiz non réussi").wait_for()
    assert cmi(page, "cmi.core.lesson_status") == "passed"
    assert cmi(page, "cmi.core.score.raw") == "100"

    page.evaluate("() => quitter()")                       # leaving the SCO
    page.wait_for_function("() => window.appels.includes('LMSFinish')")
    assert page.evaluate("() => window.API.isTerminated()")
    sent = page.evaluate("() => envoye()")["cmi"]["core"]      # write-only elements included
    assert sent["exit"] == "suspend"
    assert sent["session_time"].count(":") == 2
    saved = {"suspend_data": cmi(page, "cmi.suspend_data"),
             "core": {"lesson_location": cmi(page, "cmi.core.lesson_location"), "entry": "resume",
                      "lesson_status": cmi(page, "cmi.core.lesson_status"),
                      "score": {"raw": cmi(page, "cmi.core.score.raw"), "min": "0", "max": "100"}}}
    assert len(saved["suspend_data"]) <= 4096
    assert json.loads(saved["suspend_data"])["entrees"]

    again = new_page(package_url)                          # a new visit, with what the LMS kept
    frame = launch(again.page, package_url, module["id"], saved)
    assert frame.locator("#quiz-du-module").is_visible()   # back where the learner left
    assert frame.locator(f"#lecon-{first}").is_hidden()
    assert frame.locator(f"#ee-lecon-terminee-{first}").is_checked()
    assert "100 %" in frame.locator(f'[data-ee-etat-quiz="{module["id"]}"]').inner_text()
    assert cmi(again.page, "cmi.core.lesson_status") == "passed"
    for w in (watched, again):
        assert not w.errors, w.errors
        assert not w.foreign, w.foreign
        assert not w.failed, w.failed


def test_outside_an_lms_the_sco_keeps_progress_in_the_browser(new_page, package_url):
    module = course_modules()[0]
    first = module["lecons"][0]["id"]
    watched = new_page(package_url)
    page = watched.page
    page.goto(package_url + f"paquet/modules/{module['id']}/index.html#lecon-{first}")
    page.locator(f"#ee-lecon-terminee-{first}").check()
    page.reload()
    assert page.locator(f"#ee-lecon-terminee-{first}").is_checked()
    assert any(key.startswith("ee-mooc:v1:") for key in page.evaluate("() => Object.keys(localStorage)"))
    assert not watched.errors and not watched.foreign and not watched.failed


@pytest.mark.parametrize("width", WIDTHS)
def test_a_sco_page_has_no_serious_accessibility_violation(new_page, package_url, width):
    module = course_modules()[1]
    page = new_page(package_url, width).page
    page.goto(package_url + f"paquet/modules/{module['id']}/index.html")
    for part in ("presentation", f"lecon-{module['lecons'][0]['id']}", "quiz-du-module"):
        page.locator(f'.sco-sommaire a[href="#{part}"]').click()
        if part == "quiz-du-module":                       # the explanations shown too
            page.get_by_role("button", name="Vérifier mes réponses").click()
        assert axe_violations(page) == [], part
