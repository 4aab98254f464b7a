"""mkdocs.yml, read without MkDocs: the few settings the generator needs, and what is
wrong with the file, at ``mkdocs.yml:line:col``.

The file is read by the content loader (positions, duplicate keys refused) after MkDocs'
own tags (``!ENV``, ``!relative``, ``!!python/name:…``) have been set aside: their value
is MkDocs' business, read here as null. Its shape is checked against
``schemas/mkdocs.schema.json``, with the same French messages as a record's. A missing,
unreadable or broken file is a problem in the list, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .discover import refusal
from .load import MAX_BYTES, LoadError, _decode, _Lines, _Loader, _mark_position, _yaml_message, _Builder, Document
from .validate import validate

FILE = "mkdocs.yml"
_NULL = "tag:yaml.org,2002:null"


@dataclass
class Settings:
    data: dict[str, Any] = field(default_factory=dict)
    # (niveau, (line, col), message) about mkdocs.yml
    problems: list[tuple[str, tuple[int, int], str]] = field(default_factory=list)
    document: Document | None = None   # the file read with positions, when it could be read


def read_settings(root: Path) -> Settings:
    path = root / FILE
    if not path.exists() and not path.is_symlink():
        return Settings(problems=[("avertissement", (1, 1), "fichier introuvable : la configuration du site manque ; "
                                   "les valeurs par défaut sont utilisées, et le site ne peut pas être construit")])
    refus = refusal(root, path)
    if refus:
        return Settings(problems=[("erreur", (1, 1), refus)])
    try:
        if path.stat().st_size > MAX_BYTES:
            raise LoadError((1, 1), f"fichier trop volumineux (au plus {MAX_BYTES} octets)")
        doc = parse(path.read_bytes())
    except LoadError as error:
        return Settings(problems=[("erreur", error.position, error.message)])
    except OSError as error:
        return Settings(problems=[("erreur", (1, 1), f"fichier illisible ({error.strerror})")])
    if not isinstance(doc.data, dict):
        return Settings(problems=[("erreur", (1, 1), "le fichier doit contenir des réglages « nom: valeur », "
                                   "pas une liste ni un texte seul")])
    findings, _ = validate("mkdocs", doc)
    return Settings(doc.data, [("erreur", f.position, f.message) for f in findings], doc)


def parse(raw: bytes) -> Document:
    """mkdocs.yml → data with positions; raises LoadError (French, placed)."""
    text = _decode(raw)
    if not text.strip():
        raise LoadError((1, 1), "fichier vide")
    lines = _Lines(text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        position = _mark_position(e, lines)
        raise LoadError(position, f"syntaxe YAML invalide : {_yaml_message(e, text, position)}") from None
    except yaml.reader.ReaderError as e:
        raise LoadError(lines.at(e.position), f"caractère non accepté (U+{ord(e.character) if isinstance(e.character, str) else e.character:04X})") from None
    except yaml.YAMLError as e:
        raise LoadError((1, 1), "syntaxe YAML invalide : " + " ".join(str(e).split())) from None
    if node is None:
        raise LoadError((1, 1), "fichier vide")
    _set_aside_mkdocs_tags(node, set())
    doc = Document(FILE)
    doc.data = _Builder(doc, text, lines).build(node, (), 0)
    return doc


def _set_aside_mkdocs_tags(node: yaml.Node, seen: set[int]) -> None:
    """A node with a tag of MkDocs' (« !ENV », « !relative », « !!python/name:… ») becomes
    null: MkDocs resolves it, the generator needs none of them."""
    if id(node) in seen:
        return   # an alias: the builder refuses it, at its place
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for i, (key, value) in enumerate(node.value):
            node.value[i] = (key, _null_if_tagged(value, seen))
    elif isinstance(node, yaml.SequenceNode):
        node.value[:] = [_null_if_tagged(item, seen) for item in node.value]


def _null_if_tagged(node: yaml.Node, seen: set[int]) -> yaml.Node:
    if node.tag.startswith("!") or node.tag.startswith("tag:yaml.org,2002:python/"):
        return yaml.ScalarNode(_NULL, "", node.start_mark, node.end_mark)
    _set_aside_mkdocs_tags(node, seen)
    return node
