"""Test helpers: fixture mini-projects, the CLI, built sites, a local HTTP server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CONTENT_DIRS = ("content", "kits", "mooc")


def make_project(dest: Path, content_from: Path = FIXTURES / "valid") -> Path:
    """A project folder: content copied from ``content_from``, the repo's theme and config."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in CONTENT_DIRS:
        if (content_from / name).is_dir():
            shutil.copytree(content_from / name, dest / name)
    # the search's synonyms (mkdocs.yml watches data/): the fixture's own, else the repo's
    shutil.copytree(content_from / "data" if (content_from / "data").is_dir() else ROOT / "data", dest / "data")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", dest / "theme")
    (dest / "build" / "docs").mkdir(parents=True)
    # mkdocs.yml names its hooks file by path: point it at the code under test.
    (dest / "ecole_entreprise").symlink_to(ROOT / "ecole_entreprise")
    return dest


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ecole_entreprise", *args], cwd=cwd,
                          capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def build_site(project: Path, *extra: str) -> Path:
    result = run_cli("--racine", str(project), "build", *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def strings_in(value):
    """Every string of a YAML value (a record's data), however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
