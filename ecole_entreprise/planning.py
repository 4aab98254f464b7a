"""The school year, month by month: which months a fiche and its actions fall in.

The catalogue filters fiches by month of the school year and the calendar page draws a
planner from septembre to juin; both ask the same question of a parsed date (a
:class:`~ecole_entreprise.dates.Quand`): which calendar months does it touch? An open
bound (« à partir de mars ») is closed by the school year set in ``mkdocs.yml``, so that
such a date still lands on the planner.
"""

from __future__ import annotations

from datetime import date

from .dates import Quand
from .model import Record

# The months of the school year in the order a teacher reads them, then the summer.
ORDRE_SCOLAIRE = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)
MOIS_DE_CLASSE = ORDRE_SCOLAIRE[:10]
NOMS_MOIS = {1: "janvier", 2: "février", 3: "mars", 4: "avril", 5: "mai", 6: "juin", 7: "juillet",
             8: "août", 9: "septembre", 10: "octobre", 11: "novembre", 12: "décembre"}


def mois_couverts(quand: Quand | None, annee_scolaire: int) -> tuple[int, ...]:
    """Calendar months (1–12) the interval touches, in school-year order."""
    if quand is None:
        return ()
    debut = quand.debut or date(annee_scolaire, 9, 1)
    fin = quand.fin or date(annee_scolaire + 1, 8, 31)
    if fin < debut:
        return ()
    touches: set[int] = set()
    annee, mois = debut.year, debut.month
    while (annee, mois) <= (fin.year, fin.month) and len(touches) < 12:
        touches.add(mois)
        annee, mois = (annee + 1, 1) if mois == 12 else (annee, mois + 1)
    return tuple(m for m in ORDRE_SCOLAIRE if m in touches)


def mois_fiche(fiche: Record, annee_scolaire: int) -> tuple[int, ...]:
    """Months of the fiche's calendar and of every dated action it lists."""
    touches = set(mois_couverts(fiche.dates.get(("calendrier_previsionnel",)), annee_scolaire))
    for i, _ in enumerate(fiche.get("actions", [])):
        touches.update(mois_couverts(fiche.dates.get(("actions", i, "delai")), annee_scolaire))
    return tuple(m for m in ORDRE_SCOLAIRE if m in touches)
