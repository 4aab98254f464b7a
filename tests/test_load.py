"""The loader: values with their positions, and the refusals that protect editors' text."""

from __future__ import annotations

import pytest

from ecole_entreprise.load import MAX_BYTES, LoadError, load_bytes, load_file


def test_every_value_and_key_has_its_line_and_column():
    doc = load_bytes("titre: Visite\nactions:\n  - action: Recenser\n    delai: mai - juin\n".encode(), "f.yml")
    assert doc.data == {"titre": "Visite", "actions": [{"action": "Recenser", "delai": "mai - juin"}]}
    assert doc.values[("titre",)] == (1, 8)
    assert doc.values[("actions", 0, "delai")] == (4, 12)
    assert doc.keys[("actions", 0, "delai")] == (4, 5)


def test_position_of_an_absent_value_is_its_nearest_written_ancestor():
    doc = load_bytes(b"a:\n  b: 1\n", "f.yml")
    assert doc.position(("a", "c", 3)) == (2, 3)
    assert doc.position(("z",)) == (1, 1)


def test_dates_stay_as_typed():
    doc = load_bytes(b"mis_a_jour: 2026-11-22\nn: 3\nok: true\nrien: ~\n", "f.yml")
    assert doc.data == {"mis_a_jour": "2026-11-22", "n": 3, "ok": True, "rien": None}


def test_byte_order_mark_is_tolerated():
    assert load_bytes("\ufeffnom: CLEE\n".encode(), "f.yml").data == {"nom": "CLEE"}


@pytest.mark.parametrize("raw, position, words", [
    (b"a: 1\nb: 2\na: 3\n", (3, 1), "champ « a » en double (déjà à la ligne 1)"),
    (b"a: &x t\nb: *x\n", (2, 4), "alias"),
    (b"a: &x {k: 1}\nb:\n  <<: *x\n", (3, 3), "fusion YAML"),
    (b"a:\n\t- b\n", (2, 1), "tabulation"),
    (b"a: b: c\n", (1, 5), "« : » inattendu"),
    (b"a: \"ouvert\n", (2, 1), "guillemet"),
    (b"a: 1\n---\nb: 2\n", (2, 1), "un seul document"),
    (b"\n\n   \n", (1, 1), "fichier vide"),
    (b"a: \xe9t\xe9\n", (1, 4), "UTF-8"),
    (b"a: !!python/object:os.system x\n", (1, 4), "étiquette YAML"),
    (b"a: 1\x00\n", (1, 1), "caractère nul"),
])
def test_refusals_come_with_a_position_and_a_french_message(raw, position, words):
    with pytest.raises(LoadError) as caught:
        load_bytes(raw, "f.yml")
    assert caught.value.position == position
    assert words in caught.value.message


def test_too_big_a_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "gros.yml"
    path.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(LoadError, match="trop volumineux"):
        load_file(path, "gros.yml")
