"""The MOOC as a SCORM 1.2 package, for the LMSs where tutors already learn (Moodle and
M@gistère, Open edX, and any LMS that imports SCORM 1.2).

One SCO per module, in the parcours' order. A SCO is one HTML page made of the site's own
pages: the parts of the module's and lessons' rendered Markdown between
``<!-- ee-sco:… -->`` markers (module.md.j2, lecon.md.j2) are converted with the Markdown
extensions MkDocs uses and set in ``theme/templates/scorm/sco.html.j2``. So a change to the
content or to those templates shows on the site and in the package alike. The package
carries every file its pages use (``theme/scorm/`` and the site's MOOC scripts); its
pages use the system's fonts, so there is no font file to carry, and no request leaves
the package. How a SCO talks to the LMS: ``theme/scorm/mooc-scorm.js``; why this shape:
docs/decisions/0022-scorm-package.md.

Besides the whole course, each module is also packaged alone: the Open edX SCORM XBlock
plays only the first SCO of a package, so there one XBlock per module is the way.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from markupsafe import Markup

from . import documents, pdf, urls
from .model import Record, Site
from .render import Page, Renderer

PACKAGE = "donnees/mooc-tuteurs-scorm12.zip"
MODULE_PACKAGE = "donnees/scorm12/mooc-tuteurs-{id}.zip"
ASSETS = Path("theme/scorm")
SITE_SCRIPTS = ("mooc.js", "mooc-quiz.js")          # the site's own course scripts, as they are
SCO_TEMPLATE = "scorm/sco.html.j2"
COMMON = "commun"
ZIP_DATE = documents.ZIP_DATE

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATIONS = (f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd "
                    f"{ADLCP} adlcp_rootv1p2.xsd")
MANIFEST_ID = "fr.education.ecole-entreprise.mooc-tuteurs"

_REGION = re.compile(r"<!-- ee-sco:(?P<nom>[a-z-]+) -->\n(?P<contenu>.*?)<!-- /ee-sco:(?P=nom) -->", re.S)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_LINK = re.compile(r'<a\s+href="([^"]*)"([^>]*)>(.*?)</a>', re.S)
_WEB = re.compile(r"^(?:https?:|mailto:)", re.I)


@dataclass
class Sco:
    module: Record
    href: str                         # its page, from the package root
    seuil: int                        # the quiz's pass mark, the item's masteryscore
    numero: int                       # its place in the parcours, from 1
    files: list[str] = field(default_factory=list)   # the files only it uses (its page, its resources)


def scorm_pages(site: Site, modules: list[Record], pages: list[Page], seuil, outline, templates: Path) -> list[Page]:
    """The course package and one package per module."""
    if not modules:
        return []
    by_path = {p.path: p for p in pages}
    renderer = Renderer(site, templates)
    cours = outline(site.parcours, modules)
    common = _common_files(site.root)
    converter = markdown_converter(site)
    scos = {m.id: _sco(site, renderer, m, modules, cours, seuil(m), by_path, converter) for m in modules}
    result = [Page(PACKAGE, package(site, modules, scos, common, site.parcours.titre))]
    for m in modules:
        result.append(Page(MODULE_PACKAGE.format(id=m.id), package(site, [m], scos, common, m.titre)))
    return result


def package_links(from_page: str, modules: list[Record]) -> dict[str, Any]:
    """Markdown links from a page to the course's package and to each module's."""
    folder = posixpath.dirname(from_page) or "."
    return {"cours": posixpath.relpath(PACKAGE, folder),
            "modules": [(m, posixpath.relpath(MODULE_PACKAGE.format(id=m.id), folder)) for m in modules]}


# --- one SCO ---------------------------------------------------------------------------

def _sco(site: Site, renderer: Renderer, module: Record, modules: list[Record], cours: dict[str, Any], seuil: int,
         by_path: dict[str, Page], converter: markdown.Markdown) -> tuple[Sco, dict[str, bytes]]:
    """The SCO of a module: its page and the resource files it offers."""
    href = f"modules/{module.id}/index.html"
    site_url = site.config.site_url
    module_regions = regions(str(by_path[module.page].content))
    lecons = []
    for lecon in module["lecons"]:
        page = module.lecon_page(lecon["id"])
        lecons.append({"lecon": lecon,
                       "html": _html(regions(str(by_path[page].content))["lecon"], page, site_url, converter)})
    files: dict[str, bytes] = {}
    ressources = []
    for r in module.get("ressources", []):
        entry = {"titre": r["titre"], "description": Markup(_links(str(renderer.markdown_inline(r["description"])),
                                                                    module.page, site_url)),
                 "fichiers": [], "lien": r.get("lien")}
        fichier = r.get("fichier")
        if fichier and fichier.endswith(".md"):
            stem = fichier[:-3]
            for path, kind in ((documents.odt_path(stem), "odt"), (documents.pdf_path(stem), "pdf")):
                files[f"ressources/{posixpath.basename(path)}"] = _bytes(by_path[path])
                entry["fichiers"].append({"href": f"../../ressources/{posixpath.basename(path)}", "format": kind})
        elif fichier:
            files[f"ressources/{fichier}"] = _bytes(by_path[f"{documents.FOLDER}/{fichier}"])
            entry["fichiers"].append({"href": f"../../ressources/{fichier}", "format": posixpath.splitext(fichier)[1][1:]})
        ressources.append(entry)
    html = renderer.render(
        SCO_TEMPLATE, module.page, module=module, modules=modules, parcours=site.parcours, cours=dict(cours, racine="../../"), seuil=seuil,
        objectifs=_html(module_regions["objectifs"], module.page, site_url, converter),
        quiz=_html(module_regions["quiz"], module.page, site_url, converter),
        lecons=lecons, ressources=ressources, commun=f"../../{COMMON}/",
        adresse=urls.absolute(site_url, module.page)).content
    files[href] = str(html).encode("utf-8")
    return Sco(module, href, seuil, modules.index(module) + 1, sorted(files)), files


def regions(page_markdown: str) -> dict[str, str]:
    """The parts of a rendered page between ``<!-- ee-sco:NAME -->`` markers, by name."""
    return {m.group("nom"): m.group("contenu") for m in _REGION.finditer(page_markdown)}


def _html(region: str, page: str, site_url: str, converter: markdown.Markdown) -> str:
    """A region's Markdown as MkDocs would convert it (no heading anchors: a SCO page has
    no permalinks), links to the site made absolute, or plain text without ``site_url``."""
    body = converter.reset().convert(_FRONT_MATTER.sub("", region))
    return Markup(_links(body, page, site_url))


def markdown_converter(site: Site) -> markdown.Markdown:
    """MkDocs' Markdown extensions, the glossary's acronyms given once (as the site's
    appended abbreviations, without parsing 40-odd definitions for every region)."""
    glossary = {sigle: " ".join(str(developpe).split()) for sigle, developpe in site.expansions.items()}
    return markdown.Markdown(extensions=pdf.MARKDOWN_EXTENSIONS, extension_configs={"abbr": {"glossary": glossary}},
                             output_format="html")


def _links(body: str, page: str, site_url: str) -> str:
    def fix(match: re.Match) -> str:
        href = match.group(1)
        if href.startswith("#") or _WEB.match(href):
            return match.group(0)
        return pdf._link(site_url, page, match)
    return _LINK.sub(fix, body)


def _bytes(page: Page) -> bytes:
    return page.content.encode("utf-8") if isinstance(page.content, str) else page.content


def _common_files(root: Path) -> dict[str, bytes]:
    """The styles and scripts every SCO uses: the package's own, and the site's MOOC scripts."""
    files = {f"{COMMON}/{p.name}": p.read_bytes() for p in sorted((root / ASSETS).iterdir()) if p.is_file()}
    for name in SITE_SCRIPTS:
        files[f"{COMMON}/{name}"] = (root / "theme" / "assets" / "js" / name).read_bytes()
    return files


# --- the package -----------------------------------------------------------------------

def package(site: Site, modules: list[Record], scos: dict[str, tuple[Sco, dict[str, bytes]]],
            common: dict[str, bytes], titre: str) -> bytes:
    files: dict[str, bytes] = dict(common)
    for m in modules:
        files.update(scos[m.id][1])
    manifest = manifest_xml(site, [scos[m.id][0] for m in modules], sorted(common), titre)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in [("imsmanifest.xml", manifest)] + sorted(files.items()):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            # PDF and ODT are compressed already: stored as they are (a third of the time)
            info.compress_type = zipfile.ZIP_STORED if name.endswith((".pdf", ".odt")) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def manifest_xml(site: Site, scos: list[Sco], common: list[str], titre: str) -> bytes:
    """imsmanifest.xml: the modules as items of one organization, in the parcours' order,
    each pointing at its SCO; the shared styles and scripts as one asset."""
    ET.register_namespace("", IMSCP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("imsmd", IMSMD)
    ET.register_namespace("xsi", XSI)
    parcours = site.parcours
    version = str(parcours.get("mis_a_jour", "1"))
    identifier = MANIFEST_ID if len(scos) > 1 else f"{MANIFEST_ID}.{scos[0].module.id}"
    root = ET.Element(_cp("manifest"), {"identifier": identifier, "version": version,
                                         f"{{{XSI}}}schemaLocation": SCHEMA_LOCATIONS})
    metadata = ET.SubElement(root, _cp("metadata"))
    ET.SubElement(metadata, _cp("schema")).text = "ADL SCORM"
    ET.SubElement(metadata, _cp("schemaversion")).text = "1.2"
    lom = ET.SubElement(metadata, _md("lom"))
    general = ET.SubElement(lom, _md("general"))
    _langstring(ET.SubElement(general, _md("title")), titre)
    ET.SubElement(general, _md("language")).text = "fr"
    _langstring(ET.SubElement(general, _md("description")), _plain(parcours.get("public", titre)))

    organizations = ET.SubElement(root, _cp("organizations"), {"default": "ORG-parcours"})
    organization = ET.SubElement(organizations, _cp("organization"), {"identifier": "ORG-parcours"})
    ET.SubElement(organization, _cp("title")).text = titre
    for sco in scos:
        item = ET.SubElement(organization, _cp("item"), {"identifier": f"ITEM-{sco.module.id}",
                                                          "identifierref": f"SCO-{sco.module.id}", "isvisible": "true"})
        ET.SubElement(item, _cp("title")).text = f"Module {sco.numero} : {sco.module.titre}"
        ET.SubElement(item, _ad("masteryscore")).text = str(sco.seuil)

    resources = ET.SubElement(root, _cp("resources"))
    for sco in scos:
        resource = ET.SubElement(resources, _cp("resource"), {
            "identifier": f"SCO-{sco.module.id}", "type": "webcontent", _ad("scormtype"): "sco", "href": sco.href})
        for name in sco.files:
            ET.SubElement(resource, _cp("file"), {"href": name})
        ET.SubElement(resource, _cp("dependency"), {"identifierref": "COMMUN"})
    shared = ET.SubElement(resources, _cp("resource"), {"identifier": "COMMUN", "type": "webcontent",
                                                         _ad("scormtype"): "asset"})
    for name in common:
        ET.SubElement(shared, _cp("file"), {"href": name})
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _cp(tag: str) -> str:
    return f"{{{IMSCP}}}{tag}"


def _ad(tag: str) -> str:
    return f"{{{ADLCP}}}{tag}"


def _md(tag: str) -> str:
    return f"{{{IMSMD}}}{tag}"


def _langstring(parent: ET.Element, text: str) -> None:
    ET.SubElement(parent, _md("langstring"), {XML_LANG: "fr"}).text = text


def _plain(text: Any) -> str:
    return " ".join(str(text).split())
