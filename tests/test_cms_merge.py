"""The local editor puts back what the form did not change (cms_merge.py)."""

from __future__ import annotations

import yaml

from ecole_entreprise.cms_merge import keep_untouched

ORIGINAL = """\
# yaml-language-server: $schema=../../ecole_entreprise/schemas/fiche.schema.json
id: visite
mis_a_jour: "2026-11-22"
# Le titre tel que le donne la source.
titre: Visiter une entreprise
beneficiaires: [professeur, cpe]
actions:
  - action: Préparer
    pilote: [clee]  # avec les professeurs
    delai: septembre
  - action: Visiter
    pilote: [clee, cpme]
  - action: Bilan
    pilote: [clee]
mesures: [m07]
"""

# What Decap writes (yaml 1.x, keys in the form's order) after the first action was
# removed, one inserted before the bilan, and the title changed.
SAVED = """\
id: visite
mis_a_jour: 2026-11-22
titre: Visiter une entreprise du bassin
beneficiaires:
  - professeur
  - cpe
actions:
  - action: Visiter
    pilote:
      - clee
      - cpme
  - action: Informer les familles
    pilote:
      - clee
  - action: Bilan
    pilote:
      - clee
mesures:
  - m07
"""


def test_unchanged_fields_keep_their_text_and_comments_changed_ones_take_the_form():
    merged = keep_untouched(ORIGINAL, SAVED)
    assert yaml.load(merged, Loader=yaml.BaseLoader) == yaml.load(SAVED, Loader=yaml.BaseLoader)
    assert merged.startswith("# yaml-language-server:")
    assert 'mis_a_jour: "2026-11-22"\n' in merged                     # as written, quotes included
    assert "beneficiaires: [professeur, cpe]\n" in merged and "mesures: [m07]\n" in merged
    assert "# Le titre tel que le donne la source.\ntitre: Visiter une entreprise du bassin\n" in merged


def test_in_a_changed_list_the_items_still_there_keep_their_text():
    merged = keep_untouched(ORIGINAL, SAVED)
    assert "  - action: Visiter\n    pilote: [clee, cpme]\n" in merged
    assert "  - action: Bilan\n    pilote: [clee]\n" in merged
    assert "  - action: Informer les familles\n    pilote:\n      - clee\n" in merged
    assert "Préparer" not in merged


def test_anything_it_cannot_rearrange_is_saved_as_the_cms_wrote_it():
    assert keep_untouched("{id: visite, titre: x}\n", SAVED) == SAVED           # a flow mapping
    assert keep_untouched("id: [unclosed\n", SAVED) == SAVED                    # not YAML
    assert keep_untouched(ORIGINAL, "- a\n- b\n") == "- a\n- b\n"              # not a mapping
