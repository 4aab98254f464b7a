"""The completeness dashboard: what each measure, kit, fiche and module still lacks.

Shown by ``ecole-entreprise report`` in the terminal and, in the editors' preview only
(``--brouillons``), as the page ``tableau-de-bord/`` (kept out of the search index). It
reads the result of :func:`generate.check`: nothing here changes what ``check`` reports,
it regroups it by record, and adds what is not a problem but still worth a look: a
skeleton text never replaced, a section without fiches, a record not updated for a year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import registry
from .model import Record, Site
from .problems import Problem, Problems
from .schemas import schema

SKELETON_TEXT = "À compléter"     # what `new` writes in every text field
STALE_AFTER_MONTHS = 12


@dataclass
class Row:
    record: Record
    mis_a_jour: date | None
    ancien: bool
    manques: list[str] = field(default_factory=list)
    alertes: list[Problem] = field(default_factory=list)

    @property
    def complet(self) -> bool:
        return not (self.manques or self.alertes or self.ancien)

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.record.type, "id": self.record.id, "titre": self.record.titre,
                "fichier": self.record.rel, "statut": "brouillon" if self.record.brouillon else "publié",
                "mis_a_jour": self.mis_a_jour.isoformat() if self.mis_a_jour else None,
                "ancien": self.ancien, "manques": self.manques,
                "alertes": [{"ligne": p.line, "colonne": p.col, "niveau": p.niveau, "message": p.message}
                            for p in self.alertes]}


@dataclass
class Dashboard:
    aujourdhui: date
    rows: dict[str, list[Row]]
    orphelines: list[Record]     # fiches in no kit
    anciens: list[Row]           # not updated for more than STALE_AFTER_MONTHS

    def as_dict(self) -> dict[str, Any]:
        return {"aujourdhui": self.aujourdhui.isoformat(),
                "types": {t: [r.as_dict() for r in rows] for t, rows in self.rows.items()},
                "fiches_sans_kit": [r.id for r in self.orphelines],
                "anciens": [f"{r.record.type}/{r.record.id}" for r in self.anciens]}


def dashboard_types() -> list[str]:
    return [t.name for t in registry.TYPES if t.dashboard]


def titres() -> dict[str, str]:
    """The dashboard's section titles, by type."""
    return {t: registry.get(t).pluriel for t in dashboard_types()}


def dashboard(site: Site, problems: Problems) -> Dashboard:
    today = site.config.aujourdhui
    limit = _months_before(today, STALE_AFTER_MONTHS)
    by_file: dict[str, list[Problem]] = {}
    for problem in problems.sorted():
        by_file.setdefault(problem.path, []).append(problem)
    rows: dict[str, list[Row]] = {}
    for type_ in dashboard_types():
        rows[type_] = []
        for record in sorted(site.all(type_), key=_order):
            updated = record.updated
            row = Row(record, updated, updated is not None and updated < limit,
                      _missing(site, record), by_file.get(record.rel, []))
            rows[type_].append(row)
    orphelines = [r for r in sorted(site.all("fiche"), key=_order) if not r.backlinks.get("kit")]
    anciens = [row for t in dashboard_types() for row in rows[t] if row.ancien]
    return Dashboard(today, rows, orphelines, anciens)


def _order(record: Record) -> tuple:
    return (record.get("numero") or 0, record.id) if record.type == "mesure" else (0, record.id)


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, 28))


# --- what a record lacks -----------------------------------------------------------------

def _missing(site: Site, record: Record) -> list[str]:
    declared = schema(record.type)
    found = [f"« {key} » (obligatoire)" for key in declared.get("required", []) if key not in record.data]
    found += [f"« {key} » (recommandé)" for key in declared.get("x-recommandes", []) if key not in record.data]
    unfilled = _skeleton_texts(record.data, "")
    if unfilled:
        found.append(f"encore « {SKELETON_TEXT} » : {', '.join(unfilled)}")
    found += _GAPS.get(record.type, lambda s, r: [])(site, record)
    return found


def _skeleton_texts(value: Any, path: str) -> list[str]:
    if isinstance(value, str):
        return [path] if value.strip() == SKELETON_TEXT else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _skeleton_texts(v, f"{path}.{k}" if path else k)]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _skeleton_texts(v, f"{path}[{i + 1}]")]
    return []


def _kit_gaps(site: Site, kit: Record) -> list[str]:
    return [f"section « {s.get('titre', i + 1)} » sans fiche" for i, s in enumerate(kit.get("sections", []))
            if isinstance(s, dict) and not s.get("fiches")]


def _mesure_gaps(site: Site, mesure: Record) -> list[str]:
    gaps = []
    if not mesure.get("chiffres_cles"):
        gaps.append("aucun chiffre clé")
    liens = mesure.get("liens", {}) if isinstance(mesure.get("liens"), dict) else {}
    linked = any(liens.get(k) for k in ("kits", "fiches", "modules", "parcours"))
    if not linked and not any(mesure.backlinks.get(t) for t in ("kit", "fiche", "module", "parcours")):
        gaps.append("aucun kit, fiche ni module ne s'y rattache")
    return gaps


def _fiche_gaps(site: Site, fiche: Record) -> list[str]:
    gaps = []
    if not fiche.backlinks.get("kit"):
        gaps.append("dans aucun kit")
    if not fiche.get("resultats_attendus", {}).get("quantitatifs"):
        gaps.append("aucun indicateur chiffré")
    return gaps


def _module_gaps(site: Site, module: Record) -> list[str]:
    parcours = site.parcours
    if parcours is not None and module.id not in parcours.get("modules", []):
        return ["absent du parcours"]
    return []


_GAPS = {"kit": _kit_gaps, "mesure": _mesure_gaps, "fiche": _fiche_gaps, "module": _module_gaps}


# --- terminal ----------------------------------------------------------------------------

def as_text(board: Dashboard) -> str:
    """One line per record; what it lacks and its alerts on indented lines below it."""
    lines = [f"Tableau de bord du contenu au {board.aujourdhui.isoformat()}"]
    for type_, rows in board.rows.items():
        complete = sum(1 for r in rows if r.complet)
        lines += ["", f"{registry.get(type_).pluriel} : {len(rows)}, dont {complete} sans remarque"]
        width = max((len(r.record.id) for r in rows), default=0)
        for row in rows:
            updated = row.mis_a_jour.isoformat() if row.mis_a_jour else "date ?"
            status = "brouillon" if row.record.brouillon else "publié"
            verdict = "complet" if row.complet else ""
            lines.append(f"  {row.record.id.ljust(width)}  {status:9}  {updated}"
                         f"{'  (plus de ' + str(STALE_AFTER_MONTHS) + ' mois)' if row.ancien else ''}  {verdict}".rstrip())
            lines += [f"      manque : {m}" for m in row.manques]
            lines += [f"      {p.niveau} ligne {p.line} : {p.message}" for p in row.alertes]
    lines += ["", f"Fiches dans aucun kit : {', '.join(r.id for r in board.orphelines) or 'aucune'}",
              f"Non mis à jour depuis plus de {STALE_AFTER_MONTHS} mois : "
              f"{', '.join(f'{r.record.rel} ({r.mis_a_jour})' for r in board.anciens) or 'aucun'}"]
    return "\n".join(lines)
