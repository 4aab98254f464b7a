"""Stage 4 — model: typed records, and the Site that holds them all by id.

A record keeps its data as the schema shaped it (the schema is the one declaration of a
type's fields) plus what the pipeline learns about it: its source file and positions,
and the records that point at it (backlinks, filled by resolve).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from .load import Document

# URL folder of each type's pages; a record's page is ``<folder>/<id>/``.
URL_FOLDERS = {
    "mesure": "mesures", "fiche": "fiches", "kit": "kits", "acteur": "acteurs",
    "module": "mooc", "parcours": "mooc",
}


@dataclass(repr=False, eq=False)
class Record:
    type: str
    id: str
    doc: Document
    backlinks: dict[str, list["Record"]] = field(default_factory=lambda: defaultdict(list))
    valide: bool = True   # False when the schema found errors: rules then leave it alone

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
    def brouillon(self) -> bool:
        return self.data.get("statut") == "brouillon"

    @property
    def titre(self) -> str:
        return self.data.get("titre") or self.data.get("nom") or self.id

    @property
    def page(self) -> str | None:
        """Path of the record's Markdown page under docs/, or None (glossary)."""
        if self.type == "parcours":
            return "mooc/index.md"
        if self.type == "module":
            return f"mooc/{self.id}/index.md"  # its lessons live beside it
        folder = URL_FOLDERS.get(self.type)
        return f"{folder}/{self.id}.md" if folder else None

    def lecon_page(self, lecon_id: str) -> str:
        """Path of one lesson of a module: beside the module's page, named by the lesson's id."""
        return f"mooc/{self.id}/{lecon_id}.md"


@dataclass
class Config:
    """Site settings the generator needs (read from mkdocs.yml's ``extra:``)."""

    annee_scolaire: int = 2025      # the school year placing dates without a year
    aujourdhui: date = field(default_factory=date.today)
    brouillons: bool = False        # preview: publish drafts, marked as such
    site_url: str = ""
    identite: str = "etat"          # "etat": the State's marks (DSFR); "neutre": none of them
    nav: list[tuple[str, str]] = field(default_factory=list)   # mkdocs.yml's menu: (title, page)


@dataclass
class Site:
    root: Path
    config: Config
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: defaultdict(dict))
    pages: list[Path] = field(default_factory=list)   # hand-written Markdown pages
    # (type, id) of files that exist but could not be read: their problem is already
    # reported, so references to them are not reported a second time.
    unreadable: set[tuple[str, str]] = field(default_factory=set)

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
    def parcours(self) -> Record | None:
        found = self.all("parcours")
        return found[0] if found else None
