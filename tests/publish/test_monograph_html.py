"""The HTML monograph of the SYNTHETIC publication edition: a French, semantic page; the
fragment the portal embeds; text escaped, never interpreted."""

from __future__ import annotations

import re

from lxml import html as lxml_html
from publish_data import HOSTILE

from monoreg.publish import render
from monoreg.publish.builder import build_monograph
from monoreg.publish.html_writer import STYLESHEET, render_fragment


def test_page_is_french_semantic_and_self_contained(built, loaded) -> None:  # type: ignore[no-untyped-def]
    page = built.files["html"].read_text("utf-8")
    tree = lxml_html.fromstring(page)
    assert tree.get("lang") == "fr"
    assert tree.findtext(".//title").startswith("Monographie SYNTHÉTIQUE")
    ids = [s.get("id") for s in tree.iter("section")]
    assert ids == [s.id for s in loaded.catalog.sections] + ["avertissements-corrections"]
    # Every section is named by its heading; every table has a caption and scoped headers.
    for section in tree.iter("section"):
        assert tree.get_element_by_id(section.get("aria-labelledby")).tag == "h2"
    tables = list(tree.iter("table"))
    assert tables and all(t.find("caption") is not None for t in tables)
    assert all(th.get("scope") in ("col", "colgroup", "row") for th in tree.iter("th"))
    # The stylesheet is inlined, so the file opens anywhere, offline.
    assert STYLESHEET.read_text("utf-8").strip()[:60] in page
    assert "<link" not in page


def test_figures_sentences_and_sources(built) -> None:  # type: ignore[no-untyped-def]
    text = re.sub(r"[ \t\r\n]+", " ", lxml_html.fromstring(
        built.files["html"].read_text("utf-8")).text_content())
    # A printed evolution as printed; the withheld '-0.03%' is « non publié », never the
    # recomputed +2,88 %.
    values = [v.text_content() for v in lxml_html.fromstring(
        built.files["html"].read_text("utf-8")).find_class("value")]
    assert "1\u202f234\u202f567" in values and "+9,40\u00a0%" in values
    assert "non publié" in values and "+2,88\u00a0%" not in values
    assert ("Le nombre de contrats d’apprentissage recule de 2,0\u00a0% entre 2028 et 2029"
            in text)
    # Apprentices compare 2026/2027 with 2028/2029 (an open warning): no sentence on them.
    assert "Le nombre d’apprentis" not in text
    assert "Sources : producteur synthétique de population" in text


def test_charts_are_named_images_with_their_data(built) -> None:  # type: ignore[no-untyped-def]
    tree = lxml_html.fromstring(built.files["html"].read_text("utf-8"))
    figures = tree.find_class("chart")
    # Four charts declared; the apprentices' one draws nothing (both figures carry an open
    # warning) and is left out.
    assert len(figures) == 3
    for figure in figures:
        svg = figure.find(".//svg")
        assert svg.get("role") == "img" and svg.get("aria-label").startswith("Graphique")
        assert figure.find("figcaption") is not None
        assert figure.find_class("source") and figure.find(".//details//table") is not None


def test_text_is_escaped_not_interpreted(built) -> None:  # type: ignore[no-untyped-def]
    page = built.files["html"].read_text("utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    text = lxml_html.fromstring(page).text_content()
    assert HOSTILE in text


def test_fragment_for_the_portal_shifts_headings(loaded) -> None:  # type: ignore[no-untyped-def]
    fragment = render.html_fragment(loaded.edition, loaded.catalog, heading_offset=1)
    assert fragment.lstrip().startswith('<article class="monograph" lang="fr">')
    tree = lxml_html.fragment_fromstring(fragment)
    assert tree.find(".//h1") is None
    assert tree.find(".//header/h2").text.startswith("Monographie SYNTHÉTIQUE")
    assert all(h.tag == "h3" for h in tree.iter("section") for h in h.findall("h3")[:1])
    monograph = build_monograph(loaded.edition, loaded.catalog, [])
    assert "<h1 " in render_fragment(monograph)
