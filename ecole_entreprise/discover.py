"""Stage 1 — discover: which file holds which content type.

The layout is the registry's: each content type's files pattern (registry.py).
Everything downstream asks the type, never the path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import registry

CONTENT_DIRS = ("content", "kits", "mooc")
PAGES_GLOB = "content/pages/*.md"


@dataclass(frozen=True)
class Source:
    """A content file and the type of record it holds."""

    path: Path       # absolute
    rel: str         # relative to the project root, with forward slashes (for messages)
    type: str

    @property
    def id(self) -> str:
        return self.path.stem


def discover(root: Path) -> list[Source]:
    sources = []
    for type_ in registry.TYPES:   # order matters only for display
        for path in sorted(root.glob(type_.files)):
            if path.is_file():
                sources.append(Source(path, path.relative_to(root).as_posix(), type_.name))
    return sources


def stray_yaml(root: Path, sources: list[Source] | None = None) -> list[str]:
    """YAML files in content folders that no pattern claims (a misplaced or misnamed file)."""
    claimed = {s.rel for s in (discover(root) if sources is None else sources)}
    stray = []
    for folder in CONTENT_DIRS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".yml", ".yaml") and path.is_file():
                rel = path.relative_to(root).as_posix()
                if rel not in claimed:
                    stray.append(rel)
    return stray


def pages(root: Path) -> list[Path]:
    return sorted(root.glob(PAGES_GLOB))
