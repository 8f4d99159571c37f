"""No silent change between the print and what readers get, on the real Normandie 2020 edition.

Real data: Centre Inffo, "Formation professionnelle, apprentissage et emploi — Monographies
régionales", Normandie, May 2020 (data/editions/normandie/2020). Each figure is read back from
its displayed text and compared with its printed text (value and number of decimals), so the
expectation comes from the print, not from the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from monoreg.derive import figure_text as figures
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.model import Catalog, Edition, Status
from monoreg.model.printed import read_printed
from monoreg.publish import document as doc
from monoreg.publish.builder import build_monograph
from monoreg.validate import validate_edition

DATA = Path(__file__).resolve().parents[2] / "data"
NB = "\u00a0"


@pytest.fixture(scope="module")
def normandie() -> tuple[Edition, Catalog]:
    dataset = load_data_dir(DATA)
    (edition,) = [e for e in dataset.editions if (e.region, e.year) == ("28", 2020)]
    return edition, dataset.catalog


@pytest.fixture(scope="module")
def monograph(normandie: tuple[Edition, Catalog]) -> doc.Monograph:
    edition, catalog = normandie
    return build_monograph(edition, catalog, validate_edition(edition, catalog))


def _texts(m: doc.Monograph) -> list[str]:
    """Every figure, sentence and title of the document tree, as printed."""
    found: list[str] = []
    for section in m.sections:
        for block in section.blocks:
            if isinstance(block, doc.Table):
                found += [c.text for r in block.rows for c in r.cells]
            elif isinstance(block, doc.KeyFigures):
                found += [v.value for card in block.cards for f in card.figures
                          for v in f.values]
            elif isinstance(block, doc.Summary):
                found += list(block.sentences)
            elif isinstance(block, doc.Chart):
                found += [block.title, *(c.text for r in block.data.rows for c in r.cells)]
    return found


def test_every_figure_reads_back_as_printed(normandie: tuple[Edition, Catalog]) -> None:
    edition, catalog = normandie
    checked = 0
    for o in edition.observations:
        if o.status is not Status.VALUE or not o.printed:
            continue
        printed, shown = read_printed(o.printed), read_printed(figures.text(o, catalog))
        assert shown.value == o.value, (o.provenance, o.printed)
        if printed.value == o.value:  # the print reads as the figure (not cells run together)
            assert shown.decimals == printed.decimals, (o.provenance, o.printed)
        checked += 1
    assert checked >= 120


def test_every_printed_evolution_reads_back_as_printed(
        normandie: tuple[Edition, Catalog]) -> None:
    edition, _ = normandie
    for claim in edition.evolutions:
        shown = figures.evolution_text(claim)
        if claim.value is None:  # '%' or '-': stays empty
            assert shown is None
            continue
        assert shown is not None
        printed, back = read_printed(claim.printed), read_printed(shown)
        assert (back.value, back.decimals) == (printed.value, printed.decimals), claim.printed
        assert back.explicit_sign == printed.explicit_sign, claim.printed


def test_the_monograph_keeps_printed_precision_period_and_evolutions(
        monograph: doc.Monograph) -> None:
    texts = _texts(monograph)
    # '669' and '9%' as printed, not 669,0 or 9,0 %.
    assert f"669{NB}M€" in texts and f"9{NB}%" in texts
    assert not any(t.startswith(("669,0", "9,0\u00a0%", "4\u202f388,0")) for t in texts)
    # Printed evolutions in French typography; no recomputed one in their place, and the
    # empty '%' of the training organisations stays empty.
    assert f"-0,03{NB}%" in texts and f"-12,72{NB}%" in texts
    assert not any(t.startswith(("-2,98", "-12,65", "+0,52")) for t in texts)
    cells = [c for s in monograph.sections for b in s.blocks if isinstance(b, doc.Table)
             for r in b.rows for c in r.cells]
    assert "période non imprimée" in {c.detail for c in cells if c.text == "non renseigné"}


def test_no_sentence_rests_on_a_doubtful_figure(monograph: doc.Monograph) -> None:
    sentences = [s for t in _texts(monograph) for s in [t] if t.endswith(".")]
    # 3 420 995 (2017) is contradicted by the printed -0.03%: no sentence from it.
    assert not any("La population totale" in s for s in sentences)
    assert not any("3,0\u00a0%" in s and "2017" in s for s in sentences)


def test_a_chart_title_names_only_what_it_draws(monograph: doc.Monograph) -> None:
    charts = {b.id: b for s in monograph.sections for b in s.blocks
              if isinstance(b, doc.Chart)}
    sectors = charts.get("emplois-par-secteur")
    if sectors is not None:
        drawn = {p.split(", ")[-1] for p in (r.label for r in sectors.data.rows)}
        assert ("France" in sectors.title) == ("France" in drawn)
