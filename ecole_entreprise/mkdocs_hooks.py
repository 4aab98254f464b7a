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

from ecole_entreprise.generate import build_docs, hand_written_page_names, read_config
from ecole_entreprise.render import sanitize_page_html


def on_pre_build(config, **kwargs) -> None:
    if os.environ.get("ECOLE_ENTREPRISE_DEJA_GENERE") == "1":
        return  # `ecole-entreprise build` has just generated and checked the pages
    root = Path(config.config_file_path).parent
    drafts = os.environ.get("ECOLE_ENTREPRISE_BROUILLONS") == "1"
    result = build_docs(root, read_config(root, brouillons=drafts or None))
    if not result.ok:
        lines = [str(p) for p in result.problems.sorted()]
        raise PluginError("contenu invalide :\n" + "\n".join(lines) + f"\n{result.problems.resume()}")


def on_page_content(html: str, page, config, **kwargs) -> str:
    root = Path(config.config_file_path).parent
    if page.file.src_uri in hand_written_page_names(root):
        return sanitize_page_html(html)
    return html
