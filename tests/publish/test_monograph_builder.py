"""The document tree built from the SYNTHETIC publication edition (publish_data.py), before
any writer: sections, evolutions as printed, missing figures, findings as notes (proof and
public), charts that leave out figures in error, and writers that refuse unknown nodes."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from monoreg.model import Finding, Observation, Quality, Severity
from monoreg.publish import document as doc
from monoreg.publish.builder import EMPTY_SECTION, build_monograph
from monoreg.publish.html_writer import HtmlWriter
from monoreg.publish.layout import ChartBlock, load_layout
from monoreg.publish.sentences import WORDING_FILE
from monoreg.publish.typst_writer import TypstWriter
from monoreg.publish.writer import UnknownNode

NB = "\u00a0"
PROJECT = Path(__file__).resolve().parents[2]


def _section(m: doc.Monograph, section_id: str) -> doc.Section:
    return next(s for s in m.sections if s.id == section_id)


def _blocks(section: doc.Section, kind: type) -> list:  # type: ignore[type-arg]
    return [b for b in section.blocks if isinstance(b, kind)]


def _row(table: doc.Table, label: str) -> doc.Row:
    return next(r for r in table.rows if r.label.startswith(label))


def _observation(loaded, place: str, indicator: str, territory: str,  # type: ignore[no-untyped-def]
                 period: str) -> Observation:
    return next(o for o in loaded.edition.observations if o.key == (
        place, indicator, territory, period))


def _error_on(o: Observation, accepted: str | None = None) -> Finding:
    return Finding("synthetic-rule", Severity.ERROR, "Constat synthétique sur ce chiffre",
                   section=o.place, indicator=o.indicator, territory=o.territory,
                   period=o.period.code, location=str(o.provenance), accepted=accepted)


def test_every_section_of_the_catalogue_in_print_order(loaded) -> None:  # type: ignore[no-untyped-def]
    m = build_monograph(loaded.edition, loaded.catalog, [])
    # The catalogue's sections, then « Avertissements et corrections ».
    assert [s.id for s in m.sections] == [s.id for s in loaded.catalog.sections] + [
        "avertissements-corrections"]
    assert len(m.sections) == 23 and m.sections[-1].title == "Avertissements et corrections"
    assert "décembre 2029" in m.cutoff_notice and m.synthetic
    # A section the edition prints nothing for says so instead of vanishing.
    assert _section(m, "organismes-formation").blocks == (doc.Notice(EMPTY_SECTION),)


def _undecided(edition):  # type: ignore[no-untyped-def]
    """The edition as printed, before any editor's decision or doubt."""
    return replace(edition, observations=tuple(
        replace(o, quality=Quality()) for o in edition.observations), evolutions=tuple(
        replace(c, quality=Quality()) for c in edition.evolutions))


def test_tables_print_evolutions_as_printed_and_missing_figures(loaded) -> None:  # type: ignore[no-untyped-def]
    m = build_monograph(_undecided(loaded.edition), loaded.catalog, [])
    (table,) = _blocks(_section(m, "population-emploi"), doc.Table)
    population = _row(table, "Population totale")
    # The data file prints '-0.03%' (recomputed: +2,88 %): a recomputed evolution never
    # stands in for a printed one; French typography is no change.
    assert population.cells[2].text == f"-0,03{NB}%"
    assert population.cells[2].proof is None  # public version: no 'imprimé :' line
    # '0,7 %' printed unsigned for a rate stays '0,7 %' (no sign, no unit made up).
    assert _row(table, "Taux de chômage").cells[2].text == f"0,7{NB}%"
    missing = _row(table, "Taux de chômage des 15-24 ans").cells[1]
    assert missing.text == "non renseigné"


def test_figures_keep_their_printed_precision_unit_and_period(loaded) -> None:  # type: ignore[no-untyped-def]
    edition = loaded.edition
    observations = []
    for o in edition.observations:
        if o.key == ("population-emploi", "taux_chomage", "28", "2028-T2"):
            o = replace(o, printed="9%", value=Decimal("9"))  # printed without a decimal
        observations.append(o)
    m = build_monograph(_undecided(replace(edition, observations=tuple(observations))),
                        loaded.catalog, [])
    (table,) = _blocks(_section(m, "population-emploi"), doc.Table)
    rate = _row(table, "Taux de chômage").cells
    assert rate[0].text == f"9{NB}%" and rate[1].text == f"8,3{NB}%"
    missing = _row(table, "Taux de chômage des 15-24 ans").cells[1]
    # Its period is inferred (the key needs one) but the print gives none: not shown.
    assert missing.detail == "période non imprimée"


def test_an_evolution_nothing_prints_is_computed_and_said_so(loaded) -> None:  # type: ignore[no-untyped-def]
    edition = replace(_undecided(loaded.edition), evolutions=tuple(
        c for c in loaded.edition.evolutions if c.indicator != "population_totale"))
    m = build_monograph(edition, loaded.catalog, [])
    (table,) = _blocks(_section(m, "population-emploi"), doc.Table)
    cell = _row(table, "Population totale").cells[2]
    # (1 234 567 - 1 200 000) / 1 200 000 = +2,88 %
    assert cell.text == f"+2,88{NB}%" and cell.detail == "calculée, 2027 → 2029"


def test_proof_shows_printed_figures_and_every_finding(loaded) -> None:  # type: ignore[no-untyped-def]
    current = _observation(loaded, "population-emploi", "population_totale", "28", "2029")
    m = build_monograph(loaded.edition, loaded.catalog, [_error_on(current)], doc.Mode.PROOF)
    (table,) = _blocks(_section(m, "population-emploi"), doc.Table)
    cells = _row(table, "Population totale").cells
    assert cells[2].proof == f"imprimé{NB}: -0.03%"
    assert cells[1].marks == (1,)
    (note,) = table.notes
    assert note.kind is doc.NoteKind.ERROR and "Constat synthétique" in note.text
    assert m.finding_counts == {"error": 1}
    # The error withholds the population sentence, not the others.
    (summary,) = _blocks(_section(m, "population-emploi"), doc.Summary)
    assert not any("population totale" in s for s in summary.sentences)
    assert any("demandeurs d’emploi" in s for s in summary.sentences)


def test_public_version_shows_only_accepted_findings(loaded) -> None:  # type: ignore[no-untyped-def]
    current = _observation(loaded, "population-emploi", "population_totale", "28", "2029")
    base = _observation(loaded, "population-emploi", "population_totale", "28", "2027")
    findings = [_error_on(current), _error_on(base, accepted="Chiffre vérifié à la source.")]
    # The figures as if nothing else were in doubt (the store assesses the synthetic
    # edition's own errors at load).
    m = build_monograph(_undecided(loaded.edition), loaded.catalog, findings)
    (table,) = _blocks(_section(m, "population-emploi"), doc.Table)
    (note,) = table.notes
    assert note == doc.Note(1, doc.NoteKind.ACCEPTED, "Chiffre vérifié à la source.",
                            "synthetic-rule", "Publié avec réserve")
    cells = _row(table, "Population totale").cells
    assert cells[0].marks == (1,) and cells[1].marks == ()


def test_findings_no_figure_claims_stay_with_their_section(loaded) -> None:  # type: ignore[no-untyped-def]
    finding = Finding("synthetic-section-rule", Severity.WARNING, "Section à revoir",
                      section="apprentissage")
    orphan = Finding("synthetic-edition-rule", Severity.INFO, "Constat sans section")
    m = build_monograph(loaded.edition, loaded.catalog, [finding, orphan], doc.Mode.PROOF)
    assert [n.text for n in _section(m, "apprentissage").notes] == ["Section à revoir"]
    assert [n.text for n in m.sections[-1].notes] == ["Constat sans section"]
    public = build_monograph(loaded.edition, loaded.catalog, [finding, orphan])
    assert _section(public, "apprentissage").notes == ()
    assert [s.id for s in public.sections][-2:] == ["guide-orientation",
                                                    "avertissements-corrections"]


def test_charts_leave_out_figures_in_error_and_say_so(loaded) -> None:  # type: ignore[no-untyped-def]
    wrong = _observation(loaded, "budgets-consolides", "depenses_region_fonctionnement_meur",
                         "28", "2027")
    m = build_monograph(loaded.edition, loaded.catalog, [_error_on(wrong)])
    (chart,) = _blocks(_section(m, "budgets-consolides"), doc.Chart)
    assert chart.svg.startswith("<svg") and chart.period == "2027 à 2029"
    assert chart.source == "Source : producteur synthétique de budgets"  # as printed
    assert [r.label for r in chart.data.rows if "2027" in r.label] == [
        "2027, Investissement, Ensemble"]
    assert any(r.startswith("Non représenté : Fonctionnement (Ensemble), 2027")
               for r in chart.remarks)
    clean = build_monograph(loaded.edition, loaded.catalog, [])
    (chart,) = _blocks(_section(clean, "budgets-consolides"), doc.Chart)
    assert not chart.remarks and len(chart.data.rows) == 6


def test_jobs_by_sector_are_shares_of_the_three_sectors(loaded) -> None:  # type: ignore[no-untyped-def]
    m = build_monograph(loaded.edition, loaded.catalog, [])
    (chart,) = _blocks(_section(m, "secteurs-activite"), doc.Chart)
    values = {r.label: r.cells[0].text for r in chart.data.rows}
    # 600 / (600 + 300 + 100) = 60 %, and the same shares for France (12 000 / 20 000).
    assert values["Tertiaire marchand, Normandie"] == f"60,0{NB}%"
    assert values["Industrie, France"] == f"10,0{NB}%"
    assert any("calculées" in r for r in chart.remarks)
    assert chart.title.endswith("secteurs génériques, Normandie et France")
    # France left out (a figure in error): the title no longer promises it.
    france = _observation(loaded, "secteurs-activite", "emplois_industrie", "FR", "2029-T2")
    m = build_monograph(loaded.edition, loaded.catalog, [_error_on(france)])
    (chart,) = _blocks(_section(m, "secteurs-activite"), doc.Chart)
    assert chart.title.endswith("secteurs génériques, Normandie")
    assert "France" not in chart.data.caption and "France" not in chart.description


@pytest.mark.parametrize("writer", [HtmlWriter(), TypstWriter()])
def test_writers_refuse_a_node_they_do_not_know(writer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownNode):
        writer.write(object())


def test_layout_and_wording_name_indicators_of_the_real_catalogue() -> None:
    catalogue = yaml.safe_load((PROJECT / "data/reference/indicators.yaml").read_text("utf-8"))
    known = {entry["id"] for entry in catalogue}
    layout = load_layout()
    charted = {s.indicator for chart in layout.charts.values() for s in chart.series}
    tabled = {c.indicator for blocks in layout.sections.values() for spec in blocks
              for group in getattr(spec, "groups", ()) for c in group.columns}
    assert charted <= known and tabled <= known
    assert set(yaml.safe_load(WORDING_FILE.read_text("utf-8"))) <= known
    used = {spec.chart for blocks in layout.sections.values() for spec in blocks
            if isinstance(spec, ChartBlock)}
    assert used == set(layout.charts)


def test_the_synthetic_edition_has_no_error_on_its_figures(loaded) -> None:  # type: ignore[no-untyped-def]
    """The output tests expect every sentence and chart point of the synthetic edition: a
    validation rule that reports one of its figures as wrong shows up here first."""
    from monoreg.validate import validate_edition

    blocking = [f"{f.rule}: {f.message}" for f in validate_edition(loaded.edition,
                                                                   loaded.catalog)
                if f.severity is Severity.ERROR and not f.accepted
                and "observations.csv" in (f.location or "")]
    assert blocking == []
