"""Stage 6 — render: one Jinja template per content type turns a record into a page.

Templates live in ``theme/templates`` (presentation stays in the theme). The Jinja
environment is strict (a misspelt variable is an error, not an empty string) and
autoescaping: plain-text fields are escaped, and Markdown fields go through
:func:`markdown_html`, which renders then sanitizes with an allow-list, so no content
can inject markup or script. Content is data, never template source: ``{{ }}`` typed by
an editor is printed as it is.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown
import markdown.extensions.toc
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import dates
from .model import Record, Site
from .planning import MOIS_DE_CLASSE, NOMS_MOIS, mois_couverts, mois_fiche
from .schemas import libelles
from .urls import ics_path, pdf_path, relative_path, relative_url, url_of  # noqa: F401 (url_of: search.py)

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "code", "pre", "blockquote",
    "h3", "h4", "h5", "abbr", "table", "thead", "tbody", "tr", "th", "td", "hr", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
ALLOWED_SCHEMES = {"https", "http", "mailto"}

@dataclass(frozen=True)
class Page:
    """A file of the generated docs folder: Markdown text, or bytes for assets."""

    path: str                   # relative to the docs folder, forward slashes
    content: str | bytes


class Renderer:
    def __init__(self, site: Site, templates: Path):
        self.site = site
        self.env = Environment(
            loader=FileSystemLoader(str(templates)), undefined=StrictUndefined, autoescape=True,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        )
        glossary = site.expansions
        self._md = markdown.Markdown(
            extensions=["abbr", "sane_lists", "tables"],
            extension_configs={"abbr": {"glossary": glossary}})
        # Raw HTML in a Markdown field is text, shown as typed. Sanitizing alone is not
        # enough: a tag nh3 drops (« <div> ») leaves its text outside any block, and MkDocs
        # then reads that text as Markdown a second time, after the sanitizer.
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        self._abbr = _abbr_pattern(glossary)
        self._md_abbr = _markdown_abbr_pattern(glossary)
        self._glossary = glossary
        self.env.filters.update(
            md=self.markdown_html, md_inline=self.markdown_inline, texte=self.texte,
            quand=self.quand, jour=dates.libelle_jour, titre_md=markdown_escape, yaml_str=lambda v: Markup(yaml_string(v)),
            json=lambda v: Markup(script_json(v)),
        )
        self.env.globals.update(
            site=site, libelles=libelles, libelle=self.libelle, lien=self.lien, lien_md=self.lien_md,
            liens=self.liens, published=site.is_published, annee_scolaire=_annee(site.config.annee_scolaire),
            # Dates are named by their text in templates; each was parsed in the model stage.
            aujourdhui=site.config.aujourdhui, parse_date=site.quand,
            mois_fiche=lambda f: mois_fiche(f, site.config.annee_scolaire),
            mois_de=lambda t: mois_couverts(site.quand(t), site.config.annee_scolaire),
            mois_de_classe=MOIS_DE_CLASSE, noms_mois=NOMS_MOIS, pdf=self.pdf, ics=self.ics,
            etiquettes=self.etiquettes,
        )
        self._page = ""   # the page being rendered: Markdown fields' links are relative to it

    def compile_all(self) -> None:
        for name in self.env.list_templates(extensions=["j2"]):
            self.env.get_template(name)

    def render(self, template: str, page: str, **context: Any) -> Page:
        self._page = page
        text = self.env.get_template(template).render(page=page, **context)
        if text.lstrip().startswith("---\n"):
            # MkDocs reads front matter only on the first line; below a blank line left by
            # template logic it would become page text, read as Markdown (titles included).
            text = text.lstrip()
        return Page(page, explicit_heading_ids(text))

    # --- filters and globals --------------------------------------------------------

    def markdown_html(self, text: Any) -> Markup:
        return Markup(self._page_links(self._markdown(str(text))))

    def markdown_inline(self, text: Any) -> Markup:
        """Markdown of one short item (a list entry): without the wrapping paragraph."""
        rendered = self._markdown(str(text))
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            rendered = rendered[3:-4]
        elif _ONLY_PARAGRAPHS.fullmatch(rendered):  # several paragraphs: lines of one item
            rendered = re.sub(r"</p>\s*<p>", "<br><br>", rendered)[3:-4]
        return Markup(self._page_links(rendered))

    def _page_links(self, html_text: str) -> str:
        """Editors link pages as in Markdown (``../mesures/m03.md``, relative to the
        record's page); once rendered to raw HTML MkDocs no longer converts them, so turn
        them into the directory URL of the page being rendered."""
        if ".md" not in html_text:
            return html_text
        return _MD_HREF.sub(lambda m: f'href="{self._page_url(m.group(1), m.group(2) or "")}"', html_text)

    def _page_url(self, target: str, anchor: str) -> str:
        docs_path = posixpath.normpath(posixpath.join(posixpath.dirname(self._page), target))
        return relative_url(self._page, docs_path) + anchor

    @lru_cache(maxsize=8192)  # the same text (an acteur's role…) is shown on many pages
    def _markdown(self, text: str) -> str:
        if _is_plain_paragraph(text):
            raw = self._plain_paragraph(text.rstrip("\n"))
        else:
            raw = self._parsed(text)
        return _clean_field_html(raw)

    def _parsed(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)

    def _plain_paragraph(self, text: str) -> str:
        """What Python-Markdown makes of one line without any Markdown sign: the line as
        a paragraph, with the glossary's acronyms as its abbr extension wraps them. Most
        fields are such sentences, and the parser costs 0.25 ms a field (a third of the
        rendering time); tests/test_render_fast_path.py proves both give the same HTML."""
        if self._md_abbr is not None:
            text = self._md_abbr.sub(self._abbr_element, text)
        return f"<p>{text}</p>"

    def _abbr_element(self, match: re.Match) -> str:
        return f'<abbr title="{html.escape(self._glossary[match.group(0)])}">{match.group(0)}</abbr>'


    def texte(self, text: Any) -> Markup:
        """Plain text, escaped, with acronyms expanded from the glossary.

        Line breaks become spaces (HTML shows them so anyway): a blank line would end the
        raw HTML block the text sits in, and MkDocs would read the rest as Markdown.
        Markdown's own signs are written as character references, which every reader
        shows as the sign: plain text can land where MkDocs still reads Markdown (a list
        item, a paragraph that opens with an inline tag), and ``[x](javascript:…)`` typed
        by an editor must stay text there too.
        """
        escaped = html.escape(" ".join(str(text).split()), quote=False).translate(_MARKDOWN_SIGNS)
        if self._abbr is None:
            return Markup(escaped)
        return Markup(self._abbr.sub(self._abbr_element, escaped))

    def quand(self, text: Any) -> str:
        parsed = self.site.quand(text)
        return parsed.libelle() if parsed else str(text)

    def libelle(self, type_: str, field: str, value: str, *path: str) -> str:
        return libelles(type_, field, *path).get(value, value)

    def etiquettes(self, type_: str, field: str, values: list[str], *path: str) -> list[str]:
        """Labels of several values of a controlled list, in the given order."""
        labels = libelles(type_, field, *path)
        return [labels.get(v, v) for v in values]

    def lien_md(self, from_page: str, target: Record) -> str:
        """Relative link between Markdown files: MkDocs checks it and turns it into a URL."""
        return relative_path(from_page, target.page)

    def liens(self, record: Record, type_: str, key: str) -> list[Record]:
        """Records of ``type_`` linked to ``record`` either way (its ``liens`` or theirs)."""
        found = [self.site.get(type_, i) for i in record.get("liens", {}).get(key, [])]
        found += [r for r in record.backlinks.get(type_, []) if r not in found]
        return [r for r in found if self.site.is_published(r)]

    def pdf(self, from_page: str, record: Record) -> str:
        """Markdown link to the record's PDF (built beside its page, see pdf.py)."""
        return relative_path(from_page, pdf_path(record))

    def ics(self, from_page: str, record: Record | None = None) -> str:
        """Markdown link to an iCalendar file: a record's, or the whole site's (ical.py)."""
        return relative_path(from_page, ics_path(record))

    def lien(self, from_page: str, target: Record | str) -> str:
        to_page = target.page if isinstance(target, Record) else target
        return relative_url(from_page, to_page)


def _clean_field_html(raw: str) -> str:
    clean = tidy(nh3.clean(raw, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes=ALLOWED_SCHEMES, link_rel="noopener noreferrer"))
    # No blank line inside: Python-Markdown would end the raw HTML block there.
    return re.sub(r"\n\s*\n", "\n", clean).strip()


_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
_IMG_WITHOUT_SRC = re.compile(r"<img\b(?![^>]*\ssrc=)[^>]*>")
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\salt=)")
_USABLE_HREF = re.compile(r'\shref="[^"\s\\]+"')


def tidy(clean_html: str) -> str:
    """What the sanitizer leaves behind, made valid HTML: a link whose address it removed
    (or that no browser could follow) becomes its text; an image without source goes."""
    clean_html = _LINK.sub(lambda m: m.group(0) if _USABLE_HREF.search(m.group(1)) else m.group(2), clean_html)
    clean_html = _IMG_WITHOUT_SRC.sub("", clean_html)
    return _IMG_WITHOUT_ALT.sub('<img alt=""', clean_html)  # raw <img> without text: decorative


# One line that Python-Markdown (abbr, sane_lists, tables; no raw HTML) turns into a bare
# paragraph: no sign of inline markup, no character it escapes, no control character (it
# uses STX and ETX itself), nothing at the start that opens a block (list, rule, heading,
# code), no space at either end.
_PLAIN_LINE = re.compile(r"(?![-+=]|\d+[.)])[^\x00-\x1f\x7f<>&*_`\[\]!\\|#~\s](?:[^\x00-\x1f\x7f<>&*_`\[\]!\\|#~]*"
                         r"[^\x00-\x1f\x7f<>&*_`\[\]!\\|#~\s])?\n*")


def _is_plain_paragraph(text: str) -> bool:
    return _PLAIN_LINE.fullmatch(text) is not None


_ONLY_PARAGRAPHS = re.compile(r"<p>(?:(?!<p>|</p>).)*</p>(?:\s*<p>(?:(?!<p>|</p>).)*</p>)*", re.S)
# Characters YAML does not allow even inside quotes (C1 controls, DEL, lone surrogates…).
_NOT_YAML_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def yaml_string(value: Any) -> str:
    """A value as a YAML double-quoted string (JSON's syntax), every character escaped
    that YAML refuses: MkDocs reads the front matter with a YAML parser."""
    text = json.dumps(str(value), ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: "\\u%04x" % ord(m.group(0)), text)


def script_json(value: Any) -> str:
    """JSON to place inside <script>: no « < », so neither « </script> » nor « <!-- »
    can end or hide the element early."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


# A heading line the templates write: no tag, no quote on it. A line with one is inside a
# raw HTML block (an editor's text can hold « ### __x » in an attribute): not a heading,
# and text added to it would land in the HTML.
_ATX_HEADING = re.compile(r'^(#{1,6}) +([^<>"\n]*?[^\s}<>"])[ \t]*$', re.M)
_HEADING_MARKUP = re.compile(r"<[^>]*>|\\(?=.)")


def explicit_heading_ids(text: str) -> str:
    """A Markdown heading whose stock id (Markdown's toc) would differ from the site's
    (:func:`heading_slug`: « __config » would hide an element of Material's) gets the
    site's id written out, ``## __config {#config}``, so that a builder without the
    bridge's slug function gives every heading the same id."""
    if "_" not in text and "#" not in text:
        return text

    def fix(m: re.Match) -> str:
        plain = html.unescape(_HEADING_MARKUP.sub("", m.group(2)))
        stock = markdown.extensions.toc.slugify(plain, "-")
        site = heading_slug(plain, "-")
        return m.group(0) if stock == site else f"{m.group(1)} {m.group(2)} {{#{site}}}"
    return _ATX_HEADING.sub(fix, text)


def heading_slug(value: str, separator: str) -> str:
    """Heading ids as Markdown's toc makes them, never starting with « _ »: Material's own
    elements are « __config », « __drawer »…, and a heading « __config » would hide one."""
    return markdown.extensions.toc.slugify(value, separator).lstrip("_") or "section"


# href of a local Markdown page, with an optional #anchor (no scheme, no leading slash).
_MD_HREF = re.compile(r'href="((?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!/)[^"#?]+\.md)(#[^"]*)?"')


def _annee(annee: int) -> str:
    return f"{annee}-{annee + 1}"


def _abbr_pattern(glossary: dict[str, str]) -> re.Pattern | None:
    if not glossary:
        return None
    words = sorted(glossary, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


def _markdown_abbr_pattern(glossary: dict[str, str]) -> re.Pattern | None:
    """The abbr extension's own pattern (word boundaries, longest first), for
    Renderer._plain_paragraph: it must wrap exactly what the extension wraps."""
    words = sorted((w for w, expansion in glossary.items() if expansion), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b") if words else None


# Braces too: attr_list would read « {: onclick=… } » as attributes.
_MARKDOWN_SIGNS = str.maketrans({c: f"&#{ord(c)};" for c in "[]{}*_`\\"})
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def markdown_escape(text: Any) -> str:
    """Plain text placed in Markdown (a heading): shown as typed, never as markup, on one
    line (a line break would end the heading or the list item it is in)."""
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False)))
