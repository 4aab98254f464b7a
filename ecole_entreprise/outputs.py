"""Which source writes which page of the site: two sources at one address is an error.

A record's page, a lesson's, a hand-written page and the generator's own pages share
one tree of addresses. With MkDocs' directory URLs, ``x.md`` and ``x/index.md`` are both
``x/``: a fiche « index » would replace the catalogue, a module « ressources » the
resources page, ``content/pages/glossaire.md`` the glossary — silently, before this
check. Each collision is reported at the source that asks for the address, naming the
other source.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .load import Position
from .model import Site
from .problems import Problems

# The generator's own pages (generate.py), by docs path, with what they are. A test
# (tests/test_hostile.py) keeps this list equal to what the generator writes.
GENERATED = {
    "index.md": "la page d'accueil (content/pages/accueil.md)",
    "glossaire.md": "le glossaire",
    "mesures/index.md": "la liste des mesures",
    "fiches/index.md": "le catalogue des fiches",
    "acteurs/index.md": "la liste des interlocuteurs",
    "calendrier.md": "le calendrier",
    "recherche.md": "la page de recherche",
    "tableau-de-bord.md": "le tableau de bord de l'aperçu",
    "mooc/ressources.md": "la page des ressources du MOOC",
    "mooc/planificateur.md": "le planificateur du MOOC",
    "mooc/attestation.md": "l'attestation du MOOC",
    "sources.md": "la liste des sources",
    "plan-du-site.md": "le plan du site",
}
# Folders of files the generator writes whole (theme assets, search index, open data).
RESERVED_FOLDERS = ("assets/", "donnees/")
HOME_PAGE = "accueil"


def address(docs_path: str) -> str:
    """The address a docs file is served at: ``a/b.md`` and ``a/b/index.md`` are ``a/b/``."""
    if not docs_path.endswith(".md"):
        return docs_path
    stem = docs_path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def hand_written_docs_path(path: Path) -> str:
    return "index.md" if path.stem == HOME_PAGE else path.name


@dataclass(frozen=True)
class Claim:
    docs_path: str
    rel: str | None         # the source file; None for the generator's own pages
    position: Position
    what: str               # in French, for messages: « la page de « index » (kits/fiches/index.yml) »


def check_addresses(site: Site, problems: Problems) -> None:
    """Report every address two sources would write, or that only the generator may write."""
    taken = {address(path): Claim(path, None, (1, 1), what) for path, what in GENERATED.items()
             if path != "index.md"}   # the home page's source is content/pages/accueil.md
    for claim in _claims(site):
        at = address(claim.docs_path)
        reserved = next((folder for folder in RESERVED_FOLDERS if at.startswith(folder)), None)
        if reserved:
            problems.erreur(claim.rel, claim.position, f"{claim.what} serait publiée dans « {reserved} », dossier "
                                                       "réservé aux fichiers du site : choisissez un autre nom")
        elif at in taken:
            first = taken[at]
            problems.erreur(claim.rel, claim.position, f"{claim.what} serait publiée à l'adresse « /{at} », déjà "
                                                       f"prise par {first.what} : choisissez un autre nom")
            if first.rel and first.rel != claim.rel:   # another editor's file: said there too
                problems.erreur(first.rel, first.position, f"{first.what} serait publiée à l'adresse « /{at} », "
                                                           f"prise aussi par {claim.what} : changez l'un des deux noms")
        else:
            taken[at] = claim


def _claims(site: Site) -> Iterator[Claim]:
    """Every page a source asks for: hand-written pages, records' pages, lessons."""
    for path in site.pages:
        rel = path.relative_to(site.root).as_posix()
        yield Claim(hand_written_docs_path(path), rel, (1, 1), f"la page « {rel} »")
    for record in site:
        if record.page is None:   # drafts too: the preview publishes them
            continue
        yield Claim(record.page, record.rel, record.doc.position(("id",)),
                    f"la page de « {record.id} » ({record.rel})")
        if record.type == "module":
            for i, lecon in enumerate(record.get("lecons") or []):
                if isinstance(lecon, dict) and isinstance(lecon.get("id"), str):
                    yield Claim(record.lecon_page(lecon["id"]), record.rel, record.doc.position(("lecons", i, "id")),
                                f"la leçon « {lecon['id']} » ({record.rel})")
