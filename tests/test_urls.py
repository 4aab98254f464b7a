"""urls.py: one place for docs paths and site URLs."""

from __future__ import annotations

from ecole_entreprise import urls
from ecole_entreprise.model import Record
from ecole_entreprise.load import Document


def _record(type_: str, id_: str) -> Record:
    return Record(type_, id_, Document(f"{id_}.yml", {}))


def test_pages_files_and_addresses():
    fiche, module = _record("fiche", "visite"), _record("module", "m1")
    assert urls.url_of("fiches/visite.md") == "fiches/visite/"
    assert urls.url_of("mooc/m1/index.md") == "mooc/m1/" and urls.url_of("index.md") == ""
    assert urls.relative_url("fiches/visite.md", "mesures/m07.md") == "../../mesures/m07/"
    assert urls.relative_url("index.md", "index.md") == "./"
    assert urls.relative_path("fiches/visite.md", "kits/entreprises.pdf") == "../kits/entreprises.pdf"
    assert urls.pdf_path(fiche) == "fiches/visite.pdf" and urls.ics_path(fiche) == "fiches/visite.ics"
    assert urls.ics_path() == "calendrier.ics"
    assert urls.lecon_page(module, "l2") == "mooc/m1/l2.md" == module.lecon_page("l2")
    assert urls.export_path("fiches.json") == "donnees/fiches.json"


def test_absolute_addresses_with_and_without_site_url():
    assert urls.absolute("https://ee.example/site/", "fiches/visite.md") == "https://ee.example/site/fiches/visite/"
    assert urls.absolute("https://ee.example", "donnees/fiches.atom") == "https://ee.example/donnees/fiches.atom"
    assert urls.absolute("", "fiches/visite.md") == ""
    assert urls.from_site_root("", "fiches/visite.md") == "fiches/visite/"
    assert urls.from_site_root("https://ee.example", "index.md") == "https://ee.example/"
