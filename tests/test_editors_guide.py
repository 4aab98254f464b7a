"""The editors' guide is generated from the code: it must equal its regeneration."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from ecole_entreprise import dates
from ecole_entreprise.fields import fields
from helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import guide_editeur  # noqa: E402

GUIDE = ROOT / "docs" / "guide-editeur.md"


def test_committed_guide_equals_the_regenerated_one():
    assert GUIDE.read_text(encoding="utf-8") == guide_editeur.render(), \
        "docs/guide-editeur.md is stale: run python scripts/guide_editeur.py"


def test_check_mode_of_the_script_agrees():
    result = subprocess.run([sys.executable, str(ROOT / "scripts/guide_editeur.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("type_", guide_editeur.GUIDE_TYPES)
def test_guide_lists_every_field_of_every_type(type_):
    text = GUIDE.read_text(encoding="utf-8")
    for field in fields(type_):
        assert f"| `{field.dotted}` |" in text, field.dotted


def test_guide_lists_every_accepted_date_form():
    text = GUIDE.read_text(encoding="utf-8")
    for forme in dates.FORMES_ACCEPTEES:
        assert f"| `{forme}` |" in text


def test_every_message_in_the_code_has_a_fix_in_the_guide():
    found = guide_editeur.messages()
    text = GUIDE.read_text(encoding="utf-8")
    assert len(found) >= 40
    for message in found:
        assert message.texte.replace("|", "\\|") in text and message.correction in text


def test_a_new_message_without_a_fix_stops_the_generation(monkeypatch):
    monkeypatch.delitem(guide_editeur.FIXES, "fichier vide")
    with pytest.raises(SystemExit, match="fichier vide"):
        guide_editeur.messages()


def test_messages_of_the_invalid_fixtures_are_in_the_guide():
    """Each invalid fixture names the message it expects (or its beginning): the guide explains it."""
    templates = [m.texte for m in guide_editeur.messages()]
    expected = sorted((ROOT / "tests/fixtures/invalid").glob("*/attendu.yml"))
    assert len(expected) >= 10
    for path in expected:
        message = yaml.safe_load(path.read_text(encoding="utf-8"))["message"]
        assert any(_could_begin(t, message) for t in templates), (path.parent.name, message)


def _could_begin(template: str, message: str) -> bool:
    """Whether ``message`` is the start of a message that ``template`` (… = any text) produces."""
    cuts = [i for i, c in enumerate(template) if c == " "] + [len(template)]
    for cut in cuts:
        pattern = ".*".join(re.escape(part) for part in template[:cut].split(guide_editeur.HOLE))
        if template[:cut].endswith(guide_editeur.HOLE):
            pattern += ".*"
        if re.fullmatch(pattern, message, re.S):
            return True
    return False
