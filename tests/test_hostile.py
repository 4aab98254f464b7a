"""Hostile and broken input around the records (issue 13): options, paths, names, the
site builder's configuration, exit codes.

A case is a folder of ``tests/fixtures/hostile/``: files laid over a copy of the valid
fixture, and ``attendu.yml`` saying how to prepare what git cannot hold (symlinks, FIFOs,
devices, removed files), which command to run, its exit status and what it must say —
``file:line:col: niveau: message`` lines on stdout, or one message on stderr. Whatever
the case, no file of the project is changed or lost, nothing from outside the project
is read, no site is published, and no traceback is printed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import stat
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, make_project, run_cli
from test_check_cases import overlay

CASES = sorted(p for p in (FIXTURES / "hostile").iterdir() if p.is_dir())
SECRET = "SECRET-HORS-DU-PROJET"


def project_state(project: Path) -> dict[str, str]:
    """Every entry of the project but build/: a file's bytes, a symlink's target, a kind."""
    state = {}
    for path in sorted(project.rglob("*")):
        rel = path.relative_to(project).as_posix()
        if rel.split("/")[0] in ("build", "ecole_entreprise"):
            continue
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            state[rel] = "lien -> " + os.readlink(path)
        elif stat.S_ISREG(mode):
            state[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            state[rel] = stat.filemode(mode)[0]
    return state


def prepare(case: Path, project: Path, outside: Path, setup: dict) -> dict[str, str]:
    """Lay the case over the project; returns the placeholders of its command."""
    overlay(case, project)
    empty = outside / "vide"
    empty.mkdir(parents=True)
    secret = outside / "secret.md"
    secret.write_text(f"# {SECRET}\n\n{SECRET}\n", encoding="utf-8")
    places = {"projet": str(project), "vide": str(empty), "dehors": str(secret), "dossier_dehors": str(outside)}
    for rel in setup.get("supprimer", []):
        (project / rel).unlink()
    for rel in setup.get("dossiers", []):
        (project / rel).mkdir(parents=True)
    for rel in setup.get("tubes", []):
        os.mkfifo(project / rel)
    for rel in setup.get("peripheriques", []):
        try:
            os.mknod(project / rel, 0o600 | stat.S_IFCHR, os.makedev(1, 3))   # like /dev/null
        except PermissionError:
            pytest.skip("créer un périphérique demande les droits d'administrateur")
    for rel, target in (setup.get("liens") or {}).items():
        link = project / rel
        if target == "{copie_dehors}":   # the project's own file, moved out of it and linked to
            target = str(outside / link.name)
            shutil.move(link, target)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target.format(**places))
    return places


@pytest.fixture
def busy_port():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        yield busy.getsockname()[1]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case: Path, tmp_path: Path, busy_port: int):
    expected = yaml.safe_load((case / "attendu.yml").read_text(encoding="utf-8"))
    project = make_project(tmp_path / "projet")
    places = prepare(case, project, tmp_path / "dehors", expected.get("preparation") or {})
    places["port"] = str(busy_port)
    before = project_state(project)

    command = [arg.format(**places) for arg in expected["commande"]]
    if "--racine" not in command:
        command = ["--racine", str(project), *command]
    result = run_cli(*command)
    said = result.stdout + result.stderr

    assert result.returncode == expected["code"], said
    assert "Traceback" not in said and "Error:" not in said, said
    if "sortie" in expected:   # what the command says besides problems (stderr, or report's dashboard)
        assert expected["sortie"] in said, said
    else:
        assert expected.get("problemes"), "a case says what it expects"
    lines = [line for line in result.stdout.splitlines() if not expected.get("ignorer") or expected["ignorer"] not in line]
    if "problemes" not in expected:
        lines = []
    wanted = [f"{p['fichier']}:{p['ligne']}:{p['colonne']}: {p['niveau']}: {p['message']}"
              for p in expected.get("problemes", [])]
    assert len(lines) == len(wanted), lines
    for line, prefix in zip(sorted(lines), sorted(wanted)):
        assert line.startswith(prefix), (line, prefix)
    assert project_state(project) == before           # nothing changed, nothing lost
    assert not (project / "site").exists()            # nothing published
    assert SECRET not in said
