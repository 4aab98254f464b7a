"""End to end: the real MkDocs build of a fixture site, through the CLI and through the
bridge alone, and the docs writer that rewrites only what changed."""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecole_entreprise.generate import build_docs
from ecole_entreprise.publish import publish
from ecole_entreprise.render import Page
from helpers import build_site, run_cli


def test_cli_build_makes_every_record_a_page(project):
    site = build_site(project, "--strict")
    for page in ("index.html", "mesures/m02/index.html", "mesures/m07/index.html",
                 "fiches/visite-entreprise/index.html", "fiches/rencontre-entreprise/index.html",
                 "kits/entreprises/index.html", "kits/equipes-educatives/index.html",
                 "acteurs/clee/index.html", "glossaire/index.html", "mooc/index.html",
                 "mooc/comprendre-le-stage/index.html", "calendrier/index.html", "fiches/index.html"):
        assert (site / page).is_file(), page
    fiche = (site / "fiches/rencontre-entreprise/index.html").read_text(encoding="utf-8")
    assert '<th scope="row">Recenser les entreprises</th>' in fiche
    assert '<abbr title="Confédération des petites et moyennes entreprises">CPME</abbr>' in fiche
    assert "Pendant l'année scolaire (en particulier pendant la semaine école-entreprise)" in html.unescape(fiche)


def test_plain_mkdocs_build_generates_through_the_bridge(project):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
                            cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (project / "build/docs/fiches/visite-entreprise.md").is_file()
    assert (project / "site/fiches/visite-entreprise/index.html").is_file()


def test_plain_mkdocs_build_refuses_broken_content_with_the_editor_message(project):
    fiche = project / "kits/fiches/visite-entreprise.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("titre:", "titr:"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=project,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True)
    assert result.returncode != 0
    assert "kits/fiches/visite-entreprise.yml:4:1: erreur: champ inconnu : « titr »" in result.stderr


def test_failed_build_leaves_the_previous_site_untouched(project):
    site = build_site(project)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    fiche = project / "kits/fiches/visite-entreprise.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("quand: rentrée", "quand: jamais"), encoding="utf-8")
    (project / "content/mesures/m02.yml").write_text("calendrier: [\n", encoding="utf-8")
    result = run_cli("--racine", str(project), "build")
    assert result.returncode == 1
    assert "le site existant n'a pas été modifié" in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_docs_writer_rewrites_only_changed_files_and_removes_stale_ones(tmp_path: Path):
    out = tmp_path / "docs"
    first = publish([Page("a.md", "A"), Page("b/c.md", "C"), Page("img.bin", b"\x00\x01")], out)
    assert (first.written, first.unchanged, first.removed) == (3, 0, 0)
    stamp = (out / "a.md").stat().st_mtime_ns
    second = publish([Page("a.md", "A"), Page("b/c.md", "C2")], out)
    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)
    assert (out / "a.md").stat().st_mtime_ns == stamp
    assert (out / "b/c.md").read_text() == "C2"
    assert not (out / "img.bin").exists()


def test_drafts_are_checked_but_not_published(project):
    fiche = project / "kits/fiches/visite-entreprise.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8") + "statut: brouillon\n", encoding="utf-8")
    public = build_docs(project)
    assert public.ok
    assert not (project / "build/docs/fiches/visite-entreprise.md").exists()
    from ecole_entreprise.generate import read_config
    preview = build_docs(project, read_config(project, brouillons=True))
    assert preview.ok
    assert "Brouillon" in (project / "build/docs/fiches/visite-entreprise.md").read_text(encoding="utf-8")


def test_site_url_from_the_environment_gives_the_sitemap_and_og_url(project):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL="https://exemple.invalid/kits/")
    result = subprocess.run([sys.executable, "-m", "ecole_entreprise", "--racine", str(project), "build"],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    sitemap = (project / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://exemple.invalid/kits/fiches/visite-entreprise/</loc>" in sitemap
    fiche = (project / "site/fiches/visite-entreprise/index.html").read_text(encoding="utf-8")
    assert 'content="https://exemple.invalid/kits/fiches/visite-entreprise/"' in fiche


def _processes_mentioning(text: str) -> list[str]:
    found = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout.splitlines()
    return [line for line in found if text in line and "ps -eo" not in line]


def test_mkdocs_started_early_is_stopped_when_the_content_is_refused(project):
    """`build` starts MkDocs before checking (it waits for the docs folder in the bridge):
    refused content must stop it, and leave neither a process nor a half-built site."""
    fiche = next((project / "kits" / "fiches").glob("*.yml"))
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("titre:", "titr:", 1), encoding="utf-8")
    done = run_cli("build", cwd=project)
    assert done.returncode == 1 and "Construction annulée" in done.stderr
    assert _processes_mentioning(str(project)) == []
    assert not list(project.glob("site.tmp-*")) and not (project / "site").exists()


def test_the_bridge_waits_for_the_generator_and_stops_without_its_signal(monkeypatch):
    import io

    from mkdocs.exceptions import PluginError

    from ecole_entreprise import mkdocs_hooks, site_builder

    config = type("Config", (), {"config_file_path": "/nonexistent/mkdocs.yml"})()
    for sent, stops in ((site_builder.READY, False), (b"", True), (b"autre chose\n", True)):
        run = site_builder.Run(docs_ready=io.BytesIO(sent))
        monkeypatch.setattr(site_builder, "current", run)
        if stops:
            with pytest.raises(PluginError, match="génération interrompue"):
                mkdocs_hooks.on_pre_build(config)
        else:
            mkdocs_hooks.on_pre_build(config)   # waits, then generates nothing (no project there)
        assert run.docs_ready is None   # read once: serve's rebuilds do not wait