"""Open-data exports, written with the site under ``donnees/``.

- ``fiches.json`` and ``mesures.json``: the published records, shaped by the JSON Schemas
  published beside them (``donnees/schemas/``, kept in ``schemas/donnees/`` here);
- ``fiches.csv``: one line per fiche, UTF-8 with a BOM and ``;`` between columns, the
  form French spreadsheet software opens without an import dialog;
- ``fiches.atom``: an Atom feed of the fiches, newest ``mis_a_jour`` first.

Only published records are exported (drafts appear only in the preview), and every
output is a pure function of the content, so an unchanged corpus rewrites no file.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from .model import Record, Site
from .render import Page, Renderer
from .urls import EXPORTS, absolute, export_path, from_site_root, url_of
from .schemas import SCHEMA_DIR, libelles

SCHEMAS = SCHEMA_DIR / "donnees"
ATOM = "http://www.w3.org/2005/Atom"
FEED_TITLE = "Fiches action école-entreprise : nouvelles fiches et mises à jour"
TAG_AUTHORITY = "tag:ecole-entreprise,2015:"   # stable ids: they must not change with the host

# CSV columns, in order. Lists are written with LIST_SEPARATOR between codes.
CSV_COLUMNS = ("id", "titre", "url", "mis_a_jour", "beneficiaires", "niveaux", "types_action",
               "calendrier_previsionnel", "debut", "fin", "perimetre_niveau", "perimetre_nom",
               "mesures", "kits", "interlocuteurs", "provenance", "sources")
CSV_LISTS = ("beneficiaires", "niveaux", "types_action", "mesures", "kits", "interlocuteurs")
LIST_SEPARATOR = ", "
# A cell starting with one of these is a formula to a spreadsheet: it gets a leading "'".
FORMULA_STARTS = ("=", "+", "-", "@")


def export_pages(site: Site, renderer: Renderer) -> list[Page]:
    fiches = [fiche_export(site, r) for r in sorted(site.published("fiche"), key=lambda r: r.id)]
    mesures = [mesure_export(site, r) for r in sorted(site.published("mesure"), key=lambda r: r["numero"])]
    pages = [
        Page(export_path("fiches.json"), _json({"$schema": "schemas/fiches.schema.json", "fiches": fiches})),
        Page(export_path("mesures.json"), _json({"$schema": "schemas/mesures.schema.json", "mesures": mesures})),
        Page(export_path("fiches.csv"), write_csv(csv_rows(fiches))),
        Page(export_path("fiches.atom"), atom_feed(site, renderer)),
    ]
    pages += [Page(export_path(f"schemas/{p.name}"), p.read_bytes()) for p in schema_files()]
    return pages


# --- JSON ------------------------------------------------------------------------------

def fiche_export(site: Site, fiche: Record) -> dict[str, Any]:
    data = {
        "id": fiche.id,
        "titre": fiche["titre"],
        "url": page_url(site, fiche),
        "mis_a_jour": iso_day(fiche),
        "descriptif": fiche["descriptif"],
        "objectifs": fiche["objectifs"],
        "beneficiaires": _coded(fiche["beneficiaires"], libelles("fiche", "beneficiaires")),
        "niveaux": _coded(fiche["niveaux"], libelles("fiche", "niveaux")),
        "types_action": _coded(fiche["types_action"], libelles("fiche", "types_action")),
        "calendrier_previsionnel": periode(fiche, ("calendrier_previsionnel",), fiche["calendrier_previsionnel"]),
        "perimetre": {"niveau": _code(fiche["perimetre"]["niveau"], libelles("fiche", "perimetre", "niveau")),
                      "nom": fiche["perimetre"].get("nom")},
        "points_de_vigilance": fiche["points_de_vigilance"],
        "resultats_attendus": {"qualitatifs": fiche["resultats_attendus"].get("qualitatifs", []),
                               "quantitatifs": fiche["resultats_attendus"].get("quantitatifs", [])},
        "actions": [_action(fiche, i, a) for i, a in enumerate(fiche["actions"])],
        "complements": fiche.get("complements"),
        "mesures": _published_ids(site, "mesure", fiche["mesures"]),
        "kits": sorted(k.id for k in fiche.backlinks.get("kit", []) if site.is_published(k)),
        "interlocuteurs": _published_ids(site, "acteur", fiche["interlocuteurs"]),
        "provenance": fiche.provenance,
        "sources": [source_export(site, i) for i in fiche["sources"]],
    }
    data["resultats_attendus"]["quantitatifs"] = [
        {"indicateur": q["indicateur"], "cible": q["cible"], "provenance": fiche.provenance_of(q)}
        for q in data["resultats_attendus"]["quantitatifs"]]
    for exported, action in zip(data["actions"], fiche["actions"]):
        exported["provenance"] = fiche.provenance_of(action)
    return data


def source_export(site: Site, id_: str) -> dict[str, Any]:
    """A cited document as the bibliography gives it: never a file name."""
    source = site.get("source", id_)
    return {"id": id_, "titre": source["titre"],
            "nature": _code(source["nature"], libelles("source", "nature")),
            "emetteur": source["emetteur"], "date": source["date"],
            "reference": source.get("reference"), "adresse": source.get("adresse")}


def _action(fiche: Record, i: int, action: dict[str, Any]) -> dict[str, Any]:
    return {"action": action["action"], "pilotes": action["pilote"],
            "pilote_precision": action.get("pilote_precision"),
            "delai": periode(fiche, ("actions", i, "delai"), action["delai"]) if "delai" in action else None,
            "modalites": action.get("modalites")}


def mesure_export(site: Site, mesure: Record) -> dict[str, Any]:
    liens = mesure.get("liens", {})
    return {
        "id": mesure.id,
        "numero": mesure["numero"],
        "axe": _code(mesure["axe"], libelles("mesure", "axe")),
        "titre": mesure["titre"],
        "titre_court": mesure.get("titre_court"),
        "url": page_url(site, mesure),
        "mis_a_jour": iso_day(mesure),
        "resume": mesure["resume"],
        "enjeux": mesure["enjeux"],
        "concretement": mesure["concretement"],
        "chiffres_cles": mesure["chiffres_cles"],
        "calendrier": [{"jalon": j["jalon"], "quand": periode(mesure, ("calendrier", i, "quand"), j["quand"])}
                       for i, j in enumerate(mesure["calendrier"])],
        "kits": _linked(site, mesure, "kit", liens.get("kits", [])),
        "fiches": _linked(site, mesure, "fiche", liens.get("fiches", [])),
        "modules": _linked(site, mesure, "module", liens.get("modules", [])),
    }


def _linked(site: Site, record: Record, type_: str, written: list[str]) -> list[str]:
    """Records linked either way (the measure's ``liens`` or theirs), published only."""
    ids = set(written) | {r.id for r in record.backlinks.get(type_, [])}
    return sorted(i for i in ids if site.is_published(site.get(type_, i)))


def _published_ids(site: Site, type_: str, ids: Iterable[str]) -> list[str]:
    return [i for i in ids if site.is_published(site.get(type_, i))]


def _coded(values: list[str], labels: dict[str, str]) -> list[dict[str, str]]:
    return [_code(v, labels) for v in values]


def _code(value: str, labels: dict[str, str]) -> dict[str, str]:
    return {"code": value, "libelle": labels.get(value, value)}


def periode(record: Record, path: tuple, text: Any) -> dict[str, Any]:
    """A French date as written, its first and last day (ISO) and its long French label."""
    quand = record.dates[path]
    return {"texte": str(text), "debut": _iso(quand.debut), "fin": _iso(quand.fin), "libelle": quand.libelle()}


def iso_day(record: Record) -> str:
    """``mis_a_jour`` as an ISO day, whichever way the editor wrote it."""
    return record.updated.isoformat() if record.updated else str(record.get("mis_a_jour", ""))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def page_url(site: Site, record: Record) -> str:
    """The record's page: absolute when mkdocs.yml gives ``site_url``, else from the site root."""
    return from_site_root(site.config.site_url, record.page)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


# --- CSV -------------------------------------------------------------------------------

def csv_rows(fiches: list[dict[str, Any]]) -> list[dict[str, str]]:
    """One flat row per exported fiche: codes for controlled lists, ISO dates."""
    rows = []
    for f in fiches:
        row = {
            "id": f["id"], "titre": f["titre"], "url": f["url"], "mis_a_jour": f["mis_a_jour"],
            "calendrier_previsionnel": f["calendrier_previsionnel"]["texte"],
            "debut": f["calendrier_previsionnel"]["debut"] or "", "fin": f["calendrier_previsionnel"]["fin"] or "",
            "perimetre_niveau": f["perimetre"]["niveau"]["code"], "perimetre_nom": f["perimetre"]["nom"] or "",
            "provenance": f["provenance"], "sources": LIST_SEPARATOR.join(s["id"] for s in f["sources"]),
        }
        for key in CSV_LISTS:
            row[key] = LIST_SEPARATOR.join(v["code"] if isinstance(v, dict) else v for v in f[key])
        rows.append({c: row[c] for c in CSV_COLUMNS})
    return rows


def write_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _defuse(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8-sig")


def read_csv(data: bytes) -> list[dict[str, str]]:
    """The rows of :func:`write_csv`, as they were before writing."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
    return [{k: _restore(v) for k, v in row.items()} for row in reader]


def _defuse(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _restore(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


# --- Atom ------------------------------------------------------------------------------

def atom_feed(site: Site, renderer: Renderer) -> bytes:
    fiches = sorted(site.published("fiche"), key=lambda r: (iso_day(r), r.id), reverse=True)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    _sub(feed, "id", TAG_AUTHORITY + "fiches")
    _sub(feed, "title", FEED_TITLE)
    newest = iso_day(fiches[0]) if fiches else "2015-01-01"
    _sub(feed, "updated", f"{newest}T00:00:00Z")
    author = _sub(feed, "author")
    _sub(author, "name", "Éducation nationale, relation école-entreprise")
    _sub(feed, "link", rel="alternate", type="text/html", href=_from_feed(site, "fiches/index.md"))
    if site.config.site_url:
        _sub(feed, "link", rel="self", type="application/atom+xml",
             href=absolute(site.config.site_url, export_path("fiches.atom")))
    for fiche in fiches:
        entry = _sub(feed, "entry")
        _sub(entry, "id", TAG_AUTHORITY + f"fiches/{fiche.id}")
        _sub(entry, "title", fiche["titre"])
        _sub(entry, "updated", f"{iso_day(fiche)}T00:00:00Z")
        _sub(entry, "link", rel="alternate", type="text/html", href=_from_feed(site, fiche.page))
        for code in fiche["types_action"]:
            _sub(entry, "category", term=code, label=libelles("fiche", "types_action").get(code, code))
        _sub(entry, "summary", str(renderer.markdown_html(fiche["descriptif"])), type="html")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _from_feed(site: Site, page: str) -> str:
    """A page's URL for the feed: absolute with ``site_url``, else relative to the feed."""
    if site.config.site_url:
        return absolute(site.config.site_url, page)
    return posixpath.relpath(url_of(page) or ".", EXPORTS) + "/"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def schema_files() -> list[Path]:
    return sorted(SCHEMAS.glob("*.schema.json"))
