"""The form editor, for real: Decap CMS (vendored) in Chromium, its local backend
(decap-server, npm) behind `ecole-entreprise cms`, on a temporary copy of the fixture
project. What the form saves is read back from disk and checked."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from helpers import make_project, run_cli

from ecole_entreprise.cms_server import Editor

FICHES = Path("kits/fiches")


@pytest.fixture(scope="module")
def editor(tmp_path_factory) -> Iterator[Editor]:
    project = make_project(tmp_path_factory.mktemp("cms") / "projet")
    running = Editor(project, "127.0.0.1", 0)
    running.start()
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.server.shutdown()
    running.stop()
    assert running.child.poll() is not None   # no orphan backend


@pytest.fixture
def form(new_page, editor):
    """A signed-in CMS page (the local backend's sign-in is one button)."""
    watched = new_page(f"http://127.0.0.1:{editor.port}/")
    page = watched.page
    page.set_default_timeout(15_000)
    page.goto(editor.url)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_text("Fiche action").first.wait_for()
    yield page
    assert watched.foreign == []     # nothing but the editor's own address


def field(page, name: str, nth: int = 0):
    return page.locator(f'[id^="{name}-field-"]').nth(nth)


def box(page, name: str):
    """The whole control of a field (label, widget, hint, errors)."""
    return page.locator(f'div:has(> div > label[for^="{name}-field-"])').first


def markdown(page, name: str, text: str, nth: int = 0) -> None:
    box(page, name).locator('[contenteditable="true"]').nth(nth).click()
    page.keyboard.type(text)


def pick(page, control, option: str) -> None:
    control.click()
    page.keyboard.type(option)
    page.locator('[id*="-option-"]').filter(has_text=option).first.wait_for()
    page.keyboard.press("Enter")


def publish(page) -> None:
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()


def saved(page) -> None:
    page.get_by_text("Modifications enregistrées", exact=False).first.wait_for()


def check(project: Path) -> str:
    result = run_cli("--racine", str(project), "check")
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_a_fiche_created_through_the_form_is_written_and_passes_check(form, editor):
    page = form
    page.goto(editor.url + "#/collections/fiche/new")
    field(page, "id").fill("visite-musee")
    field(page, "source").fill("004_da6a539db8fba4ba.txt")
    field(page, "mis_a_jour").fill("2 décembre 2026")
    field(page, "titre").fill("Visiter un musée de l'industrie")
    markdown(page, "descriptif", "Une classe visite un musée avec un **ingénieur**.")
    page.get_by_role("button", name="Ajouter objectifs").click()
    markdown(page, "objectifs", "Découvrir les métiers de l'industrie.")
    pick(page, field(page, "beneficiaires"), "Collégiens")
    pick(page, field(page, "niveaux"), "Collège")
    pick(page, field(page, "types_action"), "Visite")
    field(page, "calendrier_previsionnel").fill("premier trimestre")
    pick(page, field(page, "niveau"), "Bassin")
    page.get_by_role("button", name="Ajouter points de vigilance").click()
    markdown(page, "points_de_vigilance", "Préparer la visite avec la classe.")
    page.get_by_role("button", name="Ajouter qualitatifs").click()
    markdown(page, "qualitatifs", "Des élèves qui connaissent un métier de plus.")
    actions = box(page, "actions")
    for i, (action, delai) in enumerate([("Préparer la visite", "septembre"), ("Bilan de la visite", "décembre")]):
        page.get_by_role("button", name="Ajouter actions").click()
        actions.locator('[id^="action-field-"]').nth(i).fill(action)
        pick(page, actions.locator('[id^="pilote-field-"]').nth(i), "clee")
        actions.locator('[id^="delai-field-"]').nth(i).fill(delai)
    pick(page, field(page, "mesures"), "m07")
    pick(page, field(page, "interlocuteurs"), "clee")
    publish(page)
    saved(page)

    path = editor.root / FICHES / "visite-musee.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(data)[:5] == ["id", "source", "mis_a_jour", "statut", "titre"]   # the schema's order
    assert data["statut"] == "brouillon"                                          # a new record is a draft
    assert data["mis_a_jour"] == "2 décembre 2026"
    assert [(a["action"], a["pilote"], a["delai"]) for a in data["actions"]] == [
        ("Préparer la visite", ["clee"], "septembre"), ("Bilan de la visite", ["clee"], "décembre")]
    assert data["mesures"] == ["m07"] and data["beneficiaires"] == ["eleves-college"]
    assert "0 erreur" in check(editor.root)


def test_a_mistyped_date_is_refused_by_the_form(form, editor):
    page = form
    before = (editor.root / FICHES / "visite-entreprise.yml").read_bytes()
    page.goto(editor.url + "#/collections/fiche/entries/visite-entreprise")
    field(page, "calendrier_previsionnel").fill("janvir 2017")
    publish(page)
    error = box(page, "calendrier_previsionnel").get_by_text("Date non reconnue")
    error.wait_for()
    assert (editor.root / FICHES / "visite-entreprise.yml").read_bytes() == before   # nothing written
