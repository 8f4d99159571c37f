"""Every node of the monograph's document tree has a method in every writer.

A node a writer has no method for raises UnknownNode when it is met: this test finds it
before a publication does, for every node type, including those no bundled edition uses yet.
"""

from __future__ import annotations

import json
import typing

import pytest

from monoreg.publish import document as doc
from monoreg.publish.html_writer import HtmlWriter
from monoreg.publish.typst_writer import TypstWriter
from monoreg.publish.writer import Writer, _method_name

WRITERS = [HtmlWriter, TypstWriter]
# What the builder hands a writer: the monograph, its sections and their blocks.
NODES = [doc.Monograph, doc.Section, *typing.get_args(doc.Block)]


def test_the_writers_are_all_listed() -> None:
    import monoreg.publish.html_writer
    import monoreg.publish.typst_writer  # noqa: F401

    assert set(Writer.__subclasses__()) == set(WRITERS)


def test_the_nodes_are_every_block() -> None:
    blocks = {c for c in vars(doc).values() if isinstance(c, type) and c.__module__ == doc.__name__
              and "blocks" in getattr(c, "__dataclass_fields__", {})}
    assert blocks <= set(NODES)           # anything holding blocks is itself a node
    assert doc.Columns in NODES and doc.Notice in NODES


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.__name__)
@pytest.mark.parametrize("node", NODES, ids=lambda n: n.__name__)
def test_every_writer_writes_every_node(writer: type[Writer], node: type) -> None:
    name = _method_name(object.__new__(node))
    assert callable(getattr(writer, name, None)), f"{writer.__name__} has no {name}"


def test_text_parts_reach_both_outputs() -> None:
    # Paragraphs and bullets live inside a text block (values of its Typst call, macros in
    # HTML): write one block with both and find both in each output.
    block = doc.TextBlock("Titre", (doc.Paragraph("Un paragraphe."),
                                    doc.Bullets(("premier point", "second point"))), None)
    html = str(HtmlWriter().write(block))
    typst = TypstWriter()
    typst.write(block)
    typst_values = json.dumps(typst.values, ensure_ascii=False)
    for text in ("Un paragraphe.", "premier point", "second point"):
        assert text in html and text in typst_values, text
    (content,) = [v["content"] for v in typst.values]
    assert [part["kind"] for part in content] == ["paragraph", "bullets"]
