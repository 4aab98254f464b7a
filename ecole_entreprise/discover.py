"""Stage 1 — discover: which file holds which content type.

The layout is the registry's: each content type's files pattern (registry.py).
Everything downstream asks the type, never the path.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from . import registry

CONTENT_DIRS = ("content", "kits", "mooc")
# Files without which the site would be built wrong without saying so: the home page and
# the glossary (each acronym's expansion, on every page), both in the menu.
REQUIRED = {
    "content/pages/accueil.md": "la page d'accueil du site",
    "content/glossaire.yml": "le glossaire des sigles, utilisé sur toutes les pages",
}
PAGES_GLOB = "content/pages/*.md"
ASSETS_GLOB = "theme/assets/**/*"


@dataclass(frozen=True)
class Source:
    """A content file and the type of record it holds."""

    path: Path       # absolute
    rel: str         # relative to the project root, with forward slashes (for messages)
    type: str
    refus: str | None = None   # why the file must not be read (see refusal), else None

    @property
    def id(self) -> str:
        return self.path.stem


def discover(root: Path) -> list[Source]:
    """Every file a pattern names, readable or not: one that must not be read carries its
    refusal, so that it is reported rather than skipped."""
    sources = []
    for type_ in registry.TYPES:   # order matters only for display
        for path, refus in _matches(root, type_.files):
            sources.append(Source(path, path.relative_to(root).as_posix(), type_.name, refus))
    return sources


def refusal(root: Path, path: Path) -> str | None:
    """Why ``path`` must not be read, in French; None for a regular file inside the project.

    Checked before anything opens the file: a symlink may lead out of the project (its
    target would be published and indexed), to nothing, or round in a loop; a FIFO blocks
    whoever opens it; a device never ends. Only the file's status is read, never its bytes.
    """
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        return "fichier illisible : lien symbolique cassé (il mène à un fichier qui n'existe pas)"
    except (RuntimeError, OSError):   # RuntimeError: Python's word for a symlink loop
        return "fichier illisible : lien symbolique qui boucle sur lui-même"
    if not real.is_relative_to(root.resolve()):
        return "fichier refusé : lien symbolique vers un fichier hors du projet ; copiez le fichier dans le projet"
    mode = os.stat(real).st_mode
    if stat.S_ISDIR(mode):
        return "fichier illisible : c'est un dossier, pas un fichier"
    if not stat.S_ISREG(mode):
        return "fichier illisible : ce n'est pas un fichier ordinaire (tube, périphérique ou socket)"
    return None


def _matches(root: Path, pattern: str) -> Iterator[tuple[Path, str | None]]:
    for path in sorted(root.glob(pattern)):
        refus = refusal(root, path)
        if refus and pattern.endswith("**/*") and refus.endswith("un dossier, pas un fichier"):
            continue   # a folder among the files of a tree is what a tree is made of
        yield path, refus


def stray_yaml(root: Path, sources: list[Source] | None = None) -> list[str]:
    """YAML files in content folders that no pattern claims (a misplaced or misnamed file,
    « .yaml », « .YML »)."""
    claimed = {s.rel for s in (discover(root) if sources is None else sources)}
    stray = []
    for folder in CONTENT_DIRS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix.lower() in (".yml", ".yaml") and not path.is_dir():
                rel = path.relative_to(root).as_posix()
                if rel not in claimed:
                    stray.append(rel)
    return stray


def pages(root: Path) -> list[Path]:
    """The hand-written pages that may be read (see :func:`refused_pages` for the others)."""
    return [path for path, refus in _matches(root, PAGES_GLOB) if refus is None]


def refused_files(root: Path) -> list[tuple[str, str]]:
    """(relative path, refusal) of each hand-written page and theme asset that must not be
    read: both are published as they are."""
    found = list(_matches(root, PAGES_GLOB)) + list(_matches(root, ASSETS_GLOB))
    return [(path.relative_to(root).as_posix(), refus) for path, refus in found if refus]


def assets(root: Path) -> list[Path]:
    """The theme's files copied into the site (css, js, images) that may be read."""
    return [path for path, refus in _matches(root, ASSETS_GLOB) if refus is None]


def missing(root: Path) -> list[tuple[str, str]]:
    """(relative path, what it is) of each required file that is absent."""
    return [(rel, what) for rel, what in REQUIRED.items()
            if not (root / rel).exists() and not (root / rel).is_symlink()]
