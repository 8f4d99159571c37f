"""Edition → Monograph: the document tree both writers print.

Sections come from the catalogue, in print order; what each holds comes from layout.yaml.
Every figure is formatted here, once, as printed (derive/figure_text.py); a printed evolution
is shown as printed, and one monoreg computes only where the document prints none (said so);
findings become numbered notes next to their figure (all of them in proof mode, only
accepted ones in the public version).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from monoreg import formatting as fr
from monoreg.derive import figure_text as figures
from monoreg.derive.key_figures import COMPUTED
from monoreg.derive.tables import IndicatorRow, indicator_rows
from monoreg.model import (
    Catalog,
    Edition,
    Finding,
    MatterPlace,
    Observation,
    Section,
    Text,
)
from monoreg.model.names import fold
from monoreg.model.text_body import parse_body
from monoreg.publish import document as doc
from monoreg.publish.charts import build_chart
from monoreg.publish.corrections import corrections_section
from monoreg.publish.findings import FindingIndex, Notes
from monoreg.publish.layout import (
    ChartBlock,
    ContactsBlock,
    DirectoryBlock,
    FactsBlock,
    GridTableBlock,
    GuideBlock,
    IndicatorTableBlock,
    KeyFiguresBlock,
    Layout,
    ListsBlock,
    PeriodTableBlock,
    SummaryBlock,
    TextsBlock,
    load_layout,
)
from monoreg.publish.region_map import region_map_svg
from monoreg.publish.release import updates_block
from monoreg.publish.renamed import renamings
from monoreg.publish.sentences import summary as sentences_of
from monoreg.publish.sources import source_line, source_text

EMPTY_SECTION = "Aucune donnée pour cette section dans cette édition."
NO_FIGURE = "–"
SYNTHETIC_MARK = "SYNTHÉTIQUE"


def cutoff_notice(edition: Edition) -> str:
    return ("La collecte des données chiffrées contenues dans ce document est arrêtée "
            f"{edition.cutoff.phrase()}.")


@dataclass
class _Context:
    edition: Edition
    catalog: Catalog
    findings: FindingIndex
    mode: doc.Mode
    layout: Layout
    region_name: str
    placed_facts: set[str] = field(default_factory=set)

    @property
    def proof(self) -> bool:
        return self.mode is doc.Mode.PROOF

    def notes(self) -> Notes:
        return Notes(self.mode)

    def cell(self, o: Observation | None, notes: Notes, *, detail: bool = True,
             scale_word: bool = False) -> doc.Cell:
        """A figure's cell; `detail=False` where the row or caption already says the period,
        `scale_word` where no shared caption gives its unit."""
        if o is None:
            return doc.Cell(NO_FIGURE)
        printed = f"imprimé\u00a0: {o.printed}" if self.proof and o.printed else None
        return doc.Cell(figures.text(o, self.catalog, scale_word=scale_word),
                        figures.detail(o, self.catalog, self.edition.region) if detail else None,
                        proof=printed, marks=notes.mark_figure(o, self.findings.about(o)),
                        figure=figure_ref(o))


def figure_ref(o: Observation) -> doc.FigureRef:
    key = "|".join((o.place, o.indicator, o.territory, o.period.code, o.dimension or ""))
    return doc.FigureRef(key, o.published_unit, o.quality.status.value)


@dataclass
class _SectionBuilder:
    ctx: _Context
    section: Section
    consumed: set[str]   # indicators a period or grid table of the section prints

    @property
    def observations(self) -> list[Observation]:
        return [o for o in self.ctx.edition.observations if o.place == self.section.id]

    def rows(self) -> list[IndicatorRow]:
        return [r for r in indicator_rows(self.ctx.edition, self.ctx.catalog, self.section.id,
                                          published=True)
                if r.indicator.id not in self.consumed]

    # -- blocks -------------------------------------------------------------------------
    def key_figures(self, spec: KeyFiguresBlock) -> doc.KeyFigures | None:
        ctx, notes = self.ctx, self.ctx.notes()
        by_indicator: dict[str, list[Observation]] = {}
        for o in self.observations:
            by_indicator.setdefault(o.indicator, []).append(o)
        cards = []
        for indicator_id, found in by_indicator.items():
            indicator = ctx.catalog.indicators[indicator_id]
            by_territory: dict[str, list[Observation]] = {}
            for o in sorted(found, key=lambda o: (o.territory != ctx.edition.region,
                                                  o.period.sort_key())):
                by_territory.setdefault(o.territory, []).append(o)
            caption, scale_word = figures.shared_caption(indicator, found, ctx.catalog)
            cards.append(doc.Card(
                title=indicator.short_label or indicator.label,
                figures=tuple(doc.CardFigure(
                    figures.territory_name(territory, ctx.catalog),
                    tuple(doc.CardValue(figures.text(o, ctx.catalog, scale_word=scale_word),
                                        figures.period_text(o),
                                        notes.mark_figure(o, ctx.findings.about(o)),
                                        figure_ref(o))
                          for o in values))
                    for territory, values in by_territory.items()),
                unit=caption))
        if not cards:
            return None
        return doc.KeyFigures(tuple(cards), source_line(self.observations, ctx.edition,
                                                        ctx.catalog), notes.done())

    def summary(self, spec: SummaryBlock) -> doc.Summary | None:
        sentences = sentences_of(self.rows(), self.ctx.catalog, self.ctx.findings)
        return doc.Summary(sentences) if sentences else None

    def indicator_table(self, spec: IndicatorTableBlock) -> doc.Table | None:
        ctx, rows, notes = self.ctx, self.rows(), self.ctx.notes()
        if not rows:
            return None
        with_base = any(r.base for r in rows)
        with_national = any(r.national for r in rows)
        region = ctx.region_name
        columns = ["Indicateur"]
        if with_base:
            columns += [f"{region}, année N-1", f"{region}, année N", "Évolution"]
        else:
            columns.append(region)
        if with_national:
            columns.append("National")
        table_rows = []
        for r in rows:
            caption, mixed = figures.shared_caption(r.indicator, (r.base, r.current, r.national),
                                                    ctx.catalog)
            cells = []
            if with_base:
                cells += [ctx.cell(r.base, notes, scale_word=mixed),
                          ctx.cell(r.current, notes, scale_word=mixed),
                          self._evolution(r, notes)]
            else:
                cells.append(ctx.cell(r.current, notes, scale_word=mixed))
            if with_national:
                cells.append(ctx.cell(r.national, notes, scale_word=mixed))
            label = f"{r.label} ({caption})" if caption else r.label
            table_rows.append(doc.Row(label, tuple(cells)))
        used = [o for r in rows for o in (r.base, r.current, r.national) if o is not None]
        return doc.Table(self.section.title, tuple(columns), tuple(table_rows),
                         source_line(used, ctx.edition, ctx.catalog), notes=notes.done())

    def _evolution(self, r: IndicatorRow, notes: Notes) -> doc.Cell:
        ctx = self.ctx
        marks = notes.mark_figure(r.claim, ctx.findings.about(r.claim)) if r.claim else ()
        proof = f"imprimé\u00a0: {r.claim.printed}" if ctx.proof and r.claim else None
        span = (f"{r.base.period.label()} → {r.current.period.label()}"
                if r.base and r.current else None)
        if r.claim is not None:
            # The evolution as printed: a recomputed one never stands in for it, and an
            # empty print ('%', '-') stays empty.
            printed = figures.evolution_text(r.claim)
            return doc.Cell(printed or NO_FIGURE, span if printed else None, proof=proof,
                            marks=marks)
        if r.change is None:
            return doc.Cell(NO_FIGURE, proof=proof, marks=marks)
        # Nothing printed: the evolution monoreg computes, said as such.
        return doc.Cell(fr.table_evolution(r.change.value, r.change.mode, r.indicator.decimals),
                        f"{COMPUTED}, {span}" if span else COMPUTED, proof=proof, marks=marks)

    def period_table(self, spec: PeriodTableBlock) -> doc.Table | None:
        ctx, notes = self.ctx, self.ctx.notes()
        columns = [c for g in spec.groups for c in g.columns]
        wanted = {c.indicator for c in columns}
        found = {(o.indicator, o.period): o for o in self.observations
                 if o.indicator in wanted and o.territory == ctx.edition.region}
        periods = sorted({period for _, period in found})
        if not periods:
            return None
        rows = tuple(doc.Row(p.label(), tuple(
            ctx.cell(found.get((c.indicator, p)), notes, detail=False) for c in columns))
            for p in periods)
        return doc.Table(spec.caption, ("Année", *(c.label for c in columns)), rows,
                         source_line(found.values(), ctx.edition, ctx.catalog),
                         groups=(doc.HeaderGroup("", 1),
                                 *(doc.HeaderGroup(g.label, len(g.columns))
                                   for g in spec.groups)),
                         notes=notes.done())

    def grid_table(self, spec: GridTableBlock) -> doc.Table | None:
        ctx, notes = self.ctx, self.ctx.notes()
        latest: dict[str, Observation] = {}
        for o in sorted(self.observations, key=lambda o: o.period.sort_key()):
            if o.territory == ctx.edition.region:
                latest[o.indicator] = o
        used = [latest[i] for row in spec.rows for i in row.indicators if i in latest]
        if not used:
            return None
        rows = tuple(doc.Row(row.label, tuple(ctx.cell(latest.get(i), notes, detail=False)
                                              for i in row.indicators)) for row in spec.rows)
        periods = ", ".join(dict.fromkeys(o.period.label() for o in used))
        return doc.Table(f"{spec.caption}, {periods}", ("", *spec.columns), rows,
                         source_line(used, ctx.edition, ctx.catalog), notes=notes.done())

    def texts(self, spec: TextsBlock) -> list[doc.TextBlock]:
        return [self._text(t) for t in self.ctx.edition.texts if t.section == self.section.id]

    def _text(self, text: Text) -> doc.TextBlock:
        ctx = self.ctx
        title = None if fold(text.title) == fold(self.section.title) else text.title
        return doc.TextBlock(title, paragraphs(text.body),
                             meta=text.date.label() if text.date else None,
                             source=source_text(text.source, ctx.edition, ctx.catalog))

    def lists(self, spec: ListsBlock) -> list[doc.Block]:
        ctx = self.ctx
        blocks: list[doc.Block] = []
        for ref in spec.lists:
            items = [i for i in ctx.edition.lists if i.kind is ref.kind]
            if not items:
                continue
            sources = dict.fromkeys(i.source for i in items if i.source)
            source = "\u00a0; ".join(s for ref_ in sources
                                     if (s := source_text(ref_, ctx.edition, ctx.catalog)))
            blocks.append(doc.ItemList(ref.title, tuple(
                doc.Entry(i.title, i.body, i.details) for i in items), source or None))
        if spec.side_by_side and len(blocks) > 1:
            return [doc.Columns(tuple(b for b in blocks if isinstance(b, doc.ItemList)))]
        return blocks

    def contacts(self, spec: ContactsBlock) -> list[doc.Block]:
        ctx = self.ctx
        found = [c for c in ctx.edition.contacts if c.group is spec.group and not c.is_blank]
        if not found:
            return []
        cards = []
        for c in found:
            lines = [(c.role or "Contact", c.person or NO_FIGURE)]
            lines += [(label, value) for label, value in (
                ("Téléphone", unbroken(c.phone) if c.phone else None), ("Courriel", c.email),
                ("Site internet", c.website)) if value]
            cards.append(doc.ContactCard(c.organisation, tuple(lines), heading=c.unit))
        sources = dict.fromkeys(c.source for c in found if c.source)
        reference = next(iter(sources), None) or ctx.edition.source_for_place(self.section.id)
        block = doc.Contacts(tuple(cards), source_text(reference, ctx.edition, ctx.catalog))
        notes = renamings(text for c in found for text in (c.organisation, c.role, c.unit))
        return [block, *(doc.Notice(note) for note in notes)]

    def facts(self, spec: FactsBlock) -> doc.Facts | None:
        ctx = self.ctx
        if spec.facts is None:
            items = [(k, v) for k, v in ctx.edition.facts if fold(k) not in ctx.placed_facts]
        else:
            wanted = {fold(label) for label in spec.facts}
            items = [(k, v) for k, v in ctx.edition.facts if fold(k) in wanted]
        return doc.Facts(tuple(items), spec.title) if items else None

    def directory(self, spec: DirectoryBlock) -> list[doc.Block]:
        ctx = self.ctx
        edition = ctx.edition
        if not edition.directory:
            return []
        rows = []
        for e in edition.directory:
            phones = "\n".join(f"{unbroken(p.number)} ({p.label})" if p.label
                               else unbroken(p.number) for p in e.phones)
            # The print marks each address with an icon; its legend's words label them here.
            addresses = "\n".join(f"{label}\u00a0: {address}" for label, found in (
                ("Courriel", e.emails), ("Site internet", e.websites),
                ("Site grand public", e.public_websites)) for address in found)
            cells = (e.organisation, phones, addresses)
            rows.append(doc.Row(e.territory_label,
                                tuple(doc.Cell(c or NO_FIGURE, numeric=False) for c in cells)))
        caption = edition.directory_title or "Les Carif-Oref des régions"
        if edition.directory_published:
            caption += f", à jour en {edition.directory_published.label()}"
        table = doc.Table(caption, (
            "Région", "Organisme", "Téléphone", "Adresses électroniques et sites"), tuple(rows),
            source_text(edition.source_for_place(self.section.id), edition, ctx.catalog))
        return [table, *self._matter(MatterPlace.DIRECTORY)]

    def _matter(self, place: MatterPlace) -> list[doc.Block]:
        """The print's blocks of this place (legend, credits, introduction), as printed."""
        return matter_blocks(self.ctx.edition, place)

    def guide(self, spec: GuideBlock) -> list[doc.Block]:
        guide = self.ctx.edition.guide
        if guide is None:
            return []
        caption = guide.title + (f", {guide.published.label()}" if guide.published else "")
        matter = self._matter(MatterPlace.GUIDE)  # its introduction first, its contact last
        blocks: list[doc.Block] = [b for b in matter if isinstance(b, doc.TextBlock)]
        if guide.note and self.ctx.proof:  # the editors' note on how the guide was entered
            blocks.append(doc.Notice(guide.note))
        blocks.append(doc.Table(caption, ("Public", "Attente", "Structures"), tuple(
            doc.Row(f"{p.group} – {p.label}", (doc.Cell(p.need or NO_FIGURE, numeric=False),
                                               doc.Cell(", ".join(p.structures),
                                                        numeric=False)))
            for p in guide.publics), None))
        if guide.glossary:
            blocks.append(doc.Facts(tuple((g.acronym, g.definition) for g in guide.glossary),
                                    "Légende"))
        if guide.networks:
            blocks.append(doc.ItemList("Où trouver les antennes territoriales des principaux "
                                       "réseaux ?", tuple(doc.Entry(n.network, n.url)
                                                          for n in guide.networks)))
        printed = [s for p in guide.publics for s in p.structures]
        notes = [doc.Notice(n) for n in renamings([*printed, *(n.network for n in guide.networks)])]
        return blocks + notes + [b for b in matter if not isinstance(b, doc.TextBlock)]

    def chart(self, spec: ChartBlock) -> doc.Chart | None:
        ctx = self.ctx
        return build_chart(spec.chart, ctx.layout.charts[spec.chart], ctx.edition, ctx.catalog,
                           ctx.findings)

    # -- the section --------------------------------------------------------------------
    def build(self) -> doc.Section:
        blocks: list[doc.Block] = []
        for spec in self.ctx.layout.blocks(self.section.id):
            result = _DISPATCH[type(spec)](self, spec)
            if isinstance(result, list):
                blocks.extend(result)
            elif result is not None:
                blocks.append(result)
        if not blocks:
            blocks.append(doc.Notice(EMPTY_SECTION))
        notes = self.ctx.notes()
        notes.mark(self.ctx.findings.unclaimed(self.section.id))
        return doc.Section(self.section.id, self.section.title, tuple(blocks), notes.done())


_DISPATCH: dict[type, Callable[[_SectionBuilder, Any], Any]] = {
    KeyFiguresBlock: _SectionBuilder.key_figures,
    SummaryBlock: _SectionBuilder.summary,
    IndicatorTableBlock: _SectionBuilder.indicator_table,
    PeriodTableBlock: _SectionBuilder.period_table,
    GridTableBlock: _SectionBuilder.grid_table,
    TextsBlock: _SectionBuilder.texts,
    ListsBlock: _SectionBuilder.lists,
    ContactsBlock: _SectionBuilder.contacts,
    FactsBlock: _SectionBuilder.facts,
    DirectoryBlock: _SectionBuilder.directory,
    GuideBlock: _SectionBuilder.guide,
    ChartBlock: _SectionBuilder.chart,
}


def unbroken(phone: str) -> str:
    """A phone number that never breaks across lines: its spaces made no-break."""
    return phone.replace(" ", fr.NBSP)


def matter_blocks(edition: Edition, place: MatterPlace) -> list[doc.Block]:
    """The edition's printed matter of one place as text blocks and labelled lines."""
    blocks: list[doc.Block] = []
    for m in edition.matter:
        if m.place is not place:
            continue
        if m.body:
            blocks.append(doc.TextBlock(m.title, paragraphs(m.body)))
        if m.items:
            blocks.append(doc.Facts(m.items, None if m.body else m.title))
    return blocks


def paragraphs(body: str) -> tuple[doc.Paragraph | doc.Bullets, ...]:
    """A text body as the document's paragraphs and bullet lists (model.text_body reads it)."""
    return parse_body(body)


def _consumed(layout: Layout, section: str) -> set[str]:
    consumed: set[str] = set()
    for spec in layout.blocks(section):
        if isinstance(spec, PeriodTableBlock):
            consumed |= {c.indicator for g in spec.groups for c in g.columns}
        elif isinstance(spec, GridTableBlock):
            consumed |= {i for row in spec.rows for i in row.indicators}
    return consumed


def _placed_facts(layout: Layout) -> set[str]:
    return {fold(label) for blocks in layout.sections.values() for spec in blocks
            if isinstance(spec, FactsBlock) and spec.facts for label in spec.facts}


def _counts(findings: Sequence[Finding]) -> dict[str, int]:
    counts = Counter("accepted" if f.resolved else f.severity.value for f in findings)
    return dict(counts)


def build_monograph(edition: Edition, catalog: Catalog, findings: Sequence[Finding],
                    mode: doc.Mode = doc.Mode.PUBLIC, layout: Layout | None = None
                    ) -> doc.Monograph:
    layout = layout or load_layout()
    region = catalog.territories.get(edition.region)
    ctx = _Context(edition, catalog, FindingIndex(findings, edition), mode, layout,
                   region.name, _placed_facts(layout))
    sections = [_SectionBuilder(ctx, s, _consumed(layout, s.id)).build()
                for s in catalog.sections]
    updates = updates_block(edition.updates, catalog)
    sections.append(corrections_section(edition, catalog, (updates,) if updates else ()))
    if mode is doc.Mode.PROOF:
        known = {s.id for s in catalog.sections}
        orphans = [f for f in findings if f.section not in known]
        if orphans:
            notes = ctx.notes()
            notes.mark(orphans)
            sections.append(doc.Section("constats", "Constats sans section", (
                doc.Notice("Constats de la validation qui ne désignent aucune section."),),
                notes.done()))
    title = edition.title
    sections = _numbered(sections)
    if edition.synthetic and SYNTHETIC_MARK not in title.upper():
        title = f"{title} ({SYNTHETIC_MARK})"
    return doc.Monograph(
        title=title, region=region.name, region_slug=region.slug, year=edition.year,
        published=edition.published.label(), publisher=edition.publisher,
        cutoff_notice=cutoff_notice(edition), synthetic=edition.synthetic, mode=mode,
        sections=tuple(sections), finding_counts=_counts(findings),
        end=end_matter(edition), cover_map=region_map_svg(region.code, region.name))


def _numbered(sections: list[doc.Section]) -> list[doc.Section]:
    """Tables and figures numbered in print order ('Tableau 3', 'Figure 2')."""
    counts = {doc.Table: 0, doc.Chart: 0}

    def number(block: doc.Block) -> doc.Block:
        if isinstance(block, doc.Table | doc.Chart):
            counts[type(block)] += 1
            return dataclasses.replace(block, number=counts[type(block)])
        return block

    return [dataclasses.replace(s, blocks=tuple(number(b) for b in s.blocks)) for s in sections]


def end_matter(edition: Edition) -> doc.EndMatter:
    """The publisher's pages, the colophon and the back cover, from the print's matter."""
    publisher = edition.publisher
    lines: list[tuple[str, str]] = [("Titre", edition.title), ("Éditeur", publisher)]
    for m in edition.matter:
        if m.place is MatterPlace.COLOPHON:
            if m.title:
                lines[-1] = ("Éditeur", f"{publisher} – {m.title}")
            lines += list(m.items)
    lines += [("Publication", edition.published.label()),
              ("Données", f"collecte arrêtée {edition.cutoff.phrase()}"),
              ("Composition", "monoreg, à partir des données de l’édition ; chaque chiffre "
                              "porte sa source, sous le tableau qui l’imprime")]
    back = [part for m in edition.matter if m.place is MatterPlace.BACK_COVER
            for part in paragraphs(m.body)]
    return doc.EndMatter(tuple(matter_blocks(edition, MatterPlace.PUBLISHER)), tuple(lines),
                         f"© {publisher} – {edition.published.label()}", tuple(back))
