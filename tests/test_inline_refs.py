"""The validator runs on schemas whose $refs were inlined once: same verdicts, no lookups."""

from __future__ import annotations

import json

import pytest

from ecole_entreprise.registry import names
from ecole_entreprise.schemas import schema

TYPES = names()
from ecole_entreprise.validate import inline_refs


@pytest.mark.parametrize("type_", TYPES)
def test_no_reference_is_left_to_resolve(type_):
    raw, inlined = json.dumps(schema(type_)), json.dumps(inline_refs(schema(type_)))
    assert '"$ref"' not in inlined
    assert inlined.count('"x-reference"') >= raw.count('"x-reference"')


def test_a_shared_definition_keeps_its_constraints_and_the_local_description():
    fiche = inline_refs(schema("fiche"))
    descriptif = fiche["properties"]["descriptif"]
    assert descriptif["pattern"] == "\\S" and descriptif["minLength"] == 1
    assert descriptif["description"] == schema("fiche")["properties"]["descriptif"]["description"]
    items = fiche["properties"]["objectifs"]["items"]          # a $ref inside the shared definitions
    assert items["type"] == "string" and items["pattern"] == "\\S"
