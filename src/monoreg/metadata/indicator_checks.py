"""Load data/reference/checks.yaml: the relations between indicators that validation checks
and that the catalogue's `part_of` cannot say (jobseekers ≤ active population, receipts =
expenses, a printed count = the items of a list). The file is optional."""

from __future__ import annotations

from pathlib import Path

from monoreg.datafile_reader import display_path, load_yaml
from monoreg.errors import InputError
from monoreg.metadata.reference_files import ChecksFile
from monoreg.model import (
    Balance,
    Bound,
    Checks,
    Indicator,
    ListCount,
    ListKind,
    ProseTerm,
    SeriesCheck,
)

CHECKS_FILE = "checks.yaml"
RELATIONS = ("level", "within")


def load_checks(folder: Path, indicators: dict[str, Indicator]) -> Checks:
    path = folder / CHECKS_FILE
    if not path.exists():
        return Checks()
    data = load_yaml(ChecksFile, path)

    def known(indicator: str, line: int | None, field: str) -> str:
        if indicator not in indicators:
            raise InputError(f"indicateur inconnu « {indicator} »", file=display_path(path),
                             line=line, field=field)
        return indicator

    if data.population:
        known(data.population, data.keylines.get("population"), "population")
    for whole in data.complete:
        known(whole, data.keylines.get("complete"), "complete")
        if not any(i.part_of == whole for i in indicators.values()):
            raise InputError(f"« {whole} » n'a aucune partie (aucun indicateur ne déclare "
                             f"part_of: {whole})",
                             file=display_path(path), line=data.keylines.get("complete"),
                             field="complete")
    kinds = {k.value for k in ListKind}
    for item in data.list_counts:
        if item.list not in kinds:
            raise InputError(f"« {item.list} » n'est pas l'une des listes permises : "
                             f"{', '.join(sorted(kinds))}",
                             file=display_path(path), line=item.line, field="list")
    for check in data.series:
        if check.relation not in RELATIONS:
            raise InputError(f"relation « {check.relation} » inconnue (permises : "
                             f"{', '.join(RELATIONS)})", file=display_path(path),
                             line=check.line, field="relation")
    return Checks(
        population=data.population,
        complete=tuple(data.complete),
        bounds=tuple(Bound(known(b.part, b.line, "part"), known(b.whole, b.line, "whole"))
                     for b in data.bounds),
        balances=tuple(Balance(known(b.receipts, b.line, "receipts"),
                               known(b.expenses, b.line, "expenses")) for b in data.balances),
        list_counts=tuple(ListCount(known(c.indicator, c.line, "indicator"), c.list)
                          for c in data.list_counts),
        series=tuple(SeriesCheck(tuple(known(f, c.line, "figures") for f in c.figures),
                                 known(c.series, c.line, "series"), c.relation)
                     for c in data.series),
        prose=tuple(ProseTerm(t.words, tuple(known(i, t.line, "indicators")
                                             for i in t.indicators), t.unit)
                    for t in data.prose))
