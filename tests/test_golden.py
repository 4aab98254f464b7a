"""Golden Markdown: each content type's template rendered from the valid fixture.

When a template changes on purpose, regenerate with ``UPDATE_GOLDEN=1 pytest
tests/test_golden.py`` and review the diff like any other change.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from ecole_entreprise.generate import generate, read_config
from helpers import FIXTURES, ROOT, make_project

GOLDEN = ROOT / "tests" / "golden"
PAGES = {
    "mesure": "mesures/m07.md",
    "fiche": "fiches/rencontre-entreprise.md",
    "kit": "kits/equipes-educatives.md",
    "acteur": "acteurs/service-ecole-entreprise.md",
    "glossaire": "glossaire.md",
    "module": "mooc/comprendre-le-stage/index.md",
    "parcours": "mooc/index.md",
    "lecon": "mooc/comprendre-le-stage/cadre.md",
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str]:
    project = make_project(tmp_path_factory.mktemp("golden") / "projet", FIXTURES / "valid")
    result = generate(project, read_config(project, aujourdhui=date(2026, 11, 22)))
    assert result.ok, [str(p) for p in result.problems.erreurs]
    return {page.path: page.content for page in result.pages if isinstance(page.content, str)}


@pytest.mark.parametrize("type_", sorted(PAGES))
def test_page_matches_its_golden_file(rendered, type_):
    path = PAGES[type_]
    golden = GOLDEN / path
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered[path], encoding="utf-8")
    assert golden.is_file(), f"fichier de référence absent : {golden} (UPDATE_GOLDEN=1 pour le créer)"
    assert rendered[path] == golden.read_text(encoding="utf-8")
