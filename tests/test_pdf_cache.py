"""The PDF cache: a rebuild converts and prints only what changed.

The key is made of the page's Markdown and the other inputs of the document, so an
unchanged site prints nothing, and any change that reaches a PDF prints that PDF again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ecole_entreprise import pdf
from ecole_entreprise.generate import generate
from helpers import make_project


@pytest.fixture
def printed(monkeypatch) -> list[str]:
    """Titles of the documents sent to WeasyPrint (printed in this process, not a pool)."""
    titles: list[str] = []

    def fake_print(source: pdf.PdfSource) -> bytes:
        titles.append(source.titre)
        return b"%PDF-1.7 " + source.key().encode()

    monkeypatch.setattr(pdf, "print_source", fake_print)
    monkeypatch.setattr(pdf.os, "cpu_count", lambda: 1)
    return titles


def _pdfs(project: Path) -> dict[str, bytes]:
    return {p.path: p.content for p in generate(project).pages if p.path.endswith(".pdf")}


def test_a_rebuild_with_nothing_changed_prints_nothing(tmp_path, printed):
    project = make_project(tmp_path / "p")
    first = _pdfs(project)
    assert len(printed) == len(first) >= 2
    printed.clear()
    assert _pdfs(project) == first
    assert printed == []


def test_a_changed_fiche_is_printed_again_and_only_it(tmp_path, printed):
    project = make_project(tmp_path / "p")
    _pdfs(project)
    printed.clear()
    fiche = project / "kits/fiches/rencontre-entreprise.yml"
    text = fiche.read_text(encoding="utf-8")
    assert "Recenser les entreprises" in text
    fiche.write_text(text.replace("Recenser les entreprises", "Recenser les entreprises volontaires"),
                     encoding="utf-8")
    _pdfs(project)
    # the fiche, and its kit, whose page lists it only by title: the kit is unchanged
    assert [t for t in printed if t.startswith("Les chefs d'entreprise")] == printed
    assert len(printed) == 1


def test_the_key_covers_every_input_of_the_document():
    base = pdf.PdfSource("fiches/a.md", "Fiche action", "Titre", "2026-01-01", "1er janvier 2026", "# Titre\n",
                         "*[CLEE]: x\n\n", "", "<html>{{ contenu }}</html>", "body {}")
    keys = {base.key()}
    for field in ("page", "nature", "titre", "mis_a_jour", "mis_a_jour_libelle", "markdown", "abbreviations",
                  "site_url", "template", "stylesheet"):
        changed = pdf.PdfSource(**{**base.__dict__, field: getattr(base, field) + "x"})
        keys.add(changed.key())
    assert len(keys) == 11
