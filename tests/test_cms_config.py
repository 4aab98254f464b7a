"""`ecole-entreprise cms --config` against the schemas, field for field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import make_project, run_cli

from ecole_entreprise import cms, dates
from ecole_entreprise.fields import ITEM, fields
from ecole_entreprise.schemas import libelles


@pytest.fixture(scope="module")
def printed() -> dict:
    result = run_cli("cms", "--config")
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def _form_fields(collection: dict) -> list[dict]:
    return collection["files"][0]["fields"] if "files" in collection else collection["fields"]


def _walk(form: list[dict], path=()):
    for f in form:
        yield path + (f["name"],), f
        if f.get("widget") in ("object", "list") and "fields" in f:
            yield from _walk(f["fields"], path + (f["name"],) + ((ITEM,) if f["widget"] == "list" else ()))


def test_one_collection_per_content_type_on_the_files_the_site_reads(printed):
    expected = {t.name: t.pattern for t in cms.content_types()}
    got = {}
    for c in printed["collections"]:
        got[c["name"]] = c["files"][0]["file"] if "files" in c else f"{c['folder']}/*.{c['extension']}"
    assert got == expected
    assert {"fiche", "mesure", "kit", "acteur", "module"} <= set(got)


@pytest.mark.parametrize("type_", [t.name for t in cms.content_types()])
def test_every_schema_field_is_in_the_form_with_its_rules(printed, type_):
    collection = next(c for c in printed["collections"] if c["name"] == type_)
    form = dict(_walk(_form_fields(collection)))
    schema_fields = {f.path: f for f in fields(type_)}
    # exactly the schema's fields, in the schema's order
    assert list(form) == list(schema_fields)
    for path, f in schema_fields.items():
        spec = form[path]
        assert spec["label"] and spec["required"] == f.required, path
        if f.description:
            assert spec["hint"].startswith(f.description), path
        node = f.node
        items = node.get("items", {})
        enum = node.get("enum") or items.get("enum")
        if enum:
            assert spec["widget"] == "select" and [o["value"] for o in spec["options"]] == enum, path
            labels = libelles(type_, *[p for p in path if p != ITEM])
            assert [o["label"] for o in spec["options"]] == [labels.get(v, v) for v in enum], path
        reference = node.get("x-reference") or items.get("x-reference")
        single = {t.name: t for t in cms.content_types()}.get(reference)
        if reference and single.single_file:    # one file, one id: a select offering it
            assert spec["widget"] == "select" and [o["value"] for o in spec["options"]] == \
                [Path(single.pattern).stem], path
        elif reference:
            assert spec["widget"] == "relation" and spec["collection"] == reference, path
            assert spec["value_field"] == "id" and spec["multiple"] == (node.get("type") == "array"), path
        if node.get("format") == "date-fr":
            assert spec["widget"] == "string" and "par exemple" in spec["hint"], path
            assert spec["pattern"][0] == cms.date_pattern()
        if node.get("contentMediaType") == "text/markdown":
            assert spec["widget"] == "markdown", path
        if node.get("type") == "array" and items.get("type") == "object":
            assert spec["widget"] == "list" and "fields" in spec, path


def test_drafts_through_statut(printed):
    fiche = next(c for c in printed["collections"] if c["name"] == "fiche")
    statut = next(f for f in fiche["fields"] if f["name"] == "statut")
    assert statut["default"] == "brouillon" and [o["value"] for o in statut["options"]] == ["publie", "brouillon"]


def test_the_published_configuration_uses_the_editorial_workflow_with_pkce(printed):
    assert printed["publish_mode"] == "editorial_workflow" and printed["locale"] == "fr"
    assert printed["backend"]["name"] == "gitlab" and printed["backend"]["auth_type"] == "pkce"


def test_the_date_pattern_takes_every_accepted_form_and_refuses_typing_mistakes():
    pattern = re.compile(cms.date_pattern())
    assert [f for f in dates.FORMES_ACCEPTEES if not pattern.search(f)] == []
    assert pattern.search("Mai - Juin") and pattern.search("fevrier 2017")
    for wrong in ("janvir 2016", "demain", "2016 <script>"):
        assert not pattern.search(wrong), wrong


def test_settings_come_from_mkdocs_extra_and_are_checked(tmp_path):
    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('depot: ""', "depot: academie/kits").replace('app_id: ""', 'app_id: "abc"')
                      .replace("https://gitlab.com", "https://forge.example.fr"), encoding="utf-8")
    result = run_cli("--racine", str(project), "cms", "--config")
    backend = yaml.safe_load(result.stdout)["backend"]
    assert backend == {"name": "gitlab", "repo": "academie/kits", "branch": "main",
                       "base_url": "https://forge.example.fr", "api_root": "https://forge.example.fr/api/v4",
                       "auth_type": "pkce", "app_id": "abc"}
    config.write_text(text.replace("forge: gitlab", "forge: bitbucket"), encoding="utf-8")
    result = run_cli("--racine", str(project), "cms", "--config")
    assert result.returncode == 2 and "extra.cms.forge" in result.stderr and "Traceback" not in result.stderr


def test_a_busy_port_is_a_clear_french_error(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("--racine", str(make_project(tmp_path / "p")), "cms", "--adresse", f"127.0.0.1:{port}")
    assert result.returncode == 2
    assert "déjà utilisé" in result.stderr and "Traceback" not in result.stderr


def test_the_local_server_refuses_paths_outside_the_content_folders():
    from ecole_entreprise.cms_server import allowed_prefixes, path_allowed, paths_in

    prefixes = allowed_prefixes()
    assert path_allowed("kits/fiches/x.yml", prefixes) and path_allowed("mooc/parcours.yml", prefixes)
    for bad in ("mkdocs.yml", "../x.yml", "kits/fiches/../../Makefile", "/etc/passwd", "ecole_entreprise/cli.py"):
        assert not path_allowed(bad, prefixes), bad
    assert paths_in({"entry": {"path": "a"}, "dataFiles": [{"path": "b", "newPath": "c"}], "paths": ["d"]}) == \
        ["a", "b", "c", "d"]


def test_the_admin_page_is_published_but_kept_out_of_nav_search_and_sitemap(fixture_site):
    admin = (fixture_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in admin
    home = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert "admin/" not in home                                       # not in the navigation
    sitemap = fixture_site / "sitemap.xml"
    assert not sitemap.is_file() or "admin" not in sitemap.read_text(encoding="utf-8")
    index = "".join(p.read_text(encoding="utf-8") for p in (fixture_site / "assets" / "recherche").glob("*")
                    if p.is_file())
    assert index and "admin/" not in index and "Éditeur de contenu" not in index
    assert (fixture_site / cms.CMS_SCRIPT).is_file()                  # the CMS is served by the site


def test_the_vendored_cms_is_the_pinned_one():
    import hashlib

    from helpers import ROOT

    vendor = ROOT / "theme" / "assets" / "vendor" / "decap-cms"
    sums = dict(reversed(line.split("  ", 1)) for line in (vendor / "SHA256SUMS").read_text().splitlines())
    files = {p.name for p in vendor.iterdir()} - {"SHA256SUMS"}
    assert set(sums) == files and "decap-cms.js" in files
    for name, digest in sums.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, name
    assert (vendor / "VERSIONS").read_text().startswith("decap-cms 3.16.3")
    assert "3.16.3" in (ROOT / "scripts" / "vendor-cms.sh").read_text()
