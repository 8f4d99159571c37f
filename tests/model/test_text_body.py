"""Text bodies are read once (model.text_body), for the monograph and the portal alike."""

from __future__ import annotations

from monoreg.model.text_body import Bullets, Paragraph, parse_body
from monoreg.publish import document as doc
from monoreg.publish.builder import paragraphs
from monoreg.web.services.policy_texts import _blocks


def test_a_list_may_follow_a_paragraph_line_directly() -> None:
    assert parse_body("Intro :\n- a\n- b") == (Paragraph("Intro :"), Bullets(("a", "b")))


def test_monograph_and_portal_give_the_same_blocks() -> None:
    body = "Intro :\n- a\n- b\n\nSuite sur\ndeux lignes."
    assert paragraphs(body) == (doc.Paragraph("Intro :"), doc.Bullets(("a", "b")),
                                doc.Paragraph("Suite sur deux lignes."))
    assert [(b.kind, b.lines) for b in _blocks(body)] == [
        ("p", ["Intro :"]), ("ul", ["a", "b"]), ("p", ["Suite sur deux lignes."])]


def test_numbered_headings_stay_paragraphs_with_their_number() -> None:
    # As printed in the Normandie PRIC text (data/editions/normandie/2020/texts.yaml).
    body = "1. Repérer les publics\n\nD'une part,\n\n2. Orienter :\n\n- Par a,\n- Par b"
    assert parse_body(body) == (
        Paragraph("1. Repérer les publics"), Paragraph("D'une part,"),
        Paragraph("2. Orienter :"), Bullets(("Par a,", "Par b")))


def test_no_other_markdown_changes_a_printed_text() -> None:
    body = "# 3 000 apprentis > 2019\n*très* _net_ `code`\n\n    indenté"
    assert parse_body(body) == (Paragraph("# 3 000 apprentis > 2019 *très* _net_ `code`"),
                                Paragraph("indenté"))


def test_blank_bodies_give_no_block() -> None:
    assert parse_body("") == ()
    assert parse_body("  \n\n ") == ()
