"""Where things are: the docs path of every generated file and the URL it has on the site.

One module, so that a page, its PDF, its calendar, the exports and the absolute
addresses made with ``site_url`` (mkdocs.yml, or the SITE_URL variable) can never
disagree. Pages are Markdown files of the docs folder (``fiches/x.md``); the site serves
them as directories (``fiches/x/``), as MkDocs does with ``use_directory_urls``.
A record's page comes from its type's entry in the registry (``page``).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # model imports nothing of this module, this module nothing of model at run time
    from .model import Record

SITE_CALENDAR = "calendrier.ics"   # every dated thing of the site (ical.py)
EXPORTS = "donnees"                # the open data (exports.py)


def url_of(page: str) -> str:
    """Site URL (directory style) of a docs page: ``fiches/x.md`` → ``fiches/x/``."""
    if page == "index.md":
        return ""
    if page.endswith("/index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"


def relative_url(from_page: str, to_page: str) -> str:
    """Link from one page to another, as a relative URL that works on any host path."""
    rel = posixpath.relpath(url_of(to_page) or ".", url_of(from_page) or ".")
    return "./" if rel == "." else rel + "/"


def relative_path(from_page: str, to_file: str) -> str:
    """Link between files of the docs folder, as Markdown writes it (MkDocs checks it)."""
    return posixpath.relpath(to_file, posixpath.dirname(from_page) or ".")


def lecon_page(module: Record, lecon_id: str) -> str:
    """A lesson of a module: beside the module's page, named by the lesson's id."""
    return f"{posixpath.dirname(module.page)}/{lecon_id}.md"


def pdf_path(record: Record) -> str:
    """Docs path of a record's PDF: ``fiches/<id>.pdf``, ``kits/<id>.pdf``."""
    return posixpath.splitext(record.page)[0] + ".pdf"


def ics_path(record: Record | None = None) -> str:
    """Docs path of an iCalendar file: ``mesures/<id>.ics``, ``fiches/<id>.ics``, or the
    whole site's ``calendrier.ics``."""
    if record is None:
        return SITE_CALENDAR
    return posixpath.splitext(record.page)[0] + ".ics"


def export_path(name: str) -> str:
    """Docs path of an open-data file: ``donnees/fiches.json``…"""
    return f"{EXPORTS}/{name}"


def absolute(site_url: str, docs_path: str) -> str:
    """Absolute URL of a docs page (``.md``) or file, or "" when ``site_url`` is not set."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + (url_of(docs_path) if docs_path.endswith(".md") else docs_path)


def from_site_root(site_url: str, docs_path: str) -> str:
    """Absolute URL with ``site_url``, else the URL from the site's root."""
    return absolute(site_url, docs_path) or (url_of(docs_path) if docs_path.endswith(".md") else docs_path)
