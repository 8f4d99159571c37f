"""The next step, said at the end of `validate`, `edition status` and `build`.

Each step is a short French sentence of what remains and, on its own line, the command that does
it (or the data file and line to edit). Commands another part of monoreg may not offer yet
(`edition fill`, `edition sheet`, `edition apply`) are only named when they are registered, so
a hint never points to a command that does not exist.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table

from monoreg.cli.common import app
from monoreg.cli.terminal import Prose
from monoreg.model.names import slugify

if TYPE_CHECKING:
    from monoreg.editions.status import EditionStatus
    from monoreg.publish.site import Report as BuildReport
    from monoreg.validate.report import Report

LISTED = 3  # files or rules named in one sentence before « … »


@dataclass(frozen=True)
class Step:
    text: str
    command: str | None = None


def print_next_steps(console: Console, steps: Sequence[Step]) -> None:
    if not steps:
        return
    console.print()
    console.print(Prose("À faire ensuite :", "bold"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for step in steps:
        text = Prose(step.text)
        grid.add_row("•", Group(text, Prose(step.command, "bold cyan")) if step.command
                     else text)
    console.print(Padding(grid, (0, 0, 0, 1)))


def has_command(*path: str) -> bool:
    """Whether `monoreg <path…>` is a registered command (`has_command("edition", "sheet")`)."""
    typer_app = app
    for group in path[:-1]:
        sub = next((g.typer_instance for g in typer_app.registered_groups if g.name == group),
                   None)
        if sub is None:
            return False
        typer_app = sub
    return any((c.name or (c.callback.__name__ if c.callback else "")) == path[-1]
               for c in typer_app.registered_commands)


def _listed(items: Iterable[str]) -> str:
    unique = list(dict.fromkeys(items))
    shown = ", ".join(unique[:LISTED])
    return shown + (", …" if len(unique) > LISTED else "")


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _sheet_steps(region: str, year: int, what: str) -> list[Step]:
    """The edition spreadsheet, where editors fill figures and record decisions."""
    if not (has_command("edition", "sheet") and has_command("edition", "apply")):
        return []
    sheet = f"{region}-{year}.xlsx"
    return [Step(f"Tableur de l'édition, {what} :",
                 f"monoreg edition sheet {region} {year} --out {sheet}"),
            Step("Puis relisez et chargez le tableur rempli :",
                 f"monoreg edition apply {sheet}")]


# A location as the model writes it: "editions/normandie/2020/observations.csv, line 14".
_LOCATION = re.compile(r"^(?P<file>.*?)(?:, (?:line|ligne) (?P<line>\d+))?$")


def _files(locations: Iterable[str | None]) -> str:
    """« observations.csv (lignes 12, 26), lists.yaml (ligne 3) » from locations."""
    lines: dict[str, list[str]] = {}
    for location in locations:
        match = _LOCATION.match(location or "")
        if match and match["file"]:
            lines.setdefault(match["file"], [])
            if match["line"] and match["line"] not in lines[match["file"]]:
                lines[match["file"]].append(match["line"])
    return _listed(f"{file} ({'ligne' if len(numbers) == 1 else 'lignes'} "
                   f"{_listed(numbers)})" if numbers else file
                   for file, numbers in lines.items())


def _resolutions(region: str, year: int) -> str:
    """The edition's resolution file, where an editor records a decision on a finding."""
    return f"editions/{region}/{year}/resolutions.yaml"


def validation_steps(report: Report) -> list[Step]:
    region, year = slugify(report.region_name), report.year
    errors = [e for e in report.entries if e.is_open_error]
    warnings = report.counts.warnings
    steps: list[Step] = []
    if errors:
        rules = Counter(e.finding.rule for e in errors)
        steps.append(Step(
            f"{_plural(len(errors), 'erreur', 'erreurs')} sans décision "
            f"({_listed(f'{n} {rule}' for rule, n in rules.most_common())}) : corrigez le "
            "chiffre, ou décidez de l'accepter, de le corriger ou de ne pas le publier."))
        sheet = _sheet_steps(region, year, "colonne « Décision »")
        steps.extend(sheet or [Step(
            f"Chiffres à corriger dans {_files(e.finding.location for e in errors)}, ou "
            f"décision à consigner dans {_resolutions(region, year)} ; puis rechargez :",
            "monoreg load")])
        steps.append(Step("Épreuve avec chaque constat à côté de son chiffre :",
                          f"monoreg build {region} --edition {year} --proof"))
    else:
        steps.append(Step("Aucune erreur sans décision : l'édition peut être publiée.",
                          f"monoreg build {region} --edition {year}"))
    if warnings:
        steps.append(Step(f"{_plural(warnings, 'avertissement', 'avertissements')} à relire ; "
                          "ils n'empêchent pas la publication."))
    return steps


def status_steps(result: EditionStatus, region_name: str) -> list[Step]:
    region, year = slugify(region_name), result.year
    steps: list[Step] = []
    to_fill = len(result.to_update)
    if to_fill:
        steps.append(Step(f"{_plural(to_fill, 'chiffre', 'chiffres')} à compléter."))
        if has_command("edition", "fill"):
            steps.append(Step("D'abord ceux que les séries officielles chargées connaissent :",
                              f"monoreg edition fill {region} {year}"))
        steps.extend(_sheet_steps(region, year, "une ligne par chiffre, colonne « Valeur »")
                     or [Step("Valeurs à saisir dans "
                              f"{_files(item.location for item in result.to_update)} ; "
                              "puis rechargez :", "monoreg load")])
    if result.misaligned:
        steps.append(Step(
            f"{_plural(len(result.misaligned), 'chiffre', 'chiffres')} d'une autre période que "
            "le chiffre national voisin : alignez les périodes dans "
            f"{_files(m.location for m in result.misaligned)}."))
    stale = (*result.stale_contacts, *result.stale_content)
    if stale:
        steps.append(Step(
            f"{_plural(len(stale), 'élément repris', 'éléments repris')} à revérifier "
            "(contacts, listes, textes), puis à dater du jour dans "
            f"{_files(item.location for item in stale)}."))
    if result.validation_errors:
        steps.append(Step(
            f"{_plural(len(result.validation_errors), 'erreur', 'erreurs')} de validation sans "
            "décision : le détail et quoi faire,", f"monoreg validate {region} --edition {year}"))
    if not steps:
        steps.append(Step("Rien ne reste à compléter ni à vérifier : relisez l'épreuve, puis "
                          "publiez.", f"monoreg build {region} --edition {year} --proof"))
    return steps


def build_steps(report: BuildReport, out_dir: Path, *, proof: bool, public: str,
                served: bool) -> list[Step]:
    """After a build; `public` is the same build without --proof, `served` whether
    `monoreg serve` shows `out_dir`."""
    steps: list[Step] = []
    for refused in report.refused:
        region = slugify(refused.region_name)
        steps.append(Step(
            f"{refused.region_name} {refused.year} refusée : "
            f"{_plural(len(refused.errors), 'erreur', 'erreurs')} sans décision, à corriger ou "
            f"à décider dans {_resolutions(region, refused.year)} ; le détail :",
            f"monoreg validate {region} --edition {refused.year}"))
        steps.append(Step("En attendant, une épreuve avec les constats à côté des chiffres :",
                          f"monoreg build {region} --edition {refused.year} --proof"))
    pending = [r for r in report.results if r.findings.get("error", 0)]
    for r in pending if proof else []:
        steps.append(Step(
            f"{r.region_name} {r.year} : {_plural(r.findings['error'], 'erreur', 'erreurs')} "
            "de validation dans l'épreuve, à décider avant la publication :",
            f"monoreg validate {r.slug} --edition {r.year}"))
    if proof and report.results and not pending:
        steps.append(Step("Épreuve sans erreur : publiez la version publique.", public))
    if report.results:
        where = f"Pages écrites : {out_dir / 'index.html'}"
        steps.append(Step(f"{where} ; ou le portail :", "monoreg serve") if served
                     else Step(f"{where}."))
    return steps
