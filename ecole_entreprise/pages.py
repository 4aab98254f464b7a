"""The hand-written pages (content/pages/*.md), made safe before any site builder runs.

An editor's page is Markdown, and may hold raw HTML (``<section markdown>``…). It is
converted here with the Markdown extensions MkDocs uses, sanitized with an allow-list,
and written to the docs folder as Markdown that no builder can turn into markup the
sanitizer did not let through:

- headings stay Markdown headings (``## Texte {#id}``), so that every builder puts them
  in the page's table of contents, with the id the site uses (render.heading_slug);
- every other block is sanitized HTML, which Markdown passes through unchanged; in its
  text, Markdown's signs are character references, so that a builder that reads the
  text again as Markdown finds nothing to make a link or an attribute of;
- links to other pages (``kits/entreprises.md``) and to files become the URLs they have
  on the built site, as MkDocs would have made them (it does not rewrite raw HTML).

:func:`safe_page` is the whole stage: a page read and checked by frontmatter.py in,
its safe Markdown and its problems out.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import markdown
import nh3

from .frontmatter import HandPage
from .load import Position
from .render import ALLOWED_SCHEMES, ALLOWED_TAGS, heading_slug, tidy
from .urls import relative_url, url_of

# What MkDocs is configured with (mkdocs.yml), less what only the site's chrome needs.
EXTENSIONS = ["abbr", "attr_list", "md_in_html", "admonition", "tables", "toc"]
# What Markdown and its extensions produce; fields (render.ALLOWED_TAGS) allow less.
PAGE_TAGS = ALLOWED_TAGS | {"h1", "h2", "h6", "div", "section", "span", "p", "img", "dl", "dt", "dd", "details",
                            "summary", "caption", "del", "ins", "kbd", "mark", "s", "small"}
PAGE_ATTRIBUTES = {
    "*": {"class", "title"}, "a": {"href", "title"}, "abbr": {"title"}, "img": {"src", "alt", "title"},
    "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}, "ol": {"start"},
    "details": {"open"}, **{f"h{n}": {"id"} for n in range(1, 7)},
}


@dataclass(frozen=True)
class PageProblem:
    position: Position
    message: str


def docs_name(path: Path) -> str:
    """Docs path of a hand-written page: the home page (accueil) is ``index.md``."""
    return "index.md" if path.stem == "accueil" else path.name


def safe_page(page: HandPage, glossary: dict[str, str] | None = None) -> tuple[str, list[PageProblem]]:
    """The page as the docs folder gets it — its front matter as frontmatter.py checked
    and escaped it, then its body made safe — and what the sanitizer removed, as warnings
    at the line where the editor wrote it."""
    body, problems = safe_markdown(page.body, docs_name(Path(page.rel)), glossary, page.body_line - 1)
    return page.front_matter() + body, problems


def safe_markdown(body: str, docs_page: str, glossary: dict[str, str] | None = None,
                  line_offset: int = 0) -> tuple[str, list[PageProblem]]:
    """An editor's Markdown (a page's body, a MOOC resource) as safe Markdown for the docs
    page ``docs_page``; ``line_offset``: the lines of the file above ``body``."""
    raw = _to_html(body, glossary or {})
    clean = sanitize_page_html(raw)
    problems = _removed(raw, clean, body, line_offset)
    return _as_markdown(_with_site_urls(clean, docs_page)), problems


def sanitize_page_html(page_html: str) -> str:
    """HTML of a hand-written page, with only what Markdown produces: no script, no handler."""
    return tidy(nh3.clean(page_html, tags=PAGE_TAGS, attributes=PAGE_ATTRIBUTES, url_schemes=ALLOWED_SCHEMES,
                          link_rel=None))


def _to_html(body: str, glossary: dict[str, str]) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={
        "abbr": {"glossary": glossary}, "toc": {"slugify": heading_slug}})
    return md.convert(body)


# --- what the sanitizer removed ------------------------------------------------------------

_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_ATTRIBUTE = re.compile(r"\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=")
_ADDRESS = re.compile(r'\s(?:href|src)="([^"]*)"')


def _removed(raw: str, clean: str, source: str, offset: int) -> list[PageProblem]:
    """What the sanitizer took out, each kind once, at the first line that wrote it
    (``offset``: the lines of front matter above ``source``)."""
    before, after = _TAG.findall(raw), _TAG.findall(clean)
    found: list[PageProblem] = []

    def at(needle: str) -> Position:
        return (_line_of(source, needle) + offset, 1)

    for tag in sorted({t.lower() for t, _ in before} - {t.lower() for t, _ in after}):
        found.append(PageProblem(at(f"<{tag}"), f"balise « {tag} » retirée : elle n'est pas permise dans une page"))
    kept = {t.lower() for t, _ in after}
    names = {a.lower() for t, attrs in before if t.lower() in kept for a in _ATTRIBUTE.findall(attrs)}
    for name in sorted(names - {a.lower() for _, attrs in after for a in _ATTRIBUTE.findall(attrs)}):
        found.append(PageProblem(at(name), f"attribut « {name} » retiré : il n'est pas permis dans une page"))
    addresses = {u for t, attrs in before if t.lower() in ("a", "img") for u in _ADDRESS.findall(attrs)}
    for address in sorted(addresses - {u for _, attrs in after for u in _ADDRESS.findall(attrs)}):
        shown = html.unescape(address)
        found.append(PageProblem(at(shown), f"lien « {shown[:60]} » retiré : seules les adresses http, "
                                            "https et mailto et les pages du site sont permises"))
    return found


def _line_of(source: str, needle: str) -> int:
    at = source.lower().find(needle.lower())
    return source.count("\n", 0, at) + 1 if at >= 0 else 1


# --- addresses ---------------------------------------------------------------------------

_LOCAL = re.compile(r'(\s(?:href|src)=")((?![a-zA-Z][a-zA-Z0-9+.-]*:)(?![/#])[^"]+)"')


def _with_site_urls(clean: str, page: str) -> str:
    """Relative addresses as MkDocs makes them: ``x.md`` → the page's directory URL, a
    file relative to the page's folder → relative to the page's URL."""
    def rewrite(m: re.Match) -> str:
        target, _, anchor = html.unescape(m.group(2)).partition("#")
        docs_path = posixpath.normpath(posixpath.join(posixpath.dirname(page), target)) if target else ""
        if not target:
            url = ""
        elif target.endswith(".md"):
            url = relative_url(page, docs_path)
        else:
            url = posixpath.relpath(docs_path, url_of(page) or ".")
        return f'{m.group(1)}{html.escape(url + ("#" + anchor if anchor else ""))}"'
    return _LOCAL.sub(rewrite, clean)


# --- back to Markdown --------------------------------------------------------------------

_SIGNS = str.maketrans({c: f"&#{ord(c)};" for c in "[]{}*_`\\!<>#|~"})


class _TopLevel(HTMLParser):
    """Cuts sanitized HTML into its top-level elements, as (tag, start, end) offsets."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text, self.depth, self.blocks, self._start = text, 0, [], 0
        self._lines = [0]
        for line in text.splitlines(keepends=True):
            self._lines.append(self._lines[-1] + len(line))
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._lines[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if self.depth == 0:
                start = self._offset()
                self.blocks.append((tag, start, start + len(self.get_starttag_text())))
            return
        if self.depth == 0:
            self._start, self._tag = self._offset(), tag
        self.depth += 1

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        self.depth -= 1
        if self.depth == 0:
            end = self.text.index(">", self._offset()) + 1
            self.blocks.append((self._tag, self._start, end))


_VOID = {"br", "hr", "img"}
_HEADING = re.compile(r'<h([1-6])(?: id="([^"]*)")?>(.*)</h\1>\Z', re.S)


def _as_markdown(clean: str) -> str:
    out: list[str] = []
    for tag, start, end in _TopLevel(clean).blocks:
        block = clean[start:end]
        heading = _HEADING.match(block)
        if heading and "\n" not in heading.group(3):
            level, id_, inner = heading.groups()
            out.append("#" * int(level) + " " + _escape_text(inner) + (f" {{#{id_}}}" if id_ else ""))
        else:
            # one raw HTML block: no blank line inside, or Markdown would end the block there
            out.append(_escape_text(re.sub(r"\n\s*\n", "\n", block)))
    return "\n\n".join(out) + "\n"


_TEXT_BETWEEN_TAGS = re.compile(r"(<[^>]*>)|([^<]+)")


def _escape_text(fragment: str) -> str:
    """Markdown's signs in the text (never in tags) as character references."""
    return _TEXT_BETWEEN_TAGS.sub(lambda m: m.group(1) or m.group(2).translate(_SIGNS), fragment)
