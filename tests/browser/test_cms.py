"""The form editor, for real: Decap CMS (vendored) in Chromium, its local backend
(decap-server, npm) behind `ecole-entreprise cms`, on a temporary copy of the fixture
project. What the form saves is read back from disk and checked."""

from __future__ import annotations

import re
import shutil
import threading
import urllib.parse
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from helpers import make_project, run_cli

from ecole_entreprise.cms_server import Editor
from ecole_entreprise.schemas import schema

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
    page.set_default_timeout(60_000)   # generous: the machine may be shared and loaded
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


CLEE = "Comité local école-entreprise"      # the fixture's acteur clee, as the relation shows it
M07 = "Des kits d'accompagnement"           # ... and the mesure m07
BFC = "Fiche action 3"                      # ... and a source (content/sources/)


def pick(page, control, typed: str, shown: str | None = None) -> None:
    """Type into a select or a relation and take the option showing ``shown``."""
    control.click()
    page.keyboard.type(typed)
    page.locator('[id*="-option-"]').filter(has_text=shown or typed).first.wait_for()
    page.keyboard.press("Enter")


def retype(page, control, text: str) -> None:
    """Replace a text as a person does (after a refusal, `fill` appends in this widget)."""
    control.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


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
    pick(page, field(page, "sources"), "bfc", BFC)
    field(page, "mis_a_jour").fill("2 décembre 2026")
    field(page, "titre").fill("Visiter un musée de l'industrie")
    markdown(page, "descriptif", "Une classe visite un musée avec un **ingénieur**.")
    page.get_by_role("button", name="Ajouter objectif").click()
    markdown(page, "objectifs", "Découvrir les métiers de l'industrie.")
    pick(page, field(page, "beneficiaires"), "Collégiens")
    pick(page, field(page, "niveaux"), "Collège")
    pick(page, field(page, "types_action"), "Visite")
    field(page, "calendrier_previsionnel").fill("premier trimestre")
    pick(page, field(page, "niveau"), "Bassin")
    page.get_by_role("button", name="Ajouter point de vigilance").click()
    markdown(page, "points_de_vigilance", "Préparer la visite avec la classe.")
    page.get_by_role("button", name="Ajouter qualitatif").click()
    markdown(page, "qualitatifs", "Des élèves qui connaissent un métier de plus.")
    actions = box(page, "actions")
    for i, (action, delai) in enumerate([("Préparer la visite", "septembre"), ("Bilan de la visite", "décembre")]):
        page.get_by_role("button", name="Ajouter action").click()
        actions.locator('[id^="action-field-"]').nth(i).fill(action)
        pick(page, actions.locator('[id^="pilote-field-"]').nth(i), "clee", CLEE)
        actions.locator('[id^="delai-field-"]').nth(i).fill(delai)
    pick(page, field(page, "mesures"), "m07", M07)
    pick(page, field(page, "interlocuteurs"), "clee", CLEE)
    publish(page)
    saved(page)

    path = editor.root / FICHES / "visite-musee.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    order = list(schema("fiche")["properties"])
    assert list(data) == sorted(data, key=order.index)                            # the schema's order
    assert data["statut"] == "brouillon"                                          # a new record is a draft
    assert data["mis_a_jour"] == "2 décembre 2026"
    assert [(a["action"], a["pilote"], a["delai"]) for a in data["actions"]] == [
        ("Préparer la visite", ["clee"], "septembre"), ("Bilan de la visite", ["clee"], "décembre")]
    assert data["mesures"] == ["m07"] and data["beneficiaires"] == ["eleves-college"]
    assert "0 erreur" in check(editor.root)


def test_a_wrong_date_is_refused_by_the_form_or_else_reported_by_check(form, editor):
    page = form
    path = editor.root / FICHES / "visite-entreprise.yml"
    before = path.read_bytes()
    page.goto(editor.url + "#/collections/fiche/entries/visite-entreprise")
    assert field(page, "id").input_value() == "visite-entreprise"
    field(page, "calendrier_previsionnel").fill("janvir 2017")           # a misspelt month: the form's pattern
    publish(page)
    box(page, "calendrier_previsionnel").get_by_text("Date non reconnue").wait_for()
    assert path.read_bytes() == before                                  # nothing written
    retype(page, field(page, "calendrier_previsionnel"), "31 avril 2016")   # well spelt, impossible: check's
    publish(page)
    saved(page)
    try:
        result = run_cli("--racine", str(editor.root), "check")
        assert result.returncode == 1
        assert re.search(r"kits/fiches/visite-entreprise\.yml:\d+:\d+: erreur: .*date impossible", result.stdout)
    finally:
        path.write_bytes(before)


def item_handles(actions):
    """The drag handles of the list's items (not those of the pilote chips inside them)."""
    return actions.locator('div[role="button"][aria-roledescription="sortable"]:has(> span > span > svg)')


def move_up(page, actions, index: int) -> None:
    """Drag an item by its handle onto the one above it (dnd-kit, pointer events)."""
    handles = item_handles(actions)
    source, target = handles.nth(index), handles.nth(index - 1)
    source.evaluate("e => e.scrollIntoView({block: 'center'})")
    start = source.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    end = target.bounding_box()
    x, y = end["x"] + end["width"] / 2, end["y"] + end["height"] / 2
    page.mouse.move(x, y - 5, steps=15)
    page.mouse.move(x, y - 10, steps=5)
    page.mouse.up()
    page.wait_for_timeout(300)


def test_inserting_deleting_and_reordering_actions_leave_the_others_unchanged(form, editor):
    page = form
    path = editor.root / FICHES / "rencontre-entreprise.yml"
    before = path.read_text(encoding="utf-8")
    recenser, organiser, bilan = yaml.safe_load(before)["actions"]

    def original_text(item, action):
        start = before.index(f"  - action: {action}")
        end = before.index("  - action:", start + 1)
        return before[start:end]
    page.goto(editor.url + "#/collections/fiche/entries/rencontre-entreprise")
    assert field(page, "id").input_value() == "rencontre-entreprise"
    actions = box(page, "actions")
    assert item_handles(actions).count() == 3

    page.get_by_role("button", name="Ajouter action").click()                  # [R, O, B, N]
    actions.locator('[id^="action-field-"]').nth(3).fill("Informer les familles")
    pick(page, actions.locator('[id^="pilote-field-"]').nth(3), "clee", CLEE)
    actions.get_by_test_id("expand-button").first.click()    # collapse the items: rows of one height to drag
    move_up(page, actions, 3)                                                   # [R, O, N, B]: inserted in the middle
    actions.get_by_test_id("expand-button").first.click()
    assert actions.locator('[id^="action-field-"]').nth(2).input_value() == "Informer les familles"
    item_handles(actions).nth(0).locator("xpath=following-sibling::button[1]").click()   # [O, N, B]
    assert item_handles(actions).count() == 3
    actions.get_by_test_id("expand-button").first.click()
    move_up(page, actions, 1)                                                   # [N, O, B]: reordered
    publish(page)
    saved(page)

    text = path.read_text(encoding="utf-8")
    after = yaml.safe_load(text)["actions"]
    assert after == [{"action": "Informer les familles", "pilote": ["clee"]}, organiser, bilan]
    assert recenser not in after
    # ... and on disk as they were written: the local editor puts back untouched text
    assert original_text(organiser, "Organiser la rencontre") in text
    assert "mesures: [m07]\n" in text and "beneficiaires: [professeur, chef-etablissement, psy-en]\n" in text
    check(editor.root)


def test_the_published_editor_signs_in_to_gitlab_with_pkce(browser, tmp_path):
    """The published configuration, as Decap reads it: a GitLab sign-in button whose
    request is an authorization code with PKCE for the application id — stopped in the
    browser before it leaves the machine (no forge here)."""
    from helpers import ROOT, serve

    from ecole_entreprise import cms

    site = tmp_path / "site"
    (site / "admin").mkdir(parents=True)
    shutil.copytree(ROOT / "theme" / "assets" / "vendor" / "decap-cms", site / cms.CMS_ASSETS)
    (site / "admin" / "index.html").write_text(cms.admin_html("../" + cms.CMS_SCRIPT), encoding="utf-8")
    settings = cms.Settings(depot="academie/kits", app_id="id-public", gitlab_url="https://forge.example.fr")
    (site / "admin" / "config.yml").write_text(cms.as_yaml(cms.config(settings)), encoding="utf-8")
    asked: list[str] = []
    with serve(site) as url:
        context = browser.new_context(locale="fr-FR")
        try:
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.route("https://forge.example.fr/**", lambda route: (asked.append(route.request.url), route.abort()))
            page.goto(url + "admin/")
            page.get_by_role("button", name="Se connecter avec GitLab").click()
            page.wait_for_timeout(1000)
        finally:
            context.close()
    assert asked, "no sign-in request"
    sign_in = urllib.parse.urlsplit(asked[0])
    query = urllib.parse.parse_qs(sign_in.query)
    assert f"{sign_in.scheme}://{sign_in.netloc}{sign_in.path}" == "https://forge.example.fr/oauth/authorize"
    assert query["client_id"] == ["id-public"] and query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["redirect_uri"] == [url + "admin/"]
    assert "client_secret" not in query
