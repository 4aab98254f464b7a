"""The MOOC's resources as documents: each Markdown resource of mooc/ressources/ is also
an OpenDocument text and a PDF, read back here. The ODT opens with odfpy and keeps the
source's structure — headings as text:h with their outline level, lists as text:list,
tables as table:table with as many rows and cells as the Markdown —, and the PDF holds
the same words (pypdf)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import ROOT

RESOURCES = sorted((ROOT / "mooc" / "ressources").glob("*.md"))
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def markdown_structure(source: str) -> dict:
    """What the Markdown source holds, read line by line: headings by level, lists, and
    each table as (rows, cells per row)."""
    headings: list[tuple[int, str]] = []
    lists, tables = 0, []
    in_list, table = False, []
    for line in source.splitlines() + [""]:
        heading = re.match(r"(#{1,6}) (.*)", line)
        if heading:
            headings.append((len(heading.group(1)), heading.group(2).strip()))
        is_item = re.match(r"\s*(?:[-*+]|\d+\.) ", line) is not None
        if is_item and not line.startswith(" ") and not in_list:
            lists += 1
        if line.strip():
            in_list = is_item or (in_list and line.startswith(" "))
        else:
            in_list = False
        if line.startswith("|"):
            if not re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line.strip()):
                table.append(len(line.strip().strip("|").split("|")))
        elif table:
            tables.append(table)
            table = []
    return {"headings": headings, "lists": lists, "tables": tables}


@pytest.fixture(scope="module")
def documents(corpus_site: Path) -> Path:
    return corpus_site / "mooc" / "ressources"


def test_there_are_resources_with_tables_lists_and_checklists():
    sources = [p.read_text(encoding="utf-8") for p in RESOURCES]
    assert len(RESOURCES) >= 12
    assert sum(bool(markdown_structure(s)["tables"]) for s in sources) >= 5
    assert any("- [ ]" in s for s in sources)


@pytest.mark.parametrize("source", RESOURCES, ids=lambda p: p.stem)
def test_odt_opens_and_keeps_headings_lists_and_tables(documents, source):
    from odf.opendocument import load
    from odf import table as odf_table, text as odf_text

    path = documents / f"{source.stem}.odt"
    expected = markdown_structure(source.read_text(encoding="utf-8"))
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        content = ET.fromstring(archive.read("content.xml"))
    document = load(str(path))                         # odfpy reads it back
    assert len(document.getElementsByType(odf_text.H)) == len(expected["headings"])
    assert len(document.getElementsByType(odf_table.Table)) == len(expected["tables"])

    headings = [(int(h.get(f"{{{TEXT}}}outline-level")), "".join(h.itertext()).strip())
                for h in content.iter(f"{{{TEXT}}}h")]
    assert headings == [(level, re.sub(r"[*_`]", "", title)) for level, title in expected["headings"]]
    top_lists = [lst for lst in content.iter(f"{{{TEXT}}}list")
                 if not any(lst in parent for parent in content.iter(f"{{{TEXT}}}list-item"))]
    assert len(top_lists) == expected["lists"]
    tables = list(content.iter(f"{{{TABLE}}}table"))
    for odt_table, cells in zip(tables, expected["tables"]):
        rows = list(odt_table.iter(f"{{{TABLE}}}table-row"))
        assert len(rows) == len(cells)
        assert [len(row.findall(f"{{{TABLE}}}table-cell")) for row in rows] == [max(cells)] * len(cells)
        assert odt_table.find(f"{{{TABLE}}}table-header-rows") is not None   # repeated on each page


@pytest.mark.parametrize("source", RESOURCES, ids=lambda p: p.stem)
def test_pdf_holds_the_same_headings(documents, source):
    reader = PdfReader(documents / f"{source.stem}.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for _, title in markdown_structure(source.read_text(encoding="utf-8"))["headings"]:
        assert " ".join(re.sub(r"[*_`]", "", title).split()) in text
    assert reader.metadata.title and reader.metadata.title.startswith(
        re.sub(r"[*_`]", "", markdown_structure(source.read_text(encoding="utf-8"))["headings"][0][1]))


def test_a_checklist_gets_boxes_instead_of_brackets(documents):
    source = next(p for p in RESOURCES if "- [ ]" in p.read_text(encoding="utf-8"))
    with zipfile.ZipFile(documents / f"{source.stem}.odt") as archive:
        content = archive.read("content.xml").decode("utf-8")   # automatic styles included
    assert "[ ]" not in content
    assert 'text:bullet-char="☐"' in content
