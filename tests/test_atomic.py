"""Atomic builds: a failed build leaves the previous site/ byte for byte; two builds at once
never leave a mixed site/; nothing but `new` ever writes into content/, kits/ or mooc/."""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import CONTENT_DIRS, build_site, run_cli


def tree(folder: Path, with_times: bool = False) -> dict[str, object]:
    """Every file of ``folder``: its bytes' hash (and mtime); sitemaps compared unzipped,
    since gzip stamps the time of compression into its header."""
    found: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            digest = hashlib.sha256(data).hexdigest()
            found[path.relative_to(folder).as_posix()] = (digest, path.stat().st_mtime_ns) if with_times else digest
    return found


def sources(project: Path) -> dict[str, object]:
    return {name: tree(project / name, with_times=True) for name in CONTENT_DIRS if (project / name).is_dir()}


def cli_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli("--racine", str(project), "build", *args)


def assert_failed_cleanly(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "le site existant n'a pas été modifié" in result.stderr


def no_leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(("site.tmp-", "site.old-")))


def test_bad_content_leaves_the_previous_site_byte_for_byte(project):
    site = build_site(project)
    before = tree(site, with_times=True)
    (project / "kits/fiches/visite-entreprise.yml").write_text("titre: [\n", encoding="utf-8")
    assert_failed_cleanly(cli_build(project))
    assert tree(site, with_times=True) == before
    assert no_leftovers(project) == []


def test_template_error_leaves_the_site_and_names_the_template(project):
    site = build_site(project)
    before = tree(site, with_times=True)
    template = project / "theme/templates/fiche.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n{{ champ_qui_n_existe_pas.x }}\n", encoding="utf-8")
    result = cli_build(project)
    assert_failed_cleanly(result)
    assert "theme/templates/fiche.md.j2:" in result.stderr
    assert "gabarit invalide" in result.stderr
    assert tree(site, with_times=True) == before


def test_template_syntax_error_is_reported_too(project):
    site = build_site(project)
    before = tree(site, with_times=True)
    (project / "theme/templates/kit.md.j2").write_text("{% if %}\n", encoding="utf-8")
    result = cli_build(project)
    assert_failed_cleanly(result)
    assert "theme/templates/kit.md.j2:1:1: erreur: gabarit invalide" in result.stderr
    assert tree(site, with_times=True) == before


def test_site_builder_error_leaves_the_site_and_no_temporary_folder(project):
    site = build_site(project)
    before = tree(site, with_times=True)
    override = project / "theme/overrides/main.html"
    override.write_text('{% extends "base.html" %}{% block content %}{{ page.ceci_nexiste_pas() }}{% endblock %}',
                        encoding="utf-8")
    result = cli_build(project)
    assert result.returncode == 1
    assert "MkDocs a échoué" in result.stderr
    assert tree(site, with_times=True) == before
    assert no_leftovers(project) == []


def test_a_killed_build_leaves_nothing_the_next_build_keeps(project):
    build_site(project)
    (project / "site.tmp-999999").mkdir()
    (project / "site.tmp-999999" / "index.html").write_text("moitié de site", encoding="utf-8")
    (project / "site.old-999999").mkdir()
    build_site(project)
    assert no_leftovers(project) == []


def test_a_build_waits_for_the_lock_of_another(project):
    site = build_site(project)
    before = tree(site, with_times=True)
    lock_path = project / "build" / ".build.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        waiting = subprocess.Popen([sys.executable, "-m", "ecole_entreprise", "--racine", str(project), "build"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        time.sleep(3)
        assert waiting.poll() is None, waiting.communicate()
        assert tree(site, with_times=True) == before
        fcntl.flock(lock, fcntl.LOCK_UN)
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, out + err
    assert tree(site, with_times=True) != before


@pytest.mark.parametrize("rounds", [3])
def test_concurrent_builds_never_leave_a_mixed_site(project, rounds):
    """Builds with and without drafts differ in many files; run at once, the result is
    always exactly one of the two sites."""
    fiche = project / "kits/fiches/visite-entreprise.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8") + "statut: brouillon\n", encoding="utf-8")
    assert cli_build(project, "--brouillons", "--sortie", "ref-brouillons").returncode == 0
    assert cli_build(project, "--sortie", "ref-public").returncode == 0
    with_drafts, public = tree(project / "ref-brouillons"), tree(project / "ref-public")
    assert with_drafts != public
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for _ in range(rounds):
        builds = [subprocess.Popen([sys.executable, "-m", "ecole_entreprise", "--racine", str(project), "build",
                                    *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
                  for extra in ([], ["--brouillons"], [])]
        codes = [b.wait(timeout=600) for b in builds]
        assert codes == [0, 0, 0]
        assert tree(project / "site") in (with_drafts, public)
        assert no_leftovers(project) == []


def test_nothing_writes_into_the_content_folders(project):
    before = sources(project)
    assert sum(len(files) for files in before.values()) > 10
    build_site(project)
    for command in (["check"], ["check", "--strict", "--format", "json"], ["timeline"], ["build", "--brouillons"]):
        run_cli("--racine", str(project), *command)
    assert sources(project) == before
    (project / "content/mesures/m02.yml").write_bytes(b"titre: [\n")
    broken = sources(project)
    run_cli("--racine", str(project), "build")
    run_cli("--racine", str(project), "check")
    assert sources(project) == broken
    changed = {name for name in before if before[name] != broken[name]}
    assert changed == {"content"}
    assert {k for k in before["content"] if before["content"][k] != broken["content"][k]} == {"mesures/m02.yml"}


def test_published_files_are_readable_by_the_web_server(tmp_path: Path):
    """A file written by the publisher is as readable as one the site builder copies:
    mkstemp's private 0600 would make a static host answer 403 for the exports."""
    import os
    import stat

    from ecole_entreprise.publish import add
    from ecole_entreprise.render import Page

    add([Page("donnees/fiches.json", "{}")], tmp_path)
    mode = stat.S_IMODE((tmp_path / "donnees" / "fiches.json").stat().st_mode)
    mask = os.umask(0)
    os.umask(mask)
    assert mode == 0o666 & ~mask and mode & stat.S_IROTH
