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


def pytest_terminal_summary(terminalreporter) -> None:
    """The counts the hostile-input tests promise: documents fuzzed, payloads tried…"""
    import sys

    fuzzing = sys.modules.get("fuzzing")
    if fuzzing and fuzzing.FUZZED:
        total = sum(fuzzing.FUZZED.values())
        details = ", ".join(f"{name} {n}" for name, n in sorted(fuzzing.FUZZED.items()))
        terminalreporter.write_line(f"documents fuzzés : {total} ({details})")
