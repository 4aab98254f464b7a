"""The bridge between MkDocs and the generator: before each build, generate the pages.

Registered under ``hooks:`` in mkdocs.yml, so plain ``mkdocs build`` and ``mkdocs serve``
work; ``watch:`` in mkdocs.yml makes ``serve`` rebuild when a YAML file is saved. This is
the only module that imports MkDocs. It changes nothing in the pages: the docs folder is
complete and safe on its own (hand-written pages are sanitized by pages.py), so a
builder that runs no hooks publishes the same site (tests/test_hookless.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from ecole_entreprise import site_builder
from ecole_entreprise.generate import PREVIEW_DOCS_DIR, build_docs, read_config
from ecole_entreprise.render import heading_slug

_command = {"name": "build"}


def on_startup(command, **kwargs) -> None:
    _command["name"] = command


def on_pre_build(config, **kwargs) -> None:
    run = site_builder.current   # how the CLI started MkDocs, if it did (site_builder.py)
    if run.docs_ready is not None:
        # `ecole-entreprise build` generates and checks the pages while MkDocs starts
        if not run.wait_for_docs():
            raise PluginError("génération interrompue : le site n'a pas été construit")
        return
    root = Path(config.config_file_path).parent
    result = build_docs(root, read_config(root, brouillons=run.brouillons or None), out=Path(config.docs_dir))
    if not result.ok:
        lines = [str(p) for p in result.problems.sorted()]
        raise PluginError("contenu invalide :\n" + "\n".join(lines) + f"\n{result.problems.resume()}")


def on_config(config, **kwargs):
    """Heading ids that never take one of Material's own (« __config »…): render.heading_slug.
    A belt and braces only: wherever it would give another id than the stock one, the
    generated Markdown writes the id itself (render.explicit_heading_ids).

    The preview (``serve``) writes and reads its own docs folder, build/apercu/docs: a
    build running meanwhile reads build/docs only, so it never publishes the preview's
    drafts (docs/decisions/0017-preview-docs-folder.md)."""
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
    if _command["name"] == "serve":
        docs = Path(config.config_file_path).parent / PREVIEW_DOCS_DIR
        config.docs_dir = str(docs)
        snippets = config.mdx_configs.get("pymdownx.snippets")
        if snippets is not None:   # the glossary's abbreviations, written beside the docs folder
            snippets["base_path"] = [str(docs.parent)]
    return config
