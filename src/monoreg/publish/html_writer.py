"""The HTML writer: the monograph tree → semantic, accessible French HTML (Jinja2).

`render_fragment` gives the monograph's body (an <article>) for embedding, e.g. in the
portal's region page, which serves STYLESHEET itself; `render_page` gives a standalone page
with the stylesheet inlined. Markup lives in templates/html/, one macro per node type.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from monoreg.publish import document as doc
from monoreg.publish import links
from monoreg.publish.writer import Writer

TEMPLATES = Path(__file__).with_name("templates") / "html"
STYLESHEET = Path(__file__).with_name("static") / "monograph.css"


ORDINAL = re.compile(r"\b(\d+)(er|re|e)\b")  # '1er', '2e': the letters in superscript


def _apostrophe(value: Any) -> Any:
    """One kind of apostrophe in every text the templates print (markup is left alone)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return value.replace("'", "’")
    return value


@cache
def environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                       undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False,
                       keep_trailing_newline=True, finalize=_apostrophe)


def rich_text(text: str) -> Markup:
    """A text as HTML: its addresses linked (except wrong ones), '1er' and '2e' with their
    superscript, one kind of apostrophe."""
    parts = []
    for piece, target in links.segments(text):
        if target is None:
            html = str(escape(piece.replace("'", "’")))
            parts.append(ORDINAL.sub(r"\1<sup>\2</sup>", html))
        else:
            parts.append(f'<a href="{escape(target)}">{escape(piece)}</a>')
    return Markup("".join(parts))


@cache
def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def _accessible_svg(svg: str, description: str) -> Markup:
    """The chart's SVG (drawn from our own spec, publish/charts.py) named for assistive
    tech."""
    return Markup(svg.replace(
        "<svg", f'<svg role="img" aria-label="{escape(description)}"', 1))


class HtmlWriter(Writer):
    """Writes nodes through the macros of blocks.html; the macros get the writer itself as
    `w`: `w(node)` writes a child node, `w.rich(text)` a text with its links."""

    def __init__(self, heading_offset: int = 0) -> None:
        self.heading_offset = heading_offset
        self.blocks = environment().get_template("blocks.html").module
        self._anchors = 0

    def _anchor(self) -> str:
        """A page-unique name for a block's notes, so that a note call links to its note."""
        self._anchors += 1
        return f"note-{self._anchors}"

    def write(self, node: Any) -> Markup:
        return Markup(super().write(node))

    __call__ = write

    @staticmethod
    def rich(text: str) -> Markup:
        return rich_text(text)

    def _macro(self, name: str, node: Any, *extra: Any) -> str:
        return str(getattr(self.blocks, name)(node, self, self.heading_offset, *extra))

    def write_key_figures(self, node: doc.KeyFigures) -> str:
        return self._macro("key_figures", node, self._anchor())

    def write_summary(self, node: doc.Summary) -> str:
        return self._macro("summary", node)

    def write_table(self, node: doc.Table) -> str:
        return self._macro("table", node, self._anchor())

    def write_paragraph(self, node: doc.Paragraph) -> str:
        return self._macro("paragraph", node)

    def write_bullets(self, node: doc.Bullets) -> str:
        return self._macro("bullets", node)

    def write_text_block(self, node: doc.TextBlock) -> str:
        return self._macro("text_block", node)

    def write_item_list(self, node: doc.ItemList) -> str:
        return self._macro("item_list", node)

    def write_columns(self, node: doc.Columns) -> str:
        return self._macro("columns", node)

    def write_contacts(self, node: doc.Contacts) -> str:
        return self._macro("contacts", node)

    def write_facts(self, node: doc.Facts) -> str:
        return self._macro("facts", node)

    def write_chart(self, node: doc.Chart) -> str:
        return self._macro("chart", node, _accessible_svg(node.svg, node.description))

    def write_notice(self, node: doc.Notice) -> str:
        return self._macro("notice", node)

    def write_section(self, node: doc.Section) -> str:
        return self._macro("section", node)

    def write_monograph(self, node: doc.Monograph) -> str:
        return environment().get_template("fragment.html").render(
            m=node, w=self, hl=self.heading_offset)


def render_fragment(monograph: doc.Monograph, *, heading_offset: int = 0) -> str:
    """The monograph's <article>, to embed in a page that links STYLESHEET.

    `heading_offset` shifts every heading down (1: the title is an <h2>), for a host page
    that has its own <h1>.
    """
    return str(HtmlWriter(heading_offset).write(monograph))


def render_page(monograph: doc.Monograph, *, stylesheet_href: str | None = None,
                downloads: dict[str, str] | None = None) -> str:
    """A standalone HTML page; the stylesheet is inlined unless `stylesheet_href` is given.
    `downloads` (label → address) are listed in its footer."""
    return environment().get_template("page.html").render(
        m=monograph, fragment=Markup(render_fragment(monograph)),
        stylesheet_href=stylesheet_href, css=Markup(stylesheet()), downloads=downloads or {},
        w=HtmlWriter())


def render_index(entries: list[dict[str, Any]]) -> str:
    return environment().get_template("index.html").render(entries=entries,
                                                           css=Markup(stylesheet()))
