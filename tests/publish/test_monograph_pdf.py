"""The PDF of the SYNTHETIC publication edition, read back with poppler (pdftotext, pdftoppm):
sections in order, figures and generated sentences in French, sources under the tables,
running headers and page numbers, text that Typst must not read as markup."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PIL import Image, ImageStat
from publish_data import HOSTILE

from monoreg.model import Finding, Severity
from monoreg.publish import document as doc
from monoreg.publish.builder import build_monograph
from monoreg.publish.document import Mode
from monoreg.publish.typst_writer import VALUES, TypstWriter, render_pdf


def _flat(text: str) -> str:
    """Spaces as a reader sees them: no-break and narrow no-break spaces, line breaks and the
    column padding of `pdftotext -layout` all become one space."""
    return re.sub(r"[\s\u00a0\u202f\u2060]+", " ", text.replace("’", "'"))


def test_sections_come_in_print_order(pdf_text: str, loaded) -> None:  # type: ignore[no-untyped-def]
    body = pdf_text.split("\f", 2)[2]   # after the cover and the table of contents
    lines = [_flat(line).strip() for line in body.splitlines()]
    headings = [lines.index(s.title.upper()) for s in loaded.catalog.sections]
    assert headings == sorted(headings)


def test_figures_are_printed_in_french(pdf_text: str) -> None:
    flat = _flat(pdf_text)
    # Printed evolutions as printed ('+9,40 %'); the editor withheld '-0.03%' (« non
    # publié », never the recomputed +2,88 %) and corrected '0,7 %' to '-0,7 pt'.
    for figure in ("1 234 567", "60 000 000", "+9,40 %", "non publié", "-0,7 pt", "8,3 %",
                   "10 940", "90,0 M€", "-10,00 %", "non renseigné"):
        assert figure in flat, figure
    # (The print « -0.03% » is quoted as printed in its note; not checked here.)
    for english in ("1,234,567", "8.3 %", "1234567"):
        assert english not in flat, english


def test_generated_sentences_are_in_the_pdf(pdf_text: str) -> None:
    flat = _flat(pdf_text)
    assert ("Le nombre de contrats d'apprentissage recule de 2,0 % entre 2028 et 2029, "
            "passant de 5 000 à 4 900.") in flat
    # Apprentices compare 2026/2027 with 2028/2029 (an open warning): no sentence on them.
    assert "Le nombre d'apprentis" not in flat
    # The rate's printed evolution '0,7 %' (a rate moves in points) was corrected by the
    # editor to -0,7 pt: a corrected figure may carry a sentence. The population's printed
    # '-0.03%' contradicts its figures and is withheld: no sentence rests on it.
    assert "Le taux de chômage recule de 0,7 point" in flat
    assert "La population totale" not in flat
    assert ("Le nombre de demandeurs d'emploi de 50 ans ou plus est stable entre juillet "
            "2028 et juillet 2029") in flat


def test_sources_cover_notice_headers_and_page_numbers(pdf_text: str) -> None:
    pages = [p for p in pdf_text.split("\f") if p.strip()]
    flat = _flat(pdf_text)
    assert "Sources : producteur synthétique de population" in flat
    assert "Source : producteur synthétique d'apprentissage" in flat
    assert ("La collecte des données chiffrées contenues dans ce document est arrêtée en "
            "décembre 2029.") in _flat(pages[0])
    assert "SOMMAIRE" in pages[1]
    for number, page in enumerate(pages[1:], start=2):
        assert "SYNTHÉTIQUE" in page.splitlines()[0], number
        if number < len(pages):  # the back cover has no page number
            assert re.search(rf"\b{number} ?/ ?{len(pages)}\s*$", page.rstrip()), number


def test_chart_titles_with_period_and_source(pdf_text: str) -> None:
    flat = _flat(pdf_text)
    assert ("Dépenses de la région, fonctionnement et investissement (en millions d'euros) "
            "(2027 à 2029)") in flat
    assert ("Demandeurs d'emploi (catégories A, B et C) par âge (juillet 2028 et juillet 2029)"
            in flat)
    # The apprentices' figures carry an open warning: no chart rests on them.
    assert "Effectif d'apprentis (2026/2027 et 2028/2029)" not in flat


def test_data_text_never_becomes_typst_markup(pdf_text: str) -> None:
    flat = _flat(pdf_text)
    assert _flat(HOSTILE) in flat
    assert "premier point #1" in flat and "second point $2" in flat


def test_the_typst_source_holds_no_data() -> None:
    # Texts reach Typst as JSON in sys.inputs: the source only says which value a call reads.
    writer = TypstWriter()
    source = writer.write(doc.TextBlock('Titre "#set page(width: 1cm)"', (
        doc.Paragraph('#emph[x] $y$ \\ "z"'), doc.Bullets(("a\nb",))), "le 6", "Source"))
    assert "#set" not in source and "emph" not in source and "Source" not in source
    assert source == f"#textblock({VALUES}.at(0))"
    assert writer.values[0]["content"][0]["text"] == '#emph[x] $y$ \\ "z"'


def test_pages_render_to_images(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "3", "-png",
                    str(built.files["pdf"]), str(tmp_path / "page")], check=True,
                   capture_output=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == 3
    for path in images:
        with Image.open(path) as image:
            width, height = image.size
            assert abs(height / width - 297 / 210) < 0.02   # A4 portrait
            # Not a blank page: some ink, mostly paper.
            mean = ImageStat.Stat(image.convert("L")).mean[0]
            assert 150 < mean < 254, path.name


def test_proof_pdf_prints_findings_next_to_figures_and_sections(loaded) -> None:  # type: ignore[no-untyped-def]
    current = next(o for o in loaded.edition.observations
                   if o.key == ("apprentissage", "effectif_apprentis", "28", "2028/2029"))
    findings = [
        Finding("synthetic-figure-rule", Severity.ERROR, "Constat sur l'effectif",
                section="apprentissage", location=str(current.provenance),
                expected="10 950"),
        Finding("synthetic-section-rule", Severity.WARNING, "Constat sur la section",
                section="apprentissage"),
        Finding("synthetic-edition-rule", Severity.INFO, "Constat sur l'édition"),
    ]
    monograph = build_monograph(loaded.edition, loaded.catalog, findings, Mode.PROOF)
    text = _flat(_pdftotext(render_pdf(monograph)))
    assert "Épreuve de relecture" in text and "1 erreur(s), 1 avertissement(s)" in text
    assert "1. Erreur synthetic-figure-rule Constat sur l'effectif — attendu : 10 950" in text
    assert "imprimé : 10 940" in text   # the printed figure next to the formatted one
    assert "Constat sur la section" in text and "Constat sur l'édition" in text
    # The sentence of a figure in error is withheld.
    assert "Le nombre d'apprentis progresse" not in text


def _pdftotext(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")
