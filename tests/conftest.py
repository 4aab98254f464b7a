"""Fixtures shared by every test: fixture projects and built sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT, build_site, make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "projet")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The valid fixture mini-project, built once for the session."""
    return build_site(make_project(tmp_path_factory.mktemp("fixture") / "projet"))


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> Path:
    """The shipped corpus, built once for the session."""
    return build_site(make_project(tmp_path_factory.mktemp("corpus") / "projet", ROOT), "--strict")


@pytest.fixture(scope="session")
def xss_site(tmp_path_factory) -> tuple[Path, dict]:
    """The valid fixture with every XSS payload in every free-text field, built once."""
    from test_xss import inject

    project = make_project(tmp_path_factory.mktemp("xss") / "projet")
    placed = inject(project)
    return build_site(project), placed


def pytest_terminal_summary(terminalreporter) -> None:
    """The counts the hostile-input tests promise: documents fuzzed, payloads tried…"""
    import sys

    fuzzing = sys.modules.get("fuzzing")
    if fuzzing and fuzzing.FUZZED:
        total = sum(fuzzing.FUZZED.values())
        details = ", ".join(f"{name} {n}" for name, n in sorted(fuzzing.FUZZED.items()))
        terminalreporter.write_line(f"documents fuzzés : {total} ({details})")
    if fuzzing:
        for name, n in sorted(fuzzing.REPORT.items()):
            terminalreporter.write_line(f"{name} : {n}")
    xss = sys.modules.get("test_xss")
    if xss and xss.TRIED["charges"]:
        terminalreporter.write_line(f"charges XSS essayées : {xss.TRIED['charges']} "
                                    f"({len(xss.PAYLOADS)} charges dans {xss.TRIED['champs']} champs)")
