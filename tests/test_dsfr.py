"""The State's identity: the vendored DSFR is exactly what the pinned package gives, and
the `extra.identite` switch publishes the State's marks with `etat` and none with `neutre`."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from helpers import ROOT, build_site, make_project, run_cli

VENDORED = ROOT / "theme" / "assets" / "dsfr"
STATE_MARKS = re.compile(r"fr-logo|fr-header|fr-footer|République<br>française|Marianne|assets/dsfr/|etat\.css|#000091")


def _vendor_script():
    spec = importlib.util.spec_from_file_location("vendor_dsfr", ROOT / "scripts" / "vendor_dsfr.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_vendored_files_are_the_extract_of_the_pinned_package():
    # node_modules comes from `npm ci`, which checks the tarball against package-lock.json's
    # sha512: the same bytes here means the committed files come from the pinned package.
    if not (ROOT / "node_modules" / "@gouvfr" / "dsfr" / "package.json").is_file():
        pytest.fail("@gouvfr/dsfr absent : lancez `make test` (npm ci --ignore-scripts)")
    expected = _vendor_script().extract()
    committed = {p.relative_to(VENDORED).as_posix(): p.read_bytes()
                 for p in VENDORED.rglob("*") if p.is_file() and p.name != "PROVENANCE.txt"}
    assert sorted(committed) == sorted(expected)
    assert [name for name in expected if committed[name] != expected[name]] == []


def test_the_package_is_pinned_with_its_integrity_and_its_provenance_recorded():
    version = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["@gouvfr/dsfr"]
    assert re.fullmatch(r"1\.15\.\d+", version)
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]["node_modules/@gouvfr/dsfr"]
    assert locked["version"] == version
    # the lock omits `resolved` (npm's omit-lockfile-registry-resolved): the registry's tarball
    assert locked["integrity"].startswith("sha512-")
    provenance = (VENDORED / "PROVENANCE.txt").read_text(encoding="utf-8")
    assert f"`@gouvfr/dsfr` {version}" in provenance and locked["integrity"] in provenance
    assert "etalab-2.0" in provenance
    assert f"DSFR v{version}" in (VENDORED / "dsfr.min.css").read_text(encoding="utf-8")[:200]


def test_the_extract_is_light():
    import gzip

    css = (VENDORED / "dsfr.min.css").read_bytes()
    assert len(gzip.compress(css, 9)) < 20_000          # the whole DSFR: 94,330 bytes gzipped
    fonts = sorted(p.name for p in (VENDORED / "fonts").iterdir())
    assert fonts == ["Marianne-Bold.woff2", "Marianne-Regular.woff2"]


@pytest.fixture(scope="session")
def neutral_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("neutre") / "projet")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "identite: etat" in text
    config.write_text(text.replace("identite: etat", "identite: neutre"), encoding="utf-8")
    return build_site(project)


def _pages(site: Path) -> dict[str, str]:
    # not admin/: the form editor is the editors' tool (Decap CMS), not a page of the site
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
            if not p.relative_to(site).as_posix().startswith("admin/")}


def test_the_state_build_carries_the_marks_on_every_page(fixture_site):
    pages = _pages(fixture_site)
    assert len(pages) > 10
    for name, html in pages.items():
        assert '<p class="fr-logo">République<br>française</p>' in html, name
        assert 'class="fr-footer' in html and 'href="https://www.legifrance.gouv.fr"' in html, name
        for text in (">Plan du site<", ">Accessibilité : partiellement conforme<", ">Mentions légales<", ">Données personnelles<"):
            assert text in html, (name, text)
    assert (fixture_site / "assets" / "dsfr" / "fonts" / "Marianne-Regular.woff2").is_file()


def test_the_neutral_build_has_none_of_the_marks_and_the_same_pages(fixture_site, neutral_site):
    state, neutral = _pages(fixture_site), _pages(neutral_site)
    assert sorted(neutral) == sorted(state)
    marked = {name: STATE_MARKS.findall(html) for name, html in neutral.items() if STATE_MARKS.search(html)}
    assert marked == {}
    assert not (neutral_site / "assets" / "dsfr").exists()
    assert not (neutral_site / "assets" / "css" / "etat.css").exists()
    # the same site otherwise: the footer's mandatory links and the menu button are there
    for name, html in neutral.items():
        assert ">Mentions légales<" in html and ">Données personnelles<" in html, name
        assert "data-ee-menu" in html, name


def test_an_unknown_identity_is_refused_with_its_position(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("identite: etat", "identite: bleue"), encoding="utf-8")
    line = next(n for n, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "identite:" in text)
    result = run_cli("--racine", str(project), "check")
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}:3" in result.stdout + result.stderr
    assert "« bleue » n'est pas une identité du site" in result.stdout + result.stderr


def test_the_site_map_lists_every_published_page(fixture_site):
    plan = (fixture_site / "plan-du-site" / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="\.\./([^"#]*)"', plan.split('class="md-content"', 1)[1].split("</article>", 1)[0]))
    pages = {p.parent.relative_to(fixture_site).as_posix() + "/" for p in fixture_site.rglob("index.html")
             if p.parent != fixture_site and not p.parent.name.startswith(("assets", "plan-du-site", "admin"))}
    assert pages - links - {"404/"} == set()


def test_the_base_template_differs_from_materials_only_by_the_main_landmark():
    import difflib

    import material

    stock = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8").splitlines()
    ours = (ROOT / "theme" / "overrides" / "base.html").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(stock, ours, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    removed = sorted(line[1:].strip() for line in changed if line.startswith("-"))
    added = [line[1:].strip() for line in changed if line.startswith("+")]
    assert removed == ["-#}", "</main>", '<main class="md-main" data-md-component="main">', "This file was automatically generated - do not edit", "{#-"]
    assert '<div class="md-main" data-md-component="main">' in added and "</div>" in added
    assert all(a.startswith(("{#-", "the ", "main ", "(RGAA", "file ", "<div", "</div>")) for a in added), added
