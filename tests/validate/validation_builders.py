"""SYNTHETIC editions for the validation tests, built in code. No figure here is real.

The code lists (regions, perimeters, units, sections) are the project's real reference
files; the indicators, the relations between them and every edition are invented. Figures
are written as a document prints them: their value is read from the printed text, as the
data-file loader does.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from monoreg.metadata.reference import load_sections, load_territories, load_units
from monoreg.model import (
    Balance,
    Bound,
    Catalog,
    Checks,
    Contact,
    ContactGroup,
    DirectoryEntry,
    Edition,
    Evolution,
    EvolutionClaim,
    Finding,
    GlossaryEntry,
    Guide,
    GuidePublic,
    Indicator,
    IndicatorKind,
    ListCount,
    ListItem,
    ListKind,
    NetworkLink,
    Observation,
    Phone,
    Polarity,
    Provenance,
    Source,
    Status,
    Text,
    TextType,
    parse_period,
)
from monoreg.model.printed import read_printed
from monoreg.validate import ValidationSettings, validate_edition

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
FOLDER = "editions/normandie/2030"
_lines = itertools.count(2)


def _indicator(id: str, unit: str, kind: IndicatorKind, decimals: int, section: str, *,
               additive: bool = True, part_of: str | None = None) -> Indicator:
    evolution = Evolution.POINTS if kind is IndicatorKind.RATE else Evolution.RELATIVE
    return Indicator(id=id, label=f"{id} (SYNTHÉTIQUE)", unit=unit, kind=kind,
                     evolution=evolution, polarity=Polarity.NEUTRAL, decimals=decimals,
                     definition="Indicateur synthétique de test.", source="synth",
                     section=section, additive=additive and kind is not IndicatorKind.RATE,
                     part_of=part_of)


STOCK, AMOUNT, RATE = IndicatorKind.STOCK, IndicatorKind.AMOUNT, IndicatorKind.RATE
INDICATORS = {i.id: i for i in (
    _indicator("population", "persons", STOCK, 0, "population-emploi"),
    _indicator("actifs", "persons", STOCK, 0, "population-emploi"),
    _indicator("demandeurs", "persons", STOCK, 0, "population-emploi"),
    _indicator("demandeurs_jeunes", "persons", STOCK, 0, "population-emploi",
               part_of="demandeurs"),
    _indicator("demandeurs_autres", "persons", STOCK, 0, "population-emploi",
               part_of="demandeurs"),
    _indicator("emplois", "thousands", STOCK, 1, "secteurs-activite"),
    _indicator("taux", "percent", RATE, 1, "population-emploi"),
    _indicator("part_secteur_a", "percent", RATE, 1, "secteurs-activite"),
    _indicator("part_secteur_b", "percent", RATE, 1, "secteurs-activite"),
    _indicator("organismes", "count", STOCK, 0, "organismes-formation"),
    _indicator("poles", "count", STOCK, 0, "poles-competitivite"),
    _indicator("depenses", "meur", AMOUNT, 1, "budgets-consolides"),
    _indicator("depenses_fonct", "meur", AMOUNT, 1, "budgets-consolides",
               part_of="depenses"),
    _indicator("depenses_invest", "meur", AMOUNT, 1, "budgets-consolides",
               part_of="depenses"),
    _indicator("recettes_bp", "eur", AMOUNT, 2, "budget-primitif"),
    _indicator("depenses_bp", "eur", AMOUNT, 2, "budget-primitif"),
)}
CHECKS = Checks(population="population", complete=("demandeurs", "depenses"),
                bounds=(Bound("demandeurs", "actifs"),),
                balances=(Balance("recettes_bp", "depenses_bp"),),
                list_counts=(ListCount("poles", ListKind.CLUSTER.value),))
CATALOG = Catalog(load_territories(REFERENCE), load_units(REFERENCE),
                  load_sections(REFERENCE), INDICATORS,
                  {"synth": Source("synth", "Producteur synthétique")}, CHECKS)


def where(name: str = "observations.csv") -> Provenance:
    return Provenance(f"{FOLDER}/{name}", next(_lines))


def accept(*pairs: str) -> tuple[tuple[str, str], ...]:
    return tuple((rule, f"justification synthétique pour {rule}") for rule in pairs)


def fig(place: str, indicator: str, territory: str, period: str, printed: str, *,
        unit: str | None = None, printed_period: str | None = "", raw: str | None = None,
        perimeter: str | None = None, source: str | None = "synth",
        accepted: tuple[tuple[str, str], ...] = ()) -> Observation:
    """A printed figure; its printed period defaults to 'en <period label>'."""
    read = read_printed(printed)
    parsed = parse_period(period)
    return Observation(
        indicator=indicator, territory=territory, period=parsed, value=read.value,
        unit=unit or INDICATORS[indicator].unit, status=read.status, source=source,
        printed=printed, place=place, provenance=where(), raw=raw, perimeter=perimeter,
        printed_period=parsed.phrase() if printed_period == "" else printed_period,
        accepted=accepted)


def evo(place: str, indicator: str, base: str, period: str, printed: str, *,
        territory: str = "28", accepted: tuple[tuple[str, str], ...] = ()) -> EvolutionClaim:
    """A printed evolution, its unit read from the printed symbol ('%', 'pt')."""
    read = read_printed(printed) if printed not in ("", "-") else None
    return EvolutionClaim(
        indicator=indicator, territory=territory, base_period=parse_period(base),
        period=parse_period(period), printed=printed,
        value=read.value if read is not None else None,
        unit=read.unit if read is not None else None, place=place,
        provenance=where("evolutions.csv"), accepted=accepted)


def edition(*observations: Observation, evolutions: tuple[EvolutionClaim, ...] = (),
            **content: object) -> Edition:
    """A SYNTHETIC Normandie edition published in May 2030, data cut off in December 2029."""
    return Edition(region="28", year=2030, published=parse_period("mai 2030"),
                   cutoff=parse_period("décembre 2029"),
                   title="Monographie SYNTHÉTIQUE", publisher="Tests monoreg",
                   observations=observations, evolutions=evolutions, synthetic=True,
                   **content)  # type: ignore[arg-type]


def run(ed: Edition, *rules: str, settings: ValidationSettings | None = None,
        catalog: Catalog = CATALOG) -> list[Finding]:
    kwargs = {"settings": settings} if settings is not None else {}
    return validate_edition(ed, catalog, only=rules or None, **kwargs)


def missing(place: str, indicator: str, territory: str, period: str) -> Observation:
    """A figure printed « Non renseigné »."""
    o = fig(place, indicator, territory, period, "Non renseigné", printed_period=None)
    assert o.status is Status.MISSING
    return o


# -- a clean edition: every kind of item, nothing to report ------------------------------
def contact(**fields: object) -> Contact:
    base = {"group": ContactGroup.REGIONAL_COUNCIL, "organisation": "Conseil régional "
            "(synthétique)", "role": "Président", "person": "Jean TEST",
            "phone": "02 31 06 98 32", "provenance": where("contacts.yaml"),
            "source": "synth"}
    return Contact(**{**base, **fields})  # type: ignore[arg-type]


def directory_entry(**fields: object) -> DirectoryEntry:
    base = {"territory": "28", "territory_label": "Normandie",
            "organisation": "Carif-Oref synthétique",
            "phones": (Phone("02 31 95 52 00", "Site de test"),),
            "emails": ("contact@exemple-synthetique.fr",),
            "websites": ("www.exemple-synthetique.fr",),
            "provenance": where("directory.yaml")}
    return DirectoryEntry(**{**base, **fields})  # type: ignore[arg-type]


def guide(structures: tuple[str, ...] = ("CIO", "ML", "Pôle emploi", "Apec"),
          glossary: tuple[str, ...] = ("CIO", "ML", "APEC")) -> Guide:
    return Guide("Guide synthétique", parse_period("septembre 2029"),
                 (GuidePublic("jeunes", "Jeunes", "Jeunes", structures,
                              provenance=where("guide.yaml")),),
                 tuple(GlossaryEntry(a, f"Définition synthétique de {a}",
                                     where("guide.yaml")) for a in glossary),
                 (NetworkLink("Réseau synthétique", "www.reseau-synthetique.fr",
                              where("guide.yaml")),))


def clean_edition() -> Edition:
    """Every rule family has something to check here, and nothing is wrong."""
    pe, cc = "population-emploi", "chiffres-cles"
    return edition(
        fig(cc, "population", "28", "2029", "1 000 000"),
        fig(cc, "demandeurs", "28", "2029-07", "50 000"),
        fig(pe, "population", "28", "2028", "990 000"),
        fig(pe, "population", "28", "2029", "1 000 000"),
        fig(pe, "population", "FR", "2029", "20 000 000"),
        fig(pe, "actifs", "28", "2029", "450 000"),
        fig(pe, "actifs", "FR", "2029", "9 000 000"),
        fig(pe, "demandeurs", "28", "2028-07", "52 000"),
        fig(pe, "demandeurs", "28", "2029-07", "50 000"),
        fig(pe, "demandeurs", "FR", "2029-07", "1 000 000"),
        fig(pe, "demandeurs_jeunes", "28", "2029-07", "10 000"),
        fig(pe, "demandeurs_autres", "28", "2029-07", "40 000"),
        fig(pe, "taux", "28", "2028-T2", "8,0 %"),
        fig(pe, "taux", "28", "2029-T2", "7,5 %"),
        fig(pe, "taux", "FR-HM", "2029-T2", "8,1 %"),
        fig("budgets-consolides", "depenses", "28", "2029", "1 608,2"),
        fig("budgets-consolides", "depenses_fonct", "28", "2029", "1 124,3"),
        fig("budgets-consolides", "depenses_invest", "28", "2029", "483,9"),
        fig("budget-primitif", "recettes_bp", "28", "2029", "2 538 026 108,00"),
        fig("budget-primitif", "depenses_bp", "28", "2029", "2 538 026 108,00"),
        fig("poles-competitivite", "poles", "28", "2029", "2"),
        evolutions=(evo(pe, "population", "2028", "2029", "+1,01 %"),
                    evo(pe, "demandeurs", "2028-07", "2029-07", "-3,85 %"),
                    evo(pe, "taux", "2028-T2", "2029-T2", "-0,5 pt")),
        sources=(Source("synth-local", "Producteur synthétique"),),
        lists=(ListItem(ListKind.CLUSTER, "Pôle synthétique A", source="synth",
                        provenance=where("lists.yaml")),
               ListItem(ListKind.CLUSTER, "Pôle synthétique B", source="synth",
                        provenance=where("lists.yaml"))),
        contacts=(contact(),),
        texts=(Text(TextType.PRIC, "Pacte synthétique", "Un texte synthétique.", "pric",
                    source="Source : tests", provenance=where("texts.yaml")),),
        directory=(directory_entry(),),
        guide=guide())

