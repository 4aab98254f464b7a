"""Stage 2 — load: YAML text → plain data plus the position of every key and value.

PyYAML's composer (libyaml's, when present: the pure-Python one is ten times slower)
gives a node tree that still knows where each node starts. We build the data from that
tree ourselves so that we can:

- remember ``(line, column)`` of every value and key, for messages at ``file:line:col``;
- refuse duplicate keys, which PyYAML would silently resolve by keeping the last one
  (an editor's text lost);
- refuse aliases, which editors never need and which make "billion laughs" bombs;
- keep dates as the editor typed them (``2016-01-01`` stays text; dates.py reads it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml bindings; fall back to the pure-Python composer where absent.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on the platform build of PyYAML
    from yaml import SafeLoader as _SafeLoader

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


class _Loader(_SafeLoader):
    """SafeLoader's tag resolution without its generality, which we never use.

    libyaml composes in C but calls the Python resolver for every node; SafeLoader has no
    path resolvers and no wildcard implicit resolvers, so a plain scalar's tag depends only
    on the implicit resolvers for its first character, and anything else is str, seq or
    map. Same tags, a fifth of a check's loading time fewer Python calls.
    """

    _implicit = {first: tuple(resolvers) for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()}

    def resolve(self, kind, value, implicit):
        if kind is _ScalarNode:
            if implicit[0]:
                for tag, regexp in self._implicit.get(value[0] if value else "", ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is _SequenceNode else _MAP

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


assert None not in _SafeLoader.yaml_implicit_resolvers and not _SafeLoader.yaml_path_resolvers, \
    "_Loader.resolve assumes SafeLoader has neither wildcard nor path resolvers"

MAX_BYTES = 1_000_000   # a record is a page of text; anything bigger is a mistake
MAX_DEPTH = 40          # the deepest schema needs 6 levels

JsonPath = tuple[Any, ...]
Position = tuple[int, int]  # 1-based line, column

_SCALARS = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    """What a YAML file holds, with positions."""

    rel: str
    data: Any = None
    values: dict[JsonPath, Position] = field(default_factory=dict)
    keys: dict[JsonPath, Position] = field(default_factory=dict)

    def position(self, path: JsonPath, key: bool = False) -> Position:
        """Where ``path`` is written; the nearest written ancestor when it is absent."""
        if key and tuple(path) in self.keys:
            return self.keys[tuple(path)]
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


class LoadError(Exception):
    def __init__(self, position: Position, message: str):
        super().__init__(message)
        self.position = position
        self.message = message


def load_file(path: Path, rel: str) -> Document:
    """Read and parse one file; raises :class:`LoadError` with a French message."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise LoadError((1, 1), f"fichier trop volumineux ({len(raw)} octets ; au plus {MAX_BYTES})")
    return load_bytes(raw, rel)


def load_bytes(raw: bytes, rel: str) -> Document:
    text = _decode(raw)
    if not text.strip():
        raise LoadError((1, 1), "fichier vide")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        position = _mark_position(e)
        raise LoadError(position, f"syntaxe YAML invalide : {_yaml_message(e, text, position)}") from None
    except yaml.YAMLError as e:
        raise LoadError((1, 1), f"syntaxe YAML invalide : {e}") from None
    except RecursionError:
        raise LoadError((1, 1), f"imbrication trop profonde (au plus {MAX_DEPTH} niveaux)") from None
    if node is None:
        raise LoadError((1, 1), "fichier vide")
    doc = Document(rel)
    doc.data = _Builder(doc).build(node, (), 0)
    return doc


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")  # a BOM is tolerated
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        col = e.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError((line, col), "le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8") from None
    if "\x00" in text:
        raise LoadError((1, 1), "caractère nul dans le fichier : ce n'est pas un fichier texte")
    return text


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.values = doc.values
        self.keys = doc.keys
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: JsonPath, depth: int) -> Any:
        mark = node.start_mark
        position = (mark.line + 1, mark.column + 1)
        if depth > MAX_DEPTH:
            raise LoadError(position, f"imbrication trop profonde (au plus {MAX_DEPTH} niveaux)")
        # An alias is the very node object its anchor named: refusing a second visit
        # refuses aliases and keeps the walk linear whatever the document.
        seen = self.seen
        if id(node) in seen:
            raise LoadError(self.keys.get(path, position), "les alias YAML (« *nom ») ne sont pas acceptés : recopiez le texte")
        seen.add(id(node))
        self.values[path] = position
        kind = type(node)
        if kind is _ScalarNode:
            return node.value if node.tag == _STR else _scalar(node, position)  # most values are text
        if kind is _MappingNode:
            return self._mapping(node, path, depth)
        build, depth = self.build, depth + 1
        return [build(item, path + (i,), depth) for i, item in enumerate(node.value)]

    def _mapping(self, node: yaml.MappingNode, path: JsonPath, depth: int) -> dict:
        result: dict[str, Any] = {}
        keys, build, depth = self.keys, self.build, depth + 1
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            key_pos = (mark.line + 1, mark.column + 1)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise LoadError(key_pos, "la fusion YAML (« << ») n'est pas acceptée : recopiez les champs")
            if type(key_node) is not _ScalarNode:
                raise LoadError(key_pos, "un nom de champ doit être un simple mot")
            key = key_node.value
            key_path = path + (key,)
            if key in result:
                first = keys[key_path]
                raise LoadError(key_pos, f"champ « {key} » en double (déjà à la ligne {first[0]}) : "
                                         "un seul des deux serait gardé")
            keys[key_path] = key_pos
            result[key] = build(value_node, key_path, depth)
        return result


def _scalar(node: yaml.ScalarNode, position: Position) -> Any:
    if node.tag == "tag:yaml.org,2002:str":
        return node.value  # most values: text needs no constructing
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # keep the editor's text; dates.py parses dates
    try:
        return _SCALARS.construct_object(node)
    except yaml.YAMLError:
        raise LoadError(position, f"valeur non reconnue (étiquette YAML « {node.tag} » non acceptée)") from None


def _mark_position(e: yaml.MarkedYAMLError) -> Position:
    mark = e.problem_mark or e.context_mark
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


_TAB = "tabulation trouvée : indentez avec des espaces, jamais avec des tabulations"

# libyaml's messages, in the words an editor can act on.
_YAML_MESSAGES = (
    ("found a tab character", _TAB),
    ("mapping values are not allowed", "« : » inattendu : mettez la valeur entre guillemets si elle contient « : »"),
    ("could not find expected ':'", "« : » manquant après un nom de champ, ou indentation incohérente"),
    ("did not find expected key", "indentation incohérente : alignez ce champ sur ses voisins"),
    ("did not find expected '-' indicator", "élément de liste mal aligné : alignez les « - »"),
    ("found unexpected end of stream", "fin de fichier inattendue : un guillemet ou un crochet n'est pas refermé"),
    ("found undefined alias", "alias YAML inconnu (« *nom ») : les alias ne sont pas acceptés"),
    ("found undefined tag handle", "étiquette YAML inconnue (« ! ») : retirez-la"),
    ("expected a single document", "un seul document par fichier : retirez les lignes « --- » en trop"),
    ("found character that cannot start any token",
     "caractère inattendu en début de valeur (« @ », « ` », « % ») : mettez la valeur entre guillemets"),
    ("while scanning a quoted scalar", "guillemet non refermé"),
    ("found unknown escape character", "séquence « \\ » inconnue entre guillemets doubles : utilisez des guillemets simples"),
    ("control characters are not allowed", "caractère de contrôle invisible dans le texte : supprimez-le"),
    ("while parsing a block collection", "liste mal formée : vérifiez l'alignement des « - »"),
    ("while parsing a flow", "crochet ou accolade mal refermé"),
    ("while scanning a simple key", "« : » manquant après un nom de champ"),
)


def _yaml_message(e: yaml.MarkedYAMLError, source: str, position: Position) -> str:
    lines = source.splitlines()
    if 0 < position[0] <= len(lines) and "\t" in lines[position[0] - 1][: position[1]]:
        return _TAB  # libyaml's words for a tab do not say "tab"
    text = f"{e.context or ''} {e.problem or ''}"
    for needle, french in _YAML_MESSAGES:
        if needle in text:
            return french
    return f"structure non reconnue ({(e.problem or e.context or '').strip()})"
