"""How extracted lines are cut into tokens, and runs of digits into cells (the monograph
importer's pieces). The lines are quoted from the seed, data/editions/normandie/2020/source.txt,
or made up where the test says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_catalog import PROJECT_DATA

from monoreg.ingest.monograph.cells import cuttings
from monoreg.ingest.monograph.monograph_import import read_monograph
from monoreg.ingest.monograph.numbered_lines import Line
from monoreg.ingest.monograph.tokens import Kind, join_parentheses, tokenize_line
from monoreg.metadata.reference import load_catalog

SEED = PROJECT_DATA / "editions" / "normandie" / "2020" / "source.txt"


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind.value, t.text) for t in tokenize_line(Line(1, text))]


def test_tokens_of_table_rows() -> None:
    assert _kinds("en 2019  -0.03% 67 000 000") == [
        ("period", "en 2019"), ("number", "-0.03% 67 000 000")]
    assert _kinds("dont 15-24 ans 23 % Non renseigné -") == [
        ("text", "dont 15-24 ans"), ("number", "23 %"), ("special", "Non renseigné"),
        ("special", "-")]
    assert _kinds("- 936 CFA/SA") == [("special", "-"), ("number", "936"), ("text", "CFA/SA")]
    assert _kinds("2144 en 2017 % 67 600") == [
        ("number", "2144"), ("period", "en 2017"), ("special", "%"), ("number", "67 600")]
    assert _kinds("% de la population active") == [("text", "% de la population active")]
    assert _kinds("(juillet 2019") == [("period", "(juillet 2019")]


def test_a_parenthesis_closed_lines_later_is_joined() -> None:
    lines = [Line(178, "(2ème trimestre "), Line(179, ""), Line(180, "2018) ")]
    joined = join_parentheses(lines)
    assert joined[0].text == "(2ème trimestre 2018)" and joined[2].text == ""
    period = tokenize_line(joined[0])[0]
    assert period.kind is Kind.PERIOD and period.period.code == "2018-T2"
    # an unclosed parenthesis before the next row is left as printed
    lines = [Line(147, "(juillet 2019 "), Line(149, "Moins de 25 ans "), Line(150, "44 080 "),
             Line(152, "(juillet 2018) ")]
    assert join_parentheses(lines) == lines


def _run(text: str):  # type: ignore[no-untyped-def]
    (token,) = [t for t in tokenize_line(Line(1, text)) if t.kind is Kind.NUMBER]
    return token


def test_cells_run_together_and_split_numbers() -> None:
    readings = [c.cells for c in cuttings(_run("24 703 452 652"), 2)]
    assert readings == [("24", "703 452 652"), ("24 703", "452 652"), ("24 703 452", "652")]
    assert [c.cells for c in cuttings(_run("30 70 000"), 1)] == [("30 70 000",)]
    assert [c.cells for c in cuttings(_run("993 520 495, 00 993 520 495,00"), 2)] == [
        ("993 520 495, 00", "993 520 495,00")]
    assert [c.cells for c in cuttings(_run("233 361 308 (AE) 225 482 439 (AE) -3.38%"), 3)] \
        == [("233 361 308 (AE)", "225 482 439 (AE)", "-3.38%")]
    # a cut never starts a number with a zero: '67 000 000' is not 67 and 000 000
    assert cuttings(_run("67 000 000"), 2) == []


def test_a_row_with_more_figures_than_columns_is_reported(tmp_path: Path) -> None:
    """SYNTHETIC: a cell added to the 'Stock d'apprentis' row of the seed."""
    lines = SEED.read_text("utf-8").split("\n")
    assert lines[464].startswith("Stock d’apprentis")
    lines[464] = lines[464].rstrip() + " Non renseigné"
    variant = tmp_path / "monographie.txt"
    variant.write_text("\n".join(lines), encoding="utf-8")
    imported = read_monograph(variant, load_catalog(PROJECT_DATA))
    unplaced = imported.report.unplaced
    assert {u["line"] for u in unplaced} == {465}
    assert [u["text"] for u in unplaced] == ["Non renseigné", "Non renseigné", "-", "436 900",
                                             "Non renseigné"]
    assert all("5 chiffres pour 4 colonnes" in u["reason"] for u in unplaced)
    assert not any(o.indicator == "stock_apprentis" for o in imported.edition.observations)


@pytest.mark.parametrize("text", ["", "   \n\n"])
def test_empty_text_has_no_region(tmp_path: Path, text: str) -> None:
    from monoreg.errors import InputError

    empty = tmp_path / "vide.txt"
    empty.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="donnez --region"):
        read_monograph(empty, load_catalog(PROJECT_DATA))
