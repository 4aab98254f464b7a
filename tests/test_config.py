"""mkdocs.yml itself: merges of branches have written a key twice before, and YAML keeps
only the last one silently — the same trap the content loader refuses."""

from __future__ import annotations

import re

from ecole_entreprise.load import load_bytes
from helpers import ROOT


def test_mkdocs_yml_has_no_duplicate_key():
    raw = (ROOT / "mkdocs.yml").read_bytes()
    raw = re.sub(rb"!(relative|ENV)\b", b"", raw)  # MkDocs' own tags, unknown to a plain loader
    raw = re.sub(rb"!!python/name:(\S+)", rb'"\1"', raw)
    config = load_bytes(raw, "mkdocs.yml").data  # raises LoadError on a duplicate key
    scripts = config["extra_javascript"]
    assert scripts.index("assets/js/catalogue.js") < scripts.index("assets/js/search.js")
