"""The compiled validator's verdict, and the references picked out for valid records, are
exactly jsonschema's: on every content file of the repository and the fixtures, and on
hundreds of documents mutated from them the way editors get things wrong."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest

from ecole_entreprise import discover
from ecole_entreprise.load import Document, LoadError, load_file
from ecole_entreprise.registry import names
from ecole_entreprise.validate import is_valid, references_in, validate, validate_slowly

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
PROJECTS = [ROOT, FIXTURES / "valid", *sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())]


def _documents() -> list[tuple[str, Document]]:
    docs = []
    for project in PROJECTS:
        for source in discover.discover(project):
            try:
                doc = load_file(source.path, source.rel)
            except LoadError:
                continue
            if isinstance(doc.data, dict):
                docs.append((source.type, doc))
    return docs


DOCUMENTS = _documents()


def _same_as_jsonschema(type_: str, doc: Document) -> None:
    findings, refs = validate_slowly(type_, doc)
    assert is_valid(type_, doc.data) == (not findings), (doc.rel, findings[:3])
    if not findings:
        assert list(references_in(type_, doc.data)) == refs, doc.rel
    assert validate(type_, doc) == (findings, refs), doc.rel


def test_the_comparison_covers_valid_and_invalid_records_of_every_type():
    verdicts = {(t, is_valid(t, d.data)) for t, d in DOCUMENTS}
    assert {t for t, ok in verdicts if ok} == set(names())
    assert any(not ok for _, ok in verdicts)
    assert sum(len(list(references_in(t, d.data))) for t, d in DOCUMENTS if is_valid(t, d.data)) > 20


@pytest.mark.parametrize("type_,doc", DOCUMENTS, ids=[d.rel for _, d in DOCUMENTS])
def test_same_verdict_and_references_on_every_content_file(type_, doc):
    _same_as_jsonschema(type_, doc)


# --- mutated documents ------------------------------------------------------------------

WRONG_VALUES = (None, "", "   ", 0, -3, 2.5, True, [], {}, ["x"], {"a": 1}, "pas-un-id !", "2016-13-45",
                "fin de l'année", "https://exemple.fr", "ZZZ", "3e", 10_000,
                "id-valide\n", "https://exemple.fr/a$b&c", "https://exemple.fr/\n")  # Python's $ and \Z differ


def _containers(value, path=()):
    """Every dict and list in ``value`` with its path."""
    if isinstance(value, (dict, list)):
        yield path, value
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            yield from _containers(item, path + (key,))


def _mutate(data: dict, rng: random.Random) -> dict:
    data = copy.deepcopy(data)
    path, container = rng.choice(list(_containers(data)))
    keys = list(container) if isinstance(container, dict) else list(range(len(container)))
    action = rng.choice(("replace", "replace", "delete", "add", "duplicate", "empty"))
    if action == "add":
        if isinstance(container, dict):
            container[rng.choice(("remarque", "titre_court", "Mesures", "id"))] = rng.choice(WRONG_VALUES)
        else:
            container.append(rng.choice(WRONG_VALUES))
    elif not keys:
        return data
    elif action == "replace":
        container[rng.choice(keys)] = rng.choice(WRONG_VALUES)
    elif action == "delete":
        del container[rng.choice(keys)]
    elif action == "duplicate" and isinstance(container, list):
        container.append(copy.deepcopy(container[0]))
    elif action == "empty":
        key = rng.choice(keys)
        container[key] = type(container[key])() if isinstance(container[key], (str, list, dict)) else None
    return data


MUTANTS = [(t, Document(f"{d.rel}#mutation-{i}", _mutate(d.data, random.Random(f"{d.rel}{i}"))))
           for t, d in DOCUMENTS for i in range(6)]


def test_mutations_produce_both_verdicts():
    verdicts = [is_valid(t, d.data) for t, d in MUTANTS]
    assert len(MUTANTS) >= 500 and verdicts.count(False) > 250 and verdicts.count(True) > 20


@pytest.mark.parametrize("type_,doc", MUTANTS, ids=[d.rel for _, d in MUTANTS])
def test_same_verdict_and_references_on_mutated_documents(type_, doc):
    _same_as_jsonschema(type_, doc)
