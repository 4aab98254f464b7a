"""What the published site says of where its content comes from: an official fiche is
marked official and shows its empty cells as empty; every proposal says it is one, in the
HTML, the PDF, the exports and the calendars; no published file names an internal file."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

INTERNAL_NAME = re.compile(rb"[0-9]{3}_[0-9a-f]{16}")
OFFICIELLE = "chefs-entreprise-invitent"
VIDE = "non renseigné dans la fiche source"


def published_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file()]


def internal_names(site: Path) -> list[str]:
    """Files of the built site (pages, exports, calendars, search index, PDF text) that
    contain an internal source file name."""
    found = []
    for path in published_files(site):
        data = path.read_bytes()
        if path.suffix == ".pdf":
            data = pdf_text(path).encode("utf-8")
        if INTERNAL_NAME.search(data):
            found.append(path.relative_to(site).as_posix())
    return found


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_no_published_file_contains_an_internal_file_name(corpus_site):
    files = published_files(corpus_site)
    assert len(files) > 200
    assert internal_names(corpus_site) == []


def test_the_check_finds_an_internal_file_name_in_a_page_and_in_a_pdf(tmp_path):
    (tmp_path / "fiches").mkdir()
    (tmp_path / "fiches" / "x.html").write_text("<p>Source : 001_74b7f9fab076e945.txt</p>", encoding="utf-8")
    (tmp_path / "propre.json").write_text('{"source": "dossier-presse-2015"}', encoding="utf-8")
    assert internal_names(tmp_path) == ["fiches/x.html"]


def fiche_html(site: Path, fiche_id: str) -> str:
    text = (site / "fiches" / fiche_id / "index.html").read_text(encoding="utf-8")
    return html.unescape(text).replace("’", "'")


def test_the_official_fiche_is_marked_official_with_its_source_and_its_empty_cells(corpus_site):
    page = fiche_html(corpus_site, OFFICIELLE)
    assert "ee-provenance--officiel" in page and "Fiche officielle" in page
    assert "Proposition des éditeurs" not in page
    assert "Région académique Bourgogne-Franche-Comté" in page
    assert 'href="../../sources/#bfc-fiche-action-3"' in page
    # 2 délais and 2 modalités left empty by the source, and no quantitative result
    assert page.count(VIDE) == 5
    assert "Actions proposées" not in page


def test_every_other_fiche_says_it_is_a_proposal_and_names_its_source(corpus_site):
    fiches = [p.parent.name for p in (corpus_site / "fiches").glob("*/index.html")]
    assert len(fiches) == 18
    for fiche_id in fiches:
        if fiche_id == OFFICIELLE:
            continue
        page = fiche_html(corpus_site, fiche_id)
        assert "ee-provenance--proposition" in page, fiche_id
        assert "Proposition des éditeurs du site" in page, fiche_id
        assert "n'est pas une fiche officielle" in page, fiche_id
        assert "Actions proposées" in page and "Délai suggéré" in page, fiche_id
        assert "Fiche officielle" not in page, fiche_id
        assert re.search(r'href="\.\./\.\./sources/#[a-z0-9-]+"', page), fiche_id


def test_the_pdfs_say_the_same(corpus_site):
    officielle = " ".join(pdf_text(corpus_site / "fiches" / f"{OFFICIELLE}.pdf").split())
    assert re.search("fiche officielle", officielle, re.IGNORECASE)
    assert VIDE in officielle
    proposition = " ".join(pdf_text(corpus_site / "fiches" / "visite-entreprise.pdf").split())
    assert re.search("proposition des éditeurs du site", proposition, re.IGNORECASE)
    assert "n'est pas une fiche officielle" in proposition.replace("’", "'")


def test_the_bibliography_page_lists_every_source_as_a_public_reference(corpus_site):
    page = html.unescape((corpus_site / "sources" / "index.html").read_text(encoding="utf-8"))
    for anchor in ("liste-12-mesures-2015", "dossier-presse-2015", "circulaire-2016-183",
                   "occitanie-mission-2023", "bfc-fiche-action-3"):
        assert f'id="{anchor}"' in page, anchor
    assert "NOR MENB1633785C" in page
    assert "circulaire n° 2016-183 du 22 novembre 2016" in page


def test_exports_carry_provenance_and_sources(corpus_site):
    data = json.loads((corpus_site / "donnees" / "fiches.json").read_text(encoding="utf-8"))
    by_id = {f["id"]: f for f in data["fiches"]}
    assert by_id[OFFICIELLE]["provenance"] == "officiel"
    assert {a["provenance"] for a in by_id[OFFICIELLE]["actions"]} == {"officiel"}
    assert [s["id"] for s in by_id[OFFICIELLE]["sources"]] == ["bfc-fiche-action-3"]
    others = [f for i, f in by_id.items() if i != OFFICIELLE]
    assert {f["provenance"] for f in others} == {"proposition"}
    assert all(q["provenance"] == "proposition" for f in others for q in f["resultats_attendus"]["quantitatifs"])
    csv = (corpus_site / "donnees" / "fiches.csv").read_text(encoding="utf-8-sig")
    assert csv.splitlines()[0].endswith(";provenance;sources")


def test_proposed_delais_are_suggestions_in_the_calendars(corpus_site):
    ics = (corpus_site / "fiches" / "visite-entreprise.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    summaries = [l for l in ics.splitlines() if l.startswith("SUMMARY:")]
    assert summaries and all(l.startswith("SUMMARY:Suggestion : ") for l in summaries)
    assert "Délai suggéré par les éditeurs du site" in ics
    officielle = (corpus_site / "fiches" / f"{OFFICIELLE}.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    assert "Suggestion" not in officielle and "SUMMARY:" in officielle
    calendrier = (corpus_site / "calendrier" / "index.html").read_text(encoding="utf-8")
    assert "délais suggérés" in calendrier and "fiche officielle" in calendrier
