"""The bridge between MkDocs and the generator: before each build, generate the pages.

Registered under ``hooks:`` in mkdocs.yml, so plain ``mkdocs build`` and ``mkdocs serve``
work; ``watch:`` in mkdocs.yml makes ``serve`` rebuild when a YAML file is saved. This is
the only module that imports MkDocs. Besides generating, it sanitizes the HTML of the
hand-written pages (content/pages), the only Markdown that reaches MkDocs untouched.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from ecole_entreprise.generate import PREVIEW_DOCS_DIR, build_docs, hand_written_page_names, read_config
from ecole_entreprise.render import heading_slug, sanitize_page_html


def on_pre_build(config, **kwargs) -> None:
    if os.environ.get("ECOLE_ENTREPRISE_DEJA_GENERE") == "1":
        _wait_for_the_generator()
        return  # `ecole-entreprise build` has generated and checked the pages
    root = Path(config.config_file_path).parent
    drafts = os.environ.get("ECOLE_ENTREPRISE_BROUILLONS") == "1"
    result = build_docs(root, read_config(root, brouillons=drafts or None), out=Path(config.docs_dir))
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


_command = {"name": "build"}


def on_startup(command, **kwargs) -> None:
    _command["name"] = command


def on_config(config, **kwargs):
    """Heading ids that never take one of Material's own (« __config »…): render.heading_slug.
    Set here rather than in mkdocs.yml, which then needs no Python tag.

    The preview (``serve``) writes and reads its own docs folder, build/apercu/docs: a
    build running meanwhile reads build/docs only, so it never publishes the preview's
    drafts (docs/decisions/0017-preview-docs-folder.md)."""
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
    if _command["name"] == "serve" or os.environ.get("ECOLE_ENTREPRISE_APERCU") == "1":
        docs = Path(config.config_file_path).parent / PREVIEW_DOCS_DIR
        config.docs_dir = str(docs)
        snippets = config.mdx_configs.get("pymdownx.snippets")
        if snippets is not None:   # the glossary's abbreviations, written beside the docs folder
            snippets["base_path"] = [str(docs.parent)]
    return config


def on_page_content(html: str, page, config, **kwargs) -> str:
    root = Path(config.config_file_path).parent
    if page.file.src_uri in hand_written_page_names(root):
        return sanitize_page_html(html)
    return html
