"""Editors' workflow: `new` skeletons from the archetypes, drafts kept out of the public site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from ecole_entreprise.archetypes import archetype, field_paths, folder_of, types
from ecole_entreprise.fields import fields
from ecole_entreprise.registry import names
from ecole_entreprise.schemas import schema
from helpers import build_site, make_project, run_cli

TYPES, SCHEMA_TYPES = types(), names()

# A page path, under the site, for each type's draft "brouillon-<type>".
DRAFT_PAGES = {
    "fiche": "fiches/brouillon-fiche/index.html",
    "mesure": "mesures/brouillon-mesure/index.html",
    "module": "mooc/brouillon-module/index.html",
    "acteur": "acteurs/brouillon-acteur/index.html",
    "kit": "kits/brouillon-kit/index.html",
}


def _files(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes()
            for d in ("content", "kits", "mooc") for p in sorted((project / d).rglob("*")) if p.is_file()}


def _comments_above_keys(text: str) -> dict[str, str]:
    """Top-level key (active or commented out) → the comment written just above it."""
    found, comment = {}, []
    for line in text.splitlines():
        key = re.match(r"^(?:# )?([a-z_]+):", line)
        if key and (not line.startswith("# ") or comment):
            found.setdefault(key.group(1), " ".join(comment))
            comment = []
        elif line.startswith("# "):
            comment.append(line[2:])
        else:
            comment = []
    return found


# --- the archetypes follow the schemas ----------------------------------------------

@pytest.mark.parametrize("type_", TYPES)
def test_archetype_writes_every_schema_field(type_):
    declared = {f.path for f in fields(type_)}
    written = field_paths(archetype(type_))
    assert written == declared, f"missing: {declared - written}; not in the schema: {written - declared}"


@pytest.mark.parametrize("type_", SCHEMA_TYPES)
def test_every_schema_field_has_its_own_french_description(type_):
    def walk(node, path):
        for key, child in node.get("properties", {}).items():
            assert child.get("description", "").strip(), f"{type_}: {'.'.join(path + (key,))} has no description"
            walk(child, path + (key,))
        if isinstance(node.get("items"), dict):
            walk(node["items"], path + ("[]",))
    walk(schema(type_), ())


# --- new ------------------------------------------------------------------------------

@pytest.mark.parametrize("type_", TYPES)
def test_new_writes_a_commented_draft_that_passes_check(project, type_):
    created = run_cli("--racine", str(project), "new", type_, f"essai-{type_}")
    assert created.returncode == 0, created.stderr
    path = project / folder_of(type_) / f"essai-{type_}.yml"
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["statut"] == "brouillon"
    assert text.startswith(f"# yaml-language-server: $schema=")
    schema_path = re.match(r"# yaml-language-server: \$schema=(\S+)", text).group(1)
    assert (path.parent / schema_path).resolve() == (project / "ecole_entreprise/schemas" / f"{type_}.schema.json").resolve()
    explained = _comments_above_keys(text)
    for field in fields(type_):
        if len(field.path) == 1:   # each top-level field is explained by its schema description
            assert field.description in explained[field.key], field.key
    checked = run_cli("--racine", str(project), "check", "--format", "json")
    assert checked.returncode == 0, checked.stdout
    own = [p for p in json.loads(checked.stdout)["problemes"] if p["path"].endswith(f"essai-{type_}.yml")]
    assert all(p["niveau"] == "avertissement" for p in own), own


def test_new_refuses_an_existing_id_and_leaves_the_file_identical(project):
    assert run_cli("--racine", str(project), "new", "fiche", "nouvelle").returncode == 0
    path = project / "kits/fiches/nouvelle.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("titre: À compléter", "titre: Mon titre"), encoding="utf-8")
    before = _files(project)
    again = run_cli("--racine", str(project), "new", "fiche", "nouvelle")
    assert again.returncode == 1
    assert "kits/fiches/nouvelle.yml existe déjà" in again.stderr
    assert _files(project) == before


@pytest.mark.parametrize("bad_id", ["Majuscule", "avec espace", "accentué", "tiret-", "a--b", "../evasion"])
def test_new_refuses_an_invalid_id_without_touching_any_file(project, bad_id):
    before = _files(project)
    refused = run_cli("--racine", str(project), "new", "fiche", bad_id)
    assert refused.returncode == 1
    assert "identifiant invalide" in refused.stderr and "Aucun fichier" in refused.stderr
    assert _files(project) == before


def test_new_refuses_an_unknown_type_as_a_usage_error(project):
    refused = run_cli("--racine", str(project), "new", "recette", "x")
    assert refused.returncode == 2
    assert "choix invalide" in refused.stderr


def test_new_mesure_takes_a_free_number_and_refuses_a_thirteenth(project):
    assert run_cli("--racine", str(project), "new", "mesure", "m01").returncode == 0
    numero = yaml.safe_load((project / "content/mesures/m01.yml").read_text(encoding="utf-8"))["numero"]
    assert numero == 1   # m02 and m07 exist in the fixture
    source = (project / "content/mesures/m02.yml").read_text(encoding="utf-8")
    for n in range(3, 13):
        if n != 7:
            (project / f"content/mesures/m{n:02}.yml").write_text(
                source.replace("id: m02", f"id: m{n:02}").replace("numero: 2", f"numero: {n}"), encoding="utf-8")
    before = _files(project)
    refused = run_cli("--racine", str(project), "new", "mesure", "m13")
    assert refused.returncode == 1 and "12 mesures" in refused.stderr
    assert _files(project) == before


# --- drafts: checked, never published, shown in the preview --------------------------

@pytest.fixture(scope="module")
def draft_sites(tmp_path_factory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("brouillons") / "projet")
    for type_ in TYPES:
        result = run_cli("--racine", str(project), "new", type_, f"brouillon-{type_}")
        assert result.returncode == 0, result.stderr
    assert run_cli("--racine", str(project), "check").returncode == 0
    public = build_site(project)
    build_site(project, "--brouillons", "--sortie", "apercu")
    return public, project / "apercu"


@pytest.mark.parametrize("type_", TYPES)
def test_draft_is_absent_from_the_public_site(draft_sites, type_):
    public, _ = draft_sites
    assert (public / "index.html").is_file()
    assert not (public / DRAFT_PAGES[type_]).exists()


def search_locations(site) -> list[str]:
    """URLs of the pages the site's search knows (its document files, ecole_entreprise/search.py)."""
    return [doc[0] for path in sorted((site / "assets/recherche").glob("documents-*.json"))
            for doc in json.loads(path.read_text(encoding="utf-8"))]


def test_drafts_leave_no_trace_in_public_search_sitemap_and_exports(draft_sites):
    public, _ = draft_sites
    traces = [p.relative_to(public).as_posix() for p in public.rglob("*")
              if p.is_file() and b"brouillon-" in p.read_bytes()]
    assert traces == []
    locations = search_locations(public)
    assert locations and not any("brouillon-" in url for url in locations)
    fiches = json.loads((public / "donnees/fiches.json").read_text(encoding="utf-8"))["fiches"]
    assert {f["id"] for f in fiches} == {"rencontre-entreprise", "visite-entreprise"}


@pytest.mark.parametrize("type_", TYPES)
def test_draft_is_in_the_preview_marked_as_a_draft(draft_sites, type_):
    _, preview = draft_sites
    page = (preview / DRAFT_PAGES[type_]).read_text(encoding="utf-8")
    assert "Brouillon" in page
    assert "visible que dans l'aperçu" in page


def test_preview_exports_and_search_include_the_drafts(draft_sites):
    _, preview = draft_sites
    fiches = json.loads((preview / "donnees/fiches.json").read_text(encoding="utf-8"))["fiches"]
    assert "brouillon-fiche" in {f["id"] for f in fiches}
    assert "fiches/brouillon-fiche/" in search_locations(preview)


def test_dashboard_page_only_in_the_preview_and_never_in_search(draft_sites):
    public, preview = draft_sites
    assert not (public / "tableau-de-bord").exists()
    page = (preview / "tableau-de-bord/index.html").read_text(encoding="utf-8")
    assert "brouillon-fiche" in page and "Fiches dans aucun kit" in page
    for site in (public, preview):
        assert not any(url.startswith("tableau-de-bord") for url in search_locations(site))
        assert "tableau-de-bord" not in (site / "sitemap.xml").read_text(encoding="utf-8")
