"""PDFs of the kits and fiches, made at build time with WeasyPrint.

A record's PDF is its page: the Markdown the page template produced is turned into HTML
with the same Markdown extensions MkDocs uses, set in ``theme/templates/pdf/`` with
``theme/assets/css/pdf.css``, and printed by WeasyPrint (why WeasyPrint rather than
Chromium: docs/decisions/0005-pdf-weasyprint.md). Links to other pages of the site become
absolute when ``site_url`` is set, plain text otherwise: a PDF read offline has no
relative address to go to.

With ``extra.identite: etat`` the PDF carries the State's identity as the site does: the
bloc-marque (DSFR's own logo rules, read from the vendored extract), Marianne, the site's
name and, when ``site_url`` is set, the page's address (decision 0025).

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
import yaml
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
    marque: str = ""     # with the State's identity: its CSS (bloc-marque, Marianne); else ""

    def key(self) -> str:
        """The cache key: every input of the printed document, and the engine's version.
        Computed from the Markdown, so a rebuild that changes nothing converts nothing."""
        digest = hashlib.sha256(_ENGINE.encode("utf-8"))
        for part in (self.page, self.nature, self.titre, self.mis_a_jour, self.mis_a_jour_libelle, self.markdown,
                     self.abbreviations, self.site_url, self.template, self.stylesheet, self.marque):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()


def pdf_pages(site: Site, pages: list[Page], abbreviations: str, templates: Path, css: Path) -> list[Page]:
    """A PDF for every published kit and fiche whose page is among ``pages``."""
    by_path = {p.path: p for p in pages}
    template = (templates / TEMPLATE).read_text(encoding="utf-8")
    stylesheet = css.read_text(encoding="utf-8")
    marque = state_css(css.parent.parent / "dsfr") if site.config.identite != "neutre" else ""
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
                                         site.config.site_url, template, stylesheet, marque))
    return [Page(path, data) for path, data in zip(paths, _print_all(sources, site.root / CACHE_DIR))]


def document_html(source: PdfSource) -> str:
    """The HTML document WeasyPrint prints: the page's Markdown converted with the
    extensions MkDocs uses, its links made absolute, set in the PDF template."""
    body = markdown.markdown(_FRONT_MATTER.sub("", source.markdown, count=1) + "\n\n" + source.abbreviations,
                             extensions=MARKDOWN_EXTENSIONS, output_format="html")
    body = _LINK.sub(lambda m: _link(source.site_url, source.page, m), body)
    return render_document(source.template, source.stylesheet + source.marque, source.titre, source.nature,
                           source.mis_a_jour, source.mis_a_jour_libelle, body,
                           absolute(source.site_url, source.page), description=_description(source.markdown, body),
                           etat=bool(source.marque))


def render_document(template: str, stylesheet: str, titre: str, nature: str, mis_a_jour: str,
                    mis_a_jour_libelle: str, body: str, adresse: str | None, *, description: str | None = None,
                    etat: bool = False) -> str:
    """A document body (HTML) set in the PDF template: the kits', fiches' and resources' (documents.py).
    ``stylesheet`` includes the State's marks when ``etat``."""
    env = Environment(undefined=StrictUndefined, autoescape=True)
    return env.from_string(template).render(
        titre=titre, site_name=SITE_NAME, nature=nature,
        description=description if description is not None else _description("", body), mis_a_jour=mis_a_jour,
        mis_a_jour_libelle=mis_a_jour_libelle, css=Markup(stylesheet), contenu=Markup(body), etat=etat,
        adresse=adresse or "")


SITE_NAME = "École-entreprise — kits et MOOC"


def _description(page_markdown: str, body: str) -> str:
    """The PDF's description (its XMP dc:description): the page's own description from
    its front matter, as plain text; else the start of its text."""
    front = _FRONT_MATTER.match(page_markdown)
    try:
        meta = yaml.safe_load(front.group(0).strip().strip("-")) if front else None
    except yaml.YAMLError:
        meta = None
    text = meta.get("description") if isinstance(meta, dict) else None
    if not isinstance(text, str):
        text = re.sub(r"<[^>]+>", "", body)[:200]
    return " ".join(html.unescape(text).split())


def state_css(dsfr: Path) -> str:
    """The State's marks for the PDF: the bloc-marque (DSFR's two images, read from the
    vendored extract, placed as DSFR places them, in CSS that WeasyPrint lays out) and
    Marianne, from the vendored files."""
    extract = (dsfr / "dsfr.min.css").read_text(encoding="utf-8")
    marianne = re.search(r'\.fr-logo:before\{background-image:(url\("data:[^"]*"\))', extract).group(1)
    devise = re.search(r'\.fr-logo:after\{background-image:(url\("data:[^"]*"\))', extract).group(1)
    fonts = "".join(
        f'@font-face{{font-family:Marianne;font-weight:{weight};src:url("{(dsfr / "fonts" / name).resolve().as_uri()}")}}'
        for weight, name in (("400", "Marianne-Regular.woff2"), ("700", "Marianne-Bold.woff2")))
    logo = (
        ".fr-logo{display:inline-block;color:#161616;font-weight:700;text-transform:uppercase;"
        "letter-spacing:-.01em;line-height:1.03em}"
        f".fr-logo::before{{content:'';display:block;width:2.75em;height:1em;margin-bottom:.33em;"
        f"background-image:{marianne},linear-gradient(90deg,#000091 50%,#e1000f 50%);"
        "background-repeat:no-repeat;background-position:0 -.0625em,0 0;background-size:2.75em 1.125em,2.75em 1em}"
        f".fr-logo::after{{content:'';display:block;width:2.625em;height:2.21em;background-image:{devise};"
        "background-repeat:no-repeat;background-position:0 .333em;background-size:5.25em 3.75em}")
    return fonts + logo + STATE_PDF_CSS


STATE_PDF_CSS = """
@page {
  @top-left { font-family: Marianne, sans-serif; }
  @bottom-left { font-family: Marianne, sans-serif; }
  @bottom-right { font-family: Marianne, sans-serif; }
}
html { font-family: Marianne, "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; }
h1, h2, a { color: #000091; }
h2 { border-bottom-color: #000091; }
thead th { background: #e3e3fd; }
.pdf-marque { display: block; margin: 0 0 10pt; padding-bottom: 8pt; border-bottom: .5pt solid #929292; font-size: 12pt; }
.pdf-marque .fr-logo { font-size: 10pt; margin: 0; padding: 0; }
.pdf-marque__site { float: right; margin: 0; text-align: right; font-weight: bold; font-size: 11pt; width: 60%; }
.pdf-marque__adresse { display: block; font-weight: normal; font-size: 8pt; color: #3a3a3a; }
"""


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


def print_many(documents: list[str]) -> list[bytes]:
    """HTML documents printed to PDF, in parallel when there are several."""
    if len(documents) > 1 and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, len(documents))) as pool:
            return list(pool.map(print_pdf, documents, chunksize=4))
    return [print_pdf(document) for document in documents]


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


_ENGINE = ENGINE = _engine_version()
