"""The site's search analysis (search-engine.js) equals search.py's, run by Node outside
any browser: on every word of the corpus and on the query set (tests/search/queries.yml).
The browser test (tests/browser/test_search_analysis.py) checks the same in Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from ecole_entreprise import search
from helpers import ROOT

ANALYSE = Path(__file__).parent / "analyse.js"
QUERIES = Path(__file__).parent / "queries.yml"


def _corpus_words() -> list[str]:
    found: set[str] = set()
    for folder in ("content", "kits", "mooc", "data"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".yml", ".md"):
                found.update(search.words(path.read_text(encoding="utf-8")))
    return sorted(found)


@pytest.fixture(scope="module")
def node_analysis() -> tuple[list[str], list[str], dict]:
    node = shutil.which("node")
    assert node, "Node.js is needed (Debian package nodejs)"
    texts = [q["requete"] for q in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))]
    texts.append("L’Élève d'ŒUVRE jusqu'à Besançon, qu'il «3ème» mini-entreprise ÆGIS")
    words = sorted(set(_corpus_words()) | {w for t in texts for w in search.words(t)})
    done = subprocess.run([node, str(ANALYSE)], input=json.dumps({"words": words, "texts": texts}),
                          capture_output=True, text=True, check=True, timeout=120)
    return words, texts, json.loads(done.stdout)


def test_node_stems_every_corpus_and_query_word_as_python_does(node_analysis):
    words, _, out = node_analysis
    assert len(words) > 1000
    differ = {w: (js, search.stem(w)) for w, js in zip(words, out["stems"]) if js != search.stem(w)}
    assert differ == {}


def test_node_folds_and_splits_every_query_as_python_does(node_analysis):
    _, texts, out = node_analysis
    assert len(texts) > 20
    assert out["words"] == [search.words(t) for t in texts]
    assert out["folded"] == [search.fold(t) for t in texts]
