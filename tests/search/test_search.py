"""The French analysis, the index files and `ecole-entreprise search`, without a browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecole_entreprise import search
from ecole_entreprise.generate import build_docs, generate
from helpers import run_cli


@pytest.fixture(scope="module")
def analyzer() -> search.Analyzer:
    glossary = {"CLEE": "comité local école-entreprise", "CET": "conseiller de l'enseignement technologique"}
    return search.Analyzer.for_site(glossary, [["3e", "troisième"], ["stage d'observation", "stage de 3e"]])


@pytest.mark.parametrize("text, folded", [
    ("Élève", "eleve"), ("ŒUVRE", "oeuvre"), ("Besançon", "besancon"), ("curriculum vitæ", "curriculum vitae"),
    ("L’École", "l’ecole"),
])
def test_fold_lowercases_strips_accents_and_spells_ligatures(text, folded):
    assert search.fold(text) == folded


@pytest.mark.parametrize("text, stems", [
    ("l'élève", ["elev"]), ("d'absence", ["absenc"]), ("qu'il", []), ("jusqu'à l'entreprise", ["entrepris"]),
    ("L’élève", ["elev"]), ("les tuteurs", ["tuteur"]), ("tuteur", ["tuteur"]),
])
def test_stems_split_elisions_drop_stop_words_and_fold_before_stemming(analyzer, text, stems):
    assert analyzer.stems(text) == stems


def test_accented_and_unaccented_words_stem_alike(analyzer):
    """Snowball alone stems « signée » to sign and « signee » to signe: folding comes first."""
    assert analyzer.stems("signée signés Signee") == analyzer.stems("signee signes signee")
    assert len(set(analyzer.stems("signée signee"))) == 1


def test_an_acronym_that_spells_a_stop_word_stays_a_word(analyzer):
    assert analyzer.stems("le CET") == ["cet"]
    assert "cet" in search.STOP_WORDS


def test_an_acronym_and_its_expansion_share_a_token(analyzer):
    short = analyzer.index_terms("Le CLEE de Béziers")
    long_ = analyzer.index_terms("un comité local école-entreprise")
    shared = {t for t in short if t.startswith("~")} & {t for t in long_ if t.startswith("~")}
    assert len(shared) == 1


def test_synonym_phrases_share_a_token_across_stop_words(analyzer):
    a = analyzer.index_terms("un stage d'observation")
    b = analyzer.index_terms("le stage de 3e")
    common = {t for t in a if t.startswith("~")} & {t for t in b if t.startswith("~")}
    assert common == {"~stag_observ"}
    assert "~3e" in b and "~3e" in analyzer.index_terms("en troisième")


@pytest.mark.parametrize("a, b, near", [
    ("citoyene", "citoyenne", True), ("entrepreneur", "entreprneur", True), ("tueur", "tuteur", True),
    ("stage", "satge", True), ("stage", "stage", False), ("stage", "stages2", False), ("visite", "vite", False),
])
def test_edit_distance_one(a, b, near):
    assert search.edit_distance_one(a, b) is near
    assert search.edit_distance_one(b, a) is near


def test_offline_query_ranks_the_fiche_titled_by_the_words_first(project):
    result = generate(project)
    index = search.site_index(result.site, result.pages, result.analyzer)
    hits = search.query(index, "visites d'entreprises", limit=3)
    assert hits[0].doc.url == "fiches/visite-entreprise/"
    assert hits[0].score > hits[-1].score
    assert search.query(index, "le la les", limit=3) == []


def test_facet_filters_keep_only_matching_fiches(project):
    result = generate(project)
    index = search.site_index(result.site, result.pages, result.analyzer)
    all_hits = search.query(index, "entreprise", limit=None)
    fiches = {r.id for r in result.site.published("fiche") if "college" in r["niveaux"]}
    filtered = search.query(index, "entreprise", {"niveaux": ["college"]}, limit=None)
    assert len(filtered) < len(all_hits)
    assert {h.doc.page[len("fiches/"):-3] for h in filtered} <= fiches


def test_index_files_cut_sorted_terms_and_list_fiches_first(project):
    result = build_docs(project)
    assert result.ok
    folder = project / "build" / "docs" / search.INDEX_DIR
    manifest = json.loads((folder / "index.json").read_text())
    firsts = manifest["fichiers_termes"]
    assert firsts == sorted(firsts)
    for i, first in enumerate(firsts):
        terms = list(json.loads((folder / f"termes-{i:04d}.json").read_text())["termes"])
        assert terms == sorted(terms) and terms[0] == first
        assert i + 1 == len(firsts) or terms[-1] < firsts[i + 1]
    fiches = json.loads((folder / "fiches.json").read_text())
    docs = json.loads((folder / "documents-0000.json").read_text())
    assert [d[0] for d in docs[:len(fiches)]] == [f"fiches/{f}/" for f in fiches]
    assert manifest["documents"] == sum(len(json.loads(p.read_text())) for p in folder.glob("documents-*.json"))
    assert (project / "build" / "docs" / "recherche.md").is_file()


def test_cli_search_prints_ranked_pages(project):
    done = run_cli("--racine", str(project), "search", "comite local", "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows[0]["rang"] == 1 and "clee" in rows[0]["url"] + rows[0]["titre"].lower()
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_cli_search_rejects_an_unknown_filter(project):
    done = run_cli("--racine", str(project), "search", "stage", "--filtre", "couleur=bleu")
    assert done.returncode == 2
    assert "couleur=bleu" in done.stderr


def test_a_broken_synonyms_file_is_reported_with_its_position(project):
    (project / "data" / "synonymes.yml").write_text("synonymes:\n  - [3e, troisième]\n  - [seul]\n", encoding="utf-8")
    done = run_cli("--racine", str(project), "check")
    assert done.returncode == 1
    assert "data/synonymes.yml:3:5: erreur: groupe 2 : au moins deux expressions" in done.stdout


def test_a_page_excluded_from_search_by_its_front_matter_is_not_indexed():
    title, text, excluded = search.page_text('---\ntitle: "Tableau"\nsearch:\n  exclude: true\n---\n\n# Tableau\n')
    assert (title, excluded) == ("Tableau", True)
    title, text, excluded = search.page_text("---\ntitle: Fiche\n---\n\n# Fiche\n\nUne **visite** [ici](x.md).\n")
    assert (title, search.words(text), excluded) == ("Fiche", ["fiche", "une", "visite", "ici"], False)
