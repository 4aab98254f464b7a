"""No injected script: every payload in every free-text field of every type, built, then
opened in Chromium (tests/browser/test_xss_browser.py). No payload runs, no javascript:/data: link exists, Jinja is printed.

The payloads are in tests/fixtures/xss/payloads.yml. The free-text fields are found from
the schemas themselves (a field that accepts both plain words and markup), so a field
added later is attacked too. A hand-written page (content/pages) gets them as well, and
URL fields get the payloads a URL pattern lets through.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

import yaml

from ecole_entreprise import discover
from ecole_entreprise.load import Document, load_bytes
from ecole_entreprise.validate import validate
from helpers import FIXTURES, ROOT

PAYLOADS: list[str] = yaml.safe_load((FIXTURES / "xss" / "payloads.yml").read_text(encoding="utf-8"))
# Payloads aimed at URL fields; those the URL pattern refuses are never placed.
URL_PAYLOADS = ["https://example.org/'onmouseover='window.__xss=1'",
                "https://example.org/)[x](javascript:window.__xss='url-md')",
                "https://example.org/&#x27;onfocus=&#x27;window.__xss=1"]
ALL_PAYLOADS = "\n\n".join(PAYLOADS)
TRIED: dict[str, int] = {"champs": 0, "charges": 0}


def _paths(data: Any, prefix: tuple = ()) -> Iterator[tuple]:
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield prefix + (key,)
        yield from _paths(value, prefix + (key,))


def _set(data: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _accepts(type_: str, doc: Document, path: tuple, probe: str) -> bool:
    data = yaml.safe_load(yaml.safe_dump(doc.data))
    _set(data, path, probe)
    return not validate(type_, Document(doc.rel, data))[0]


def inject(project: Path) -> dict[str, list[tuple]]:
    """Write the payloads into every free-text and URL field of every record of ``project``."""
    placed: dict[str, list[tuple]] = {}
    for source in discover.discover(project):
        doc = load_bytes(source.path.read_bytes(), source.rel)
        data = doc.data
        fields = []
        for path in list(_paths(doc.data)):
            value = _get(doc.data, path)
            if not isinstance(value, str):
                continue
            if _accepts(source.type, doc, path, ALL_PAYLOADS):
                _set(data, path, ALL_PAYLOADS)
                fields.append(path)
                TRIED["charges"] += len(PAYLOADS)
            elif value.startswith("https://"):
                accepted = [url for url in URL_PAYLOADS if _accepts(source.type, doc, path, url)]
                if accepted:
                    _set(data, path, accepted[len(fields) % len(accepted)])
                    fields.append(path)
                    TRIED["charges"] += 1
        TRIED["champs"] += len(fields)
        placed[source.rel] = fields
        source.path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6),
                               encoding="utf-8")
    page = project / "content" / "pages" / "a-propos.md"
    # A snippet line is refused in a page before anything is built (tests/fixtures/hostile/page-snippet).
    in_page = "\n\n".join(p for p in PAYLOADS if "8<-" not in p)
    page.write_text(page.read_text(encoding="utf-8") + "\n\n" + in_page + "\n", encoding="utf-8")
    TRIED["champs"] += 1
    TRIED["charges"] += len(PAYLOADS)
    return placed


def _get(data: Any, path: tuple) -> Any:
    for key in path:
        data = data[key]
    return data


def test_payloads_reach_every_content_type(xss_site):
    _, placed = xss_site
    types = {s.type for s in discover.discover(FIXTURES / "valid") if placed[s.rel]}
    assert types == {"mesure", "fiche", "kit", "acteur", "glossaire", "parcours", "module"}
    assert TRIED["charges"] >= 20 * len(PAYLOADS)


DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.I)


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


class DangerScanner(HTMLParser):
    """What a browser would run or follow: event attributes, script URLs, payload scripts."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
    FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in self.URL_ATTRIBUTES and value and DANGEROUS_URL.match(_as_browser_reads(value)):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in self.FORBIDDEN_TAGS or (tag == "meta" and dict(attrs).get("http-equiv")):
            self.found.append(f"<{tag}>")
        # A data block (JSON-LD, Material's configuration) is never run: only scripts are.
        self._in_script = tag == "script" and not (dict(attrs).get("type") or "").endswith("json")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "__xss" in data:
            self.found.append(f"<script>{data[:60]}")


def _as_browser_reads(url: str) -> str:
    """A URL as the browser's parser sees it: ends trimmed, tabs and line breaks removed."""
    return re.sub(r"[\t\n\r]", "", url.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r"
                                                "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
                                                "\x1a\x1b\x1c\x1d\x1e\x1f "))


def dangers(html: str) -> list[str]:
    scanner = DangerScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def test_no_payload_survives_in_the_built_html(xss_site):
    site, _ = xss_site
    found = {rel: dangers((site / rel).read_text(encoding="utf-8")) for rel in pages(site)}
    assert {rel: d for rel, d in found.items() if d} == {}


SCAN = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${el.tagName} ${name}=${attr.value}`);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(name)
          && /^\\s*(javascript|vbscript|data):/i.test(attr.value)) found.push(`${el.tagName} ${name}=${attr.value}`);
    }
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'FRAME'].includes(el.tagName)) found.push(el.tagName);
    if (el.tagName === 'META' && el.getAttribute('http-equiv')) found.push('META refresh');
  }
  for (const a of document.links) {
    if (/^(javascript|vbscript|data):/i.test(a.protocol)) found.push(`lien ${a.href}`);
  }
  return found;
}"""


def test_jinja_in_content_is_printed_not_evaluated(xss_site):
    site, _ = xss_site
    fiche = (site / "fiches" / "visite-entreprise" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7 * 7 }}" in fiche
    assert "{% if true %}jinja-évalué{% endif %}" in fiche
    assert "49" not in re.sub(r"<[^>]+>", "", fiche).replace("{{ 7 * 7 }}", "")


def test_material_tooltips_stay_off():
    """Material's content.tooltips copy titles and truncated labels with innerHTML: a page
    title or an acronym expansion containing « < » would run (found by this suite)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    features = yaml.safe_load(re.sub(r"!!python/\S+|!relative|!ENV", "", config))["theme"]["features"]
    assert "content.tooltips" not in features


def test_front_matter_is_the_first_line_of_every_generated_page(xss_site):
    """Below a blank line MkDocs takes front matter for text: the title, read as Markdown,
    made live links of the payloads (found by this suite)."""
    site, _ = xss_site
    docs = site.parent / "build" / "docs"
    pages_with_meta = [p for p in docs.rglob("*.md") if "\ntitle: " in p.read_text(encoding="utf-8")[:400]]
    assert len(pages_with_meta) >= 10
    assert [p.name for p in pages_with_meta if not p.read_text(encoding="utf-8").startswith("---\n")] == []
