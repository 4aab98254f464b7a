"""PDFs of the kits and fiches, made at build time with WeasyPrint.

A record's PDF is its page: the Markdown the page template produced is turned into HTML
with the same Markdown extensions MkDocs uses, set in ``theme/templates/pdf/`` with
``theme/assets/css/pdf.css``, and printed by WeasyPrint (why WeasyPrint rather than
Chromium: docs/decisions/0005-pdf-weasyprint.md). Links to other pages of the site become
absolute when ``site_url`` is set, plain text otherwise: a PDF read offline has no
relative address to go to.

PDFs are cached by the hash of their inputs — the page's Markdown, the glossary, the
template, the stylesheet, ``site_url`` and WeasyPrint's version — in ``build/cache/pdf``, so
a rebuild converts and prints only the kits and fiches whose content changed; the missing
ones are converted and printed in parallel.
"""

from __future__ import annotations

import hashlib
import html
import os
import posixpath
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import markdown
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from . import registry
from .model import Site
from .render import Page
from .urls import absolute, pdf_path, url_of

CACHE_DIR = Path("build/cache/pdf")
TEMPLATE = "pdf/document.html.j2"
MARKDOWN_EXTENSIONS = ["abbr", "attr_list", "md_in_html", "admonition", "tables"]

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_LINK = re.compile(r'<a\s+href="([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|#)")


@dataclass(frozen=True)
class PdfSource:
    """What one PDF is made of. Small and picklable: printing workers build the HTML."""
    page: str            # the record's docs page (links are relative to it)
    nature: str
    titre: str
    mis_a_jour: str          # ISO day (the document's dcterms.modified)
    mis_a_jour_libelle: str  # the same, in French long form (its footer)
    markdown: str        # the page's Markdown, as MkDocs receives it
    abbreviations: str
    site_url: str
    template: str        # source of pdf/document.html.j2
    stylesheet: str

    def key(self) -> str:
        """The cache key: every input of the printed document, and the engine's version.
        Computed from the Markdown, so a rebuild that changes nothing converts nothing."""
        digest = hashlib.sha256(_ENGINE.encode("utf-8"))
        for part in (self.page, self.nature, self.titre, self.mis_a_jour, self.mis_a_jour_libelle, self.markdown,
                     self.abbreviations, self.site_url, self.template, self.stylesheet):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()


def pdf_pages(site: Site, pages: list[Page], abbreviations: str, templates: Path, css: Path) -> list[Page]:
    """A PDF for every published kit and fiche whose page is among ``pages``."""
    by_path = {p.path: p for p in pages}
    template = (templates / TEMPLATE).read_text(encoding="utf-8")
    stylesheet = css.read_text(encoding="utf-8")
    paths, sources = [], []
    for type_ in (t.name for t in registry.TYPES if t.pdf):
        for record in sorted(site.published(type_), key=lambda r: r.id):
            page = by_path.get(record.page)
            if page is not None:
                paths.append(pdf_path(record))
                updated = record.dates.get(("mis_a_jour",))
                sources.append(PdfSource(record.page, registry.get(record.type).pdf, record.titre,
                                         record.updated.isoformat() if record.updated else "",
                                         updated.libelle() if updated else "", str(page.content), abbreviations,
                                         site.config.site_url, template, stylesheet))
    return [Page(path, data) for path, data in zip(paths, _print_all(sources, site.root / CACHE_DIR))]


def document_html(source: PdfSource) -> str:
    """The HTML document WeasyPrint prints: the page's Markdown converted with the
    extensions MkDocs uses, its links made absolute, set in the PDF template."""
    body = markdown.markdown(_FRONT_MATTER.sub("", source.markdown, count=1) + "\n\n" + source.abbreviations,
                             extensions=MARKDOWN_EXTENSIONS, output_format="html")
    body = _LINK.sub(lambda m: _link(source.site_url, source.page, m), body)
    env = Environment(undefined=StrictUndefined, autoescape=True)
    return env.from_string(source.template).render(
        titre=source.titre, site_name="École-entreprise — kits et MOOC", nature=source.nature,
        description=re.sub(r"<[^>]+>", "", body)[:200].strip(), mis_a_jour=source.mis_a_jour,
        mis_a_jour_libelle=source.mis_a_jour_libelle, css=Markup(source.stylesheet), contenu=Markup(body),
        adresse=absolute(source.site_url, source.page) or "")


def _link(site_url: str, page: str, match: re.Match) -> str:
    href, rest, label = match.group(1), match.group(2), match.group(3)
    if _EXTERNAL.match(href):
        return match.group(0)
    target = absolute(site_url, _docs_page(page, html.unescape(href)))
    if target:
        return f'<a href="{html.escape(target)}"{rest}>{label}</a>'
    return f"<span>{label}</span>"


def _docs_page(page: str, href: str) -> str:
    """Docs path that a relative link of ``page`` points at (a .md file or a URL)."""
    path = href.split("#", 1)[0]
    if path.endswith(".md"):
        return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    folder = posixpath.normpath(posixpath.join(url_of(page) or ".", path))
    if "." in posixpath.basename(folder):       # a file: a PDF, a calendar
        return folder
    return "index.md" if folder == "." else folder + ".md"


# --- printing ----------------------------------------------------------------------------

def _print_all(sources: list[PdfSource], cache: Path) -> list[bytes]:
    cache.mkdir(parents=True, exist_ok=True)
    keys = [source.key() for source in sources]
    missing = {k: source for k, source in zip(keys, sources) if not (cache / f"{k}.pdf").is_file()}
    if len(missing) > 1 and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, len(missing))) as pool:
            printed = dict(zip(missing, pool.map(print_source, missing.values(), chunksize=4)))
    else:
        printed = {k: print_source(source) for k, source in missing.items()}
    for key, data in printed.items():
        (cache / f"{key}.pdf").write_bytes(data)
    return [(cache / f"{k}.pdf").read_bytes() for k in keys]


def print_source(source: PdfSource) -> bytes:
    return print_pdf(document_html(source))


def print_pdf(document: str) -> bytes:
    """One HTML document printed to PDF: tagged (PDF/UA-1) for screen readers."""
    import weasyprint  # heavy import (~1 s): only when something must be printed

    return weasyprint.HTML(string=document, base_url=None).write_pdf(pdf_variant="pdf/ua-1")


def _engine_version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return "weasyprint " + version("weasyprint") + "\n"
    except PackageNotFoundError:
        return "weasyprint\n"


_ENGINE = _engine_version()
