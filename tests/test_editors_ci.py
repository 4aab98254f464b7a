"""Publishing pipelines, CI report formats of `check`, and the editors' IDE mapping."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml

from ecole_entreprise.cli import parser
from ecole_entreprise.registry import TYPES as CONTENT_TYPES
from helpers import ROOT, run_cli

GITLAB = ROOT / ".gitlab-ci.yml"
GITHUB = ROOT / ".github/workflows/publish.yml"


def _make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w.-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


def _commands(lines) -> list[str]:
    return [line for line in (lines or []) if isinstance(line, str)]


def _gitlab() -> dict:
    return yaml.safe_load(GITLAB.read_text(encoding="utf-8"))


def _github() -> dict:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))   # YAML 1.1 reads the key `on` as true
    return workflow


def _github_runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_makefile_has_the_targets_the_pipelines_call():
    assert {"test", "build", "check"} <= _make_targets()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "VENV   := .venv" in makefile and "$(VENV)/.installed:" in makefile   # make .venv/.installed


def test_gitlab_runs_check_and_tests_on_merge_requests():
    ci = _gitlab()
    assert ci["stages"] == ["check", "test", "deploy"]
    check = ci["check"]
    assert check["stage"] == "check" and "rules" not in check        # every pipeline starts with it
    assert "make check" in check["script"]
    report = next(c for c in check["script"] if "--format codeclimate" in c)
    assert report.endswith("> gl-code-quality-report.json || true")
    assert check["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert check["artifacts"]["when"] == "always"
    test = ci["test"]
    assert test["script"] == ["make test"]
    assert test["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]


def test_gitlab_deploys_the_strict_build_on_the_default_branch_only_after_check():
    ci = _gitlab()
    pages = ci["pages"]
    assert pages["script"][0] == "make build"
    assert pages["stage"] == "deploy"
    assert ci["stages"].index("check") < ci["stages"].index(pages["stage"])  # a failed check stops before
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["artifacts"]["paths"] == ["public"]
    assert "mv site public" in pages["script"][1]


def test_github_runs_check_and_tests_on_pull_requests():
    wf = _github()
    assert "pull_request" in wf["on"]
    jobs = wf["jobs"]
    check_runs = _github_runs(jobs["check"])
    assert "make check" in check_runs
    assert any("check --format github" in r for r in check_runs)
    assert "if" not in jobs["check"]
    assert jobs["test"]["needs"] == "check"
    assert _github_runs(jobs["test"])[-1] == "make test"
    assert "pull_request" in jobs["test"]["if"]


def test_github_deploys_the_strict_build_on_the_default_branch_only_after_check():
    jobs = _github()["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    assert build["needs"] == "check" and deploy["needs"] == "build"
    assert "make build" in _github_runs(build)
    assert "default_branch" in build["if"] and "pull_request" in build["if"]
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_both_pipelines_keep_the_pdf_cache_between_publications():
    """A cold build prints every PDF (a third of a second of CPU each): the publishing jobs
    keep build/cache, so a publication prints only the fiches that changed."""
    from ecole_entreprise.pdf import CACHE_DIR

    assert CACHE_DIR.parts[:2] == ("build", "cache")
    gitlab_paths = [p for entry in _gitlab()["pages"]["cache"] for p in entry["paths"]]
    assert "build/cache/" in gitlab_paths
    steps = _github()["jobs"]["build"]["steps"]
    cache = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    assert steps[cache]["with"]["path"] == "build/cache"
    assert cache < next(i for i, s in enumerate(steps) if s.get("run") == "make build")


def test_both_pipelines_run_the_same_make_commands():
    gitlab = {c for job in _gitlab().values() if isinstance(job, dict) for c in _commands(job.get("script"))}
    github = {r for job in _github()["jobs"].values() if "steps" in job for r in _github_runs(job)}
    make = lambda cmds: {c for c in cmds if c.startswith("make ")}
    assert make(gitlab) == make(github) == {"make .venv/.installed", "make check", "make test", "make build"}
    targets = _make_targets() | {".venv/.installed"}
    assert all(c.split()[1] in targets for c in make(gitlab))


@pytest.mark.parametrize("path", [GITLAB, GITHUB])
def test_pipeline_calls_of_the_cli_are_accepted_by_its_parser(path):
    text = path.read_text(encoding="utf-8")
    calls = re.findall(r"\.venv/bin/ecole-entreprise ([^>|\n]+)", text)
    assert calls
    for call in calls:
        parser().parse_args(shlex.split(call))   # exits (SystemExit) on an unknown option


# --- check's CI formats ---------------------------------------------------------------------

@pytest.fixture
def warned(project):
    fiche = project / "kits/fiches/visite-entreprise.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("descriptif:", "descriptif_typo: x\ndescriptif:"),
                     encoding="utf-8")
    (project / "kits/fiches/seule.yml").write_text(
        (project / "kits/fiches/rencontre-entreprise.yml").read_text(encoding="utf-8")
        .replace("id: rencontre-entreprise", "id: seule"), encoding="utf-8")
    return project


def test_codeclimate_report_points_at_file_and_line(warned):
    result = run_cli("--racine", str(warned), "check", "--format", "codeclimate")
    assert result.returncode == 1
    issues = json.loads(result.stdout)
    typo = next(i for i in issues if "descriptif_typo" in i["description"])
    assert typo["location"] == {"path": "kits/fiches/visite-entreprise.yml", "lines": {"begin": 5}}
    assert typo["severity"] == "major"
    orphan = next(i for i in issues if i["location"]["path"] == "kits/fiches/seule.yml")
    assert orphan["severity"] == "minor"
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_github_annotations_point_at_file_line_and_column(warned):
    result = run_cli("--racine", str(warned), "check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(re.fullmatch(r"::error file=kits/fiches/visite-entreprise\.yml,line=5,col=1::champ inconnu : "
                            r"« descriptif_typo » \(vouliez-vous dire « descriptif » \?\)", l) for l in lines), lines
    assert any(l.startswith("::warning file=kits/fiches/seule.yml,line=1,col=5::fiche rattachée") for l in lines), lines


def test_github_annotation_escapes_newlines_and_percent():
    from ecole_entreprise.problems import Problems
    problems = Problems()
    problems.erreur("a,b:c.yml", (2, 3), "100 % faux\nsuite")
    assert problems.as_github() == "::error file=a%2Cb%3Ac.yml,line=2,col=3::100 %25 faux%0Asuite"


# --- IDE --------------------------------------------------------------------------------------

def test_vscode_maps_every_content_folder_to_its_schema():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapped = {(glob, Path(schema).name) for schema, globs in settings["yaml.schemas"].items() for glob in globs}
    assert mapped == {(pattern, f"{type_}.schema.json") for pattern, type_ in ((t.files, t.name) for t in CONTENT_TYPES)}
    for schema in settings["yaml.schemas"]:
        assert (ROOT / schema).is_file()
    extensions = json.loads((ROOT / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]
