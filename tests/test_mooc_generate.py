"""The MOOC's pages as the generator writes them: one page per lesson, the resources as
pages and downloads, the course outline that the browser scripts read, the planner type."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from ecole_entreprise.generate import check, generate, read_config
from helpers import FIXTURES, ROOT, make_project


@pytest.fixture(scope="module")
def corpus_pages(tmp_path_factory) -> dict[str, str | bytes]:
    project = make_project(tmp_path_factory.mktemp("mooc") / "projet", ROOT)
    result = generate(project, read_config(project, aujourdhui=date(2026, 11, 22)))
    assert result.ok, [str(p) for p in result.problems.erreurs]
    return {page.path: page.content for page in result.pages}


def corpus_modules() -> list[dict]:
    parcours = yaml.safe_load((ROOT / "mooc" / "parcours.yml").read_text(encoding="utf-8"))
    return [yaml.safe_load((ROOT / "mooc" / "modules" / f"{m}.yml").read_text(encoding="utf-8"))
            for m in parcours["modules"]]


def outline(page_text: str) -> dict:
    found = re.search(r'<script type="application/json" id="ee-mooc-cours">(.*?)</script>', page_text, re.S)
    assert found, "plan du cours absent de la page"
    return json.loads(found.group(1))


def test_every_lesson_of_the_course_has_its_page_named_by_ids(corpus_pages):
    modules = corpus_modules()
    assert len(modules) >= 6
    lessons = [(m["id"], lecon["id"]) for m in modules for lecon in m["lecons"]]
    assert len(lessons) >= 12
    for module_id, lecon_id in lessons:
        page = corpus_pages[f"mooc/{module_id}/{lecon_id}.md"]
        assert f'data-ee-terminer="{module_id}/{lecon_id}"' in page


def test_lesson_headings_move_up_one_level_under_the_lesson_title(corpus_pages):
    page = corpus_pages["mooc/construire-la-semaine/un-service-par-jour.md"]
    assert "<h2>Le principe</h2>" in page
    assert "<h3>Le principe</h3>" not in page


def test_lessons_link_to_previous_and_next_across_the_module(corpus_pages):
    first = corpus_pages["mooc/construire-la-semaine/un-service-par-jour.md"]
    assert re.search(r'<a rel="prev" href="\.\./">', first)                      # the module's page
    assert re.search(r'<a rel="next" href="\.\./des-rencontres-variees/">', first)
    module = corpus_modules()[2]
    last = corpus_pages[f"mooc/{module['id']}/{module['lecons'][-1]['id']}.md"]
    assert '<a rel="next" href="../#quiz">' in last                               # then the quiz


def test_the_course_outline_holds_ids_in_the_order_of_the_parcours(corpus_pages):
    data = outline(corpus_pages["mooc/index.md"])
    modules = corpus_modules()
    assert data["parcours"] == "parcours"
    assert [m["id"] for m in data["modules"]] == [m["id"] for m in modules]
    assert [lecon["id"] for lecon in data["modules"][0]["lecons"]] == [lecon["id"] for lecon in modules[0]["lecons"]]
    assert data["modules"][0]["url"] == f"mooc/{modules[0]['id']}/"
    assert all(m["seuil"] == 75 for m in data["modules"])
    assert data["racine"] == "../"


def test_quiz_answers_are_embedded_as_json_and_the_form_has_real_controls(corpus_pages):
    module = corpus_modules()[0]
    page = corpus_pages[f"mooc/{module['id']}/index.md"]
    found = re.search(r'<script type="application/json" data-ee-quiz-donnees="[^"]+">(.*?)</script>', page, re.S)
    quiz = json.loads(found.group(1))
    assert [q["id"] for q in quiz["questions"]] == [q["id"] for q in module["quiz"]["questions"]]
    assert all(c["explication"] for q in quiz["questions"] for c in q["choix"])
    assert page.count('<fieldset class="ee-question"') == len(module["quiz"]["questions"]) >= 4
    assert page.count("<legend>") == len(module["quiz"]["questions"])
    kinds = {q["type"] for q in module["quiz"]["questions"]}
    assert ('type="radio"' in page) == ("unique" in kinds)
    assert ('type="checkbox"' in page) == ("multiple" in kinds)
    assert 'role="status" aria-live="polite"' in page


def test_every_resource_is_a_page_and_two_downloads(corpus_pages):
    from ecole_entreprise.generate import check
    from ecole_entreprise.pages import safe_markdown

    expansions = check(ROOT).site.expansions
    files = sorted({r["fichier"] for m in corpus_modules() for r in m.get("ressources", []) if "fichier" in r})
    assert len(files) >= 12
    for name in files:
        source = (ROOT / "mooc" / "ressources" / name).read_text(encoding="utf-8")
        stem = name[: -len(".md")]
        # the page is the resource's Markdown made safe by the generator, as a hand-written page is
        safe, _ = safe_markdown(source, f"mooc/ressources/{stem}.md", expansions)
        assert safe.strip() and safe.strip() in corpus_pages[f"mooc/ressources/{stem}.md"]
        assert corpus_pages[f"mooc/ressources/{stem}.odt"][:2] == b"PK"          # documents: test_resource_documents.py
        assert corpus_pages[f"mooc/ressources/{stem}.pdf"][:5] == b"%PDF-"
        assert f"mooc/ressources/{stem}.txt" not in corpus_pages
        for kind in ("odt", "pdf"):
            assert f"(ressources/{stem}.{kind})" in corpus_pages["mooc/ressources.md"]
            assert f"({stem}.{kind})" in corpus_pages[f"mooc/ressources/{stem}.md"]


def test_modules_link_to_their_fiches(corpus_pages):
    for module in corpus_modules():
        page = corpus_pages[f"mooc/{module['id']}/index.md"]
        for fiche in module.get("fiches", []):
            assert f"(../../fiches/{fiche}.md)" in page


def test_the_planner_page_is_prefilled_from_its_template(corpus_pages):
    template = yaml.safe_load((ROOT / "mooc" / "planificateur.yml").read_text(encoding="utf-8"))
    page = corpus_pages["mooc/planificateur.md"]
    assert f'value="{template["jours"][0]["matin"]["service"]}"' in page
    assert page.count('class="ee-jour"') == 5
    assert page.count('<fieldset class="ee-creneau">') == 10


def test_a_missing_resource_file_is_an_error_at_its_line(tmp_path):
    project = make_project(tmp_path / "projet")
    module = project / "mooc" / "modules" / "comprendre-le-stage.yml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "    description: Ce qu'il faut préparer.\n",
        "    description: Ce qu'il faut préparer.\n    fichier: absent.md\n"), encoding="utf-8")
    result = check(project)
    messages = [str(p) for p in result.problems.erreurs]
    assert any(m.startswith("mooc/modules/comprendre-le-stage.yml:") and "absent.md" in m for m in messages), messages


def test_a_planner_template_needs_five_days(tmp_path):
    project = make_project(tmp_path / "projet")
    template = yaml.safe_load((ROOT / "mooc" / "planificateur.yml").read_text(encoding="utf-8"))
    template["jours"] = template["jours"][:4]
    (project / "mooc" / "planificateur.yml").write_text(yaml.safe_dump(template, allow_unicode=True), encoding="utf-8")
    result = check(project)
    assert [p.path for p in result.problems.erreurs] == ["mooc/planificateur.yml"]


def test_the_fixture_without_planner_builds_its_course_without_a_planner_page(tmp_path):
    project = make_project(tmp_path / "projet", FIXTURES / "valid")
    result = generate(project)
    paths = {page.path for page in result.pages}
    assert "mooc/planificateur.md" not in paths
    assert {"mooc/index.md", "mooc/ressources.md", "mooc/attestation.md",
            "mooc/comprendre-le-stage/cadre.md", "mooc/comprendre-le-stage/roles.md"} <= paths


def test_measure_2_and_the_kit_entreprises_lead_to_the_course(corpus_site: Path):
    assert 'href="../../mooc/"' in (corpus_site / "mesures" / "m02" / "index.html").read_text(encoding="utf-8")
    kit = (corpus_site / "kits" / "entreprises" / "index.html").read_text(encoding="utf-8")
    assert (corpus_site / "kits" / "entreprises" / "../../mooc/index.html").resolve().is_file()
    assert kit.count('href="../../mooc/"') >= 1
