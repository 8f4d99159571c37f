"""« Avertissements et corrections »: every editor's decision a reader must know, in one place.

For each figure an editor corrected, withheld or published with a caveat: the figure, its
printed form quoted as printed (« 30 70 000 », « -0.03% »), what was done, why and the
evidence; then the figures still in doubt, and the legend of statuses, generated from the one
definition (model/quality.py). The PDF, the HTML monograph and the portal's region page show
this section; note calls next to the figures lead to the same notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from monoreg.derive import figure_text as figures
from monoreg.model import (
    QUALITY_LEGEND,
    Catalog,
    Edition,
    EvolutionClaim,
    FigureKey,
    Observation,
    QualityStatus,
    Resolution,
    parse_period,
)
from monoreg.publish import document as doc
from monoreg.publish.findings import quoted

SECTION_ID = "avertissements-corrections"
TITLE = "Avertissements et corrections"
INTRO = ("Les chiffres de cette monographie sont publiés tels qu'imprimés, en typographie "
         "française. Ceux qu'une vérification a mis en doute sont listés ici avec le texte "
         "imprimé, ce que l'éditeur a décidé, pourquoi et sur quelle preuve ; un appel de note "
         "les signale à leur place dans le document.")
NOTHING = "Aucun chiffre de cette édition n'a été corrigé, retiré ou publié avec réserve."
LEGEND_TITLE = "Légende des statuts"
FLAGGED_TITLE = "Chiffres à vérifier"
RESOLVED_TITLE = "Décisions de l'éditeur"

Item = Observation | EvolutionClaim


def legend() -> doc.Facts:
    """The legend of statuses, from the one definition (labels, meaning, SDMX code)."""
    return doc.Facts(tuple(
        (entry.label, entry.description + (f" (SDMX\u00a0: {entry.sdmx})" if entry.sdmx
                                           else ""))
        for entry in QUALITY_LEGEND.values()), LEGEND_TITLE)


def _period_label(code: str) -> str:
    try:
        return parse_period(code).label()
    except ValueError:
        return code


def figure_label(key: FigureKey, catalog: Catalog) -> str:
    """'Population active — France, 2019 (Population et emploi)'."""
    sections = {s.id: s.title for s in catalog.sections}
    where = sections.get(key.place, key.place)
    item = getattr(key, "item", None)
    if item is not None:
        return f"«\u00a0{item}\u00a0» ({where})"
    indicator = catalog.indicators.get(key.indicator)
    name = indicator.label if indicator else key.indicator
    territory = figures.territory_name(key.territory, catalog)
    if key.base_period is not None:
        span = f"{_period_label(key.base_period)} → {_period_label(key.period)}"
        return f"Évolution de «\u00a0{name}\u00a0» — {territory}, {span} ({where})"
    return f"{name} — {territory}, {_period_label(key.period)} ({where})"


def _items(edition: Edition) -> dict[FigureKey, Item]:
    found: dict[FigureKey, Item] = {o.figure: o for o in edition.observations}
    found.update({c.figure: c for c in edition.evolutions})
    return found


def _shown(item: Item | None, catalog: Catalog) -> str | None:
    """The figure as the document now shows it."""
    if item is None:
        return None
    if isinstance(item, EvolutionClaim):
        return figures.evolution_text(item)
    return figures.text(item, catalog, scale_word=True)


def _what_was_done(status: QualityStatus, shown: str | None) -> str:
    label = QUALITY_LEGEND[status].label
    if status is QualityStatus.CORRECTED and shown:
        return f"{label}\u00a0: publié {shown}"
    if status is QualityStatus.ACCEPTED:
        return f"{label}\u00a0: publié tel qu'imprimé"
    return label


def _entry(key: FigureKey, resolutions: Sequence[Resolution], item: Item | None,
           catalog: Catalog) -> doc.Entry:
    printed = next((r.printed for r in resolutions if r.printed), None) or (
        item.printed if item is not None else None)
    # The figure's status sums up its decisions (withheld wins over corrected, over
    # accepted); each decision keeps its own note and evidence.
    status = item.quality.status if item is not None and \
        item.quality.status is not QualityStatus.OK else resolutions[0].status
    details: list[tuple[str, str]] = [("Imprimé", quoted(printed)),
                                      ("Décision", _what_was_done(status, _shown(item, catalog)))]
    notes = list(dict.fromkeys(r.note for r in resolutions if r.note))
    evidence = list(dict.fromkeys(r.evidence for r in resolutions if r.evidence))
    details += [("Pourquoi", note) for note in notes]
    details += [("Preuve", text) for text in evidence]
    rules = ", ".join(dict.fromkeys(r.rule for r in resolutions))
    who = "\u00a0; ".join(dict.fromkeys(f"{r.author}, {r.date}" for r in resolutions))
    details += [("Vérifications", rules), ("Décision prise par", who)]
    return doc.Entry(figure_label(key, catalog), None, tuple(details))


def _flagged(edition: Edition, catalog: Catalog, resolved: set[FigureKey]
             ) -> list[doc.Entry]:
    entries = []
    items: list[Item] = [*edition.observations, *edition.evolutions]
    for item in items:
        if item.quality.status is not QualityStatus.FLAGGED or item.figure in resolved:
            continue
        details = (("Imprimé", quoted(item.printed)),
                   ("Vérifications", ", ".join(item.quality.findings)))
        entries.append(doc.Entry(figure_label(item.figure, catalog), item.quality.note,
                                 details))
    return entries


def corrections_section(edition: Edition, catalog: Catalog,
                        extra: Iterable[doc.Block] = ()) -> doc.Section:
    """The section; `extra` adds blocks after the decisions (update notes of a release)."""
    by_figure: dict[FigureKey, list[Resolution]] = {}
    for resolution in getattr(edition, "resolutions", ()):
        by_figure.setdefault(resolution.figure, []).append(resolution)
    items = _items(edition)
    blocks: list[doc.Block] = [doc.Notice(INTRO)]
    if by_figure:
        blocks.append(doc.ItemList(RESOLVED_TITLE, tuple(
            _entry(key, found, items.get(key), catalog) for key, found in by_figure.items())))
    flagged = _flagged(edition, catalog, set(by_figure))
    if flagged:
        blocks.append(doc.ItemList(FLAGGED_TITLE, tuple(flagged)))
    more = tuple(extra)
    blocks.extend(more)
    if not by_figure and not flagged and not more:
        blocks.append(doc.Notice(NOTHING))
    blocks.append(legend())
    return doc.Section(SECTION_ID, TITLE, tuple(blocks))
