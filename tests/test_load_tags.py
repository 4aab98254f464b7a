"""The loader's own tag resolution gives exactly PyYAML SafeLoader's tags."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ecole_entreprise.load import _Loader

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for folder in ("content", "kits", "mooc", "tests/fixtures") for p in (ROOT / folder).rglob("*.yml"))
SCALARS = ["", "~", "null", "Null", "NULL", "yes", "No", "on", "OFF", "true", "False", "y", "n", "0", "-12", "+3",
           "0x1F", "0o17", "017", "1_000", "1e3", "1.5", ".5", "-.inf", ".NaN", "2016-01-01", "2016-1-1 10:00:00",
           "2016", "12:30", "190:20:30", "3e", "« texte »", "Lyon", "=", "<<", "- tiret", "'cité'", "\"double\"",
           "ça", "œuvre", "-", ".", "+", "#"]


def _tags(node):
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return node.tag, node.value
    if isinstance(node, yaml.SequenceNode):
        return node.tag, [_tags(item) for item in node.value]
    return node.tag, [(_tags(k), _tags(v)) for k, v in node.value]


def _compose_both(text: str):
    try:
        expected = _tags(yaml.compose(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            yaml.compose(text, Loader=_Loader)
        return None, None
    return expected, _tags(yaml.compose(text, Loader=_Loader))


def test_every_yaml_file_of_the_repository_gets_the_same_tags():
    compared = 0
    for path in FILES:
        expected, ours = _compose_both(path.read_text(encoding="utf-8", errors="replace"))
        assert ours == expected, path
        compared += expected is not None
    assert compared > 60


@pytest.mark.parametrize("scalar", SCALARS)
def test_plain_and_quoted_scalars_get_the_same_tags(scalar):
    for text in (f"cle: {scalar}\n", f"- {scalar}\n", f"cle: '{scalar}'\n", f"{{a: [{scalar}]}}\n"):
        expected, ours = _compose_both(text)
        assert ours == expected, text
