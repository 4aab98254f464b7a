"""Every dated thing of the site — measure milestones, fiche calendars, action deadlines —
as :class:`Jalon` objects, parsed once by dates.py. Used by the timeline rules, the
``timeline`` command, the calendar pages and the iCalendar exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterator

from . import dates
from .load import JsonPath
from .model import Record, Site


@dataclass(frozen=True)
class Jalon:
    quand: dates.Quand
    libelle: str          # what happens
    record: Record
    path: JsonPath        # where the date is written, for messages
    kind: str             # "jalon" (measure), "calendrier" (fiche), "action" (fiche action)

    def statut(self, today: date) -> str:
        """« passé », « en cours » or « à venir » relative to ``today``."""
        if self.quand.fin is not None and self.quand.fin < today:
            return "passé"
        if self.quand.debut is not None and self.quand.debut > today:
            return "à venir"
        return "en cours"


@lru_cache(maxsize=65536)
def parse(text: str, annee_scolaire: int) -> dates.Quand | None:
    """Parsed date, or None when invalid (validation has already said so)."""
    try:
        return dates.parse(text, annee_scolaire)
    except dates.DateInvalide:
        return None


def jalons_mesure(record: Record, annee: int) -> Iterator[Jalon]:
    for i, item in enumerate(record.get("calendrier", [])):
        quand = parse(str(item.get("quand", "")), annee)
        if quand:
            yield Jalon(quand, item["jalon"], record, ("calendrier", i, "quand"), "jalon")


def calendrier_fiche(record: Record, annee: int) -> Jalon | None:
    quand = parse(str(record.get("calendrier_previsionnel", "")), annee)
    return Jalon(quand, record.titre, record, ("calendrier_previsionnel",), "calendrier") if quand else None


def actions_fiche(record: Record, annee: int) -> Iterator[Jalon]:
    for i, action in enumerate(record.get("actions", [])):
        if "delai" in action:
            quand = parse(str(action["delai"]), annee)
            if quand:
                yield Jalon(quand, action["action"], record, ("actions", i, "delai"), "action")


def all_jalons(site: Site, published_only: bool = True) -> list[Jalon]:
    annee = site.config.annee_scolaire
    found: list[Jalon] = []
    for mesure in site.all("mesure"):
        if not published_only or site.is_published(mesure):
            found.extend(jalons_mesure(mesure, annee))
    for fiche in site.all("fiche"):
        if not published_only or site.is_published(fiche):
            found.extend(actions_fiche(fiche, annee))
    return sorted(found, key=lambda j: (*sort_key(j.quand), j.record.type, j.record.id, j.path))


def sort_key(quand: dates.Quand) -> tuple[date, int]:
    """Chronological order. « jusqu'à janvier 2016 » has no start: it is placed at the
    start of the month it runs up to, just before what happens in that month, which is
    how official calendars list it (the preparation, then the launch)."""
    if quand.debut is None:
        return (quand.fin.replace(day=1), 0)
    return (quand.debut, 1)
