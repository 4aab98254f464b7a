"""The bridge between MkDocs and the generator: before each build, generate the pages.

Registered under ``hooks:`` in mkdocs.yml, so plain ``mkdocs build`` and ``mkdocs serve``
work; ``watch:`` in mkdocs.yml makes ``serve`` rebuild when a YAML file is saved. This is
the only module that imports MkDocs. It changes nothing in the pages: the docs folder is
complete and safe on its own (hand-written pages are sanitized by pages.py), so a
builder that runs no hooks publishes the same site (tests/test_hookless.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from ecole_entreprise.generate import build_docs, read_config
from ecole_entreprise.render import heading_slug


def on_pre_build(config, **kwargs) -> None:
    if os.environ.get("ECOLE_ENTREPRISE_DEJA_GENERE") == "1":
        _wait_for_the_generator()
        return  # `ecole-entreprise build` has generated and checked the pages
    root = Path(config.config_file_path).parent
    drafts = os.environ.get("ECOLE_ENTREPRISE_BROUILLONS") == "1"
    result = build_docs(root, read_config(root, brouillons=drafts or None))
    if not result.ok:
        lines = [str(p) for p in result.problems.sorted()]
        raise PluginError("contenu invalide :\n" + "\n".join(lines) + f"\n{result.problems.resume()}")


def _wait_for_the_generator() -> None:
    """`ecole-entreprise build` starts MkDocs while it checks and renders, and writes one
    byte on a pipe once the docs folder is ready (cli._start_mkdocs)."""
    fd = os.environ.pop("ECOLE_ENTREPRISE_SIGNAL_DOCS", None)
    if fd is None:
        return
    with os.fdopen(int(fd), "rb") as signal:
        if signal.read(1) != b"1":
            raise PluginError("génération interrompue : le site n'a pas été construit")


def on_config(config, **kwargs):
    """Heading ids that never take one of Material's own (« __config »…): render.heading_slug.
    A belt and braces only: wherever it would give another id than the stock one, the
    generated Markdown writes the id itself (render.explicit_heading_ids)."""
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
    return config
