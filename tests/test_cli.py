"""The command line: exit statuses, French help, --strict, the timeline."""

from __future__ import annotations

import json

from helpers import ROOT, make_project, run_cli


def test_shipped_content_checks_clean_in_strict_mode():
    result = run_cli("--racine", str(ROOT), "check", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "0 erreur" in result.stderr


def test_valid_fixture_exits_zero(project):
    assert run_cli("--racine", str(project), "check").returncode == 0


def test_strict_turns_warnings_into_errors(project):
    # An acronym missing from the glossary is a warning…
    fiche = project / "kits" / "fiches" / "visite-entreprise.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace(
        "Une classe visite une entreprise", "Une classe visite une PME"), encoding="utf-8")
    relaxed = run_cli("--racine", str(project), "check")
    strict = run_cli("--racine", str(project), "check", "--strict")
    assert relaxed.returncode == 0
    assert "avertissement: sigle « PME » absent du glossaire" in relaxed.stdout
    # …and an error under --strict.
    assert strict.returncode == 1
    assert "erreur: sigle « PME » absent du glossaire" in strict.stdout


def test_usage_errors_exit_two_in_french(project):
    unknown = run_cli("--racine", str(project), "publier")
    assert unknown.returncode == 2
    assert "choix invalide" in unknown.stderr
    bad_date = run_cli("--racine", str(project), "timeline", "--date", "demain")
    assert bad_date.returncode == 2
    assert "AAAA-MM-JJ" in bad_date.stderr
    missing = run_cli("--racine", str(project / "nulle-part"), "check")
    assert missing.returncode == 2
    assert "dossier introuvable" in missing.stderr


def test_help_is_in_french():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "utilisation :" in result.stdout
    assert "vérifier tout le contenu" in result.stdout
    assert "afficher cette aide" in result.stdout


def test_timeline_is_chronological_and_marks_past_and_upcoming(project):
    result = run_cli("--racine", str(project), "timeline", "--date", "2016-06-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    keys = [row["debut"] or row["fin"][:8] + "01" for row in rows]
    assert keys == sorted(keys)
    by_what = {row["quoi"]: row for row in rows}
    assert by_what["Conception des kits avec le CLEE"]["statut"] == "passé"       # janvier 2016
    assert by_what["Diffusion des kits"]["statut"] == "à venir"                   # 1er janvier 2017
    assert by_what["Préparation des contenus"]["quand"] == "jusqu'à janvier 2016"
    assert by_what["Bilan des rencontres en comité de pilotage"]["origine"] == "fiche rencontre-entreprise"


def test_timeline_text_output_lists_every_dated_item(project):
    result = run_cli("--racine", str(project), "timeline", "--date", "2026-11-22")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 4 + 5  # 4 milestones of the two measures, 5 actions with a délai
    assert lines[0].startswith("…")  # « jusqu'à janvier 2016 » has no start


def test_a_new_draft_passes_strict_check(project):
    created = run_cli("--racine", str(project), "new", "fiche", "atelier-cv")
    assert created.returncode == 0, created.stderr
    result = run_cli("--racine", str(project), "check", "--strict")
    assert result.returncode == 0, result.stdout
