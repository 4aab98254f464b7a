"""The content-type registry: every type declared once, and nothing else to write for a new one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from ecole_entreprise import registry
from ecole_entreprise.generate import check, generate
from ecole_entreprise.registry import ContentType
from ecole_entreprise.schemas import SCHEMA_DIR
from ecole_entreprise.search import documents
from helpers import ROOT, make_project


class _TagsAsText(yaml.SafeLoader):
    """mkdocs.yml without MkDocs: its ``!ENV``, ``!!python/name`` tags read as None."""


_TagsAsText.add_multi_constructor("", lambda loader, suffix, node: None)


def test_not_in_nav_of_mkdocs_yml_is_the_registrys():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TagsAsText)
    written = [line.strip() for line in config["not_in_nav"].splitlines() if line.strip()]
    assert sorted(written) == sorted(registry.not_in_nav())
    assert len(written) == len(set(written))


def test_every_type_has_its_schema_its_template_and_its_skeleton():
    templates = ROOT / "theme" / "templates"
    for type_ in registry.TYPES:
        assert type_.schema.is_file(), type_.name
        assert json.loads(type_.schema.read_text(encoding="utf-8"))["$id"].endswith(f"/{type_.name}.schema.json")
        if type_.page and not type_.course:
            assert (templates / type_.template).is_file(), type_.name
        if type_.archetype:
            assert (ROOT / "ecole_entreprise" / "archetypes" / f"{type_.name}.yml").is_file(), type_.name
        assert registry.get(type_.name) is type_
    assert len(set(registry.names())) == len(registry.TYPES)


def test_page_paths_come_from_the_registry():
    assert registry.get("fiche").page_of("visite") == "fiches/visite.md"
    assert registry.get("module").page_of("m1") == "mooc/m1/index.md"
    assert registry.get("parcours").page_of("tuteurs") == "mooc/index.md"
    assert registry.get("glossaire").page_of("glossaire") is None
    assert registry.get("fiche").folder == "kits/fiches"


# --- a toy type: its schema, its template, one registry entry, nothing else --------------

TOY_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://ecole-entreprise.invalid/schemas/outil.schema.json",
    "title": "Outil",
    "description": "Un outil prêté aux établissements (type d'essai).",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "titre", "mesures"],
    "properties": {
        "id": {"$ref": "commun.schema.json#/$defs/id", "description": "Identifiant."},
        "titre": {"type": "string", "minLength": 1, "description": "Titre."},
        "mis_a_jour": {"$ref": "commun.schema.json#/$defs/mis_a_jour"},
        "mesures": {"type": "array", "description": "Mesures.",
                    "items": {"type": "string", "x-reference": "mesure"}},
    },
}
TOY_TEMPLATE = """---
title: {{ outil.titre | yaml_str }}
---
# {{ outil.titre | titre_md }}

{% for id in outil.mesures %}
- [{{ site.get("mesure", id).titre | texte }}]({{ lien_md(page, site.get("mesure", id)) }})
{% endfor %}
"""


@pytest.fixture
def toy_project(tmp_path: Path, monkeypatch) -> Path:
    project = make_project(tmp_path / "projet")
    (tmp_path / "outil.schema.json").write_text(json.dumps(TOY_SCHEMA), encoding="utf-8")
    (project / "theme" / "templates" / "outil.md.j2").write_text(TOY_TEMPLATE, encoding="utf-8")
    toy = ContentType("outil", "content/outils/*.yml", "outil", "Outils", "aucun outil",
                      page="outils/{id}.md", schema_file=str(tmp_path / "outil.schema.json"))
    monkeypatch.setattr(registry, "TYPES", registry.TYPES + (toy,))
    (project / "content" / "outils").mkdir()
    mesure = sorted(p.stem for p in (project / "content" / "mesures").glob("*.yml"))[0]
    (project / "content" / "outils" / "mallette.yml").write_text(
        f"id: mallette\ntitre: Mallette des métiers\nmesures: [{mesure}]\n", encoding="utf-8")
    return project


def test_a_new_type_needs_only_its_schema_its_template_and_one_entry(toy_project: Path):
    assert SCHEMA_DIR not in Path(registry.get("outil").schema).parents   # not in the package
    result = generate(toy_project)
    assert result.ok, [str(p) for p in result.problems.sorted()]
    page = next(p for p in result.pages if p.path == "outils/mallette.md")
    assert "# Mallette des métiers" in page.content
    mesure = result.site.all("outil")[0]["mesures"][0]
    assert f"(../mesures/{mesure}.md)" in page.content
    # resolved like any type: the measure knows the tool points at it
    assert [r.id for r in result.site.get("mesure", mesure).backlinks["outil"]] == ["mallette"]
    # searchable like any page
    assert "outils/mallette.md" in {d.page for d in documents(result.site, result.pages)}


def test_a_new_type_is_validated_and_its_references_checked(toy_project: Path):
    (toy_project / "content" / "outils" / "casse.yml").write_text(
        "id: casse\ntitre: ''\nmesures: [m99]\n", encoding="utf-8")
    problems = [str(p) for p in check(toy_project).problems.sorted()]
    assert any(p.startswith("content/outils/casse.yml:2:") and "titre" in p for p in problems), problems
    assert any(p.startswith("content/outils/casse.yml:3:") and "aucune mesure « m99 » dans content/mesures/" in p
               for p in problems), problems
