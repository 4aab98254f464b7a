"""Keep what the form did not change, as the editor wrote it.

A CMS saves a record by writing the whole file again in its own style: lists in block
style, its own quoting, comments dropped. When the local editor saves a file that
already exists, :func:`keep_untouched` puts back, field by field (top-level keys), the
original text of every field whose value did not change, with the comments written
above it; the changed fields keep the CMS's text, in the order the CMS wrote them (the
schema's). The result is checked: read back, it must hold exactly the values the CMS
saved, otherwise the CMS's own text is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*:(\s|$)")


@dataclass
class _Block:
    key: str
    comments: list[str] = field(default_factory=list)   # comment and blank lines written above the key
    body: list[str] = field(default_factory=list)       # the key's line and its indented lines


@dataclass
class _Document:
    preamble: list[str]
    blocks: list[_Block]
    epilogue: list[str]


def _split(text: str) -> _Document | None:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    preamble: list[str] = []
    blocks: list[_Block] = []
    pending: list[str] = []
    for line in lines:
        key = _KEY.match(line)
        if key:
            if not blocks:
                # comments right above the first key stay with it; a modeline or a
                # document marker further up is the preamble, kept in place
                split = len(pending)
                while split and pending[split - 1].strip() and pending[split - 1].startswith("#"):
                    split -= 1
                preamble, pending = pending[:split], pending[split:]
            blocks.append(_Block(key.group(1), pending, [line]))
            pending = []
        elif _continues(line) and blocks and not pending:
            blocks[-1].body.append(line)
        elif line.strip() == "" or line.startswith("#") or line.strip() == "---":
            pending.append(line)
        elif _continues(line) and blocks:
            # an indented line after a blank line or a comment: still the same value
            blocks[-1].body.extend(pending + [line])
            pending = []
        else:
            return None          # a root that is not a block mapping: not ours to rearrange
    return _Document(preamble, blocks, pending)


def _continues(line: str) -> bool:
    """An indented line, or an item of a list written flush under its key (``- x``)."""
    return line.startswith((" ", "\t", "- ")) or line.rstrip("\r\n") == "-"


def _values(text: str):
    # BaseLoader: every scalar as the text it is, so "2026-11-22" and 2026-11-22 compare
    # equal, and a value the CMS merely re-quoted counts as untouched.
    return yaml.load(text, Loader=yaml.BaseLoader)


def _items(body: list[str]) -> tuple[str, list[list[str]]] | None:
    """A field written ``key:`` then a list, one item per ``- ``: (indent, items' lines)."""
    if len(body) < 2 or not _KEY.match(body[0]) or body[0].split(":", 1)[1].strip():
        return None
    first = re.match(r"^(\s*)- ", body[1]) or re.match(r"^(\s*)-$", body[1].rstrip("\r\n"))
    if not first:
        return None
    indent = first.group(1)
    items: list[list[str]] = []
    for line in body[1:]:
        if line.startswith(indent + "- ") or line.rstrip("\r\n") == indent + "-":
            items.append([line])
        elif items:
            items[-1].append(line)
    return indent, items


def _item_value(key_line: str, item: list[str]):
    try:
        value = _values(key_line + "".join(item))
        return value[next(iter(value))][0]
    except (yaml.YAMLError, TypeError, KeyError, IndexError, StopIteration):
        return None


def _keep_items(original: list[str], saved: list[str]) -> list[str]:
    """A changed list: the items that are still there keep their original text (an item
    inserted, removed or moved does not rewrite the others)."""
    old, new = _items(original), _items(saved)
    if not old or not new or old[0] != new[0]:
        return saved
    unused = [(_item_value(original[0], item), item) for item in old[1]]
    out = [saved[0]]
    for item in new[1]:
        value = _item_value(saved[0], item)
        match = next((i for i, (v, _) in enumerate(unused) if v is not None and v == value), None)
        out += unused.pop(match)[1] if match is not None else item
    return out


def keep_untouched(original: str, saved: str) -> str:
    """``saved`` (the CMS's text) with the unchanged fields of ``original`` put back."""
    try:
        before, after = _values(original), _values(saved)
    except yaml.YAMLError:
        return saved
    old, new = _split(original), _split(saved)
    if not (isinstance(before, dict) and isinstance(after, dict) and old and new):
        return saved
    kept = {b.key: b for b in old.blocks}
    out = list(old.preamble)
    for block in new.blocks:
        mine = kept.get(block.key)
        if mine is None:
            out += block.comments + block.body
        elif before.get(block.key) == after.get(block.key):
            out += mine.comments + mine.body
        else:
            out += mine.comments + _keep_items(mine.body, block.body)
    out += old.epilogue
    text = "".join(out)
    if not text.endswith("\n"):
        text += "\n"
    try:
        if _values(text) != after:
            return saved
    except yaml.YAMLError:
        return saved
    return text
