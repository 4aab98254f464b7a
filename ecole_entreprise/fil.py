"""The way back: each page's breadcrumb and its section of the menu, as data.

The generator knows where a page sits (a fiche in its kits, a lesson in its module), the
theme does not: so every page below the home page gets, in its front matter,

- ``fil_ariane``: the pages above it, from the home page, as ``{titre, url}`` (URLs from
  the site's root), ending with the page itself (``url`` empty);
- ``rubrique``: the URL of the menu entry to highlight (a fiche: its kit, or the catalogue);
- ``retours``: for a fiche, the other ways back (its other kits, the catalogue).

theme/overrides/partials/fil-ariane.html draws them (DSFR's fr-breadcrumb markup) and
theme/assets/js/rubrique.js highlights the section in Material's menu. Front matter is
what any site builder reads, so the docs folder stays complete on its own.
"""

from __future__ import annotations

import html
import re
from typing import Any

import yaml

from .model import Record, Site
from .render import Page, url_of, yaml_string

ACCUEIL = {"titre": "Accueil", "url": ""}
SECTIONS = {   # docs folder or page → (title, URL) of its menu entry
    "mesures": ("Les 12 mesures", "mesures/"),
    "acteurs": ("Interlocuteurs", "acteurs/"),
    "fiches": ("Catalogue des fiches", "fiches/"),
    "mooc": ("MOOC des tuteurs", "mooc/"),
}
RESSOURCES = ("Ressources", "mooc/ressources/")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_TITLE = re.compile(r"^# (.+)$", re.M)


def with_breadcrumbs(site: Site, pages: list[Page]) -> list[Page]:
    """The pages, each Markdown page below the home page with its way back in its front matter."""
    places = _places(site)
    done = []
    for page in pages:
        if page.path.endswith(".md") and isinstance(page.content, str) and page.path != "index.md":
            data = places.get(page.path) or _generic(page)
            if data:
                page = Page(page.path, _insert(page.content, data))
        done.append(page)
    return done


def _item(titre: str, url: str) -> dict[str, str]:
    return {"titre": " ".join(str(titre).split()), "url": url}


def _page_url(record: Record) -> str:
    return url_of(record.page)


def _places(site: Site) -> dict[str, dict[str, Any]]:
    """Docs path → breadcrumb data, for the pages the records make."""
    places: dict[str, dict[str, Any]] = {}
    catalogue = _item(*SECTIONS["fiches"])
    for fiche in site.published("fiche"):
        kits = sorted((k for k in fiche.backlinks.get("kit", []) if site.is_published(k)), key=lambda k: k.titre)
        above = [_item(kits[0].titre, _page_url(kits[0]))] if kits else [catalogue]
        retours = [_item(k.titre, _page_url(k)) for k in kits[1:]] + ([catalogue] if kits else [])
        places[fiche.page] = {"fil_ariane": [ACCUEIL, *above, _item(fiche.titre, "")],
                              "rubrique": above[0]["url"], "retours": retours}
    for mesure in site.published("mesure"):
        titre = f"Mesure {mesure['numero']}"
        places[mesure.page] = {"fil_ariane": [ACCUEIL, _item(*SECTIONS["mesures"]), _item(titre, "")],
                               "rubrique": "mesures/"}
    for acteur in site.published("acteur"):
        places[acteur.page] = {"fil_ariane": [ACCUEIL, _item(*SECTIONS["acteurs"]), _item(acteur.titre, "")],
                               "rubrique": "acteurs/"}
    for kit in site.published("kit"):
        places[kit.page] = {"fil_ariane": [ACCUEIL, _item(kit.titre, "")], "rubrique": _page_url(kit)}
    mooc = _item(*SECTIONS["mooc"])
    for module in site.published("module"):
        places[module.page] = {"fil_ariane": [ACCUEIL, mooc, _item(module.titre, "")], "rubrique": "mooc/"}
        for lecon in module.get("lecons", []):
            places[module.lecon_page(lecon["id"])] = {
                "fil_ariane": [ACCUEIL, mooc, _item(module.titre, _page_url(module)), _item(lecon["titre"], "")],
                "rubrique": "mooc/"}
    if site.parcours is not None:
        places[site.parcours.page] = {"fil_ariane": [ACCUEIL, _item(mooc["titre"], "")], "rubrique": "mooc/"}
    return places


def _generic(page: Page) -> dict[str, Any] | None:
    """Any other page: under its folder's section when it has one (the MOOC's resources,
    planner, attestation), else right under the home page."""
    text = page.content
    assert isinstance(text, str)
    titre = _title(text) or page.path
    folder = page.path.split("/")[0] if "/" in page.path else ""
    own_url = url_of(page.path)
    if folder == "mooc":
        above = [_item(*SECTIONS["mooc"])]
        if page.path.startswith("mooc/ressources/") and page.path != "mooc/ressources/index.md":
            above.append(_item(*RESSOURCES))
        return {"fil_ariane": [ACCUEIL, *above, _item(titre, "")], "rubrique": "mooc/"}
    if folder in SECTIONS and SECTIONS[folder][1] == own_url:   # a list page that is its section
        return {"fil_ariane": [ACCUEIL, _item(titre, "")], "rubrique": own_url}
    return {"fil_ariane": [ACCUEIL, _item(titre, "")], "rubrique": own_url}


def _title(text: str) -> str:
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            meta = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and meta.get("title"):
            return html.unescape(str(meta["title"]))   # written escaped for MkDocs (_macros.md.j2)
        text = text[match.end():]
    heading = _TITLE.search(text)
    return heading.group(1).strip().replace("\\", "") if heading else ""


def _insert(text: str, data: dict[str, Any]) -> str:
    """The data as front matter lines (JSON-style YAML, every string escaped), added to the
    page's front matter or as one. A key the page already sets is left as it is."""
    match = _FRONT_MATTER.match(text)
    existing = match.group(1) if match else ""
    lines = [f"{key}: {_yaml(value)}" for key, value in data.items()
             if not re.search(rf"^{key}\s*:", existing, re.M)]
    if not lines:
        return text
    if match:
        return text[:match.end(1)] + "\n" + "\n".join(lines) + text[match.end(1):]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + text


def _yaml(value: Any) -> str:
    if isinstance(value, str):
        return yaml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return "{" + ", ".join(f"{yaml_string(k)}: {_yaml(v)}" for k, v in value.items()) + "}"
