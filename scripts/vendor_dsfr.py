"""Vendor the part of the State's design system (DSFR) that the site uses.

The whole DSFR stylesheet is 728 KB (94 KB gzipped), its core alone 25 KB gzipped, and
each Marianne weight 58 KB: far more than a page of this site needs. This script reads
the pinned package (``node_modules/@gouvfr/dsfr``, installed by ``npm ci`` from
``package-lock.json``, whose integrity hash npm checks) and writes to
``theme/assets/dsfr/``:

- ``dsfr.min.css``: the rules of the components the site uses (``COMPONENTS``), kept
  only for the class blocks it uses (``BLOCKS``), light scheme only, with only the
  custom properties those rules read; no element reset (Material styles the content);
- the two Marianne weights the site uses (regular, bold), woff2 only;
- the icons the kept rules point at, the favicon (Marianne) and the package's licence.

``tests/test_dsfr.py`` runs the same extraction on the installed package and compares it
with the committed files, byte for byte: the vendored files are exactly what the pinned
package gives. Run ``python scripts/vendor_dsfr.py`` after changing the version in
package.json (``npm install --ignore-scripts``: the package's preinstall script refuses
to run outside a DSFR starter project) or the lists below. Decision 0025.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import tinycss2

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "@gouvfr" / "dsfr"
TARGET = ROOT / "theme" / "assets" / "dsfr"

# dist/core/core.main.min.css, then dist/component/<name>/<name>.main.min.css
COMPONENTS = ("core", "link", "button", "logo", "header", "footer", "breadcrumb",
              "tag", "badge", "callout", "card", "tile")
# A selector is kept when it names at least one fr- class and only classes of these
# blocks (the block itself, its __elements and --modifiers).
BLOCKS = ("fr-container", "fr-sr-only", "fr-enlarge-link", "fr-collapse", "fr-link", "fr-links-group",
          "fr-btn", "fr-btns-group", "fr-logo", "fr-header", "fr-footer", "fr-breadcrumb",
          "fr-tag", "fr-tags-group", "fr-badge", "fr-badges-group", "fr-callout", "fr-card", "fr-tile", "fr-icon-arrow-right-line", "fr-icon-arrow-right-s-line",
          "fr-icon-external-link-line", "fr-icon-download-line", "fr-icon-menu-fill",
          "fr-icon-close-line", "fr-icon-search-line", "fr-icon-arrow-up-line")
# Marianne regular and bold only: medium (500) text falls back on the regular face.
FONTS = ("Marianne-Regular.woff2", "Marianne-Bold.woff2")
# Left out: the dark scheme, legacy browsers, print (the site prints with its own CSS) and
# the icon variants picked by [class*=" fr-icon-"] (the site's buttons have no icon).
LEFT_OUT = re.compile(r"data-fr-theme=dark|data-fr-scheme=dark|\[data-fr-theme\]\s*\[|fr-scheme|"
                      r"::-ms-|-ms-high-contrast|\[class[*^]=")
FR_CLASS = re.compile(r"\.(fr-[A-Za-z0-9_-]+)")
VAR_USE = re.compile(r"var\((--[A-Za-z0-9_-]+)")
URL = re.compile(r"url\(([^)\"']+)\)")


def _allowed(name: str) -> bool:
    return any(name == b or name.startswith((b + "__", b + "--")) for b in BLOCKS)


def _keep_selectors(prelude: str) -> list[str]:
    kept = []
    for selector in _split_selectors(prelude):
        if LEFT_OUT.search(selector):
            continue
        classes = FR_CLASS.findall(selector)
        if classes and all(_allowed(c) for c in classes):
            kept.append(selector)
    return kept


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at top-level commas (not those inside :is(), :not()…)."""
    parts, depth, current = [], 0, ""
    for char in prelude:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [p for p in parts if p]


def _declarations(block) -> list[tuple[str, str]]:
    result = []
    for item in tinycss2.parse_blocks_contents(block, skip_whitespace=True, skip_comments=True):
        if item.type == "declaration":
            value = tinycss2.serialize(item.value).strip()
            result.append((item.name if item.name.startswith("--") else item.lower_name,
                           value + ("!important" if item.important else "")))
    return result


class Extraction:
    def __init__(self) -> None:
        self.rules: list[str] = []                   # CSS text, in source order
        self.properties: dict[str, tuple[str, str]] = {}   # --name → (selector, value) from :root
        self.font_faces: list[str] = []

    def read(self, css: str, source: Path) -> None:
        self.rules.extend(self._rules(tinycss2.parse_stylesheet(css, skip_whitespace=True,
                                                                skip_comments=True), source))

    def _rules(self, nodes, source: Path) -> list[str]:
        out = []
        for node in nodes:
            if node.type == "qualified-rule":
                prelude = tinycss2.serialize(node.prelude).strip()
                if prelude in (":root", ":root:where([data-fr-theme])", ":root[data-fr-theme=light]"):
                    for name, value in _declarations(node.content):
                        if name.startswith("--"):
                            self.properties.setdefault(name, value)
                    continue
                selectors = _keep_selectors(prelude)
                if selectors:
                    body = ";".join(f"{n}:{v}" for n, v in _declarations(node.content))
                    out.append(",".join(selectors) + "{" + self._urls(body, source) + "}")
            elif node.type == "at-rule" and node.lower_at_keyword == "font-face":
                body = tinycss2.serialize(node.content)
                if any(f"/{font})" in body for font in FONTS):
                    src = re.search(r"url\(([^)]*\.woff2)\)", body).group(1)
                    decl = dict(_declarations(node.content))
                    self.font_faces.append(
                        "@font-face{font-display:swap;font-family:Marianne;font-style:normal;"
                        f"font-weight:{decl['font-weight']};src:url(fonts/{Path(src).name}) format(\"woff2\")}}")
            elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports") and node.content:
                prelude = tinycss2.serialize(node.prelude).strip()
                if "print" in prelude or "-ms-" in prelude:
                    continue
                inner = self._rules(tinycss2.parse_rule_list(node.content, skip_whitespace=True,
                                                             skip_comments=True), source)
                if inner:
                    out.append(f"@{node.lower_at_keyword} {prelude}{{{''.join(inner)}}}")
        return out

    def _urls(self, body: str, source: Path) -> str:
        def local(match: re.Match) -> str:
            ref = match.group(1)
            if ref.startswith("data:"):
                return match.group(0)
            path = (source.parent / ref).resolve()
            rel = path.relative_to(PACKAGE / "dist").as_posix()
            self.files.add(rel)
            return f"url({rel})"
        return URL.sub(local, body)

    files: set[str]

    def stylesheet(self) -> str:
        used = set()
        pending = [n for rule in self.rules for n in VAR_USE.findall(rule)]
        while pending:
            name = pending.pop()
            if name in used or name not in self.properties:
                continue
            used.add(name)
            pending.extend(VAR_USE.findall(self.properties[name]))
        root = ";".join(f"{n}:{self.properties[n]}" for n in sorted(used))
        version = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
        return (f"/*! DSFR v{version} | SPDX-License-Identifier: Etalab-2.0 | License-Filename: LICENSE.txt | restricted use (see terms and conditions)"
                f" | extrait par scripts/vendor_dsfr.py (décision 0025) */\n"
                + "".join(self.font_faces) + "\n:root{" + root + "}\n" + "\n".join(self.rules) + "\n")


def extract() -> dict[str, bytes]:
    """Path under theme/assets/dsfr/ → bytes, as the pinned package gives them."""
    if not (PACKAGE / "package.json").is_file():
        raise SystemExit("DSFR absent : lancez `npm ci` (ou `make test`), qui l'installe depuis package-lock.json")
    extraction = Extraction()
    extraction.files = set()
    for name in COMPONENTS:
        folder = PACKAGE / "dist" / ("core" if name == "core" else f"component/{name}")
        css = folder / f"{name}.main.min.css"
        extraction.read(css.read_text(encoding="utf-8"), css)
    files = {"dsfr.min.css": extraction.stylesheet().encode("utf-8")}
    for font in FONTS:
        files[f"fonts/{font}"] = (PACKAGE / "dist" / "fonts" / font).read_bytes()
    for rel in sorted(extraction.files):
        files[rel] = (PACKAGE / "dist" / rel).read_bytes()
    files["favicon/favicon.svg"] = (PACKAGE / "dist" / "favicon" / "favicon.svg").read_bytes()
    files["LICENSE.txt"] = (PACKAGE / "LICENSE.md").read_bytes()
    return files


def main() -> int:
    files = extract()
    if TARGET.exists():
        kept = {"PROVENANCE.txt"}
        for path in sorted(TARGET.rglob("*"), reverse=True):
            if path.is_file() and path.name not in kept:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for rel, data in files.items():
        (TARGET / rel).parent.mkdir(parents=True, exist_ok=True)
        (TARGET / rel).write_bytes(data)
    print(f"{len(files)} fichiers écrits dans {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
