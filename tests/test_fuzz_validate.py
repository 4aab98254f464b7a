"""Fuzzing the validator and the whole check: wrong types at every field of every type,
random mutations, broken files inside a project, and random text rendered into pages.

The starting points are the valid fixture's records, one per content type; every
document tried ends in success or in problems at a line of its file.
"""

from __future__ import annotations

import copy
import shutil
from functools import cache
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecole_entreprise import discover
from ecole_entreprise.generate import check, generate
from ecole_entreprise.load import Document, load_bytes
from ecole_entreprise.validate import validate
from fuzzing import FUZZED, check_document, lines_of
from helpers import FIXTURES, make_project
from test_fuzz_load import TOKENS

FUZZ = settings(derandomize=True, deadline=None, database=None, print_blob=True,
                suppress_health_check=list(HealthCheck))

SOURCES = {source.rel: source for source in discover.discover(FIXTURES / "valid")}
WRONG_VALUES = [None, 0, -1, 1.5, True, "", " ", "texte", "<script>alert(1)</script>", [], ["x"], [None],
                {}, {"cle": "valeur"}, "2016-13-45", "a" * 5000]


def dump(data: Any) -> bytes:
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False).encode("utf-8")


@cache
def original(rel: str) -> Document:
    return load_bytes(SOURCES[rel].path.read_bytes(), rel)


def paths(data: Any, prefix: tuple = ()) -> Iterator[tuple]:
    """Every path of a value in ``data``, containers included (the root excepted)."""
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return
    for key, value in items:
        yield prefix + (key,)
        yield from paths(value, prefix + (key,))


def replaced(data: Any, path: tuple, value: Any) -> Any:
    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def removed(data: Any, path: tuple) -> Any:
    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return data


def test_every_fixture_record_is_valid_to_start_with():
    assert {s.type for s in SOURCES.values()} == {"mesure", "fiche", "kit", "acteur", "glossaire", "source",
                                                  "parcours", "module"}
    for rel, source in SOURCES.items():
        findings, _ = validate(source.type, original(rel))
        assert findings == [], rel


@pytest.mark.parametrize("rel", sorted(SOURCES))
def test_wrong_type_at_every_field_is_a_placed_problem(rel):
    """Every value of the record, replaced in turn by each wrong value, then each key removed."""
    type_, data = SOURCES[rel].type, original(rel).data
    tried = 0
    for path in paths(data):
        for value in WRONG_VALUES:
            if replaced(data, path, value) == data:
                continue
            outcome = check_document(dump(replaced(data, path, value)), type_, "mauvais types à chaque champ")
            tried += 1
            assert isinstance(outcome, Document)
        outcome = check_document(dump(removed(data, path)), type_, "mauvais types à chaque champ")
        assert isinstance(outcome, Document)
    for path in [()] + [p for p in paths(data) if isinstance(original(rel).data, dict)]:
        grown = copy.deepcopy(data) if not path else replaced(data, path, None)
        if isinstance(grown, dict):
            grown["champ_inconnu"] = "x"
            doc = check_document(dump(grown), type_, "mauvais types à chaque champ")
            findings, _ = validate(type_, doc)
            assert any("champ_inconnu" in f.message for f in findings)
    assert tried > 50


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=10), children, max_size=4)),
    max_leaves=12)


@settings(FUZZ, max_examples=1000)
@given(st.sampled_from(sorted(SOURCES)), st.lists(st.tuples(st.integers(min_value=0), json_values,
                                                            st.booleans()), min_size=1, max_size=4))
def test_random_mutations_end_in_placed_problems(rel, mutations):
    data = original(rel).data
    for where, value, delete in mutations:
        candidates = list(paths(data))
        if not candidates:
            break
        path = candidates[where % len(candidates)]
        data = removed(data, path) if delete else replaced(data, path, value)
    check_document(dump(data), SOURCES[rel].type, "mutations aléatoires")


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("fuzz") / "projet")


def broken_bytes(rel: str) -> st.SearchStrategy[bytes]:
    """A fixture file cut, spliced with YAML pieces, or its bytes damaged."""
    raw = SOURCES[rel].path.read_bytes()
    cut = st.integers(min_value=0, max_value=len(raw))
    splice = st.tuples(cut, st.lists(st.sampled_from(TOKENS), max_size=6).map("".join)).map(
        lambda t: raw[:t[0]] + t[1].encode() + raw[t[0]:])
    truncate = cut.map(lambda n: raw[:n])
    damage = st.tuples(cut, st.binary(min_size=1, max_size=3)).map(lambda t: raw[:t[0]] + t[1] + raw[t[0] + 1:])
    return st.one_of(splice, truncate, damage)


@settings(FUZZ, max_examples=150)
@given(st.data())
def test_broken_files_inside_a_project_give_problems_never_a_traceback(fuzz_project, data):
    rel = data.draw(st.sampled_from(sorted(SOURCES)))
    raw = data.draw(broken_bytes(rel))
    target = fuzz_project / rel
    target.write_bytes(raw)
    try:
        FUZZED["projets avec un fichier cassé"] += 1
        result = check(fuzz_project)
        for problem in result.problems.items:
            assert (fuzz_project / problem.path).is_file(), problem
            n_lines = lines_of((fuzz_project / problem.path).read_bytes())
            assert 1 <= problem.line <= n_lines and problem.col >= 1, str(problem)
            assert problem.message.strip()
    finally:
        shutil.copy(SOURCES[rel].path, target)


def free_text_paths(rel: str) -> list[tuple]:
    """The paths where any text is valid: they accept both plain words and markup."""
    type_, data = SOURCES[rel].type, original(rel).data
    found = []
    for path in paths(data):
        if all(not validate(type_, Document(rel, replaced(data, path, probe)))[0]
               for probe in ("x y z", "<b>é</b> [a](b) {{ c }}")):
            found.append(path)
    return found


FREE_TEXT = {rel: free_text_paths(rel) for rel in SOURCES}
# No control characters: a value that holds one is refused where it is written, escaped or
# not (tests/fixtures/hostile/caractere-de-controle*); these texts must be accepted.
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n"),
                min_size=1, max_size=60).filter(lambda t: t.strip())
markup = st.lists(st.sampled_from(["<", ">", "&", "[", "](", ")", "*", "_", "`", "#", "|", "!", "{{", "}}",
                                   "{%", "%}", "\n", "\n\n", "- ", "1. ", "javascript:", "\"", "'", "\\",
                                   "--8<-- ", "{: ", "}", "<script>", "é", "CLEE", " "]),
                  min_size=1, max_size=20).map("".join).filter(lambda t: t.strip())


def test_every_fixture_record_has_free_text_fields():
    assert all(FREE_TEXT[rel] for rel in SOURCES if SOURCES[rel].type != "parcours"), FREE_TEXT


@settings(FUZZ, max_examples=60)
@given(st.data())
def test_random_text_in_free_text_fields_renders(fuzz_project, data):
    """Valid records with hostile text in every free-text field: generation must succeed."""
    rel = data.draw(st.sampled_from(sorted(r for r in SOURCES if FREE_TEXT[r])))
    record = original(rel).data
    for path in FREE_TEXT[rel]:
        record = replaced(record, path, data.draw(st.one_of(texts, markup)))
    target = fuzz_project / rel
    target.write_bytes(dump(record))
    try:
        FUZZED["textes aléatoires rendus"] += 1
        result = generate(fuzz_project)
        assert result.problems.erreurs == [], [str(p) for p in result.problems.erreurs]
        assert result.pages
    finally:
        shutil.copy(SOURCES[rel].path, target)
