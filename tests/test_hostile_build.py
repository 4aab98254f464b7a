"""Hostile input, round 2 (issue 13), where a case needs a built site or a running
preview: the swap, the preview's own docs folder, the generator's reserved addresses,
one-line messages in GitHub's format."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import FIXTURES, build_site, run_cli
from test_atomic import assert_failed_cleanly, tree
from test_check_cases import overlay

from ecole_entreprise import outputs
from ecole_entreprise.generate import generate, read_config
from ecole_entreprise.options import SITE_MARK, OptionError, output_folder


def _earlier_site(folder: Path) -> dict[str, object]:
    """A site as a build leaves it (its mark, a page), without the time of a real build."""
    folder.mkdir()
    (folder / SITE_MARK).write_text("site\n", encoding="utf-8")
    (folder / "index.html").write_text("<h1>Site précédent</h1>", encoding="utf-8")
    return tree(folder)


def _break_content(project: Path) -> None:
    (project / "kits/fiches/visite-entreprise.yml").write_text("titre: [\n", encoding="utf-8")


def test_after_an_interrupted_swap_a_failing_build_keeps_the_site(project):
    """A build killed between the swap's two renames left no site/, only « site.old-PID »;
    the next build removed that leftover, then failed, and said it had kept the site."""
    before = _earlier_site(project / "site.old-999999")       # killed after the first rename
    (project / "site.tmp-999999").mkdir()                      # its half-built site beside it
    _break_content(project)
    assert_failed_cleanly(run_cli("--racine", str(project), "build"))
    assert tree(project / "site") == before
    assert sorted(p.name for p in project.glob("site.*")) == []


def test_the_swap_removes_only_what_a_build_made(project):
    """Folders named like the swap's but not by it — an editor's « site.old-photos » — stay."""
    for name in ("site.old-photos", "site.tmp-notes", "site.tmp-2025"):
        (project / name).mkdir()
        (project / name / "a-garder.txt").write_text("à garder", encoding="utf-8")
    _break_content(project)
    assert_failed_cleanly(run_cli("--racine", str(project), "build"))   # leftovers go first, under the lock
    for name in ("site.old-photos", "site.tmp-notes"):
        assert (project / name / "a-garder.txt").read_text(encoding="utf-8") == "à garder"
    assert not (project / "site.tmp-2025").exists()   # the swap's own name: « site.tmp-PID »


def test_a_built_site_carries_its_mark(fixture_site):
    assert (fixture_site / SITE_MARK).is_file()


def test_an_output_folder_is_replaced_only_when_a_build_made_it(project, tmp_path):
    made = tmp_path / "fait"
    _earlier_site(made)
    assert output_folder(project, str(made)) == made
    legacy = tmp_path / "ancien"   # built before the mark existed: MkDocs' sitemap and our search index
    for name in ("index.html", "sitemap.xml", "assets/recherche/index.json"):
        (legacy / name).parent.mkdir(parents=True, exist_ok=True)
        (legacy / name).write_text("x", encoding="utf-8")
    assert output_folder(project, str(legacy)) == legacy
    (legacy / "sitemap.xml").unlink()
    with pytest.raises(OptionError, match="ne contient pas un site construit"):
        output_folder(project, str(legacy))
    assert output_folder(project, str(tmp_path / "nouveau")) == tmp_path / "nouveau"
    (tmp_path / "vide").mkdir()
    assert output_folder(project, str(tmp_path / "vide")) == tmp_path / "vide"


def test_control_character_in_github_format_is_one_annotation_at_its_place(tmp_path):
    from helpers import make_project

    project = make_project(tmp_path / "projet")
    overlay(FIXTURES / "hostile" / "caractere-de-controle", project)
    result = run_cli("--racine", str(project), "check", "--format", "github")
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("::error file=content/acteurs/clee.yml,line=4,col=12::caractère de contrôle invisible (U+000B)")


def test_generated_pages_are_the_reserved_ones(project):
    """outputs.GENERATED must name every page the generator writes besides records' and
    hand-written ones, or a record could take one of them unseen."""
    fiche = project / "kits/fiches/visite-entreprise.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8") + "statut: brouillon\n", encoding="utf-8")
    result = generate(project, read_config(project, brouillons=True))
    assert result.ok, result.problems.sorted()
    claimed = {c.docs_path for c in outputs._claims(result.site)}
    own = {p.path for p in result.pages if p.path.endswith(".md") and p.path not in claimed
           and not p.path.startswith(outputs.RESERVED_FOLDERS) and not p.path.startswith("mooc/ressources/")}
    assert own, "the generator's own pages"
    assert own <= set(outputs.GENERATED), own - set(outputs.GENERATED)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_build_never_reads_the_preview_s_files(project):
    """`serve --brouillons` regenerates its docs folder at every save; a build meanwhile
    published drafts in 10 runs of 13 when both used build/docs. The preview has its own."""
    draft = project / "kits/fiches/rencontre-entreprise.yml"
    draft.write_text(draft.read_text(encoding="utf-8") + "statut: brouillon\n", encoding="utf-8")
    preview_docs = project / "build/apercu/docs"
    serve = subprocess.Popen([sys.executable, "-m", "ecole_entreprise", "--racine", str(project), "serve",
                              "--brouillons", "--adresse", f"127.0.0.1:{_free_port()}"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    try:
        deadline = time.monotonic() + 120
        while not (preview_docs / "fiches/rencontre-entreprise.md").is_file():
            assert serve.poll() is None and time.monotonic() < deadline, serve.stderr.read() if serve.poll() else "délai"
            time.sleep(0.2)
        assert not (project / "build/docs/fiches/rencontre-entreprise.md").exists()
        draft.write_text(draft.read_text(encoding="utf-8") + "\n", encoding="utf-8")   # the preview regenerates
        site = build_site(project)
        assert not (site / "fiches/rencontre-entreprise").exists()
        assert "rencontre-entreprise" not in (site / "fiches/index.html").read_text(encoding="utf-8")
        assert not (project / "build/docs/fiches/rencontre-entreprise.md").exists()
        assert not (project / "build/docs" / "tableau-de-bord.md").exists()
        assert (preview_docs / "tableau-de-bord.md").is_file()
    finally:
        serve.terminate()
        serve.wait(timeout=30)
    shutil.rmtree(project / "site")


def test_hand_written_pages_are_published_as_checked(project):
    """Front matter reached <title> and <meta> unescaped; a page's first line « Note: … »
    became metadata and vanished; a MOOC resource's HTML went to the site as it was."""
    (project / "content/pages/essai.md").write_text(
        '---\ntitle: "</title><script>alert(1)</script>"\ndescription: \'" onmouseover="alert(2)\'\n---\n'
        "# Essai\n\nTexte.\n", encoding="utf-8")
    (project / "content/pages/sans-en-tete.md").write_text("Note: cette ligne reste dans la page\n\n# Sans en-tête\n",
                                                           encoding="utf-8")
    module = project / "mooc/modules/comprendre-le-stage.yml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "    description: Ce qu'il faut préparer.\n", "    description: Ce qu'il faut préparer.\n    fichier: guide.md\n", 1),
        encoding="utf-8")
    (project / "mooc/ressources").mkdir(exist_ok=True)
    (project / "mooc/ressources/guide.md").write_text("# Guide\n\n<script>alert(3)</script>\n\n"
                                                      "<img src=x onerror=alert(4)>\n", encoding="utf-8")
    site = build_site(project)
    essai = (site / "essai/index.html").read_text(encoding="utf-8")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; - " in essai
    assert '<meta name="description" content="&#34; onmouseover=&#34;alert(2)">' in essai \
        or '<meta name="description" content="&quot; onmouseover=&quot;alert(2)">' in essai
    assert "<script>alert(1)" not in essai and 'onmouseover="alert' not in essai
    assert "Note: cette ligne reste dans la page" in (site / "sans-en-tete/index.html").read_text(encoding="utf-8")
    guide = (site / "mooc/ressources/guide/index.html").read_text(encoding="utf-8")
    assert "<script>alert(3)" not in guide and "onerror" not in guide
