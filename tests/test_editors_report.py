"""The completeness dashboard finds gaps injected into the valid fixture."""

from __future__ import annotations

import json

import pytest

from helpers import run_cli


@pytest.fixture
def gapped(project):
    """The valid fixture with three gaps: a missing section, a stale date, an orphan fiche."""
    visite = project / "kits/fiches/visite-entreprise.yml"
    text = visite.read_text(encoding="utf-8")
    visite.write_text(text.replace("complements: La visite peut être préparée avec le CLEE.\n", ""), encoding="utf-8")
    rencontre = project / "kits/fiches/rencontre-entreprise.yml"
    rencontre.write_text(rencontre.read_text(encoding="utf-8").replace('mis_a_jour: "2026-11-22"', 'mis_a_jour: "2025-06-30"'),
                         encoding="utf-8")
    (project / "kits/fiches/orpheline.yml").write_text(text.replace("id: visite-entreprise", "id: orpheline"),
                                                       encoding="utf-8")
    return project


def _report(project, fmt, code=0):
    """The dashboard; its exit status is check's: 1 when the content has errors."""
    result = run_cli("--racine", str(project), "report", "--date", "2026-11-22", "--format", fmt)
    assert result.returncode == code, result.stderr
    return result.stdout


def test_dashboard_lists_the_injected_gaps(gapped):
    board = json.loads(_report(gapped, "json"))
    fiches = {row["id"]: row for row in board["types"]["fiche"]}
    assert "« complements » (recommandé)" in fiches["visite-entreprise"]["manques"]
    assert fiches["rencontre-entreprise"]["ancien"] is True
    assert fiches["rencontre-entreprise"]["mis_a_jour"] == "2025-06-30"
    assert fiches["visite-entreprise"]["ancien"] is False
    assert board["fiches_sans_kit"] == ["orpheline"]
    assert board["anciens"] == ["fiche/rencontre-entreprise"]
    assert "dans aucun kit" in fiches["orpheline"]["manques"]
    assert [a["message"] for a in fiches["orpheline"]["alertes"]] == [
        "fiche rattachée à aucun kit : ajoutez-la aux « fiches » d'une section de kit"]
    assert set(board["types"]) == {"mesure", "kit", "fiche", "module"}


def test_clean_fixture_has_no_stale_record_and_no_orphan(project):
    board = json.loads(_report(project, "json"))
    assert board["fiches_sans_kit"] == [] and board["anciens"] == []
    assert all(not row["alertes"] for rows in board["types"].values() for row in rows)


def test_terminal_dashboard_names_each_gap(gapped):
    text = _report(gapped, "texte")
    assert "Fiches dans aucun kit : orpheline" in text
    assert "kits/fiches/rencontre-entreprise.yml (2025-06-30)" in text
    line = next(l for l in text.splitlines() if l.strip().startswith("rencontre-entreprise"))
    assert "(plus de 12 mois)" in line
    assert "manque : « complements » (recommandé)" in text


def test_timeline_problems_are_listed_with_their_record(gapped):
    visite = gapped / "kits/fiches/visite-entreprise.yml"
    visite.write_text(visite.read_text(encoding="utf-8").replace("delai: deuxième trimestre", "delai: janvier 2030"),
                      encoding="utf-8")
    board = json.loads(_report(gapped, "json", code=1))   # an action outside its calendar is an error
    visite_row = next(r for r in board["types"]["fiche"] if r["id"] == "visite-entreprise")
    assert any("sort du calendrier prévisionnel" in a["message"] and a["niveau"] == "erreur"
               for a in visite_row["alertes"])
