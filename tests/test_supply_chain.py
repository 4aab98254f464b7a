"""Supply chain: every installed package is pinned and hashed, and `make build` insists on it."""

from __future__ import annotations

import re
import tomllib

import pytest

from helpers import ROOT

LOCKS = ("requirements.lock", "requirements-test.lock")
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def _requirements(lock: str) -> dict[str, str]:
    """Each requirement of a lock file (continuation lines joined) → its full text."""
    text = (ROOT / lock).read_text(encoding="utf-8").replace("\\\n", " ")
    entries = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name = REQUIREMENT.match(line)
            assert name, f"{lock}: not pinned with == : {line}"
            entries[name.group(1).lower()] = line
    return entries


@pytest.mark.parametrize("lock", LOCKS)
def test_every_lock_line_is_pinned_and_hashed(lock):
    entries = _requirements(lock)
    assert len(entries) > 20
    unhashed = [name for name, line in entries.items() if not re.search(r"--hash=sha256:[0-9a-f]{64}", line)]
    assert unhashed == []


@pytest.mark.parametrize("lock", LOCKS)
def test_the_build_backend_is_locked_too(lock):
    # `make build` installs the package without build isolation: setuptools comes from the lock.
    assert "setuptools" in _requirements(lock)


def test_direct_dependencies_are_pinned_with_double_equals():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = list(project["dependencies"]) + [d for extra in project["optional-dependencies"].values() for d in extra]
    assert direct
    assert [d for d in direct if not REQUIREMENT.match(d)] == []


def test_locks_pin_what_pyproject_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    locked = _requirements("requirements-test.lock")
    for dependency in project["dependencies"] + project["optional-dependencies"]["test"]:
        name, version = REQUIREMENT.match(dependency).groups()
        assert locked[name.lower()].lower().startswith(f"{name}=={version} ".lower())


def test_make_build_installs_only_hashed_packages():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if re.search(r"\$\(PIP\) install", line)]
    assert installs
    for line in installs:
        assert "--require-hashes" in line or ("--no-deps" in line and "--no-build-isolation" in line), line
    assert re.search(r"^update:", makefile, re.M)
    assert makefile.count("--all-build-deps") == 2
