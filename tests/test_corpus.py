"""The shipped corpus against the sources: the 12 measures' numbers, official titles,
calendar dates and key figures, transcribed by hand into a small fixture."""

from __future__ import annotations

import re

import pytest
import yaml

from ecole_entreprise.dates import parse
from ecole_entreprise.generate import check
from helpers import FIXTURES, ROOT

SOURCES = yaml.safe_load((FIXTURES / "sources" / "mesures.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site():
    result = check(ROOT)
    assert result.ok
    return result.site


def apostrophes(text: str) -> str:
    return text.replace("’", "'")


def test_twelve_measures_numbered_one_to_twelve(site):
    assert sorted(m["numero"] for m in site.all("mesure")) == list(range(1, 13))
    assert sorted(m.id for m in site.all("mesure")) == [f"m{n:02d}" for n in range(1, 13)]


@pytest.mark.parametrize("source", SOURCES, ids=[f"mesure-{s['numero']}" for s in SOURCES])
def test_measure_carries_the_facts_of_its_source(site, source):
    mesure = site.get("mesure", f"m{source['numero']:02d}")
    assert mesure["numero"] == source["numero"]
    if "titre" in source:
        assert apostrophes(mesure["titre"]) == apostrophes(source["titre"])
    else:
        assert mesure["titre"].startswith(source["titre_debut"])
    # Every milestone of the source's CALENDRIER, as written there, in order.
    written = [parse(j["quand"]).libelle() for j in mesure["calendrier"]]
    expected = [parse(q).libelle() for q in source["calendrier"]]
    positions = [written.index(q) for q in expected]
    assert positions == sorted(positions), (written, expected)
    values = [c["valeur"] for c in mesure["chiffres_cles"]]
    for figure in source["chiffres"]:
        assert figure in values, (figure, values)


def test_every_fiche_is_in_a_kit_and_each_kit_covers_the_four_contacts(site):
    for kit in site.all("kit"):
        types = set()
        for section in kit["sections"]:
            for fiche_id in section.get("fiches", []):
                types.update(site.get("fiche", fiche_id)["types_action"])
        assert {"rencontre", "visite", "stage", "projet"} <= types, kit.id
    assert len(site.all("fiche")) >= 15
    for fiche in site.all("fiche"):
        assert fiche.backlinks.get("kit"), fiche.id


PLACEHOLDERS = re.compile(r"lorem|ipsum|à compléter|a completer|TODO|FIXME|XXX|TBD", re.IGNORECASE)


def test_no_placeholder_text_anywhere_in_the_content():
    for folder in ("content", "kits", "mooc"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in (".yml", ".md"):
                found = PLACEHOLDERS.search(path.read_text(encoding="utf-8"))
                assert found is None, f"{path}: {found.group(0)}"


def test_every_record_names_its_source(site):
    # The sources folder sits beside the repository, in development and in CI alike.
    known = {p.name for p in (ROOT.parent / "shared" / "sources").glob("*.txt")}
    assert len(known) == 5
    for record in site:
        cited = [s.strip() for s in record["source"].split(";")]
        assert any(s in known for s in cited), (record.rel, cited)
