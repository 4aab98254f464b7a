"""Skeletons for ``ecole-entreprise new TYPE ID``.

Each ``<type>.yml`` beside this file holds the values of a new record: every field of the
type's schema appears in it, active when the schema requires or recommends it, behind
``#?`` when it is optional (the editor removes the ``#`` to use it). The explanations are
not written here: :func:`annotate` puts each field's schema description above it as a
French comment, so the skeleton explains exactly what the schema checks.

Values that depend on the project (references to records that exist, a free measure
number, today's date) are ``$name`` slots filled by :func:`skeleton`.
"""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from string import Template

from .. import registry
from ..fields import ITEM, Field, fields
from ..model import Site
from ..resolve import LIENS_ATTENDUS
from ..schemas import schema

FOLDER = Path(__file__).parent
OPTIONAL_MARK = "#? "
WIDTH = 88
NUMEROS = range(1, 13)   # the 12 measures of 2015

# A line that writes a field: indentation, an optional list dash, an optional "#? ", the key.
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[a-z_]+):")


class NewRecordError(Exception):
    """Why a skeleton cannot be written; the message is for the editor, in French."""


@dataclass(frozen=True)
class NewRecord:
    path: Path
    text: str


def types() -> tuple[str, ...]:
    """The types ``new`` can create: those the registry gives a skeleton."""
    return tuple(t.name for t in registry.TYPES if t.archetype)


def archetype(type_: str) -> str:
    return (FOLDER / f"{type_}.yml").read_text(encoding="utf-8")


def folder_of(type_: str) -> str:
    """The folder a type's records live in (``kits/fiches``), from the registry."""
    return registry.get(type_).folder


def new_record(site: Site, type_: str, id_: str) -> NewRecord:
    """The file to create for a new draft, or :class:`NewRecordError` saying why not."""
    if not re.fullmatch(schema("commun")["$defs"]["id"]["pattern"], id_):
        raise NewRecordError(f"identifiant invalide : « {id_} » (minuscules, chiffres et tirets seulement, "
                             "sans accent ni espace, par exemple « visite-entreprise »)")
    path = site.root / folder_of(type_) / f"{id_}.yml"
    if path.exists() or site.get(type_, id_):
        raise NewRecordError(f"{path.relative_to(site.root).as_posix()} existe déjà : choisissez un autre "
                             "identifiant ou modifiez ce fichier")
    text = Template(archetype(type_)).substitute(_slots(site, type_, id_))
    return NewRecord(path, _header(site.root, type_, id_, path) + annotate(type_, text))


def _slots(site: Site, type_: str, id_: str) -> dict[str, str]:
    return {
        "id": id_,
        "aujourdhui": site.config.aujourdhui.isoformat(),
        "annee": str(site.config.annee_scolaire),
        "mesure": _first_id(site, "mesure", type_),
        "acteur": _first_id(site, "acteur", type_),
        "source": _first_id(site, "source", type_),
        "fiches": "[" + ", ".join(sorted(r.id for r in site.all("fiche"))[:1]) + "]",
        "numero": _free_numero(site) if type_ == "mesure" else "",
    }


def _first_id(site: Site, target: str, for_type: str) -> str:
    """An existing record to point at, so that the skeleton's references resolve."""
    ids = sorted(r.id for r in site.all(target) if not r.brouillon) or sorted(r.id for r in site.all(target))
    needed = any(f"${target}" in line and not line.lstrip().startswith("#") for line in archetype(for_type).splitlines())
    if not ids and needed:
        aucun, dossier = registry.get(target).aucun, registry.get(target).folder + "/"
        raise NewRecordError(f"le projet ne contient encore {aucun} dans {dossier} : créez-en d'abord "
                             f"(ecole-entreprise new {target} IDENTIFIANT)")
    return ids[0] if ids else ""


def _free_numero(site: Site) -> str:
    taken = {r.get("numero") for r in site.all("mesure")}
    # Measures 2 and 7 must link to the MOOC and the kits: a bare skeleton cannot.
    free = [n for n in NUMEROS if n not in taken and n not in LIENS_ATTENDUS]
    if not free:
        raise NewRecordError("les 12 mesures de 2015 existent déjà (numéros 1 à 12 pris) : "
                             "modifiez une mesure existante plutôt que d'en créer une")
    return str(free[0])


def _header(root: Path, type_: str, id_: str, path: Path) -> str:
    schema_path = os.path.relpath(root / "ecole_entreprise" / "schemas" / f"{type_}.schema.json", path.parent)
    title = schema(type_)["title"]
    return (f"# yaml-language-server: $schema={Path(schema_path).as_posix()}\n"
            f"# « {id_} » ({title}) : squelette écrit par « ecole-entreprise new {type_} {id_} ».\n"
            "# Remplacez chaque « À compléter » ; les commentaires (lignes « # ») disent ce que\n"
            "# chaque champ attend. Une ligne « # champ: valeur » est facultative : retirez le « # »\n"
            "# pour l'utiliser. Retirez « statut: brouillon » quand le contenu est prêt à être publié.\n\n")


# --- comments from the schema ----------------------------------------------------------

def annotate(type_: str, text: str) -> str:
    """Put each field's schema description above it, as a French comment."""
    by_path = {f.path: f for f in fields(type_)}
    out: list[str] = []
    explained: set[tuple[str, ...]] = set()
    optional_parents: set[tuple[str, ...]] = set()
    for line, path, optional in _field_lines(text):
        if path is None:
            out.append(line)
            continue
        field = by_path.get(path)
        if field is None:
            raise KeyError(f"{type_}: {'.'.join(path)} is not in the schema")
        parent = path[:-2] if len(path) > 2 and path[-2] == ITEM else path[:-1]
        if optional:
            optional_parents.add(path)
        # Explained once (not on every list item), and not inside a commented-out example.
        if path not in explained and not (optional and parent in optional_parents):
            indent = " " * (len(line) - len(line.lstrip(" ")))
            out.extend(indent + "# " + part for part in _comment(field))
            explained.add(path)
        out.append(line.replace(OPTIONAL_MARK, "# ", 1) if optional else line)
    return "\n".join(out) + "\n"


def field_paths(text: str) -> set[tuple[str, ...]]:
    """Schema paths of every field an archetype writes, active or ``#?`` optional."""
    return {path for _, path, _ in _field_lines(text) if path is not None}


def _field_lines(text: str):
    """Each line with the schema path of the field it writes (None for other lines)."""
    stack: list[tuple[int, str, bool]] = []   # (column of the key, key, holds a list)
    for line in text.rstrip("\n").split("\n"):
        optional = line.lstrip(" ").startswith(OPTIONAL_MARK)
        match = _KEY_LINE.match(line.replace(OPTIONAL_MARK, "", 1) if optional else line)
        if not match:
            yield line, None, False
            continue
        indent = len(match["indent"])
        column = indent + (2 if match["dash"] else 0)
        while stack and stack[-1][0] >= (indent if match["dash"] else column):
            stack.pop()
        if match["dash"] and stack:
            col, key, _ = stack[-1]
            stack[-1] = (col, key, True)
        stack.append((column, match["key"], False))
        path: list[str] = []
        for _, key, is_list in stack:
            path.append(key)
            if is_list:
                path.append(ITEM)
        yield line, tuple(path), optional


def _comment(field: Field) -> list[str]:
    text = field.description
    choices = _choices(field)
    if choices:
        text += f" Valeurs possibles : {', '.join(choices)}."
    if field.required:
        text += " (obligatoire)"
    elif field.recommended:
        text += " (recommandé)"
    else:
        text += " (facultatif)"
    return textwrap.wrap(text, WIDTH - 2 - 2 * field.depth, break_on_hyphens=False) or [""]


def _choices(field: Field) -> list[str]:
    node = field.node
    if "enum" in node:
        return [str(v) for v in node["enum"]]
    items = node.get("items", {})
    return [str(v) for v in items.get("enum", [])] if isinstance(items, dict) else []
