"""The fields of a content type, read from its JSON Schema — the one declaration of a type.

``new``'s skeleton comments, the editors' guide field tables and the tests that keep the
archetypes complete all walk the schema through :func:`fields`, so none of them can
drift from it. ``$ref`` and ``allOf`` are followed, so a field declared through
``commun.schema.json`` shows its shared description unless it has its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from referencing._core import Resolver

from .schemas import registry, schema

ITEM = "[]"   # path step meaning "each item of the list"


@dataclass(frozen=True)
class Field:
    path: tuple[str, ...]          # ("actions", "[]", "pilote")
    node: dict[str, Any]           # the field's schema, $ref and allOf merged in
    required: bool
    recommended: bool = False

    @property
    def name(self) -> str:
        return ".".join(p for p in self.path if p != ITEM).replace(".", " › ") if self.path else ""

    @property
    def dotted(self) -> str:
        """``actions[].pilote``: how the guide writes a nested field."""
        text = ""
        for part in self.path:
            text += part if part == ITEM or not text else f".{part}"
        return text

    @property
    def key(self) -> str:
        return self.path[-1]

    @property
    def description(self) -> str:
        return self.node.get("description", "")

    @property
    def examples(self) -> list[Any]:
        return self.node.get("examples", [])

    @property
    def depth(self) -> int:
        return sum(1 for p in self.path if p != ITEM) - 1


def fields(type_: str) -> list[Field]:
    """Every field of ``type_``, parents before children, in schema order."""
    root = schema(type_)
    return list(_walk(root, registry().resolver(base_uri=root["$id"]), ()))


def resolved(node: dict[str, Any], resolver: Resolver) -> dict[str, Any]:
    """``node`` with its ``$ref`` and ``allOf`` folded in (the node's own keys win) and
    its ``items`` resolved too, each against the document that wrote it."""
    merged: dict[str, Any] = {}
    if "$ref" in node:
        target = resolver.lookup(node["$ref"])
        merged.update(resolved(target.contents, target.resolver))
    for part in node.get("allOf", []):
        for key, value in resolved(part, resolver).items():
            merged.setdefault(key, value)
    own = {k: v for k, v in node.items() if k not in ("$ref", "allOf")}
    if isinstance(own.get("items"), dict):
        own["items"] = {**merged.get("items", {}), **resolved(own["items"], resolver)}
    merged.update(own)
    return merged


def _walk(node: dict[str, Any], resolver: Resolver, path: tuple[str, ...]) -> Iterator[Field]:
    # Properties are only written in the type schemas, whose refs all name
    # commun.schema.json beside them: one resolver serves the whole walk.
    node = resolved(node, resolver)
    required = set(node.get("required", []))
    recommended = set(node.get("x-recommandes", []))
    for key, child in node.get("properties", {}).items():
        child_node = resolved(child, resolver)
        yield Field(path + (key,), child_node, key in required, key in recommended)
        if "properties" in child_node:
            yield from _walk(child_node, resolver, path + (key,))
        elif "properties" in child_node.get("items", {}):
            yield from _walk(child_node["items"], resolver, path + (key, ITEM))
