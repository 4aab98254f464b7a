"""Stage 3 — validate: a record against the JSON Schema of its type, in French.

Two validators read the same ``$ref``-inlined schema. fastjsonschema, compiled once per
type, only says "valid or not" — about forty times faster than jsonschema's
``iter_errors`` (docs/decisions/0013-fast-validation.md). Most records are valid: their
references (the ``x-reference`` keyword) are then picked out by a walk that follows only
the parts of the schema that declare one. A record the fast validator rejects goes
through jsonschema, whose single pass yields both the problems, explained in French, and
the references, wherever the schema declares them (through ``allOf`` alike).
"""

from __future__ import annotations

import difflib
from datetime import date
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Iterator
from urllib.parse import urljoin

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

from . import dates
from .load import Document, JsonPath, Position
from .schemas import registry, schema


@dataclass(frozen=True)
class Reference:
    path: JsonPath
    target_type: str
    target_id: str


@dataclass(frozen=True)
class Finding:
    position: Position
    message: str


def _x_reference(validator, target_type, instance, node) -> Iterator[ValidationError]:
    # Not a failure: a marker carrying the target type, picked out in validate().
    if isinstance(instance, str):
        yield ValidationError(target_type)


_Validator = validators.extend(Draft202012Validator, {"x-reference": _x_reference})

@cache
def _formats(annee_scolaire: int) -> FormatChecker:
    """« date-fr »: a date dates.py reads, in the site's school year (« 29 février » is
    a day only in a school year that ends in a leap year)."""
    checker = FormatChecker(formats=())

    @checker.checks("date-fr", raises=dates.DateInvalide)
    def _is_french_date(value: Any) -> bool:
        if isinstance(value, str):
            dates.parse(value, annee_scolaire)
        return True

    return checker


def _year(annee_scolaire: int | None) -> int:
    return dates.annee_scolaire_de(date.today()) if annee_scolaire is None else annee_scolaire


@cache
def _validator(type_: str, annee_scolaire: int):
    return _Validator(inline_refs(schema(type_)), registry=registry(), format_checker=_formats(annee_scolaire))


# --- the fast path ------------------------------------------------------------------

@lru_cache(maxsize=4096)   # fiches repeat their delays (« premier trimestre »…)
def _date_fr_ok(value: Any, annee_scolaire: int) -> bool:
    try:
        dates.parse(value, annee_scolaire)
    except dates.DateInvalide:
        return False
    return True


@cache
def _fast_validator(type_: str, annee_scolaire: int):
    # The inlined schema uses no keyword whose meaning changed after draft-07; fastjsonschema
    # reads it as draft-07 (it knows no later draft), ignoring ``x-`` keywords.
    fast_schema = {k: v for k, v in _fast_patterns(inline_refs(schema(type_))).items() if k != "$schema"}
    return fastjsonschema.compile(fast_schema, formats={"date-fr": lambda v: _date_fr_ok(v, annee_scolaire)},
                                  use_default=False)


def _fast_patterns(node: Any) -> Any:
    """The schema with each ``pattern`` written so that fastjsonschema reads it as jsonschema does."""
    if isinstance(node, list):
        return [_fast_patterns(n) for n in node]
    if not isinstance(node, dict):
        return node
    return {k: (_same_dollar(v) if k == "pattern" and isinstance(v, str) else _fast_patterns(v))
            for k, v in node.items()}


def _same_dollar(pattern: str) -> str:
    """fastjsonschema turns every unescaped ``$`` into ``\\Z`` (end of text only), even
    inside ``[…]`` where that is an error. jsonschema keeps Python's ``$``, which also
    matches before a final newline: write that meaning out, and escape ``$`` in classes."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        if c == "$":
            out.append("\\$" if in_class else r"(?=\n?\Z)")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def is_valid(type_: str, data: Any, annee_scolaire: int | None = None) -> bool:
    try:
        _fast_validator(type_, _year(annee_scolaire))(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def _reference_plan(type_: str) -> Any:
    return _plan(inline_refs(schema(type_)))


def _plan(node: Any) -> Any:
    """The part of a schema that leads to an ``x-reference``, or None where none does.

    Keeps the schema's own key order, so references come out in the order jsonschema's
    pass yields them.
    """
    if not isinstance(node, dict):
        return None
    plan: list[tuple[str, Any]] = []
    for key, value in node.items():
        if key == "x-reference":
            plan.append((key, value))
        elif key == "properties" and isinstance(value, dict):
            props = [(name, sub) for name, sub in ((n, _plan(s)) for n, s in value.items()) if sub]
            if props:
                plan.append((key, props))
        elif key == "items" and (sub := _plan(value)):
            plan.append((key, sub))
        elif key == "allOf" and isinstance(value, list):
            subs = [p for p in map(_plan, value) if p]
            if subs:
                plan.append(("allOf", subs))
        elif key in ("anyOf", "oneOf", "additionalProperties", "not", "if", "then", "else", "prefixItems", "contains",
                     "patternProperties", "dependentSchemas", "unevaluatedProperties",
                     "unevaluatedItems") and _plan(value):
            raise ValueError(f"x-reference sous « {key} » : non pris en charge par le chemin rapide")
    return plan or None


def references_in(type_: str, data: Any) -> Iterator[Reference]:
    """The references of a valid record, where the schema declares ``x-reference``."""
    return _walk(_reference_plan(type_), data, ())


def _walk(plan: Any, instance: Any, path: JsonPath) -> Iterator[Reference]:
    for key, value in plan or ():
        if key == "x-reference":
            if isinstance(instance, str):
                yield Reference(path, value, instance)
        elif key == "properties":
            if isinstance(instance, dict):
                for name, sub in value:
                    if name in instance:
                        yield from _walk(sub, instance[name], path + (name,))
        elif key == "items":
            if isinstance(instance, list):
                for i, item in enumerate(instance):
                    yield from _walk(value, item, path + (i,))
        else:  # allOf
            for sub in value:
                yield from _walk(sub, instance, path)


# Keywords that describe and never validate: where a $ref and its siblings both carry one,
# the sibling's wins, as it would for a reader of the schema.
_ANNOTATIONS = {"description", "examples", "title", "x-libelles", "x-recommandes", "$comment"}


def inline_refs(node: Any, base: str = "") -> Any:
    """The schema with every ``$ref`` replaced by the definition it names.

    Same errors, same messages: jsonschema just never resolves a reference while it
    validates — which was three quarters of ``check``'s time on 1,000 fiches
    (docs/performance.md).
    """
    if isinstance(node, list):
        return [inline_refs(n, base) for n in node]
    if not isinstance(node, dict):
        return node
    base = urljoin(base, node["$id"]) if isinstance(node.get("$id"), str) else base
    out = {k: inline_refs(v, base) for k, v in node.items() if k != "$ref"}
    if "$ref" not in node:
        return out
    uri = urljoin(base, node["$ref"])
    target = inline_refs(registry().resolver().lookup(uri).contents, uri.split("#")[0])
    target = {k: v for k, v in target.items() if k not in ("$id", "$schema")}
    if (out.keys() & target.keys()) - _ANNOTATIONS:
        return {**out, "allOf": [target, *out.get("allOf", [])]}
    return {**target, **out}


def validate(type_: str, doc: Document, annee_scolaire: int | None = None) -> tuple[list[Finding], list[Reference]]:
    """Problems and references of a record; dates are read in ``annee_scolaire`` (by
    default the current school year)."""
    if is_valid(type_, doc.data, annee_scolaire):
        return [], list(references_in(type_, doc.data))
    return validate_slowly(type_, doc, annee_scolaire)


def validate_slowly(type_: str, doc: Document, annee_scolaire: int | None = None
                    ) -> tuple[list[Finding], list[Reference]]:
    """jsonschema's full pass: every problem, and the references found on the way."""
    findings: list[Finding] = []
    references: list[Reference] = []
    for error in _validator(type_, _year(annee_scolaire)).iter_errors(doc.data):
        path = tuple(error.absolute_path)
        if error.validator == "x-reference":
            references.append(Reference(path, error.message, error.instance))
        else:
            findings.extend(_explain(error, path, doc))
    return _one_per_typo(findings), references


def _one_per_typo(findings: list[Finding]) -> list[Finding]:
    """A misspelt field is reported once, as unknown with its suggestion — not a second
    time as the required field it was meant to be."""
    meant = {f.message.rsplit("« ", 1)[1].split(" »")[0] for f in findings
             if f.message.startswith("champ inconnu") and "vouliez-vous dire" in f.message}
    return [f for f in findings
            if not (f.message.startswith("champ obligatoire manquant")
                    and f.message.rsplit("« ", 1)[1].rstrip(" »") in meant)]


def nom_champ(path: JsonPath) -> str:
    """``('actions', 2, 'delai')`` → ``actions[3].delai`` (positions counted from 1)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "le document"


def _explain(error: ValidationError, path: JsonPath, doc: Document) -> Iterator[Finding]:
    """Turn one jsonschema error into messages an editor can act on."""
    kind, value, instance = error.validator, error.validator_value, error.instance
    champ = nom_champ(path)
    at = doc.position(path)
    if kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        for key in sorted(set(instance) - set(known)):
            yield Finding(doc.position(path + (key,), key=True), _unknown_field(key, known, champ))
    elif kind == "required":
        for key in value:
            if key not in instance:
                where = "" if not path else f" dans « {champ} »"
                yield Finding(doc.position(path, key=bool(path)),
                              f"champ obligatoire manquant{where} : « {key} »")
    elif instance is None or instance == "" or (kind in ("minLength", "pattern") and value in (1, "\\S")):
        yield Finding(at, f"« {champ} » est vide : donnez-lui une valeur")
    elif kind == "type":
        yield Finding(at, f"« {champ} » doit être {_TYPES.get(_first(value), value)}"
                          f" (trouvé : {_describe(instance)}){_hint_quotes(value, instance)}")
    elif kind in ("enum", "const"):
        allowed = value if kind == "enum" else [value]
        yield Finding(at, f"valeur non autorisée pour « {champ} » : {_shown(instance)}"
                          f"{_suggest(str(instance), [str(a) for a in allowed]) if isinstance(instance, str) else ''} ; "
                          f"valeurs possibles : {', '.join(_plain(a) for a in allowed)}")
    elif kind == "format":
        yield Finding(at, f"« {champ} » : {error.cause if error.cause else 'date non reconnue'}")
    elif kind == "minItems":
        yield Finding(at, f"« {champ} » doit contenir au moins {value} élément{'s' if value > 1 else ''}")
    elif kind == "minProperties":
        yield Finding(at, f"« {champ} » doit contenir au moins un champ")
    elif kind == "uniqueItems":
        yield Finding(at, f"« {champ} » contient deux fois la même valeur")
    elif kind in ("minimum", "maximum"):
        word = "au moins" if kind == "minimum" else "au plus"
        yield Finding(at, f"« {champ} » vaut {_plain(instance)} : il doit valoir {word} {value}")
    elif kind == "pattern":
        yield Finding(at, _pattern_message(champ, instance, error.schema))
    else:  # a keyword we do not use yet: still a position and the field
        yield Finding(at, f"« {champ} » n'a pas la forme attendue (règle « {kind} » du schéma) : {_shown(instance)}")


_TYPES = {
    "string": "du texte", "integer": "un nombre entier", "number": "un nombre",
    "array": "une liste (des lignes commençant par « - »)", "object": "un groupe de champs",
    "boolean": "vrai ou faux (true / false)",
}


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) else value


def _describe(instance: Any) -> str:
    if isinstance(instance, bool):
        return "vrai/faux"
    if isinstance(instance, (int, float)):
        return f"le nombre {instance}"
    if isinstance(instance, list):
        return "une liste"
    if isinstance(instance, dict):
        return "un groupe de champs"
    return _shown(instance)


def _shown(instance: Any) -> str:
    """A value as an editor wrote it, never as Python prints it (« ['national'] », « b'…' »)."""
    if isinstance(instance, list):
        return f"une liste ({', '.join(_plain(item) for item in instance)})" if instance else "une liste vide"
    if isinstance(instance, dict):
        return "un groupe de champs"
    return f"« {_plain(instance)} »"


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "rien"
    if isinstance(value, (bytes, bytearray)):
        return "des données binaires"
    if isinstance(value, (list, dict)):
        return _shown(value)
    return str(value)


def _hint_quotes(expected: Any, instance: Any) -> str:
    if _first(expected) == "string" and isinstance(instance, (int, float, bool)):
        return " : mettez la valeur entre guillemets"
    return ""


def _pattern_message(champ: str, instance: Any, node: dict) -> str:
    pattern = node.get("pattern", "")
    if pattern.startswith("^[a-z0-9]+"):
        return f"identifiant invalide dans « {champ} » : {_shown(instance)} (minuscules, chiffres et tirets seulement)"
    if pattern.startswith("^https://"):
        return f"adresse invalide dans « {champ} » : {_shown(instance)} (une adresse complète commençant par https://)"
    return f"« {champ} » n'a pas la forme attendue : {_shown(instance)}"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(" ", "_")


def _suggest(word: str, candidates: list[str]) -> str:
    folded = {_fold(c): c for c in candidates}
    match = difflib.get_close_matches(_fold(word), list(folded), n=1, cutoff=0.6)
    return f" (vouliez-vous dire « {folded[match[0]]} » ?)" if match else ""


def _unknown_field(key: str, known: list[str], champ: str) -> str:
    where = "" if champ == "le document" else f" dans « {champ} »"
    return f"champ inconnu{where} : « {key} »{_suggest(key, known)}"
