"""PDFs of the kits and fiches, made at build time with WeasyPrint.

A record's PDF is its page: the Markdown the page template produced is turned into HTML
with the same Markdown extensions MkDocs uses, set in ``theme/templates/pdf/`` with
``theme/assets/css/pdf.css``, and printed by WeasyPrint (why WeasyPrint rather than
Chromium: docs/decisions/0005-pdf-weasyprint.md). Links to other pages of the site become
absolute when ``site_url`` is set, plain text otherwise: a PDF read offline has no
relative address to go to.

PDFs are cached by the hash of their HTML (``build/cache/pdf``), so a rebuild only prints
the kits and fiches whose content changed; the missing ones are printed in parallel.
"""

from __future__ import annotations

import hashlib
import html
import os
import posixpath
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .model import Record, Site
from .render import Page, pdf_path, url_of
from .timeline import parse

PDF_TYPES = ("kit", "fiche")
NATURE = {"kit": "Kit d'accompagnement", "fiche": "Fiche action"}
CACHE_DIR = Path("build/cache/pdf")
MARKDOWN_EXTENSIONS = ["abbr", "attr_list", "md_in_html", "admonition", "tables"]

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_LINK = re.compile(r'<a\s+href="([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|#)")


def pdf_pages(site: Site, pages: list[Page], abbreviations: str, templates: Path, css: Path) -> list[Page]:
    """A PDF for every published kit and fiche whose page is among ``pages``."""
    by_path = {p.path: p for p in pages}
    env = Environment(loader=FileSystemLoader(str(templates)), undefined=StrictUndefined, autoescape=True)
    template = env.get_template("pdf/document.html.j2")
    stylesheet = css.read_text(encoding="utf-8")
    documents: list[tuple[str, str]] = []
    for type_ in PDF_TYPES:
        for record in sorted(site.published(type_), key=lambda r: r.id):
            page = by_path.get(record.page)
            if page is not None:
                documents.append((pdf_path(record), _html(site, record, str(page.content), abbreviations,
                                                          template, stylesheet)))
    return [Page(path, data) for path, data in zip([d[0] for d in documents],
                                                    _print_all([d[1] for d in documents], site.root / CACHE_DIR))]


def _html(site: Site, record: Record, text: str, abbreviations: str, template, stylesheet: str) -> str:
    body = markdown.markdown(_FRONT_MATTER.sub("", text, count=1) + "\n\n" + abbreviations,
                             extensions=MARKDOWN_EXTENSIONS, output_format="html")
    body = _LINK.sub(lambda m: _link(site, record.page, m), body)
    mis_a_jour = str(record.get("mis_a_jour", ""))
    return template.render(
        titre=record.titre, site_name="École-entreprise — kits et MOOC", nature=NATURE[record.type],
        description=re.sub(r"<[^>]+>", "", body)[:200].strip(), mis_a_jour=mis_a_jour,
        mis_a_jour_libelle=_date_fr(mis_a_jour), css=Markup(stylesheet), contenu=Markup(body),
        adresse=_absolute(site, record.page) or "")


def _link(site: Site, page: str, match: re.Match) -> str:
    href, rest, label = match.group(1), match.group(2), match.group(3)
    if _EXTERNAL.match(href):
        return match.group(0)
    target = _absolute(site, _docs_page(page, html.unescape(href)))
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


def _absolute(site: Site, docs_page: str) -> str:
    base = site.config.site_url
    if not base:
        return ""
    url = url_of(docs_page) if docs_page.endswith(".md") else docs_page
    return base.rstrip("/") + "/" + url


def _date_fr(iso: str) -> str:
    parsed = parse(iso, 2025)   # a full date: the school year plays no part
    return parsed.libelle() if parsed else iso


# --- printing ----------------------------------------------------------------------------

def _print_all(documents: list[str], cache: Path) -> list[bytes]:
    cache.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha256((_ENGINE + doc).encode("utf-8")).hexdigest() for doc in documents]
    missing = {k: doc for k, doc in zip(keys, documents) if not (cache / f"{k}.pdf").is_file()}
    if len(missing) > 1 and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, len(missing))) as pool:
            printed = dict(zip(missing, pool.map(print_pdf, missing.values())))
    else:
        printed = {k: print_pdf(doc) for k, doc in missing.items()}
    for key, data in printed.items():
        (cache / f"{key}.pdf").write_bytes(data)
    return [(cache / f"{k}.pdf").read_bytes() for k in keys]


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
