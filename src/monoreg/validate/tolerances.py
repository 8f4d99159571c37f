"""The tolerances, bands and thresholds of the rules: one immutable object, documented field
by field (docs/validation.md lists them; a test checks it does)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class ValidationSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    evolution_tolerance: int = Field(
        0, ge=0,
        description="Écart toléré entre une évolution imprimée et l'évolution recalculée, en "
                    "unités du dernier chiffre imprimé (0 : l'évolution imprimée doit être "
                    "l'arrondi exact de l'évolution recalculée).")
    evolution_decimals_relative: int = Field(
        2, ge=0, le=6,
        description="Nombre de décimales d'une évolution en % (« -2,98 % »).")
    evolution_decimals_points: int = Field(
        1, ge=0, le=6,
        description="Nombre de décimales d'une évolution en points (« -0,7 pt »).")
    sum_tolerance_factor: Decimal = Field(
        Decimal(1), ge=0,
        description="Multiplicateur de la tolérance d'arrondi d'une somme : par défaut, la "
                    "somme des parties peut s'écarter du total d'un demi-dernier chiffre par "
                    "chiffre additionné (parties et total).")
    share_band: tuple[Decimal, Decimal] = Field(
        (Decimal("0.4"), Decimal("2.5")),
        description="Bande plausible du rapport entre la part de la région dans la France "
                    "pour un indicateur additif et sa part dans la population : hors de cette "
                    "bande, le chiffre régional ou national est suspect.")
    stale_after_months: int = Field(
        36, ge=0,
        description="Un chiffre de l'année N est périmé quand la fin de sa période précède la "
                    "date d'arrêt de la collecte de plus de ce nombre de mois.")
    missing_period_share: Decimal = Field(
        Decimal("0.5"), ge=0, le=1,
        description="Part minimale des chiffres d'un tableau (même section, même côté région "
                    "ou France) qui impriment leur période pour qu'un chiffre sans période y "
                    "soit signalé.")
    repeated_value_min_digits: int = Field(
        3, ge=1,
        description="Nombre minimal de chiffres significatifs pour qu'une même valeur imprimée "
                    "pour deux indicateurs d'un tableau soit signalée comme copie probable.")
    series_max_gap_months: int = Field(
        48, ge=0,
        description="Écart maximal, en mois, entre la période d'un chiffre de l'édition et "
                    "celle de la série officielle à laquelle il est comparé (règle "
                    "official-series) ; au-delà, rien n'est comparé.")
    series_level_tolerance: Decimal = Field(
        Decimal("0.005"), ge=0,
        description="Écart relatif toléré entre un chiffre de l'édition et la série "
                    "officielle de même famille à la même date (population et population "
                    "légale) : 0,5 %.")
    series_level_drift_per_year: Decimal = Field(
        Decimal("0.005"), ge=0,
        description="Écart relatif toléré en plus par année séparant les deux périodes "
                    "comparées (une population évolue d'une année à l'autre) : 0,5 % par an.")
    series_within_tolerance: Decimal = Field(
        Decimal("0.05"), ge=0,
        description="Dépassement relatif toléré quand des chiffres de l'édition ne peuvent "
                    "dépasser ensemble la série officielle (emplois des secteurs et emploi "
                    "total de l'Insee), pour des définitions et des dates voisines : 5 %.")
    phone_region: str = Field(
        "FR",
        description="Plan de numérotation dans lequel les numéros sans indicatif sont lus "
                    "(code pays de phonenumbers).")
    phone_plans: dict[str, str] = Field(
        {"01": "GP", "02": "MQ", "03": "GF", "04": "RE", "06": "YT"},
        description="Plan de numérotation des régions d'outre-mer (code INSEE de la région → "
                    "code pays de phonenumbers) : un numéro de l'annuaire est lu dans le plan "
                    "de sa région, les autres dans `phone_region`.")
    french_phone_regions: tuple[str, ...] = Field(
        ("FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF"),
        description="Plans de numérotation français (métropole et outre-mer) : un numéro "
                    "valide d'un autre plan est signalé comme étranger.")
    common_acronyms: tuple[str, ...] = Field(
        ("RH", "VAE"),
        description="Sigles que tout lecteur connaît et qu'un glossaire n'a pas à définir.")


DEFAULT_SETTINGS = ValidationSettings()
