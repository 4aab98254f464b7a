"""The MOOC's resources as documents a tutor can use: each Markdown resource of
``mooc/ressources/`` is also published as OpenDocument text (``.odt``, the State's
standard format, which LibreOffice and Word edit) and as a PDF to print.

Both come from one tree: the resource's Markdown is parsed once by Python-Markdown (the
glossary's acronyms as on the site, raw HTML shown as text as in every content field),
and the element tree it builds is
- written as ODF with odfpy: real headings (``text:h`` with their outline level), real
  lists (``text:list``), real tables (``table:table``, header rows repeated on every
  page), styles named as office suites name theirs (« Heading 1 », « Text body »), so a
  tutor's own template restyles it (docs/decisions/0021-resource-documents.md);
- serialized to HTML, set in the PDF template of the kits and fiches and printed by
  WeasyPrint (pdf.py), cached by the hash of that HTML.

A list whose every item starts with « [ ] » is a check-list: its items get a box to tick
on paper instead of the brackets.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import markdown
from markdown.treeprocessors import Treeprocessor

from . import pdf, urls
from .render import Page

FOLDER = "mooc/ressources"
NATURE = "Ressource du MOOC des tuteurs"
CACHE_DIR = Path("build/cache/documents")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)   # fixed: an unchanged resource rewrites no byte
_LINK_SCHEMES = ("https:", "http:", "mailto:")
_CASE = re.compile(r"^\[( |x|X)\]\s+")
# What an ODT is made by: the writer's code and odfpy's version (the cache key's start).
_ODT_WRITER = (Path(__file__).with_name("odt.py").read_bytes()
               + b"\0" + metadata.version("odfpy").encode("ascii") + b"\0")


def odt_path(stem: str) -> str:
    return f"{FOLDER}/{stem}.odt"


def pdf_path(stem: str) -> str:
    return f"{FOLDER}/{stem}.pdf"


@dataclass
class Resource:
    """One Markdown resource, parsed: its file stem, title and element tree (a <div>)."""
    stem: str
    titre: str
    tree: ET.Element

    def html(self) -> str:
        return "".join(ET.tostring(child, encoding="unicode", method="html") for child in self.tree)


# --- Markdown → tree -----------------------------------------------------------------

class _KeepTree(Treeprocessor):
    """Runs last and keeps the finished tree (inline elements and abbreviations included)."""

    def run(self, root: ET.Element) -> None:
        self.md.kept = _copy(root)


def _copy(element: ET.Element) -> ET.Element:
    copy = ET.Element(element.tag, dict(element.attrib))
    copy.text, copy.tail = element.text, element.tail
    copy.extend(_copy(child) for child in element)
    return copy


def parse(stem: str, text: str, glossary: dict[str, str]) -> Resource:
    md = markdown.Markdown(extensions=["abbr", "sane_lists", "tables"],
                           extension_configs={"abbr": {"glossary": glossary}})
    md.preprocessors.deregister("html_block")   # raw HTML is text here, as in content fields
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_KeepTree(md), "ee-keep", -100)
    md.convert(text)
    tree = md.kept
    _unstash(tree, md)
    _checklists(tree)
    _safe_links(tree)
    h1 = tree.find("h1")
    titre = " ".join("".join(h1.itertext()).split()) if h1 is not None else stem
    return Resource(stem, titre, tree)


def _unstash(tree: ET.Element, md: markdown.Markdown) -> None:
    """Entities (« &amp; », « &nbsp; ») wait in Python-Markdown's stash until its last
    step, which this tree does not go through: put them back as the characters they are."""
    from markdown.util import HTML_PLACEHOLDER
    pattern = re.compile(re.escape(HTML_PLACEHOLDER).replace("%s", r"(\d+)"))

    def fix(value: str | None) -> str | None:
        if not value or "wzxhzdk" not in value:
            return value
        return pattern.sub(lambda m: html.unescape(str(md.htmlStash.rawHtmlBlocks[int(m.group(1))])), value)

    for element in tree.iter():
        element.text, element.tail = fix(element.text), fix(element.tail)


def _checklists(tree: ET.Element) -> None:
    for ul in tree.iter("ul"):
        items = list(ul.findall("li"))
        if not items or not all(_CASE.match(li.text or "") for li in items):
            continue
        ul.set("class", "ee-cases")
        for li in items:
            if _CASE.match(li.text).group(1) != " ":
                li.set("class", "ee-case-cochee")
            li.text = _CASE.sub("", li.text)


def _safe_links(tree: ET.Element) -> None:
    """Only web and mail addresses stay links: a relative one points at nothing in a
    downloaded document, and any other scheme is no place to send a reader."""
    for a in tree.iter("a"):
        href = a.get("href", "")
        if not href.lower().startswith(_LINK_SCHEMES):
            a.tag = "span"
            a.attrib.clear()


# --- the documents ---------------------------------------------------------------------

def resource_documents(sources: list[Path], glossary: dict[str, str], mis_a_jour: str, mis_a_jour_libelle: str,
                       site_url: str,
                       templates: Path, css: Path, cache: Path) -> list[Page]:
    """The .odt and .pdf of every Markdown resource among ``sources``."""
    resources = [parse(p.stem, p.read_text(encoding="utf-8"), glossary) for p in sources if p.suffix == ".md"]
    template = (templates / pdf.TEMPLATE).read_text(encoding="utf-8")
    stylesheet = css.read_text(encoding="utf-8")
    documents = [pdf.render_document(template, stylesheet, r.titre, NATURE, mis_a_jour, mis_a_jour_libelle, r.html(),
                                     urls.absolute(site_url, f"{FOLDER}/{r.stem}.md"))
                 for r in resources]
    printed = print_cached(documents, cache)
    pages: list[Page] = []
    for resource, data in zip(resources, printed):
        pages.append(Page(odt_path(resource.stem), odt_cached(resource, cache)))
        pages.append(Page(pdf_path(resource.stem), data))
    return pages


def odt_cached(resource: Resource, cache: Path) -> bytes:
    """The resource's ODT, written again only when its tree or the writer changed (about
    0.1 s a document: a rebuild during `serve` should not pay it for nothing)."""
    digest = hashlib.sha256(_ODT_WRITER)
    digest.update(resource.titre.encode("utf-8") + b"\0" + resource.html().encode("utf-8"))
    path = cache / f"{digest.hexdigest()}.odt"
    if not path.is_file():
        path.write_bytes(odt(resource))
    return path.read_bytes()


def print_cached(documents: list[str], cache: Path) -> list[bytes]:
    """Each HTML document printed to PDF once: cached by its hash and the engine's version."""
    cache.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha256((pdf.ENGINE + document).encode("utf-8")).hexdigest() for document in documents]
    missing = {k: d for k, d in zip(keys, documents) if not (cache / f"{k}.pdf").is_file()}
    for key, data in zip(missing, pdf.print_many(list(missing.values()))):
        (cache / f"{key}.pdf").write_bytes(data)
    return [(cache / f"{k}.pdf").read_bytes() for k in keys]


# --- OpenDocument text ---------------------------------------------------------------------

def odt(resource: Resource) -> bytes:
    from .odt import OdtWriter   # odfpy: imported only when a document is written

    writer = OdtWriter(resource.titre)
    writer.blocks(resource.tree)
    return normalized_zip(writer.save())


def normalized_zip(data: bytes) -> bytes:
    """The same archive with fixed dates (odfpy stamps the time of writing), ``mimetype``
    first and stored, as ODF requires."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        names = sorted(source.namelist(), key=lambda n: n != "mimetype")
        for name in names:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name))
    return out.getvalue()
