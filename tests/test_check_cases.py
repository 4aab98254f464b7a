"""Each invalid fixture gives exactly one problem, at the expected file:line:col, exit 1,
no traceback, and leaves every content file byte-for-byte as it was.

A case is a folder of ``tests/fixtures/invalid/``: files laid over a copy of the valid
fixture, and ``attendu.yml`` saying what ``check`` must report.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, make_project, run_cli

CASES = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def overlay(case: Path, project: Path) -> None:
    for path in case.rglob("*"):
        if path.is_file() and path.name != "attendu.yml":
            target = project / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)


def content_digest(project: Path) -> dict[str, str]:
    return {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in ("content", "kits", "mooc") for p in sorted((project / folder).rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_case_reports_one_problem_where_expected(case: Path, tmp_path: Path):
    expected = yaml.safe_load((case / "attendu.yml").read_text(encoding="utf-8"))
    project = make_project(tmp_path / "projet")
    overlay(case, project)
    before = content_digest(project)

    result = run_cli("--racine", str(project), "check")

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, lines
    prefix = f"{expected['fichier']}:{expected['ligne']}:{expected['colonne']}: {expected['niveau']}: "
    assert lines[0].startswith(prefix + expected["message"]), lines[0]
    assert content_digest(project) == before


def test_every_case_has_its_expectation():
    assert len(CASES) >= 7
    for case in CASES:
        assert (case / "attendu.yml").is_file(), case.name


def test_json_output_lists_the_same_problem(tmp_path: Path):
    project = make_project(tmp_path / "projet")
    overlay(FIXTURES / "invalid" / "reference-inconnue", project)
    result = run_cli("--racine", str(project), "check", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["erreurs"] == 1
    [problem] = report["problemes"]
    assert (problem["path"], problem["line"], problem["col"]) == ("kits/fiches/visite-entreprise.yml", 29, 24)
