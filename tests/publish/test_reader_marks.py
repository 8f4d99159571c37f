"""What readers see of the editor's decisions, on the SYNTHETIC publication edition: a corrected
figure shows the editor's value with a note call leading to a note that quotes the print, a
withheld figure reads « non publié » and never as a number, a flagged one is marked « À
vérifier »; no sentence or chart rests on a flagged or withheld figure; « Avertissements et
corrections » lists each decision with the printed form quoted, what was done, why and the
evidence; its legend comes from the one definition of statuses."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from lxml import html as lxml_html

from monoreg.model import (
    QUALITY_LEGEND,
    Decision,
    Edition,
    Quality,
    QualityStatus,
    Resolution,
)
from monoreg.publish import document as doc
from monoreg.publish.builder import build_monograph
from monoreg.publish.html_writer import render_fragment

NB = "\u00a0"
AUTHOR, DATE = "Relecture synthétique", "2030-05-02"


def _decide(edition: Edition, decisions: dict[tuple[str, str, str, str], Quality]
            ) -> Edition:
    """The edition as the store gives it once its figures are assessed (SYNTHETIC)."""
    observations = tuple(replace(o, quality=decisions.get(o.key, Quality()))
                         for o in edition.observations)
    resolutions = tuple(
        Resolution("synthetic-rule", o.figure, Decision(q.status.value), q.note or "",
                   f"Preuve synthétique pour {o.indicator}", AUTHOR, DATE, value=q.value,
                   printed=o.printed)
        for o in observations if o.key in decisions and q_resolved(q := o.quality))
    return replace(edition, observations=observations, resolutions=resolutions,
                   evolutions=tuple(replace(c, quality=Quality()) for c in edition.evolutions))


def q_resolved(quality: Quality) -> bool:
    return quality.status in (QualityStatus.CORRECTED, QualityStatus.WITHHELD,
                              QualityStatus.ACCEPTED)


BASE = ("population-emploi", "population_totale", "28", "2027")
CURRENT = ("population-emploi", "population_totale", "28", "2029")
FRANCE = ("population-emploi", "demandeurs_emploi_abc", "FR", "2029-07")
AGE = ("population-emploi", "demandeurs_emploi_abc_25_49", "28", "2029-07")


@pytest.fixture(scope="module")
def decided(loaded) -> Edition:  # type: ignore[no-untyped-def]
    return _decide(loaded.edition, {
        BASE: Quality(QualityStatus.WITHHELD, ("synthetic-rule",),
                      "Rien ne permet d'établir la population de 2027."),
        FRANCE: Quality(QualityStatus.CORRECTED, ("synthetic-rule",),
                        "Un chiffre manque : la page des chiffres clés imprime 5 000 001.",
                        value=Decimal("5000001")),
        AGE: Quality(QualityStatus.FLAGGED, ("synthetic-rule",)),
    })


@pytest.fixture(scope="module")
def public(decided: Edition, loaded) -> doc.Monograph:  # type: ignore[no-untyped-def]
    return build_monograph(decided, loaded.catalog, [])


def _table(m: doc.Monograph, section: str) -> doc.Table:
    (table,) = [b for s in m.sections if s.id == section for b in s.blocks
                if isinstance(b, doc.Table)]
    return table


def _row(table: doc.Table, label: str) -> doc.Row:
    return next(r for r in table.rows if r.label.startswith(label))


def test_withheld_is_never_a_number_and_corrected_shows_the_editors_value(
        public: doc.Monograph) -> None:
    table = _table(public, "population-emploi")
    population = _row(table, "Population totale").cells
    assert population[0].text == "non publié" and population[0].marks
    demandeurs = _row(table, "Demandeurs d'emploi inscrits").cells
    assert demandeurs[-1].text == "5\u202f000\u202f001"
    notes = {n.number: n for n in table.notes}
    withheld, corrected = notes[population[0].marks[0]], notes[demandeurs[-1].marks[0]]
    assert withheld.label == QUALITY_LEGEND[QualityStatus.WITHHELD].label == "Non publié"
    assert "Imprimé «\u00a01 200 000\u00a0»" in withheld.text
    assert corrected.label == "Corrigé" and "«\u00a05 000 000\u00a0»" in corrected.text
    # A flagged figure is marked « À vérifier », never shown as plain fact.
    flagged = _row(table, "Demandeurs d'emploi de 25 à 49 ans").cells[1]
    assert notes[flagged.marks[0]].label == "À vérifier"
    # The untouched figures carry no mark.
    assert not _row(table, "Taux de chômage").cells[1].marks


def test_no_sentence_or_chart_rests_on_a_withheld_or_flagged_figure(
        public: doc.Monograph, decided: Edition) -> None:
    (summary,) = [b for s in public.sections if s.id == "population-emploi"
                  for b in s.blocks if isinstance(b, doc.Summary)]
    assert not any("population" in s for s in summary.sentences)
    assert not any("25 à 49 ans" in s for s in summary.sentences)
    assert any("moins de 25 ans" in s for s in summary.sentences)
    (chart,) = [b for s in public.sections if s.id == "population-emploi"
                for b in s.blocks if isinstance(b, doc.Chart)]
    assert not any("25 à 49 ans" in r.label and "2029" in r.label for r in chart.data.rows)
    assert any(r.startswith("Non représenté : 25 à 49 ans") for r in chart.remarks)
    # Nor does its drawing: no bar and no label for the flagged figure, the others there.
    drawn = " ".join(lxml_html.fromstring(chart.svg).itertext())
    labels = {r.label: r.cells[0].text for r in chart.data.rows}
    assert labels and all(text in drawn for text in labels.values())
    flagged = next(o for o in decided.observations if o.key == AGE)
    assert flagged.printed and flagged.printed not in drawn, drawn
    assert "25 à 49 ans, juillet 2029" not in drawn


def test_warnings_and_corrections_list_each_decision(public: doc.Monograph) -> None:
    section = public.sections[-1]
    assert section.title == "Avertissements et corrections"
    lists = {b.title: b for b in section.blocks if isinstance(b, doc.ItemList)}
    decisions = {e.title: dict(e.details) for e in lists["Décisions de l'éditeur"].entries}
    (population,) = [d for t, d in decisions.items() if t.startswith("Population totale")]
    assert population["Imprimé"] == "«\u00a01 200 000\u00a0»"
    assert population["Décision"] == "Non publié"
    assert population["Preuve"] == "Preuve synthétique pour population_totale"
    (france,) = [d for t, d in decisions.items() if "France" in t]
    assert france["Décision"] == f"Corrigé{NB}: publié 5\u202f000\u202f001"
    assert "chiffres clés" in france["Pourquoi"]
    flagged = lists["Chiffres à vérifier"].entries
    assert [e.title.split(" — ")[0] for e in flagged] == [
        "Demandeurs d'emploi de 25 à 49 ans (catégories A, B et C)"]
    (legend,) = [b for b in section.blocks if isinstance(b, doc.Facts)]
    assert [label for label, _ in legend.items] == [e.label for e in QUALITY_LEGEND.values()]


def test_html_note_calls_link_to_their_notes(public: doc.Monograph) -> None:
    tree = lxml_html.fromstring(render_fragment(public))
    links = tree.xpath("//sup[@class='mark']/a")
    assert links
    for link in links:
        target = tree.get_element_by_id(link.get("href")[1:])
        assert target.tag == "li" and "note" in target.get("class")
    corrections = tree.get_element_by_id("avertissements-corrections")
    assert "«\u00a01 200 000\u00a0»" in corrections.text_content()
