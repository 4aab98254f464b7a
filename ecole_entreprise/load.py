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

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml bindings; fall back to the pure-Python composer where absent.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on the platform build of PyYAML
    from yaml import SafeLoader as _SafeLoader

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Loader(_SafeLoader):
    """SafeLoader's tag resolution without its generality, which we never use.

    libyaml composes in C but calls the Python resolver for every node; SafeLoader has no
    path resolvers and no wildcard implicit resolvers, so a plain scalar's tag depends only
    on the implicit resolvers for its first character, and anything else is str, seq or
    map. Same tags (tests/test_load_tags.py), fewer Python calls per node.
    """

    _implicit = {first: tuple(resolvers) for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()}

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._implicit.get(value[0] if value else "", ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


assert None not in _SafeLoader.yaml_implicit_resolvers and not _SafeLoader.yaml_path_resolvers, \
    "_Loader.resolve assumes SafeLoader has neither wildcard nor path resolvers"

# A record is a page of text (the corpus's biggest is 14 KB); composing 256 KB of the worst
# shape (one flow list of 128,000 items) takes 0.6 s and 90 MB: the bound on time and memory.
MAX_BYTES = 256_000
MAX_DEPTH = 40          # the deepest schema needs 6 levels
# libyaml composes this many nested levels safely and fast; past it, see _refuse_deep_nesting.
SAFE_COMPOSE_NESTING = 1000

JsonPath = tuple[Any, ...]
Position = tuple[int, int]  # 1-based line, column

_SCALARS = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    """What a YAML file holds, with positions.

    Positions do not travel between processes (a document loaded by a worker, see
    parallel.py): they are most of a pickled document and are needed only to report a
    problem, so they are read again from the file the first time one is asked for.
    """

    rel: str
    data: Any = None
    values: dict[JsonPath, Position] = field(default_factory=dict)
    keys: dict[JsonPath, Position] = field(default_factory=dict)
    source: Path | None = None          # the file, when the document was read from one
    _positions_elsewhere: bool = False  # left behind by pickling: read them again from source

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__, values={}, keys={})
        state["_positions_elsewhere"] = self.source is not None
        return state

    def position(self, path: JsonPath, key: bool = False) -> Position:
        """Where ``path`` is written; the nearest written ancestor when it is absent."""
        if self._positions_elsewhere:
            self._read_positions_again()
        if key and tuple(path) in self.keys:
            return self.keys[tuple(path)]
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def _read_positions_again(self) -> None:
        self._positions_elsewhere = False
        try:
            again = load_file(self.source, self.rel)
        except (LoadError, OSError):
            return   # changed since: positions fall back to the start of the file
        self.values, self.keys = again.values, again.keys


class LoadError(Exception):
    def __init__(self, position: Position, message: str):
        super().__init__(message)
        self.position = position
        self.message = message

    def __reduce__(self):   # a worker's verdict on a file comes back pickled (parallel.py)
        return LoadError, (self.position, self.message)


def load_file(path: Path, rel: str) -> Document:
    """Read and parse one file; raises :class:`LoadError` with a French message."""
    if path.stat().st_size > MAX_BYTES:  # never read a huge file into memory
        raise LoadError((1, 1), _too_big(path.stat().st_size))
    doc = load_bytes(path.read_bytes(), rel)
    doc.source = path
    return doc


def load_bytes(raw: bytes, rel: str) -> Document:
    if len(raw) > MAX_BYTES:
        raise LoadError((1, 1), _too_big(len(raw)))
    text = _decode(raw)
    if not text.strip():
        raise LoadError((1, 1), "fichier vide")
    lines = _Lines(text)
    _refuse_deep_nesting(text, lines)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        position = _mark_position(e, lines)
        raise LoadError(position, f"syntaxe YAML invalide : {_yaml_message(e, text, position)}") from None
    except yaml.reader.ReaderError as e:   # a character YAML does not allow: where it is, which one
        raise LoadError(lines.at(_character_index(text, e.position)), _unacceptable(e.character)) from None
    except yaml.YAMLError as e:
        raise LoadError((1, 1), f"syntaxe YAML invalide : {_one_line(str(e))}") from None
    except RecursionError:
        raise LoadError((1, 1), f"imbrication trop profonde (au plus {MAX_DEPTH} niveaux)") from None
    if node is None:
        raise LoadError((1, 1), "fichier vide")
    doc = Document(rel)
    doc.data = _Builder(doc, text, lines).build(node, (), 0)
    return doc


def _too_big(size: int) -> str:
    return f"fichier trop volumineux ({size} octets ; au plus {MAX_BYTES})"


class _Lines:
    """Positions as an editor's window shows them.

    libyaml also starts a new line at U+0085, U+2028 and U+2029, which editors show
    inside a line: positions are computed again from the character offset of each mark,
    counting only the line breaks editors count (LF, CRLF and a lone CR).
    """

    _BREAK = re.compile(r"\r\n|\r|\n")

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in self._BREAK.finditer(text)]

    def position(self, mark: yaml.Mark) -> Position:
        return self.at(mark.index)

    def at(self, index: int) -> Position:
        """Line and column of the character at ``index``."""
        line = bisect.bisect_right(self.starts, index)
        return (line, index - self.starts[line - 1] + 1)


def _unacceptable(character: int | str) -> str:
    code = ord(character) if isinstance(character, str) else character
    kind = "caractère de contrôle invisible" if code < 0x20 or 0x7F <= code <= 0x9F else "caractère non accepté"
    return f"{kind} (U+{code:04X}) dans le texte : supprimez-le (il vient souvent d'un copier-coller)"


def _character_index(text: str, offset: int) -> int:
    """libyaml's reader counts in UTF-8 bytes (the pure-Python one, in characters)."""
    if _SafeLoader is yaml.SafeLoader:
        return offset
    return len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))


# What YAML's escapes (« \x07 », « \u0000 », « \e »…) can put in a double-quoted value that its
# reader refuses when typed: invisible, invalid in HTML, fatal to an XML feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _refuse_deep_nesting(text: str, lines: _Lines) -> None:
    """Refuse a document nested deeper than MAX_DEPTH before libyaml composes it.

    libyaml's composer recurses in C (100,000 nested « [ » crash the process) and its
    scanner slows down with the square of flow nesting (20,000 « [ »: 3 s). Its event
    parser is iterative, so walking the events and stopping at the first level past the
    limit costs little whatever the document. A collection starts at an indicator
    (« [ { - ? : »), so a document with few of them cannot be deep and skips the walk.
    """
    if sum(text.count(c) for c in "[{-?:") < SAFE_COMPOSE_NESTING:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:  # the root collection is level 0
                    raise LoadError(lines.position(event.start_mark),
                                    f"imbrication trop profonde (au plus {MAX_DEPTH} niveaux)")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the composer meets the same error, no deeper than the limit, and explains it


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
    def __init__(self, doc: Document, text: str, lines: _Lines):
        self.doc = doc
        self.text = text
        self.lines = lines
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: JsonPath, depth: int) -> Any:
        position = self.lines.position(node.start_mark)
        if depth > MAX_DEPTH:
            raise LoadError(position, f"imbrication trop profonde (au plus {MAX_DEPTH} niveaux)")
        # An alias is the very node object its anchor named: refusing a second visit
        # refuses aliases and keeps the walk linear whatever the document.
        if id(node) in self.seen:
            raise LoadError(self._first_alias(), "les alias YAML (« *nom ») ne sont pas acceptés : recopiez le texte")
        self.seen.add(id(node))
        self.doc.values[path] = position
        if isinstance(node, yaml.CollectionNode) and node.tag not in _COLLECTION_TAGS:
            raise LoadError(position, f"valeur non reconnue (étiquette YAML « {node.tag} » non acceptée)")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return _scalar(node, position)

    def _mapping(self, node: yaml.MappingNode, path: JsonPath, depth: int) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_pos = self.lines.position(key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise LoadError(key_pos, "la fusion YAML (« << ») n'est pas acceptée : recopiez les champs")
            if not isinstance(key_node, yaml.ScalarNode):
                raise LoadError(key_pos, "un nom de champ doit être un simple mot")
            key = key_node.value
            if key in result:
                first = self.doc.keys[path + (key,)]
                raise LoadError(key_pos, f"champ « {key} » en double (déjà à la ligne {first[0]}) : "
                                         "un seul des deux serait gardé")
            self.doc.keys[path + (key,)] = key_pos
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result


    def _first_alias(self) -> Position:
        """Where the first « *nom » is written: the composed tree only knows its anchor."""
        for event in yaml.parse(self.text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return self.lines.position(event.start_mark)
        return (1, 1)  # unreachable: a node met twice comes from an alias


_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _scalar(node: yaml.ScalarNode, position: Position) -> Any:
    if node.style == '"' and (control := _CONTROL.search(node.value)):   # only escapes make one
        raise LoadError(position, _unacceptable(control.group()))
    if node.tag == "tag:yaml.org,2002:str":
        return node.value  # most values: text needs no constructing
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # keep the editor's text; dates.py parses dates
    if node.tag == "tag:yaml.org,2002:binary":  # bytes: no field holds them, and no message could show them
        raise LoadError(position, "valeur non reconnue (étiquette YAML « !!binary » non acceptée) : écrivez du texte")
    try:
        return _SCALARS.construct_object(node)
    except Exception:  # the int/float/binary readers raise assorted errors on odd text («!!int »)
        raise LoadError(position, f"valeur non reconnue (étiquette YAML « {node.tag} » non acceptée)") from None


def _mark_position(e: yaml.MarkedYAMLError, lines: _Lines) -> Position:
    mark = e.problem_mark or e.context_mark
    if mark is None:
        return (1, 1)
    return lines.position(mark)


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
    lines = _Lines._BREAK.split(source)
    if 0 < position[0] <= len(lines) and "\t" in lines[position[0] - 1][: position[1]]:
        return _TAB  # libyaml's words for a tab do not say "tab"
    text = f"{e.context or ''} {e.problem or ''}"
    for needle, french in _YAML_MESSAGES:
        if needle in text:
            return french
    return f"structure non reconnue ({_one_line(e.problem or e.context or '')})"
