"""The docs folder is the whole interface to the site builder: stock MkDocs without the
bridge's hooks (as Zensical, which runs none) publishes the same, equally safe site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ecole_entreprise.generate import build_docs
from helpers import FIXTURES, make_project

HOSTILE = FIXTURES / "pages" / "piegee.md"
# What no page of the site may carry in its content (Material's own scripts are in the
# page's frame, outside <article>).
FORBIDDEN = re.compile(r"<script|<iframe|<style|<[^>]*\son[a-z]+\s*=|<[^>]*=\s*[\"']?\s*javascript:", re.I)


def _mkdocs(project: Path, config: str, out: str) -> Path:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", config,
                           "--site-dir", out], cwd=project, capture_output=True, text=True,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stdout + done.stderr
    return project / out


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("sans-hooks") / "projet")
    shutil.copy(HOSTILE, project / "content" / "pages" / HOSTILE.name)
    result = build_docs(project)
    assert result.ok, [str(p) for p in result.problems.sorted()]
    with_hooks = _mkdocs(project, "mkdocs.yml", "site-avec")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    stock = re.sub(r"^hooks:\n(?:  - .*\n)+", "", config, flags=re.M)
    assert stock != config and "hooks" not in stock
    (project / "mkdocs-sans-hooks.yml").write_text(stock, encoding="utf-8")
    without = _mkdocs(project, "mkdocs-sans-hooks.yml", "site-sans")
    return with_hooks, without


def _files(site: Path) -> dict[str, bytes]:
    # sitemap.xml.gz carries the time it was compressed
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix != ".gz"}


def test_a_build_without_hooks_publishes_the_same_site(two_builds):
    with_hooks, without = _files(two_builds[0]), _files(two_builds[1])
    assert with_hooks.keys() == without.keys()
    different = [path for path in with_hooks if with_hooks[path] != without[path]]
    assert different == []
    assert len([p for p in with_hooks if p.endswith(".html")]) > 20


def _article(site: Path, page: str) -> str:
    text = (site / page).read_text(encoding="utf-8")
    return text[text.index("<article"):text.index("</article>")]


@pytest.mark.parametrize("build", [0, 1], ids=["avec-hooks", "sans-hooks"])
def test_a_hostile_hand_written_page_stays_inert(two_builds, build):
    article = _article(two_builds[build], "piegee/index.html")
    assert FORBIDDEN.search(article) is None, FORBIDDEN.search(article)
    assert "Un lien piégé" in article and "une ancre piégée" in article   # the text stays, as text
    assert '<a href="../a-propos/">une page du site</a>' in article
    assert '<a href="https://www.education.gouv.fr/">un site</a>' in article
    assert 'id="__config"' not in article and 'id="config"' in article     # Material's own ids stay free
    assert '<section class="ee-entree">' in article
    assert "&#91;texte&#93;(javascript:" in article                        # escaped Markdown stays text


def test_every_hand_written_page_is_free_of_script_in_both_builds(two_builds):
    # (pages made from templates embed the site's own scripts: test_xss.py covers them)
    names = [p.stem for p in (FIXTURES / "valid" / "content" / "pages").glob("*.md") if p.stem != "accueil"]
    assert names
    for site in two_builds:
        for name in names + [HOSTILE.stem]:
            assert FORBIDDEN.search(_article(site, f"{name}/index.html")) is None, (site, name)
