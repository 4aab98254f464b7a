"""An element tree of HTML blocks (what Python-Markdown makes of a resource) written as
OpenDocument text with odfpy: headings, paragraphs, lists, tables, bold, italics, links.

Paragraph styles carry the names office suites give theirs (``Heading_20_1`` shown as
« Heading 1 », ``Text_20_body``, ``Table_20_Contents``…), so LibreOffice and Word show
the document's structure in their navigator and a tutor's template can restyle it.
The page is A4, the text French; fonts are named, not embedded (Liberation Sans, then
any sans-serif the office suite has).
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

from odf import dc
from odf.opendocument import OpenDocumentText
from odf.style import (FontFace, ListLevelProperties, MasterPage, PageLayout, PageLayoutProperties,
                       ParagraphProperties, Style, TableCellProperties, TableColumnProperties, TableProperties,
                       TableRowProperties,
                       TextProperties)
from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import A, H, LineBreak, List, ListItem, ListLevelStyleBullet, ListLevelStyleNumber, ListStyle, P, Span

FONT = "Liberation Sans"
HEADING_SIZES = {1: "18pt", 2: "14pt", 3: "12pt", 4: "11pt", 5: "10.5pt", 6: "10.5pt"}
LIST_LEVELS = 6
INLINE_STYLES = {"strong": "Gras", "b": "Gras", "em": "Italique", "i": "Italique", "code": "Code"}
BLOCKS = {"p", "ul", "ol", "table", "blockquote", "pre", "hr", "div", "h1", "h2", "h3", "h4", "h5", "h6"}
_SPACES = re.compile(r"\s+")


class OdtWriter:
    def __init__(self, titre: str):
        self.doc = OpenDocumentText()
        self.doc.meta.addElement(dc.Title(text=titre))
        self.doc.meta.addElement(dc.Language(text="fr-FR"))
        self._tables = 0
        self._styles()

    # --- styles ---------------------------------------------------------------------

    def _styles(self) -> None:
        doc = self.doc
        doc.fontfacedecls.addElement(FontFace(name=FONT, fontfamily=f"'{FONT}'", fontfamilygeneric="swiss",
                                              fontpitch="variable"))
        layout = PageLayout(name="A4")
        layout.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm", margintop="2cm",
                                               marginbottom="2cm", marginleft="2cm", marginright="2cm",
                                               printorientation="portrait"))
        doc.automaticstyles.addElement(layout)
        doc.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))

        def paragraph(name: str, display: str, parent: str | None = None, text: dict | None = None,
                      para: dict | None = None, **attrs) -> Style:
            style = Style(name=name, displayname=display, family="paragraph", **attrs)
            if parent:
                style.setAttribute("parentstylename", parent)
            if para:
                style.addElement(ParagraphProperties(**para))
            if text:
                style.addElement(TextProperties(**text))
            doc.styles.addElement(style)
            return style

        self.standard = paragraph("Standard", "Standard", text={"fontname": FONT, "fontsize": "10.5pt",
                                                                  "language": "fr", "country": "FR"})
        self.body = paragraph("Text_20_body", "Text body", "Standard",
                              para={"margintop": "0cm", "marginbottom": "0.2cm", "lineheight": "115%"})
        paragraph("Heading", "Heading", "Standard", text={"fontweight": "bold", "color": "#1a237e"},
                  para={"margintop": "0.4cm", "marginbottom": "0.2cm", "keepwithnext": "always"},
                  nextstylename="Text_20_body")
        self.headings = {
            level: paragraph(f"Heading_20_{level}", f"Heading {level}", "Heading",
                             text={"fontsize": HEADING_SIZES[level]}, defaultoutlinelevel=str(level),
                             nextstylename="Text_20_body")
            for level in range(1, 7)
        }
        self.list_para = paragraph("List_20_Contents", "List Contents", "Text_20_body",
                                   para={"marginbottom": "0.1cm"})
        self.cell = paragraph("Table_20_Contents", "Table Contents", "Standard", para={"marginbottom": "0cm"})
        self.cell_heading = paragraph("Table_20_Heading", "Table Heading", "Table_20_Contents",
                                      text={"fontweight": "bold"})
        self.quote = paragraph("Quotations", "Quotations", "Text_20_body",
                               para={"marginleft": "1cm", "marginright": "1cm"})
        self.preformatted = paragraph("Preformatted_20_Text", "Preformatted Text", "Standard",
                                      text={"fontname": FONT, "fontfamilygeneric": "modern"})
        self.rule = paragraph("Horizontal_20_Line", "Horizontal Line", "Standard",
                              para={"borderbottom": "0.5pt solid #808080", "marginbottom": "0.3cm"})

        self.spans = {}
        for name, props in (("Gras", {"fontweight": "bold"}), ("Italique", {"fontstyle": "italic"}),
                            ("Code", {"fontfamilygeneric": "modern", "fontpitch": "fixed"})):
            style = Style(name=name, family="text")
            style.addElement(TextProperties(**props))
            doc.automaticstyles.addElement(style)
            self.spans[name] = style

        self.table_style = Style(name="Tableau", family="table")
        self.table_style.addElement(TableProperties(width="17cm", align="margins"))
        doc.automaticstyles.addElement(self.table_style)
        self.column_style = Style(name="Tableau.colonne", family="table-column")
        self.column_style.addElement(TableColumnProperties(relcolumnwidth="1*"))
        doc.automaticstyles.addElement(self.column_style)
        self.cell_style = Style(name="Tableau.cellule", family="table-cell")
        self.cell_style.addElement(TableCellProperties(border="0.5pt solid #616161", padding="0.1cm"))
        doc.automaticstyles.addElement(self.cell_style)
        self.fill_in_row = Style(name="Tableau.a-remplir", family="table-row")   # empty cells: room to write
        self.fill_in_row.addElement(TableRowProperties(minrowheight="1.1cm"))
        doc.automaticstyles.addElement(self.fill_in_row)
        self.header_cell_style = Style(name="Tableau.entete", family="table-cell")
        self.header_cell_style.addElement(TableCellProperties(border="0.5pt solid #616161", padding="0.1cm",
                                                              backgroundcolor="#e8eaf6"))
        doc.automaticstyles.addElement(self.header_cell_style)

        self.list_styles = {
            "ul": self._list_style("Puces", lambda level: ListLevelStyleBullet(
                level=level, bulletchar="•" if level % 2 else "◦")),
            "ol": self._list_style("Numeros", lambda level: ListLevelStyleNumber(
                level=level, numformat="1", numsuffix=".")),
            "cases": self._list_style("Cases", lambda level: ListLevelStyleBullet(level=level, bulletchar="☐")),
        }

    def _list_style(self, name: str, make) -> ListStyle:
        style = ListStyle(name=name)
        for level in range(1, LIST_LEVELS + 1):
            item = make(level)
            item.addElement(ListLevelProperties(spacebefore=f"{0.6 * (level - 1) + 0.2:.1f}cm",
                                                minlabelwidth="0.6cm"))
            style.addElement(item)
        self.doc.automaticstyles.addElement(style)
        return style

    # --- blocks ----------------------------------------------------------------------

    def blocks(self, element: ET.Element, parent=None, style=None) -> None:
        parent = parent if parent is not None else self.doc.text
        for child in element:
            tag = child.tag
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                level = int(tag[1])
                heading = H(outlinelevel=level, stylename=self.headings[level])
                self.inline(heading, child)
                parent.addElement(heading)
            elif tag == "p":
                paragraph = P(stylename=style or self.body)
                self.inline(paragraph, child)
                parent.addElement(paragraph)
            elif tag in ("ul", "ol"):
                parent.addElement(self.list(child))
            elif tag == "table":
                parent.addElement(self.table(child))
            elif tag == "blockquote":
                self.blocks(child, parent, self.quote)
            elif tag == "pre":
                paragraph = P(stylename=self.preformatted)
                lines = "".join(child.itertext()).rstrip("\n").split("\n")
                for i, line in enumerate(lines):
                    if i:
                        paragraph.addElement(LineBreak())
                    paragraph.addText(line)
                parent.addElement(paragraph)
            elif tag == "hr":
                parent.addElement(P(stylename=self.rule))
            else:   # a <div> or anything else holding blocks
                self.blocks(child, parent, style)

    def list(self, element: ET.Element) -> List:
        kind = "cases" if "ee-cases" in element.get("class", "") else element.tag
        odf_list = List(stylename=self.list_styles[kind])
        for li in element.findall("li"):
            item = ListItem()
            self._item(item, li)
            odf_list.addElement(item)
        return odf_list

    def _item(self, item: ListItem, li: ET.Element) -> None:
        """A list item: its inline run as a paragraph, then any block it holds (a loose
        list's paragraphs, a nested list)."""
        run = P(stylename=self.list_para)
        has_run = False
        if li.text and li.text.strip():
            run.addText(_text(li.text).lstrip())
            has_run = True
        for child in li:
            if child.tag in BLOCKS:
                if has_run:
                    item.addElement(run)
                    run, has_run = P(stylename=self.list_para), False
                if child.tag == "p":
                    paragraph = P(stylename=self.list_para)
                    self.inline(paragraph, child)
                    item.addElement(paragraph)
                else:
                    holder = ET.Element("div")
                    holder.append(child)
                    self.blocks(holder, item)
                if child.tail and child.tail.strip():
                    run.addText(_text(child.tail).strip())
                    has_run = True
            else:
                self._inline_element(run, child)
                has_run = True
        if has_run:
            item.addElement(run)

    def table(self, element: ET.Element) -> Table:
        self._tables += 1
        rows = [(tr, section.tag == "thead") for section in element for tr in section.findall("tr")]
        rows += [(tr, False) for tr in element.findall("tr")]
        width = max((len(tr) for tr, _ in rows), default=1)
        table = Table(name=f"Tableau{self._tables}", stylename=self.table_style)
        table.addElement(TableColumn(numbercolumnsrepeated=width, stylename=self.column_style))
        header = TableHeaderRows()
        body = []
        for tr, in_head in rows:
            cells = list(tr)
            empty = not in_head and any(not "".join(c.itertext()).strip() for c in cells)
            row = TableRow(stylename=self.fill_in_row) if empty or len(cells) < width else TableRow()
            for i in range(width):
                source = cells[i] if i < len(cells) else None
                heading = in_head or (source is not None and source.tag == "th")
                cell = TableCell(valuetype="string",
                                 stylename=self.header_cell_style if heading else self.cell_style)
                paragraph = P(stylename=self.cell_heading if heading else self.cell)
                if source is not None:
                    self.inline(paragraph, source)
                cell.addElement(paragraph)
                row.addElement(cell)
            if in_head:
                header.addElement(row)
            else:
                body.append(row)
        if header.childNodes:   # repeated at the top of every page the table runs over
            table.addElement(header)
        for row in body:
            table.addElement(row)
        return table

    # --- inline ------------------------------------------------------------------------

    def inline(self, target, element: ET.Element) -> None:
        if element.text:
            target.addText(_text(element.text))
        for child in element:
            self._inline_element(target, child)

    def _inline_element(self, target, child: ET.Element) -> None:
        if child.tag == "br":
            target.addElement(LineBreak())
        elif child.tag == "a":
            link = A(href=child.get("href", ""), type="simple")
            self.inline(link, child)
            target.addElement(link)
        elif child.tag in INLINE_STYLES:
            span = Span(stylename=self.spans[INLINE_STYLES[child.tag]])
            self.inline(span, child)
            target.addElement(span)
        else:   # abbr, span…: their text
            self.inline(target, child)
        if child.tail:
            target.addText(_text(child.tail))

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.write(out)
        return out.getvalue()


def _text(value: str) -> str:
    """Markdown's line breaks inside a paragraph are spaces."""
    return _SPACES.sub(" ", value)
