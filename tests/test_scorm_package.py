"""The SCORM 1.2 package of the MOOC, as `ecole-entreprise build` writes it: a manifest
with the SCORM 1.2 namespaces and metadata, one organization listing the modules in the
parcours' order, unique identifiers, every listed file in the archive and every file
the SCO pages use listed (and nothing they load from elsewhere); one package per module
beside it. And one generator for both: a lesson's words changed in the YAML show on the
site's page and in the SCO."""

from __future__ import annotations

import html.parser
import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml

from ecole_entreprise.generate import generate
from helpers import FIXTURES, ROOT, make_project

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
PACKAGE = "donnees/mooc-tuteurs-scorm12.zip"


def cp(tag: str) -> str:
    return f"{{{IMSCP}}}{tag}"


def course_modules() -> list[dict]:
    parcours = yaml.safe_load((ROOT / "mooc" / "parcours.yml").read_text(encoding="utf-8"))
    return [yaml.safe_load((ROOT / "mooc" / "modules" / f"{m}.yml").read_text(encoding="utf-8"))
            for m in parcours["modules"]]


@pytest.fixture(scope="module")
def archive(corpus_site: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(corpus_site / PACKAGE)


def manifest_of(archive: zipfile.ZipFile) -> tuple[bytes, ET.Element]:
    raw = archive.read("imsmanifest.xml")
    return raw, ET.fromstring(raw)


class References(html.parser.HTMLParser):
    """Every address a page loads (src, stylesheet, icon) or links to (a href)."""

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []
        self.linked: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("src"):
            self.loaded.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.loaded.append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.linked.append(attrs["href"])


def check_package(archive: zipfile.ZipFile, module_ids: list[str]) -> None:
    raw, root = manifest_of(archive)
    assert root.tag == cp("manifest")
    for prefix, uri in (("", IMSCP), (":adlcp", ADLCP), (":imsmd", IMSMD)):
        assert f'xmlns{prefix}="{uri}"'.encode() in raw
    assert root.findtext(f"{cp('metadata')}/{cp('schema')}") == "ADL SCORM"
    assert root.findtext(f"{cp('metadata')}/{cp('schemaversion')}") == "1.2"
    assert root.find(f"{cp('metadata')}/{{{IMSMD}}}lom/{{{IMSMD}}}general/{{{IMSMD}}}title/{{{IMSMD}}}langstring") is not None

    identifiers = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(identifiers) == len(set(identifiers)), "identifiants en double"
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", i) for i in identifiers)   # xsd:ID
    resources = {r.get("identifier"): r for r in root.iter(cp("resource"))}

    organizations = root.find(cp("organizations"))
    organization = [o for o in organizations if o.get("identifier") == organizations.get("default")]
    assert len(organization) == 1
    items = organization[0].findall(cp("item"))
    assert [resources[i.get("identifierref")].get("href") for i in items] == \
        [f"modules/{m}/index.html" for m in module_ids]
    for item in items:
        assert int(item.findtext(f"{{{ADLCP}}}masteryscore")) == 75

    names = set(archive.namelist())
    listed = set()
    for resource in resources.values():
        files = [f.get("href") for f in resource.findall(cp("file"))]
        assert all(f in names for f in files), set(files) - names
        listed.update(files)
        for dependency in resource.findall(cp("dependency")):
            assert dependency.get("identifierref") in resources
        if resource.get(f"{{{ADLCP}}}scormtype") == "sco":
            assert resource.get("href") in files
    assert listed == names - {"imsmanifest.xml"}, "fichiers du paquet absents du manifeste"

    for resource in resources.values():
        if resource.get(f"{{{ADLCP}}}scormtype") != "sco":
            continue
        available = {f.get("href") for f in resource.findall(cp("file"))}
        for dependency in resource.findall(cp("dependency")):
            available |= {f.get("href") for f in resources[dependency.get("identifierref")].findall(cp("file"))}
        page = resource.get("href")
        refs = References()
        refs.feed(archive.read(page).decode("utf-8"))
        assert refs.loaded
        for address in refs.loaded:
            assert not re.match(r"^[a-z]+:|^//", address) or address.startswith("data:"), address
            if not address.startswith("data:"):
                assert posixpath.normpath(posixpath.join(posixpath.dirname(page), address)) in available, address
        for address in refs.linked:
            if address.startswith("#"):
                assert f'id="{address[1:]}"' in archive.read(page).decode("utf-8"), address
            elif not re.match(r"^(https?|mailto):", address):
                assert posixpath.normpath(posixpath.join(posixpath.dirname(page), address)) in available, address


def test_the_course_package_is_a_valid_scorm_12_package(archive):
    check_package(archive, [m["id"] for m in course_modules()])


def test_each_sco_holds_its_lessons_in_order_its_resources_and_its_quiz(archive):
    for module in course_modules():
        page = archive.read(f"modules/{module['id']}/index.html").decode("utf-8")
        positions = [page.index(f'id="lecon-{lecon["id"]}"') for lecon in module["lecons"]]
        assert positions == sorted(positions)
        assert page.index('id="quiz-du-module"') > positions[-1]
        assert page.count('<fieldset class="ee-question"') == len(module["quiz"]["questions"])
        for r in module.get("ressources", []):
            if r.get("fichier", "").endswith(".md"):
                for kind in ("odt", "pdf"):
                    assert f'href="../../ressources/{r["fichier"][:-3]}.{kind}"' in page


def test_one_package_per_module_for_platforms_that_play_one_sco(corpus_site):
    for module in course_modules():
        with zipfile.ZipFile(corpus_site / "donnees" / "scorm12" / f"mooc-tuteurs-{module['id']}.zip") as single:
            check_package(single, [module["id"]])


def test_open_edx_finds_each_module_package_launch_page_and_scorm_12(corpus_site):
    """What the Open edX SCORM XBlock reads when a package is uploaded: the first
    resource with an href is the page it launches, and a schemaversion of « 1.2 » makes
    it speak SCORM 1.2 (openedx-scorm-xblock, update_package_fields)."""
    for module in course_modules():
        with zipfile.ZipFile(corpus_site / "donnees" / "scorm12" / f"mooc-tuteurs-{module['id']}.zip") as single:
            _, root = manifest_of(single)
            launched = root.find(f"{cp('resources')}/{cp('resource')}[@href]").get("href")
            assert launched == f"modules/{module['id']}/index.html"
            assert re.match("^1.2$", root.findtext(f"{cp('metadata')}/{cp('schemaversion')}"))


def test_the_mooc_page_links_the_packages_with_a_guide(corpus_site):
    page = (corpus_site / "mooc" / "index.html").read_text(encoding="utf-8")
    assert 'href="../donnees/mooc-tuteurs-scorm12.zip"' in page
    assert "Paquetage SCORM" in page and "Open edX" in page
    for module in course_modules():
        assert f'href="../donnees/scorm12/mooc-tuteurs-{module["id"]}.zip"' in page


def test_a_content_change_shows_on_the_site_and_in_the_package(tmp_path):
    project = make_project(tmp_path / "projet", FIXTURES / "valid")
    path = next((project / "mooc" / "modules").glob("*.yml"))
    module = yaml.safe_load(path.read_text(encoding="utf-8"))
    module["lecons"][0]["contenu"] += "\nUne phrase ajoutée pour l'essai, avec un **mot en gras**.\n"
    path.write_text(yaml.safe_dump(module, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = generate(project)
    assert result.ok, [str(p) for p in result.problems.erreurs]
    pages = {p.path: p.content for p in result.pages}
    expected = "Une phrase ajoutée pour l'essai, avec un <strong>mot en gras</strong>."
    assert expected in pages[f"mooc/{module['id']}/{module['lecons'][0]['id']}.md"]
    sco = zipfile.ZipFile(io.BytesIO(pages[PACKAGE])).read(f"modules/{module['id']}/index.html").decode("utf-8")
    assert expected in sco
    again = {p.path: p.content for p in generate(project).pages}
    assert again[PACKAGE] == pages[PACKAGE]              # reproducible: an unchanged course rewrites nothing


def test_every_sco_page_is_valid_html(archive, tmp_path):
    from test_html import nu_errors

    archive.extractall(tmp_path / "site")
    pages, errors = nu_errors(tmp_path / "site")
    assert pages == len(course_modules())
    assert errors == []
