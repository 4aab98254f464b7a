"""Crawl a built site/ folder: every internal link, anchor and asset must exist.

    python scripts/check_links.py site/            # broken ones, then the external links
    python scripts/check_links.py site/ --json     # the same, as JSON

Internal references are read from every HTML page (href, src, srcset, poster, data,
action of links, images, scripts, styles, forms…) and from every CSS file (url(...)),
resolved against the page's own address, and looked up in the folder: a file, or a
folder with an index.html; a #fragment must be an id (or a name) of the target page.
External links (another scheme or host) are listed with the pages that hold them, never
fetched: the build and the tests run without network. Exit status 1 when something is
broken.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

URL_ATTRIBUTES = {"href", "src", "poster", "data", "action", "formaction", "cite"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


@dataclass
class Report:
    pages: int = 0
    checked: int = 0                                              # internal references looked up
    broken: list[tuple[str, str, str]] = field(default_factory=list)  # (page, reference, why)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # url → pages

    def as_json(self) -> str:
        return json.dumps({"pages": self.pages, "references_internes": self.checked,
                           "casses": [{"page": p, "lien": r, "raison": w} for p, r, w in self.broken],
                           "externes": {url: sorted(pages) for url, pages in sorted(self.external.items())}},
                          ensure_ascii=False, indent=2)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[str] = []
        self.anchors: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(name):
                self.anchors.add(values[name])
        if tag == "base" and values.get("href"):
            self.base = values["href"]
        if tag == "link" and "preconnect" in (values.get("rel") or "") or tag == "meta":
            return
        for name, value in attrs:
            if value and name in URL_ATTRIBUTES:
                self.references.append(value.strip())
            elif value and name in ("srcset", "imagesrcset"):
                self.references.extend(part.split()[0] for part in value.split(",") if part.strip())

    handle_startendtag = handle_starttag


@dataclass
class _Page:
    references: list[str]
    anchors: set[str]


def _parse(path: Path) -> _Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return _Page(parser.references, parser.anchors)


def _target(site: Path, resolved: str) -> Path | None:
    """The file a site path is served from, or None."""
    candidate = site / unquote(resolved).lstrip("/")
    if resolved.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def crawl(site: Path) -> Report:
    site = site.resolve()
    report = Report()
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in sorted(site.rglob("*.html"))}
    report.pages = len(pages)
    sources = [(rel, page.references) for rel, page in pages.items()]
    sources += [(css.relative_to(site).as_posix(), [m.group(2) for m in CSS_URL.finditer(css.read_text("utf-8", "replace"))])
                for css in sorted(site.rglob("*.css"))]
    for rel, references in sources:
        for reference in references:
            _check(site, rel, reference, pages, report)
    return report


def _check(site: Path, rel: str, reference: str, pages: dict[str, _Page], report: Report) -> None:
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc:
        if parts.scheme in ("http", "https", "mailto", "tel") or parts.netloc:
            report.external[reference].add(rel)
        elif parts.scheme != "data":  # data: URIs of Material's own CSS icons
            report.broken.append((rel, reference, f"schéma non autorisé « {parts.scheme}: »"))
        return
    report.checked += 1
    address, fragment = urldefrag(reference)
    if not address:
        target_rel = rel
    else:
        base = posixpath.dirname(rel)
        joined = posixpath.normpath(posixpath.join("/" + base, parts.path)).lstrip("/")
        if parts.path.endswith("/") and joined:
            joined += "/"
        if joined.startswith("../") or joined == "..":
            report.broken.append((rel, reference, "sort du site"))
            return
        target = _target(site, joined)
        if target is None:
            report.broken.append((rel, reference, "fichier introuvable"))
            return
        target_rel = target.relative_to(site).as_posix()
    if fragment and target_rel in pages and unquote(fragment) not in pages[target_rel].anchors:
        report.broken.append((rel, reference, f"ancre « #{fragment} » absente de {target_rel}"))


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description="Liens internes cassés et liens externes d'un site construit.")
    args.add_argument("site", type=Path, nargs="?", default=Path("site"))
    args.add_argument("--json", action="store_true", help="sortie JSON")
    options = args.parse_args(argv)
    report = crawl(options.site)
    if options.json:
        print(report.as_json())
    else:
        for page, reference, why in report.broken:
            print(f"{page}: lien cassé « {reference} » : {why}")
        print(f"{report.pages} pages, {report.checked} références internes vérifiées, "
              f"{len(report.broken)} cassées, {len(report.external)} liens externes (non vérifiés) :")
        for url, where in sorted(report.external.items()):
            print(f"  {url}  ({len(where)} page{'s' if len(where) > 1 else ''})")
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())
