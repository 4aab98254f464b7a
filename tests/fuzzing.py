"""Shared by the fuzz tests: the outcome every document must have, and the count of them.

Whatever bytes an editor saves, loading then validating ends in one of two ways: a
document, or problems placed at a line and column inside the file. Never a traceback.
"""

from __future__ import annotations

import re
from collections import Counter

from ecole_entreprise.frontmatter import HandPage, parse_page
from ecole_entreprise.load import Document, LoadError, load_bytes
from ecole_entreprise.settings import parse as parse_settings
from ecole_entreprise.validate import validate

# Documents tried, by test; conftest prints the total at the end of the run.
FUZZED: Counter[str] = Counter()
# The other counts the hostile-input tests promise (pages validated, links checked).
REPORT: Counter[str] = Counter()


def lines_of(raw: bytes) -> int:
    """Lines as an editor counts them: LF, CRLF and a lone CR end a line."""
    return len(re.split(rb"\r\n|\r|\n", raw))


def assert_position_inside(position: tuple[int, int], n_lines: int, what: str) -> None:
    line, col = position
    assert isinstance(line, int) and isinstance(col, int), (position, what)
    assert 1 <= line <= n_lines, f"line {line} outside a {n_lines}-line file: {what}"
    assert col >= 1, (position, what)


def load_or_explain(raw: bytes, rel: str = "kits/fiches/essai.yml") -> Document | LoadError:
    """Load ``raw``; a refusal must be a :class:`LoadError` placed inside the file."""
    n_lines = lines_of(raw)
    try:
        doc = load_bytes(raw, rel)
    except LoadError as refusal:
        assert refusal.message.strip(), raw[:200]
        assert_position_inside(refusal.position, n_lines, refusal.message)
        return refusal
    for position in list(doc.values.values()) + list(doc.keys.values()):
        assert_position_inside(position, n_lines, "position of a value")
    return doc


def check_document(raw: bytes, type_: str, counter: str) -> Document | LoadError:
    """Load then validate as ``type_``: success or findings placed inside the file."""
    FUZZED[counter] += 1
    outcome = load_or_explain(raw)
    if isinstance(outcome, Document):
        findings, _ = validate(type_, outcome)
        n_lines = lines_of(raw)
        for finding in findings:
            assert finding.message.strip()
            assert_position_inside(finding.position, n_lines, finding.message)
    return outcome


def check_page(raw: bytes, counter: str) -> HandPage | None:
    """A hand-written page: published as checked, or refused with problems inside the file.
    What is published has only the schema's keys, their values escaped, and no snippet line."""
    FUZZED[counter] += 1
    page, findings = parse_page(raw, "content/pages/essai.md")
    n_lines = lines_of(raw)
    for finding in findings:
        assert finding.message.strip()
        assert_position_inside(finding.position, n_lines, finding.message)
    assert (page is None) == bool(findings), findings
    if page is not None:
        assert set(page.meta) <= {"title", "description"}
        published = page.markdown()
        assert published.startswith("---\n")
        assert not re.search(r"-+8<-+", page.body)
        for value in page.meta.values():
            assert isinstance(value, str)
        head = published.split("\n---\n", 1)[0]
        assert "<" not in head and ">" not in head, head   # values escaped before MkDocs sees them
    return page


def check_settings(raw: bytes, counter: str) -> None:
    """mkdocs.yml: read with positions and checked, or refused at a line of the file."""
    FUZZED[counter] += 1
    n_lines = lines_of(raw)
    try:
        doc = parse_settings(raw)
    except LoadError as refusal:
        assert refusal.message.strip()
        assert_position_inside(refusal.position, n_lines, refusal.message)
        return
    if isinstance(doc.data, dict):
        findings, _ = validate("mkdocs", doc)
        for finding in findings:
            assert_position_inside(finding.position, n_lines, finding.message)
