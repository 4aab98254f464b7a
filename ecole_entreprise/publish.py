"""Stage 7 — publish: write the generated pages into the docs folder MkDocs reads.

Only files whose bytes changed are rewritten, and files no page claims any more are
removed. That keeps ``mkdocs serve`` calm: it watches the docs folder, and an untouched
file triggers no second rebuild. Each write is atomic (temporary file, then rename), so
MkDocs never reads half a page.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .render import Page

KEEP = {".gitkeep"}


@dataclass
class PublishStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def publish(pages: list[Page], out: Path) -> PublishStats:
    stats = PublishStats()
    out.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for page in pages:
        data = page.content.encode("utf-8") if isinstance(page.content, str) else page.content
        target = out / page.path
        wanted.add(target)
        if target.is_file() and target.read_bytes() == data:
            stats.unchanged += 1
            continue
        _write_atomic(target, data)
        stats.written += 1
    for path in sorted(out.rglob("*"), reverse=True):  # children before their folders
        if path.is_file() and path not in wanted and path.name not in KEEP:
            path.unlink()
            stats.removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return stats


def add(pages: list[Page], out: Path) -> None:
    """Write ``pages`` into a folder that holds other files too (a built site): nothing removed."""
    for page in pages:
        data = page.content.encode("utf-8") if isinstance(page.content, str) else page.content
        _write_atomic(out / page.path, data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


PUBLISHED_MODE = 0o666 & ~_umask()


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        # mkstemp makes the file private (0600): a published file must be readable by the
        # web server's user, as a file the builder copies is (0644 under the usual umask).
        os.fchmod(fd, PUBLISHED_MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
