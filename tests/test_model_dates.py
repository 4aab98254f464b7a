"""Dates are parsed once, in the model stage, with the one school year of mkdocs.yml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ecole_entreprise import dates
from ecole_entreprise.generate import check, data_pages, generate, read_config, render_pages
from helpers import make_project, run_cli

FICHE = "kits/fiches/visite-entreprise.yml"


def _with_update(project: Path, written: str) -> Path:
    path = project / FICHE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'^mis_a_jour: .*$', f"mis_a_jour: {written}", text, count=1, flags=re.M),
                    encoding="utf-8")
    return project


def test_a_french_update_date_is_ordered_and_stamped_as_the_iso_one(tmp_path: Path):
    iso = generate(_with_update(make_project(tmp_path / "iso"), '"2026-12-01"'))
    french = generate(_with_update(make_project(tmp_path / "fr"), "1er décembre 2026"))
    assert iso.ok and french.ok
    fiche = french.site.get("fiche", "visite-entreprise")
    assert fiche["mis_a_jour"] == "1er décembre 2026" and fiche.updated.isoformat() == "2026-12-01"
    pages = {p.path: p.content for p in french.pages}
    # « Quoi de neuf »: the newest first
    home = pages["index.md"]
    nouveautes = home[home.index('<ul class="ee-nouveautes">'):]
    assert "visite-entreprise" in nouveautes.split("</li>")[0], nouveautes
    # the .ics stamp
    assert b"DTSTAMP:20261201T000000Z" in pages["fiches/visite-entreprise.ics"]
    # and everything else the site publishes, byte for byte
    assert pages == {p.path: p.content for p in iso.pages}


def test_no_stage_after_the_model_parses_a_date(project: Path, monkeypatch):
    result = check(project)
    assert result.ok

    def refused(*args, **kwargs):
        raise AssertionError(f"date parsed again after the model stage: {args}")

    monkeypatch.setattr(dates, "parse", refused)
    result.pages = render_pages(result.site)
    assert data_pages(result)
    assert any(p.path.endswith(".ics") for p in result.pages)


def test_the_school_year_is_read_from_mkdocs_yml(project: Path):
    assert read_config(project).annee_scolaire == 2026
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(re.sub(r"annee_scolaire: 2026", "annee_scolaire: 2030", text),
                                        encoding="utf-8")
    assert read_config(project).annee_scolaire == 2030


@pytest.mark.parametrize("value", ['"2026"', "2026-2027", "deux mille vingt-six", "true", "12345"])
def test_a_school_year_that_is_not_a_year_is_an_error_at_its_line(project: Path, value: str):
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.strip().startswith("annee_scolaire:"))
    lines[line - 1] = re.sub(r"annee_scolaire: \S+", f"annee_scolaire: {value}", lines[line - 1])
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [str(p) for p in check(project).problems.sorted()]
    column = lines[line - 1].index(value) + 1
    written = value.strip('"')
    assert [p for p in problems if p.startswith("mkdocs.yml")] == [
        f"mkdocs.yml:{line}:{column}: erreur: « extra.annee_scolaire » doit être une année écrite en chiffres, "
        f"la première de l'année scolaire (par exemple 2026 pour 2026-2027), pas « {written} »"]
    done = run_cli("--racine", str(project), "check")
    assert done.returncode == 1 and "mkdocs.yml:" in done.stdout and "Traceback" not in done.stderr


def test_without_a_setting_the_school_year_is_todays(project: Path):
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"\n  annee_scolaire: .*", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    from datetime import date
    assert read_config(project, aujourdhui=date(2027, 10, 1)).annee_scolaire == 2027
    assert read_config(project, aujourdhui=date(2027, 3, 1)).annee_scolaire == 2026
