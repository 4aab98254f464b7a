"""iCalendar files (RFC 5545) of the dated things of the site, made at build time.

One file per measure (its roll-out milestones), one per fiche (its actions, placed in the
school year set by ``extra.annee_scolaire`` in ``mkdocs.yml``) and one for the whole site.
Events are all-day: an interval « début 2016 » becomes 1 January – 30 April 2016. An open
interval (« jusqu'à janvier 2016 ») becomes the one day it names.

Files are deterministic — stable UIDs, DTSTAMP taken from the record's ``mis_a_jour`` —
so a rebuild rewrites nothing that did not change and calendar apps update events in
place instead of duplicating them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import NamedTuple

import icalendar

from . import agenda
from .dates import libelle_annee_scolaire
from .model import Record, Site
from .render import Page
from .urls import absolute, ics_path
from .timeline import Jalon, actions_fiche, calendrier_fiche, jalons_mesure

# What a proposal's délai is (docs/decisions/0015): the site editors' suggestion.
SUGGESTION = ("Délai suggéré par les éditeurs du site : cette fiche est une proposition, "
              "pas une fiche officielle ; adaptez la date à votre projet.")
PRODID = "-//Éducation nationale//École-entreprise, kits et MOOC//FR"
UID_DOMAIN = "ecole-entreprise.education.gouv.fr"


def calendar_pages(site: Site) -> list[Page]:
    """The .ics files: one per published measure and fiche (all its dates), and the
    site's: ``calendrier.ics`` holds the real dated events still to come,
    ``calendrier-historique.ics`` those already past (agenda.py, decision 0028)."""
    pages: list[Page] = []
    a_venir: list[_Written] = []
    passes: list[_Written] = []
    today = site.config.aujourdhui
    for record in sorted(site.published("mesure"), key=lambda r: r["numero"]):
        pages.append(_record_calendar(site, record, f"Mesure {record['numero']} : {record.titre}", today,
                                      a_venir, passes))
    for record in sorted(site.published("fiche"), key=lambda r: r.id):
        pages.append(_record_calendar(site, record, f"Fiche action : {record.titre}", today, a_venir, passes))
    pages.append(Page(ics_path(None), _calendar("École-entreprise : les prochaines dates", a_venir)))
    pages.append(Page(HISTORY_ICS, _calendar("École-entreprise : les dates passées", passes)))
    return pages


HISTORY_ICS = "calendrier-historique.ics"


def _record_calendar(site: Site, record: Record, name: str, today: date,
                     a_venir: list[_Written], passes: list[_Written]) -> Page:
    events = []
    for jalon in _jalons(site, record):
        written = _written(_event(site, jalon))
        events.append(written)
        if agenda.evenement(jalon):
            (a_venir if agenda.a_venir(jalon, today) else passes).append(written)
    return Page(ics_path(record), _calendar(name, events))


class _Written(NamedTuple):
    """An event as its sort key and its lines. Each event is written once and placed in
    its record's file and in the whole site's: icalendar folds lines one character at a
    time, the largest cost of the calendars (docs/performance.md)."""
    debut: date
    uid: str
    ical: bytes


def _written(event: icalendar.Event) -> _Written:
    return _Written(event.decoded("dtstart"), str(event["uid"]), event.to_ical())


def _jalons(site: Site, record: Record) -> list[Jalon]:
    if record.type == "mesure":
        return list(jalons_mesure(record))
    found = list(actions_fiche(record))
    if not found:  # no dated action: the fiche's own period stands for it
        periode = calendrier_fiche(record)
        found = [periode] if periode else []
    return found


def _calendar(name: str, events: list[_Written]) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", " ".join(name.split()))  # an X- property is written unescaped: one line
    head, end = cal.to_ical().split(_END)
    assert end == b"", "icalendar writes END:VCALENDAR last"
    return head + b"".join(e.ical for e in sorted(events, key=lambda e: (e.debut, e.uid))) + _END


_END = b"END:VCALENDAR\r\n"


def _event(site: Site, jalon: Jalon) -> icalendar.Event:
    record, quand = jalon.record, jalon.quand
    debut = quand.debut or quand.fin
    fin = quand.fin if quand.debut is not None and quand.fin is not None else debut
    event = icalendar.Event()
    event.add("uid", _uid(jalon))
    event.add("dtstamp", _stamp(record))
    event.add("dtstart", debut)
    event.add("dtend", fin + timedelta(days=1))  # DTEND of an all-day event is exclusive
    event.add("summary", _summary(jalon))
    event.add("description", _description(site, jalon))
    event.add("transp", "TRANSPARENT")          # a period to know about, not a busy slot
    url = _url(site, record)
    if url:
        event.add("url", url)
    return event


def _uid(jalon: Jalon) -> str:
    where = "-".join(str(part) for part in jalon.path)
    return f"{jalon.record.type}-{jalon.record.id}-{where}@{UID_DOMAIN}"


def _stamp(record: Record) -> datetime:
    """DTSTAMP: the record's ``mis_a_jour`` (required by every schema with a calendar)."""
    return datetime.combine(record.updated or UNDATED, time(0, 0), tzinfo=timezone.utc)


UNDATED = date(2015, 1, 1)   # the year of the 12 measures: a stamp for a record without a date


def _summary(jalon: Jalon) -> str:
    record = jalon.record
    if record.type == "mesure":
        return f"Mesure {record['numero']} : {jalon.libelle}"
    if jalon.kind == "action":
        action = record["actions"][jalon.path[1]]
        prefix = "" if record.provenance_of(action) == "officiel" else "Suggestion : "
        return f"{prefix}{jalon.libelle} ({record.titre})"
    return record.titre


def _description(site: Site, jalon: Jalon) -> str:
    record, quand = jalon.record, jalon.quand
    lines = [f"Quand : {quand.libelle()}"]
    if record.type == "mesure":
        lines.append(f"Mesure {record['numero']} : {record.titre}")
    else:
        lines.append(f"Fiche action : {record.titre}")
        if quand.relatif:
            lines.append(f"Placé dans l'année scolaire {libelle_annee_scolaire(site.config.annee_scolaire)}.")
        if jalon.kind == "action":
            action = record["actions"][jalon.path[1]]
            pilotes = [_nom_acteur(site, p) for p in action.get("pilote", [])]
            lines.append("Pilote : " + ", ".join(pilotes))
            if record.provenance_of(action) != "officiel":
                lines.append(SUGGESTION)
        elif record.provenance != "officiel":
            lines.append(SUGGESTION)
    return "\n".join(lines)


def _nom_acteur(site: Site, id_: str) -> str:
    acteur = site.get("acteur", id_)
    return acteur.titre if acteur else id_


def _url(site: Site, record: Record) -> str:
    return absolute(site.config.site_url, record.page)
