"""Figures still to fill (status a-completer, from `monoreg edition new`) are the editor's
checklist, not findings. SYNTHETIC editions."""

from __future__ import annotations

from dataclasses import replace

from validation_builders import clean_edition, edition, fig, run

from monoreg.model import Status

PE = "population-emploi"


def _to_fill(o):  # type: ignore[no-untyped-def]
    return replace(o, value=None, printed=None, printed_period=None, source=None,
                   status=Status.TO_FILL)


def test_a_figure_to_fill_raises_no_finding() -> None:
    n_minus_1 = fig(PE, "population", "28", "2028", "990 000")
    n = _to_fill(fig(PE, "population", "28", "2029", "1 000 000"))
    assert run(edition(n_minus_1, n)) == []


def test_the_same_figure_printed_with_no_source_is_a_finding() -> None:
    # The passing case above is not vacuous: the same figure, printed, is checked.
    printed = replace(fig(PE, "population", "28", "2029", "1 000 000"), source=None)
    rules = {f.rule for f in run(edition(printed))}
    assert "missing-source" in rules


def test_clean_edition_with_figures_to_fill_stays_clean() -> None:
    ed = clean_edition()
    extra = _to_fill(fig(PE, "population", "28", "2030", "1 000 000"))
    assert [f for f in run(replace(ed, observations=(*ed.observations, extra)))
            if f.severity.value == "error"] == []
