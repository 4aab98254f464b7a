"""Open-data exports: valid against their published schemas, CSV round-trip, Atom well-formed."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from ecole_entreprise.generate import generate
from ecole_entreprise.exports import CSV_COLUMNS, CSV_LISTS, LIST_SEPARATOR, read_csv, write_csv
from helpers import ROOT

ATOM = "{http://www.w3.org/2005/Atom}"


def _json(site: Path, name: str) -> dict:
    return json.loads((site / "donnees" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["fiches", "mesures"])
def test_json_export_validates_against_its_published_schema(fixture_site, name):
    published_schema = _json(fixture_site, f"schemas/{name}.schema.json")
    Draft202012Validator.check_schema(published_schema)
    data = _json(fixture_site, f"{name}.json")
    errors = list(Draft202012Validator(published_schema, format_checker=FormatChecker()).iter_errors(data))
    assert errors == []
    assert data["$schema"] == f"schemas/{name}.schema.json"
    assert (fixture_site / "donnees" / data["$schema"]).is_file()


def test_schema_rejects_a_malformed_export(fixture_site):
    """The schema is strict enough to catch a broken export (so the test above can fail)."""
    published_schema = _json(fixture_site, "schemas/fiches.schema.json")
    data = _json(fixture_site, "fiches.json")
    data["fiches"][0]["mis_a_jour"] = "22 novembre 2026"
    data["fiches"][0]["inconnu"] = 1
    errors = list(Draft202012Validator(published_schema, format_checker=FormatChecker()).iter_errors(data))
    assert {tuple(e.absolute_path) for e in errors} == {("fiches", 0), ("fiches", 0, "mis_a_jour")}


def test_fiches_json_carries_the_fixture_values(fixture_site):
    fiches = {f["id"]: f for f in _json(fixture_site, "fiches.json")["fiches"]}
    assert set(fiches) == {"rencontre-entreprise", "visite-entreprise"}
    visite = fiches["visite-entreprise"]
    assert visite["url"] == "fiches/visite-entreprise/"
    assert (fixture_site / visite["url"] / "index.html").is_file()
    assert visite["mis_a_jour"] == "2026-11-22"
    assert visite["beneficiaires"] == [{"code": "eleves-college", "libelle": "Collégiens"}]
    assert visite["calendrier_previsionnel"]["texte"] == "pendant l'année scolaire"
    assert visite["calendrier_previsionnel"]["debut"] == "2026-09-01"  # the school year of mkdocs.yml
    assert visite["kits"] == ["entreprises", "equipes-educatives"]
    assert [a["action"] for a in visite["actions"]] == ["Préparer la visite", "Bilan avec la classe"]
    assert visite["actions"][0]["pilotes"] == ["clee"]


def test_mesures_json_lists_measures_in_order_with_their_links(fixture_site):
    mesures = _json(fixture_site, "mesures.json")["mesures"]
    assert [m["numero"] for m in mesures] == [2, 7]
    m07 = mesures[1]
    assert m07["id"] == "m07" and m07["url"] == "mesures/m07/"
    assert {"equipes-educatives", "entreprises"} <= set(m07["kits"])
    assert "visite-entreprise" in m07["fiches"]
    assert all(j["quand"]["texte"] for j in m07["calendrier"])


def test_csv_opens_in_french_spreadsheets_and_round_trips(fixture_site):
    raw = (fixture_site / "donnees/fiches.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))                  # BOM: Excel reads UTF-8
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert header.split(";") == list(CSV_COLUMNS)                   # ; separator
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    fiches = {f["id"]: f for f in _json(fixture_site, "fiches.json")["fiches"]}
    assert [r["id"] for r in rows] == sorted(fiches)
    for row in rows:
        fiche = fiches[row["id"]]
        assert row["titre"] == fiche["titre"]
        assert row["url"] == fiche["url"] and row["mis_a_jour"] == fiche["mis_a_jour"]
        assert row["debut"] == fiche["calendrier_previsionnel"]["debut"]
        for key in CSV_LISTS:
            expected = [v["code"] if isinstance(v, dict) else v for v in fiche[key]]
            assert row[key].split(LIST_SEPARATOR) == expected
    assert write_csv(read_csv(raw)) == raw                          # read back, written again: same bytes


def test_csv_defuses_formulas_and_keeps_every_text():
    row = {c: "" for c in CSV_COLUMNS}
    tricky = [dict(row, id="a", titre='=HYPERLINK("https://exemple.invalid")'),
              dict(row, id="b", titre="Texte ; avec « guillemets » \"doubles\"\net un saut de ligne"),
              dict(row, id="c", titre="-5 élèves", perimetre_nom="@bassin")]
    raw = write_csv(tricky)
    cells = [r["titre"] for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";")]
    assert cells[0].startswith("'=") and cells[2].startswith("'-")  # a spreadsheet shows text, runs nothing
    assert read_csv(raw) == tricky


def test_atom_feed_is_well_formed_with_one_entry_per_fiche(fixture_site):
    feed = ET.parse(fixture_site / "donnees/fiches.atom").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}title")
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    entries = feed.findall(f"{ATOM}entry")
    fiches = {f["id"]: f for f in _json(fixture_site, "fiches.json")["fiches"]}
    assert len(entries) == len(fiches)
    for entry in entries:
        fiche_id = entry.findtext(f"{ATOM}id").rsplit("/", 1)[1]
        fiche = fiches[fiche_id]
        assert entry.findtext(f"{ATOM}title") == fiche["titre"]
        assert entry.findtext(f"{ATOM}updated") == f"{fiche['mis_a_jour']}T00:00:00Z"
        href = entry.find(f"{ATOM}link").get("href")
        assert (fixture_site / "donnees" / href / "index.html").resolve().is_file()
        assert entry.find(f"{ATOM}summary").get("type") == "html"
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)                 # newest first
    assert feed.findtext(f"{ATOM}updated") == updated[0]


def test_files_made_while_mkdocs_builds_are_those_mkdocs_serve_gets(fixture_site):
    """`ecole-entreprise build` writes the exports and the search index into the site after
    MkDocs has run; `mkdocs build` / `serve` get them in the docs folder from the bridge.
    Both ways give the same files."""
    pages = {p.path: p.content for p in generate(fixture_site.parent).pages}
    made_apart = [path for path in pages if path.startswith(("donnees/", "assets/recherche/"))]
    assert len(made_apart) >= 8
    assert "donnees/fiches.atom" in made_apart and "assets/recherche/index.json" in made_apart
    for path in made_apart:
        data = pages[path].encode("utf-8") if isinstance(pages[path], str) else pages[path]
        assert (fixture_site / path).read_bytes() == data, path


@pytest.mark.parametrize("name", ["fiches", "mesures"])
def test_corpus_exports_validate_and_cover_every_published_record(corpus_site, name):
    published_schema = _json(corpus_site, f"schemas/{name}.schema.json")
    data = _json(corpus_site, f"{name}.json")
    assert list(Draft202012Validator(published_schema, format_checker=FormatChecker()).iter_errors(data)) == []
    folder = {"fiches": "kits/fiches", "mesures": "content/mesures"}[name]
    on_disk = {p.stem for p in (ROOT / folder).glob("*.yml")
               if yaml.safe_load(p.read_text(encoding="utf-8")).get("statut") != "brouillon"}
    assert {r["id"] for r in data[name]} == on_disk
    for record in data[name]:
        assert (corpus_site / record["url"] / "index.html").is_file(), record["url"]


def test_corpus_feed_and_csv_hold_every_fiche(corpus_site):
    fiches = {f["id"] for f in _json(corpus_site, "fiches.json")["fiches"]}
    feed = ET.parse(corpus_site / "donnees/fiches.atom").getroot()
    assert {e.findtext(f"{ATOM}id").rsplit("/", 1)[1] for e in feed.findall(f"{ATOM}entry")} == fiches
    rows = read_csv((corpus_site / "donnees/fiches.csv").read_bytes())
    assert {r["id"] for r in rows} == fiches
