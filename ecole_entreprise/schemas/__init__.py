"""The content types, declared once as JSON Schemas (2020-12).

A schema drives validation, editors' IDE completion, ``new``'s skeletons and the field
lists of the editors' guide. Custom keywords, ignored by other tools:

- ``x-reference``: the value is the id of a record of that type;
- ``x-libelles``: display labels of a controlled list (``enum``);
- ``x-recommandes``: fields whose absence is a warning, not an error.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from referencing import Registry, Resource

from .. import registry as content_types

SCHEMA_DIR = Path(__file__).parent
SHARED = "commun"   # definitions the types' schemas refer to ($ref), no type of its own
# Files checked as records are, that are not content types: mkdocs.yml (settings.py) and
# the front matter of hand-written pages (frontmatter.py).
NOT_CONTENT = ("mkdocs", "page")


@cache
def schema(type_: str) -> dict:
    own = type_ == SHARED or type_ in NOT_CONTENT
    path = SCHEMA_DIR / f"{type_}.schema.json" if own else content_types.get(type_).schema
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def registry() -> Registry:
    resources = [Resource.from_contents(schema(t.name)) for t in content_types.TYPES]
    resources.append(Resource.from_contents(schema(SHARED)))
    return Registry().with_resources((r.id(), r) for r in resources)


def resolve_ref(node: dict) -> dict:
    """Follow ``$ref`` (and a leading ``allOf`` of refs) to the definition it names."""
    while True:
        if "$ref" in node:
            node = registry().resolver().lookup(_absolute(node["$ref"])).contents
        elif "allOf" in node and "$ref" in node["allOf"][0]:
            merged = dict(resolve_ref(node["allOf"][0]))
            merged.update({k: v for k, v in node.items() if k != "allOf"})
            node = merged
        else:
            return node


def _absolute(ref: str) -> str:
    return ref if "://" in ref else f"https://ecole-entreprise.invalid/schemas/{ref}"


def libelles(type_: str, *path: str) -> dict[str, str]:
    """Labels of a controlled list, e.g. ``libelles("fiche", "beneficiaires")``."""
    node = schema(type_)
    for key in path:
        node = resolve_ref(node)
        if "properties" not in node and "items" in node:  # a list: describe its items
            node = resolve_ref(node["items"])
        node = node["properties"][key]
    node = resolve_ref(node)
    if "items" in node and "x-libelles" not in node:
        node = resolve_ref(node["items"])
    return node.get("x-libelles", {})
