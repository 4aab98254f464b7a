"""Hand-written pages (content/pages/*.md), read as records are: the file's bytes, its
front matter against a schema (``schemas/page.schema.json``), its text for what MkDocs
would do with it — every problem at ``file:line:col``.

MkDocs reads a page's front matter into the theme unescaped (``<title>``, ``<meta>``),
lets a ``template:`` key pick any file as the page's template, reads the first lines of
a page without front matter as metadata (MultiMarkdown style: « Note: … » vanishes), and
``--8<--`` lines include any file the snippets extension can reach. So a page is
published as :meth:`HandPage.markdown` writes it: only the schema's keys, their values
HTML-escaped, behind a front matter of ours (MkDocs then never looks for the other
style), and a page with a snippet line is refused.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from .load import MAX_BYTES, LoadError, _CONTROL, _decode, _unacceptable, load_bytes
from .render import yaml_string
from .validate import Finding, validate

SCHEMA = "page"
# pymdownx.snippets' marker in every form it accepts (« --8<-- », « -8<- », « ;--8<-- »…).
_SNIPPET = re.compile(r"-+8<-+")
_OPENING = re.compile(r"---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")


@dataclass
class HandPage:
    rel: str
    meta: dict[str, str] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1   # the line of the file where the body starts (problems in it are placed from there)

    def front_matter(self) -> str:
        """The front matter published: the schema's keys only, values HTML-escaped (MkDocs'
        themes print them as they are), and always one key, so that MkDocs never reads the
        page's first lines as metadata of the other style."""
        lines = ["---", f"fichier_source: {yaml_string(self.rel)}"]
        for key in ("title", "description"):
            if key in self.meta:
                lines.append(f"{key}: {yaml_string(html.escape(self.meta[key]))}")
        return "\n".join(lines) + "\n---\n\n"

    def markdown(self) -> str:
        """The page as the docs folder gets it: its front matter, then its text."""
        return self.front_matter() + self.body


def read_page(path: Path, rel: str) -> tuple[HandPage | None, list[Finding]]:
    """The page and what is wrong with it; no page when it cannot be published."""
    if path.stat().st_size > MAX_BYTES:
        return None, [Finding((1, 1), f"fichier trop volumineux ({path.stat().st_size} octets ; au plus {MAX_BYTES})")]
    return parse_page(path.read_bytes(), rel)


def parse_page(raw: bytes, rel: str) -> tuple[HandPage | None, list[Finding]]:
    try:
        text = _decode(raw)
    except LoadError as error:
        return None, [Finding(error.position, error.message)]
    findings = [Finding(_position(text, m.start()), _unacceptable(m.group())) for m in _CONTROL.finditer(text)
                if m.group() not in "\t"]
    meta, body, body_offset, meta_findings = _front_matter(text, rel)
    findings += meta_findings
    for m in _SNIPPET.finditer(body):
        findings.append(Finding(_position(text, body_offset + m.start()),
                                f"« {m.group()} » refusé : une page ne peut pas inclure un autre fichier "
                                "(extension snippets) ; recopiez le texte"))
    return (None if findings else HandPage(rel, meta, body, text.count("\n", 0, body_offset) + 1)), findings


def _front_matter(text: str, rel: str) -> tuple[dict, str, int, list[Finding]]:
    """(front matter, text after it, offset of that text, problems)."""
    opening = _OPENING.match(text)
    if not opening:
        return {}, text, 0, []
    closing = _CLOSING.search(text, opening.end())
    if not closing:
        return {}, text, 0, [Finding((1, 1), "en-tête non refermé : ajoutez une ligne « --- » après ses champs")]
    yaml_text = text[opening.end():closing.start()]
    body_start = closing.end() + (1 if text[closing.end():closing.end() + 1] == "\n" else 0)
    body = text[body_start:].lstrip("\r\n")
    body_offset = len(text) - len(body)
    if not yaml_text.strip():
        return {}, body, body_offset, []
    try:   # an empty line for the « --- » above: positions and messages count the file's lines
        doc = load_bytes(("\n" + yaml_text).encode("utf-8"), rel)
    except LoadError as error:
        return {}, body, body_offset, [Finding(error.position, error.message)]
    if not isinstance(doc.data, dict):
        return {}, body, body_offset, [Finding((2, 1), "l'en-tête doit contenir des champs « nom: valeur »")]
    findings, _ = validate(SCHEMA, doc)
    return (doc.data if not findings else {}), body, body_offset, [
        Finding(f.position, f.message + (_ALLOWED if f.message.startswith("champ inconnu") else "")) for f in findings]


_ALLOWED = " ; seuls « title » et « description » sont permis en tête d'une page"


def _position(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    breaks = list(_LINE_BREAKS.finditer(before))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - start + 1
