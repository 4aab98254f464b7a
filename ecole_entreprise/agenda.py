"""What is current: the dated things of the site seen from a given day.

The home page's « Prochaines échéances », the calendar page and the site's iCalendar
file all ask the same questions of the milestones and actions of timeline.py: what is
still to come, which school year does it belong to, is it a real dated event? They ask
them here, of ``site.config.aujourdhui`` (today, or ``--date``).

Rules (docs/decisions/0028-current-dates.md):

- *still to come*: it ends on or after the day; a period with no end (« à partir de juin
  2016 ») is still to come only if it starts in the current school year or later;
- *the two school years*: the current one (September to August, containing the day) and
  the next; the rest is history;
- *an event* for a calendar application: a day or a month (or months) named by the
  editor. A trimester, a season, a year, « pendant l'année scolaire » are planning
  indications: the calendar page shows them, agendas do not get them as events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import annee_scolaire_de
from .model import Site
from .timeline import Jalon, all_jalons

PRECISIONS_EVENEMENT = ("jour", "mois")


@dataclass(frozen=True)
class Fenetre:
    """The current school year and the next, seen from ``jour``."""

    jour: date

    @property
    def annee(self) -> int:
        return annee_scolaire_de(self.jour)

    @property
    def debut(self) -> date:
        return date(self.annee, 9, 1)

    @property
    def fin(self) -> date:
        return date(self.annee + 2, 8, 31)


def a_venir(jalon: Jalon, jour: date) -> bool:
    """Ends on or after ``jour``; without an end, starts in the current school year or later."""
    quand = jalon.quand
    if quand.fin is not None:
        return quand.fin >= jour
    return quand.debut is not None and quand.debut >= Fenetre(jour).debut


def dans_la_fenetre(jalon: Jalon, fenetre: Fenetre) -> bool:
    """Still to come and starting before the end of the next school year."""
    quand = jalon.quand
    return a_venir(jalon, fenetre.jour) and (quand.debut is None or quand.debut <= fenetre.fin)


def annee_du_jalon(jalon: Jalon) -> int:
    """The school year a milestone belongs to: the one it ends in (or starts in, if open)."""
    quand = jalon.quand
    return annee_scolaire_de(quand.fin if quand.fin is not None else quand.debut)


def echeance(jalon: Jalon, fenetre: Fenetre) -> tuple[date, date]:
    """Order of deadlines: the soonest end first (an open end counts as the window's end)."""
    return (jalon.quand.fin or fenetre.fin, jalon.quand.debut or jalon.quand.fin or fenetre.debut)


def prochaines_echeances(site: Site) -> list[Jalon]:
    """Milestones and actions still to come in the current and next school year, soonest end first."""
    fenetre = Fenetre(site.config.aujourdhui)
    found = [j for j in all_jalons(site) if dans_la_fenetre(j, fenetre)]
    return sorted(found, key=lambda j: echeance(j, fenetre))


@dataclass(frozen=True)
class Calendrier:
    """The calendar page's parts: the two school years, then the history."""

    courante: list[Jalon]
    suivante: list[Jalon]
    historique: list[Jalon]
    annee: int


def calendrier(site: Site) -> Calendrier:
    fenetre = Fenetre(site.config.aujourdhui)
    courante, suivante, historique = [], [], []
    for j in all_jalons(site):
        if not a_venir(j, fenetre.jour):
            historique.append(j)
        elif annee_du_jalon(j) <= fenetre.annee:
            courante.append(j)
        else:
            suivante.append(j)
    return Calendrier(courante, suivante, historique, fenetre.annee)


def evenement(jalon: Jalon) -> bool:
    """A real dated event: a day, a month or months named by the editor."""
    return jalon.quand.precision in PRECISIONS_EVENEMENT and (jalon.quand.debut or jalon.quand.fin) is not None
