"""The shipped corpus against the sources: the 12 measures' numbers, official titles,
calendar dates and key figures, transcribed by hand into a small fixture."""

from __future__ import annotations

import re

import pytest
import yaml

from ecole_entreprise.dates import parse
from ecole_entreprise.generate import check
from helpers import FIXTURES, ROOT, strings_in

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


# The sources' public identity, as their own texts give it (the project never reads them).
BIBLIOGRAPHIE = {
    "liste-12-mesures-2015": ("liste", "2015", None),
    "dossier-presse-2015": ("dossier-de-presse", "2015", None),
    "circulaire-2016-183": ("circulaire", "22 novembre 2016", "NOR MENB1633785C"),
    "occitanie-mission-2023": ("page-web", "2023", None),
    "bfc-fiche-action-3": ("fiche-action", "non datée", None),
}


def test_the_bibliography_gives_each_source_its_public_identity(site):
    for id_, (nature, date, reference) in BIBLIOGRAPHIE.items():
        source = site.get("source", id_)
        assert source is not None, id_
        assert (source["nature"], source["date"]) == (nature, date), id_
        if reference:
            assert reference in source["reference"], id_
    for source in site.all("source"):
        assert "_" not in source.id and not source.id.endswith(".txt"), source.id


def test_every_record_cites_a_source_of_the_bibliography(site):
    known = {s.id for s in site.all("source")}
    for record in site:
        if record.type == "source":
            continue
        assert record["sources"], record.rel
        assert set(record["sources"]) <= known, (record.rel, record["sources"])


def test_only_the_bfc_fiche_and_the_measures_are_official(site):
    official = sorted(r.rel for r in site if r.type != "source" and r.get("provenance") == "officiel")
    assert official == sorted(["kits/fiches/chefs-entreprise-invitent.yml",
                               *(f"content/mesures/m{n:02d}.yml" for n in range(1, 13))])
    assert site.get("fiche", "chefs-entreprise-invitent")["sources"] == ["bfc-fiche-action-3"]


def test_the_bfc_fiche_has_exactly_the_cells_of_its_source(site):
    fiche = site.get("fiche", "chefs-entreprise-invitent")
    # Transcribed from the official fiche: (action, has a délai, has modalités).
    cells = [("Recenser les entreprises", False, False),
             ("Informer", True, True),
             ("Organiser la rencontre", True, True),
             ("Envisager un partenariat", False, True),
             ("Bilan des rencontres", True, False)]
    assert len(fiche["actions"]) == len(cells)
    for action, (start, delai, modalites) in zip(fiche["actions"], cells):
        assert action["action"].startswith(start)
        assert ("delai" in action, "modalites" in action) == (delai, modalites), action["action"]
    assert [a.get("delai") for a in fiche["actions"]] == [None, "pendant l'année scolaire",
                                                           "pendant l'année scolaire", None, "mai - juin"]
    assert "quantitatifs" not in fiche["resultats_attendus"]
    assert len(fiche["resultats_attendus"]["qualitatifs"]) == 4
    assert fiche["beneficiaires"] == ["professeur", "chef-etablissement", "psy-en"]
    assert fiche["perimetre"] == {"niveau": "region-academique", "nom": "Bourgogne-Franche-Comté"}


def test_measure_8_names_the_afdet_and_the_glossary_expands_it(site):
    assert "Afdet" in " ".join(site.get("mesure", "m08")["concretement"])
    glossaire = site.glossaire
    assert glossaire["Afdet"]["developpe"] == "Association française pour le développement de l'enseignement technique"
    assert "INSPE" in glossaire and "ESPE" not in glossaire
    assert "intermédiaire" not in glossaire["PME"]["developpe"]
    assert "developpe" not in glossaire["OFPEE"]   # the sources do not expand it: no invented expansion


# Every acronym the sources use (found there by hand; the sources are not in the project).
ACRONYMES_DES_SOURCES = {
    "AMI", "Afdet", "BFC", "BTS", "CAP", "CEE", "CET", "CFA", "CLEE", "CMA", "CMQ", "CNEE", "CNES", "CNI",
    "CPC", "CPME", "Crefop", "CV", "DDFPT", "DP", "DRAFPICA", "DRH", "EE", "EN", "Greta", "IA-DASEN", "IPE",
    "MEDEF", "MENESR", "MOOC", "NOR", "OFPEE", "PDF", "PDMF", "PEPITE", "PFMP", "PFT", "PSY-EN", "REE",
    "RGPD", "RH", "SEGPA", "UIMM", "DGESCO", "DGESIP", "DREIC",
}


def test_every_acronym_of_the_sources_is_in_the_glossary(site):
    assert ACRONYMES_DES_SOURCES - set(site.glossaire) == set()


OCCITANIE_DATEE = re.compile(r"\b2023\b")


def test_occitanie_examples_are_dated_as_their_source_dates_them(site):
    for fiche_id in ("clee-beziers-banque-de-stages", "clee-ales-prepare-ton-futur", "clee-ariege-visites-immersions",
                     "semaine-decouverte-multi-entreprises", "clee-tarn-et-garonne-livret-accueil"):
        fiche = site.get("fiche", fiche_id)
        assert OCCITANIE_DATEE.search(fiche["descriptif"]), fiche_id
    # « en cours de création » reads as of 2023, never as today
    assert re.search(r"2023[^.]*en cours de création", site.get("fiche", "clee-beziers-banque-de-stages")["descriptif"])


def test_the_mooc_makes_no_claim_its_sources_do_not_support(site):
    texts = "\n".join(t for r in site if r.type in ("module", "parcours", "planificateur")
                      for t in strings_in(r.data))
    texts += "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "mooc" / "ressources").glob("*.md"))
    assert "en reprend les fiches" not in texts
    assert "voir le module suivant" not in texts
    accessibilite = (ROOT / "content" / "pages" / "accessibilite.md").read_text(encoding="utf-8")
    assert "piloté la réalisation" not in accessibilite


def test_the_mooc_tells_the_tutor_the_working_hours_of_a_pupil_under_15(site):
    lecon = next(l for l in site.get("module", "comprendre-le-stage")["lecons"] if l["id"] == "le-cadre-a-connaitre")
    for fact in ("7 heures par jour", "30 heures par semaine", "30 minutes", "4 heures 30",
                 "entre 20 heures et 6 heures", "14 heures", "deux jours de repos consécutifs"):
        assert fact in lecon["contenu"], fact
    cited = set(site.get("module", "comprendre-le-stage")["sources"])
    assert {"code-travail-jeunes-travailleurs", "circulaire-2024-accueil-milieu-professionnel"} <= cited


