"""The content types, each declared once, as data.

A content type is one :class:`ContentType` below, plus its JSON Schema
(``schemas/<name>.schema.json``: its fields) and its page template
(``theme/templates/<name>.md.j2``: its presentation). Every stage asks this module what a
type is — where its files are (discover), which schema checks them (validate), where its
pages go (model, urls), how to name it in French (resolve, report, the home page),
whether it has a PDF (pdf), a skeleton for ``new`` (archetypes, cli) and a place in the
menu (``not_in_nav`` of mkdocs.yml, checked against :func:`not_in_nav` by a test).

Adding a type: write its schema and its template, add one entry to :data:`TYPES`.
The order of :data:`TYPES` is the order of the tree (content/, kits/, mooc/): the order
files are discovered in, and the order types are listed in (editors' guide, ``new``,
the dashboard).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentType:
    name: str            # the type's key (``fiche``): record types, schema and template names
    files: str           # glob of its files from the project root; a record's id is its file stem
    nom: str             # French, singular, as in a sentence: « fiche action »
    pluriel: str         # French, plural, as a title: « Fiches action »
    aucun: str           # « aucune fiche »: what messages say when the project has none
    # Docs path of a record's page, ``{id}`` replaced by the record's id; None: the type
    # has no page of its own (the glossary is one page of the site, not a record's).
    page: str | None = None
    # Rendered with the course's context (the parcours and its modules, generate._mooc_pages)
    # rather than alone, with only the record, by the generic loop (generate._record_pages).
    course: bool = False
    pdf: str | None = None          # what its PDF's cover calls it; None: no PDF
    archetype: bool = False         # ``new <name>`` writes archetypes/<name>.yml
    dashboard: bool = False         # a section of the completeness dashboard (report.py)
    nouveautes: int | None = None   # rank among equal dates in « Quoi de neuf »; None: not listed
    # Pattern of its pages in mkdocs.yml's ``not_in_nav`` (pages reached from lists and
    # links, not from the menu); None: its pages are in ``nav``.
    not_in_nav: str | None = None
    schema_file: str | None = None  # the schema, if not schemas/<name>.schema.json (a path)
    in_guide: bool = True           # its fields are listed in the editors' guide
    apres_new: tuple[str, ...] = () # what ``new`` then tells the editor to do, ``{id}`` replaced

    @property
    def template(self) -> str:
        return f"{self.name}.md.j2"

    @property
    def schema(self) -> Path:
        from .schemas import SCHEMA_DIR   # schemas/ imports this module
        return SCHEMA_DIR / (self.schema_file or f"{self.name}.schema.json")

    @property
    def folder(self) -> str:
        """The folder its files live in (``kits/fiches``): where ``new`` writes one."""
        return self.files.rpartition("/")[0]

    @property
    def url_folder(self) -> str | None:
        """First segment of its pages' paths (``fiches``), or None without pages."""
        return self.page.split("/", 1)[0] if self.page and "/" in self.page else None

    def page_of(self, id_: str) -> str | None:
        return self.page.replace("{id}", id_) if self.page else None


TYPES: tuple[ContentType, ...] = (
    ContentType("mesure", "content/mesures/*.yml", "mesure", "Mesures", "aucune mesure",
                page="mesures/{id}.md", dashboard=True, archetype=True, nouveautes=2,
                not_in_nav="/mesures/m*.md"),
    ContentType("acteur", "content/acteurs/*.yml", "interlocuteur", "Interlocuteurs", "aucun interlocuteur",
                page="acteurs/{id}.md", archetype=True, nouveautes=5, not_in_nav="/acteurs/*.md"),
    ContentType("glossaire", "content/glossaire.yml", "glossaire", "Glossaire", "aucun glossaire"),
    # The bibliography: documents cited by id in every record's « sources »; listed on one
    # page (sources.md), with no page of their own.
    ContentType("source", "content/sources/*.yml", "source", "Sources", "aucune source"),
    ContentType("kit", "kits/*.yml", "kit", "Kits", "aucun kit",
                page="kits/{id}.md", pdf="Kit d'accompagnement", archetype=True, dashboard=True, nouveautes=0,
                apres_new=("Ajoutez la page du kit au menu (« nav » de mkdocs.yml) pour qu'elle y apparaisse.",)),
    ContentType("fiche", "kits/fiches/*.yml", "fiche action", "Fiches action", "aucune fiche",
                page="fiches/{id}.md", pdf="Fiche action", archetype=True, dashboard=True, nouveautes=1,
                not_in_nav="/fiches/*.md",
                apres_new=("Ajoutez « {id} » aux « fiches » d'une section de kit (kits/*.yml) pour la "
                           "rattacher à un kit.",)),
    ContentType("parcours", "mooc/parcours.yml", "MOOC", "MOOC", "aucun parcours",
                page="mooc/index.md", course=True, nouveautes=3),
    # A module's lessons live beside its page: mooc/<module>/<lecon>.md (urls.lecon_page).
    ContentType("module", "mooc/modules/*.yml", "module du MOOC", "Modules du MOOC", "aucun module",
                page="mooc/{id}/index.md", course=True, archetype=True, dashboard=True, nouveautes=4,
                not_in_nav="/mooc/*/",
                apres_new=("Ajoutez « {id} » aux « modules » de mooc/parcours.yml pour le placer dans le parcours.",)),
    ContentType("planificateur", "mooc/planificateur.yml", "planificateur", "Planificateurs",
                "aucun planificateur", not_in_nav="/mooc/planificateur.md", in_guide=False),
)

# Generated pages that are no record's, kept out of the menu too (generate._mooc_pages).
OTHER_PAGES_NOT_IN_NAV = ("/mooc/ressources.md", "/mooc/attestation.md")


def get(name: str) -> ContentType:
    """The type of that name. Read from :data:`TYPES` as it is now (a test adds a type)."""
    global _by_name
    if _by_name[0] is not TYPES:
        _by_name = (TYPES, {t.name: t for t in TYPES})
    return _by_name[1][name]


def names() -> tuple[str, ...]:
    return tuple(t.name for t in TYPES)


def not_in_nav() -> list[str]:
    """What mkdocs.yml's ``not_in_nav`` must hold: each type's pattern, then the other pages."""
    return [t.not_in_nav for t in TYPES if t.not_in_nav] + list(OTHER_PAGES_NOT_IN_NAV)


_by_name: tuple[tuple[ContentType, ...] | None, dict[str, ContentType]] = (None, {})
