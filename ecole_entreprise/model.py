"""Stage 4 — model: typed records, and the Site that holds them all by id.

A record keeps its data as the schema shaped it (the schema is the one declaration of a
type's fields) plus what the pipeline learns about it: its source file and positions,
its dates parsed (:func:`read_dates`, here, once: later stages read ``record.dates``,
``record.updated`` and :meth:`Site.quand`, never a date's text), and the records that
point at it (backlinks, filled by resolve).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from functools import cache
from typing import Any, Iterator

from . import dates, registry, urls
from .fields import ITEM, fields
from .load import Document, JsonPath


@dataclass(repr=False, eq=False)
class Record:
    type: str
    id: str
    doc: Document
    backlinks: dict[str, list["Record"]] = field(default_factory=lambda: defaultdict(list))
    valide: bool = True   # False when the schema found errors: rules then leave it alone
    # Every date field (the schema's « date-fr » format) by its path; a date the schema
    # refused is absent (validation has said why).
    dates: dict[JsonPath, dates.Quand] = field(default_factory=dict)
    updated: date | None = None   # ``mis_a_jour`` as a day

    def __repr__(self) -> str:
        # Backlinks make records a graph: the generated repr would walk it without end.
        return f"Record({self.type!r}, {self.id!r})"

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data

    @property
    def rel(self) -> str:
        return self.doc.rel

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    @property
    def provenance(self) -> str:
        """« officiel » or « proposition »: absent means proposition, so that nothing
        reads as official unless an editor said so (docs/decisions/0015)."""
        return self.data.get("provenance") or "proposition"

    def provenance_of(self, part: dict[str, Any]) -> str:
        """The provenance of a part (an action, a quantitative result): its own, else the record's."""
        return (part.get("provenance") if isinstance(part, dict) else None) or self.provenance

    @property
    def brouillon(self) -> bool:
        return self.data.get("statut") == "brouillon"

    @property
    def titre(self) -> str:
        return self.data.get("titre") or self.data.get("nom") or self.id

    @property
    def page(self) -> str | None:
        """Path of the record's Markdown page under docs/ (registry.py), or None (glossary)."""
        return registry.get(self.type).page_of(self.id)

    def lecon_page(self, lecon_id: str) -> str:
        """Path of one lesson of a module (urls.lecon_page)."""
        return urls.lecon_page(self, lecon_id)


@dataclass
class Config:
    """Site settings the generator needs (read from mkdocs.yml's ``extra:``)."""

    # The school year placing dates without a year (its first year: 2026 = 2026-2027),
    # from ``extra.annee_scolaire``; without it, the school year of ``aujourdhui``.
    annee_scolaire: int | None = None
    aujourdhui: date = field(default_factory=date.today)
    brouillons: bool = False        # preview: publish drafts, marked as such
    site_url: str = ""
    # what is wrong with mkdocs.yml: (niveau, (line, col), message), reported with the content's problems
    problemes: list[tuple[str, tuple[int, int], str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.annee_scolaire is None:
            self.annee_scolaire = dates.annee_scolaire_de(self.aujourdhui)
    identite: str = "etat"          # "etat": the State's marks (DSFR); "neutre": none of them
    nav: list[tuple[str, str]] = field(default_factory=list)   # mkdocs.yml's menu: (title, page)


@dataclass
class Site:
    root: Path
    config: Config
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: defaultdict(dict))
    pages: list[Path] = field(default_factory=list)   # hand-written Markdown pages
    safe_pages: dict[Path, str] = field(default_factory=dict)   # as published: checked (frontmatter.py), sanitized (pages.py)
    # Each date text of the content, parsed once with the school year (read_dates): the
    # templates name dates by their text. None: a text the schema refused.
    dates: dict[str, dates.Quand | None] = field(default_factory=dict)
    # (type, id) of files that exist but could not be read: their problem is already
    # reported, so references to them are not reported a second time.
    unreadable: set[tuple[str, str]] = field(default_factory=set)

    def quand(self, text: Any) -> dates.Quand | None:
        """The parsed date of a date text of the content (a KeyError for any other text:
        every date is parsed in the model stage, none later)."""
        return self.dates[str(text)]

    def add(self, record: Record) -> None:
        self.records[record.type][record.id] = record

    def get(self, type_: str, id_: str) -> Record | None:
        return self.records.get(type_, {}).get(id_)

    def all(self, type_: str) -> list[Record]:
        return list(self.records.get(type_, {}).values())

    def published(self, type_: str) -> list[Record]:
        return [r for r in self.all(type_) if self.is_published(r)]

    def is_published(self, record: Record | None) -> bool:
        return record is not None and (not record.brouillon or self.config.brouillons)

    def __iter__(self) -> Iterator[Record]:
        for by_id in self.records.values():
            yield from by_id.values()

    @property
    def glossaire(self) -> dict[str, dict[str, Any]]:
        record = self.get("glossaire", "glossaire")
        return {t["sigle"]: t for t in record["termes"]} if record and record.valide else {}

    @property
    def expansions(self) -> dict[str, str]:
        """Each acronym's expansion, for those that have one (the sources do not expand
        every acronym they use: those are defined in the glossary, never guessed)."""
        return {sigle: t["developpe"] for sigle, t in self.glossaire.items() if t.get("developpe")}

    @property
    def parcours(self) -> Record | None:
        found = self.all("parcours")
        return found[0] if found else None


# --- dates, parsed once -------------------------------------------------------------------

def read_dates(site: Site) -> None:
    """Parse every date field of every record once, with the site's school year."""
    annee = site.config.annee_scolaire
    for record in site:
        for path in date_paths(record.type):
            for where, text in _values_at(record.data, path, ()):
                if not isinstance(text, str):
                    continue
                if text not in site.dates:
                    try:
                        site.dates[text] = dates.parse(text, annee)
                    except dates.DateInvalide:
                        site.dates[text] = None
                if site.dates[text] is not None:
                    record.dates[where] = site.dates[text]
        record.updated = day_of(record.dates.get(("mis_a_jour",)))


def day_of(quand: dates.Quand | None) -> date | None:
    """The day a date names (its first day, for a wider one such as « novembre 2026 »)."""
    return (quand.debut or quand.fin) if quand else None


@cache
def date_paths(type_: str) -> tuple[tuple[str, ...], ...]:
    """Schema paths of the type's date fields (``("actions", "[]", "delai")``)."""
    return tuple(f.path for f in fields(type_) if f.node.get("format") == "date-fr")


def _values_at(data: Any, path: tuple[str, ...], where: JsonPath) -> Iterator[tuple[JsonPath, Any]]:
    if not path:
        yield where, data
    elif path[0] == ITEM:
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from _values_at(item, path[1:], where + (i,))
    elif isinstance(data, dict) and path[0] in data:
        yield from _values_at(data[path[0]], path[1:], where + (path[0],))
