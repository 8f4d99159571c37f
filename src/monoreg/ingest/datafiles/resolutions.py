"""Read an edition's resolutions.yaml: the editor's decision on each finding, next to the
figures it decides on. What can be checked without validating is checked here (the figure
exists, one decision per finding and figure, a correction says what is published); that a
finding of the rule exists is checked when the store is assessed (validate.assessment)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from monoreg.datafile_reader import data_path, display_path, load_yaml
from monoreg.ingest.datafiles.fields import Cell
from monoreg.ingest.datafiles.file_names import RESOLUTIONS
from monoreg.ingest.datafiles.schemas import ResolutionFile, ResolutionsFile
from monoreg.model import Catalog, Decision, Edition, FigureKey, Provenance, Resolution, item_title
from monoreg.model.content import ContentItem


def _figure_key(entry: ResolutionFile, cell: Cell, catalog: Catalog) -> FigureKey:
    place = cell.section(catalog, entry.place, "place")
    if entry.item is not None:
        if entry.indicator or entry.period or entry.base_period or entry.dimension:
            raise cell.error("une résolution nomme soit un chiffre (indicator, territory, "
                             "period), soit un élément de contenu (item), pas les deux", "item")
        return FigureKey(place, item=entry.item.strip())
    for name in ("indicator", "territory", "period"):
        if not getattr(entry, name):
            raise cell.error(f"champ « {name} » manquant : une résolution nomme le chiffre "
                             "par place, indicator, territory et period (ou un élément de "
                             "contenu par item)", name)
    assert entry.indicator and entry.territory and entry.period  # checked just above
    base = cell.period(entry.base_period, "base_period").code if entry.base_period else None
    return FigureKey(place, cell.indicator(catalog, entry.indicator),
                     cell.territory(catalog, entry.territory).code,
                     cell.period(entry.period).code, base,
                     dimension=entry.dimension.strip() if entry.dimension else None)


def _decision(entry: ResolutionFile, cell: Cell) -> Decision:
    try:
        decision = Decision(entry.decision)
    except ValueError:
        raise cell.error(f"décision « {entry.decision} » inconnue : corrected (corrigé), "
                         "accepted (publié avec réserve) ou withheld (non publié)",
                         "decision") from None
    published = (entry.value, entry.unit, entry.published_period, entry.text)
    if decision is Decision.CORRECTED and not any(published):
        raise cell.error("une résolution « corrected » donne ce qui est publié à la place de "
                         "l'imprimé : value, unit, published_period ou, pour un élément de "
                         "contenu, text", "value")
    if decision is not Decision.CORRECTED and any(published):
        raise cell.error(f"une résolution « {decision.value} » publie le chiffre tel "
                         "qu'imprimé ou ne le publie pas : value, unit, published_period et "
                         "text sont réservés à « corrected »", "value")
    return decision


EVOLUTION_UNITS = ("percent", "points")


def _unit(entry: ResolutionFile, figure: FigureKey, cell: Cell, catalog: Catalog
          ) -> str | None:
    if not entry.unit:
        return None
    if figure.is_evolution:
        if entry.unit not in EVOLUTION_UNITS:
            raise cell.error(f"unité « {entry.unit} » : une évolution s'exprime en percent "
                             "(%) ou en points", "unit")
        return entry.unit
    return cell.unit(catalog, entry.unit)


def _date(entry: ResolutionFile, cell: Cell) -> str:
    try:
        return date.fromisoformat(entry.date.strip()).isoformat()
    except ValueError:
        raise cell.error(f"date « {entry.date} » illisible : écrire AAAA-MM-JJ",
                         "date") from None


def _printed(edition: Edition) -> dict[FigureKey, str]:
    """What a resolution may name, with the text it quotes as printed."""
    # The text as extracted when it differs from the cell ('24 703 452 652'): what the
    # reader of the print saw.
    printed = {o.figure: o.raw or o.printed or "" for o in edition.observations}
    printed.update({c.figure: c.printed for c in edition.evolutions})
    return printed


def load_resolutions(folder: Path, root: Path, catalog: Catalog, edition: Edition
                     ) -> tuple[Resolution, ...]:
    """The resolutions of `edition` (read from `folder`), each quoting its figure as
    printed."""
    path = folder / RESOLUTIONS
    if not path.exists():
        return ()
    where = display_path(path)
    printed = _printed(edition)
    content: list[ContentItem] = [*edition.lists, *edition.contacts, *edition.texts,
                           *edition.directory, *(edition.guide.publics if edition.guide else ())]
    items = {item_title(i) for i in content}
    seen: dict[tuple[str, FigureKey], int | None] = {}
    result: list[Resolution] = []
    for entry in load_yaml(ResolutionsFile, path).resolutions:
        cell = Cell(where, entry.line)
        figure = _figure_key(entry, cell, catalog)
        if figure.item is not None:
            if figure.item not in items:
                raise cell.error(f"aucun élément de l'édition ne s'intitule « {figure.item} » "
                                 "(listes, contacts, textes, annuaire, guide)", "item")
        elif figure not in printed:
            kind = "evolutions.csv" if figure.is_evolution else "observations.csv"
            raise cell.error(f"aucun chiffre de {kind} n'a cette clé ({figure.label()}) : "
                             "la résolution doit nommer un chiffre imprimé de l'édition")
        if (entry.rule, figure) in seen:
            raise cell.error(f"deux résolutions pour le constat « {entry.rule} » sur le même "
                             f"chiffre (la première ligne {seen[(entry.rule, figure)]}) : "
                             "une seule décision par constat")
        seen[(entry.rule, figure)] = entry.line
        decision = _decision(entry, cell)
        unit = _unit(entry, figure, cell, catalog)
        result.append(Resolution(
            rule=entry.rule, figure=figure, decision=decision, note=entry.note.strip(),
            evidence=entry.evidence.strip(), author=entry.author.strip(),
            date=_date(entry, cell),
            value=cell.decimal(entry.value) if entry.value else None,
            period=cell.period(entry.published_period, "published_period").code
            if entry.published_period else None,
            unit=unit, text=entry.text, printed=printed.get(figure),
            provenance=Provenance(data_path(path, root), entry.line)))
    return tuple(result)
