"""Facts carried over, never sentences: no text of the project repeats 14 or more
consecutive words of the official sources, outside their official titles and names.

The sources are not in the project: their fingerprint is (tests/data/, made by
scripts/source_fingerprint.py), hashes of every normalized 14-word run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from ecole_entreprise.fingerprint import WINDOW, copied_passages, digest, words
from helpers import ROOT, strings_in

DATA = Path(__file__).parent / "data"
FINGERPRINT = json.loads((DATA / "empreinte-sources.json").read_text(encoding="utf-8"))
HASHES = set(FINGERPRINT["empreintes"])
ALLOWED = [words(line) for line in (DATA / "titres-officiels.txt").read_text(encoding="utf-8").splitlines()
           if line.strip() and not line.startswith("#")]
_JINJA = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)


def texts(root: Path):
    """(file, text) of everything the site publishes from the project: every string of
    every record, the hand-written pages and resources, the templates' own words."""
    for folder in ("content", "kits", "mooc"):
        for path in sorted((root / folder).rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.suffix == ".yml":
                for text in strings_in(yaml.safe_load(path.read_text(encoding="utf-8"))):
                    yield rel, text
            elif path.suffix == ".md":
                yield rel, path.read_text(encoding="utf-8")
    for path in sorted((root / "theme" / "templates").rglob("*.j2")):
        yield path.relative_to(root).as_posix(), _JINJA.sub(" ", path.read_text(encoding="utf-8"))


def copies(root: Path) -> list[tuple[str, str]]:
    return [(rel, passage) for rel, text in texts(root) for passage in copied_passages(text, HASHES, ALLOWED)]


def test_the_fingerprint_is_the_five_sources_in_14_word_windows():
    assert FINGERPRINT["fenetre"] == WINDOW == 14
    assert FINGERPRINT["documents"] == 5
    assert len(HASHES) > 8000


def test_no_text_of_the_project_repeats_14_words_of_a_source():
    found = copies(ROOT)
    assert not found, "\n".join(f"{rel}: « {passage} »" for rel, passage in found)


def test_a_copied_sentence_is_found_and_an_official_title_is_not(tmp_path):
    # A sentence of the press kit (measure 8), as an editor might paste it: its hash is
    # in the fingerprint; the same words inside an allowed official title are not a copy.
    copied = ("Les conseillers de l'enseignement technologique devront continuer à avoir un rôle "
              "d'interface entre les établissements, notamment les collèges et le monde professionnel")
    assert digest(words(copied)[:WINDOW]) in HASHES
    assert copied_passages("Introduction. " + copied + ". Fin.", HASHES, ALLOWED)
    titre = ("Le lancement d'une réflexion sur les missions des 4 500 conseillers de l'enseignement "
             "technologique, pour mieux utiliser leurs compétences en appui des équipes éducatives")
    assert digest(words(titre)[:WINDOW]) in HASHES
    assert copied_passages(f"« {titre} »", HASHES, ALLOWED) == []
    assert copied_passages(titre, HASHES, []) != []


def test_rewording_is_not_a_copy():
    assert copied_passages("Les CET restent l'interface entre les collèges et les entreprises, et "
                           "conseillent les équipes qui construisent des parcours de découverte.",
                           HASHES, ALLOWED) == []
