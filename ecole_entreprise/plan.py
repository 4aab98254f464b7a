"""The site map (plan du site): every page of the site, from mkdocs.yml's ``nav`` and the
published records, so that it stays complete as content is added. RGAA 12.3 asks for it.

Pages outside the navigation (each fiche, mesure, interlocutor, module and lesson) are
listed under the navigation entry that lists them; hand-written pages outside the
navigation (legal notice, accessibility…) under « Informations sur le site ».
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .model import Record, Site

PAGE = "plan-du-site.md"
from .search import SEARCH_PAGE


@dataclass
class Entree:
    titre: str
    page: str                       # docs path of the page (Markdown)
    enfants: list["Entree"] = field(default_factory=list)


def site_map(site: Site, nav: list[tuple[str, str]], hand_written: dict[str, str]) -> list[Entree]:
    """The tree of the site's pages. ``nav``: (title, docs path) in menu order;
    ``hand_written``: docs path → title of the hand-written pages."""
    below = _children(site)
    entries = [Entree(titre, page, below.get(page, [])) for titre, page in nav]
    listed = {page for _, page in nav}
    informations = [Entree(titre, page) for page, titre in sorted(hand_written.items(), key=lambda i: _sort_key(i[1]))
                    if page not in listed and page != "index.md"]
    informations.append(Entree("Recherche", SEARCH_PAGE))
    entries.append(Entree("Informations sur le site", "", informations))
    return entries


def _children(site: Site) -> dict[str, list[Entree]]:
    def entries(records: list[Record]) -> list[Entree]:
        return [Entree(r.titre, r.page) for r in sorted(records, key=lambda r: _sort_key(r.titre))]

    mesures = sorted(site.published("mesure"), key=lambda r: r["numero"])
    children = {
        "mesures/index.md": [Entree(f"Mesure {m['numero']} : {m.titre}", m.page) for m in mesures],
        "fiches/index.md": entries(site.published("fiche")),
        "acteurs/index.md": entries(site.published("acteur")),
    }
    parcours = site.parcours
    if site.is_published(parcours):
        modules = [m for m in (site.get("module", i) for i in parcours["modules"]) if site.is_published(m)]
        cours = [Entree(m.titre, m.page, [Entree(l["titre"], m.lecon_page(l["id"])) for l in m["lecons"]])
                 for m in modules]
        cours.append(Entree("Ressources", "mooc/ressources.md"))
        if site.is_published(site.get("planificateur", "planificateur")):
            cours.append(Entree("Planificateur de la semaine", "mooc/planificateur.md"))
        cours.append(Entree("Attestation", "mooc/attestation.md"))
        children[parcours.page] = cours
    return children


def _sort_key(title: str) -> str:
    """Alphabetical order as a French reader expects it: « Équipe » among the E."""
    return unicodedata.normalize("NFD", title).encode("ascii", "ignore").decode().casefold()


def page_title(path: Path) -> str:
    """A hand-written page's title: its front matter ``title``, else its first « # » heading."""
    text = path.read_text(encoding="utf-8")
    front = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if front:
        title = re.search(r"^title:\s*[\"']?(.+?)[\"']?\s*$", front.group(1), re.M)
        if title:
            return title.group(1)
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.M)
    return heading.group(1) if heading else path.stem.replace("-", " ").capitalize()


def lines(entries: list[Entree], depth: int = 0) -> list[tuple[int, Entree]]:
    """The tree flattened, in order, with each entry's depth (for a nested Markdown list)."""
    found = []
    for entry in entries:
        found.append((depth, entry))
        found.extend(lines(entry.enfants, depth + 1))
    return found
