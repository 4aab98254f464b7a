"""Every dated thing of the site — measure milestones, fiche calendars, action deadlines —
as :class:`Jalon` objects, from the dates the model stage parsed (``record.dates``). Used
by the timeline rules, the ``timeline`` command, the calendar pages and the iCalendar
exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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


def jalons_mesure(record: Record) -> Iterator[Jalon]:
    for i, item in enumerate(record.get("calendrier", [])):
        quand = record.dates.get(("calendrier", i, "quand"))
        if quand:
            yield Jalon(quand, item["jalon"], record, ("calendrier", i, "quand"), "jalon")


def calendrier_fiche(record: Record) -> Jalon | None:
    quand = record.dates.get(("calendrier_previsionnel",))
    return Jalon(quand, record.titre, record, ("calendrier_previsionnel",), "calendrier") if quand else None


def actions_fiche(record: Record) -> Iterator[Jalon]:
    for i, action in enumerate(record.get("actions", [])):
        quand = record.dates.get(("actions", i, "delai"))
        if quand:
            yield Jalon(quand, action["action"], record, ("actions", i, "delai"), "action")


def all_jalons(site: Site, published_only: bool = True) -> list[Jalon]:
    found: list[Jalon] = []
    for mesure in site.all("mesure"):
        if not published_only or site.is_published(mesure):
            found.extend(jalons_mesure(mesure))
    for fiche in site.all("fiche"):
        if not published_only or site.is_published(fiche):
            found.extend(actions_fiche(fiche))
    return sorted(found, key=lambda j: (*sort_key(j.quand), j.record.type, j.record.id, j.path))


def sort_key(quand: dates.Quand) -> tuple[date, int]:
    """Chronological order. « jusqu'à janvier 2016 » has no start: it is placed at the
    start of the month it runs up to, just before what happens in that month, which is
    how official calendars list it (the preparation, then the launch)."""
    if quand.debut is None:
        return (quand.fin.replace(day=1), 0)
    return (quand.debut, 1)
