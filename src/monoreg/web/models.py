"""The views of the portal as pydantic models: pages render them, the API returns them.

Every field is described: the descriptions are the API's documentation (/openapi.json).
Figures carry both their exact value and their French text as monoreg formats it.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class View(BaseModel):
    model_config = ConfigDict(frozen=True)


T = TypeVar("T")
MAX_PAGE = 1000  # the largest page of figures the API answers


class Page(View, Generic[T]):
    """The one envelope of every list the API answers."""

    items: list[T]
    total: int = Field(description="Nombre total d'éléments correspondant à la requête.")
    limit: int = Field(description="Taille de page demandée.")
    offset: int = Field(description="Décalage du premier élément de la page.")
    next: str | None = Field(description="URL de la page suivante, ou null.")
    previous: str | None = Field(description="URL de la page précédente, ou null.")


class ErrorDetail(View):
    loc: list[str] = Field(description="Où est l'erreur : ['query', 'limit'].")
    msg: str = Field(description="Ce qui ne va pas, en français.")
    type: str = Field(description="Nature de l'erreur (code technique).")


class ErrorBody(View):
    status: int = Field(description="Code HTTP.")
    type: str = Field(description="Nature de l'erreur : invalid_request, not_found, "
                      "forbidden, payload_too_large, internal_error…")
    message: str = Field(description="Explication en une phrase.")
    details: list[ErrorDetail] = Field(default=[], description="Paramètres en cause.")


class ErrorResponse(View):
    """The one shape of every API error."""

    error: ErrorBody


def error_json(status: int, kind: str, message: str,
               details: list[dict[str, object]] | None = None) -> bytes:
    """The body of every API error, the one place it is built (the app's handlers and the
    security middleware both answer with it)."""
    body = ErrorResponse(error=ErrorBody(status=status, type=kind, message=message,
                                         details=[ErrorDetail(**d) for d in details or ()]))
    return body.model_dump_json().encode()


class Facet(View):
    value: str
    label: str


# -- reference ------------------------------------------------------------------------
class RegionRef(View):
    code: str = Field(description="Code INSEE de la région ('28').")
    name: str = Field(description="Nom de la région.")
    slug: str = Field(description="Identifiant d'URL ('normandie').")


class Region(RegionRef):
    metropolitan: bool = Field(description="Région métropolitaine (sinon outre-mer).")
    chief_town: str | None = Field(description="Code INSEE de la commune chef-lieu.")
    editions: list[int] = Field(description="Années des éditions publiées.")
    url: str = Field(description="Page de la région sur le portail.")


class UnitInfo(View):
    code: str = Field(description="Code de l'unité ('persons', 'percent', 'meur').")
    symbol: str = Field(description="Symbole imprimé après la valeur ('%', 'M€'), "
                        "éventuellement vide.")
    label: str = Field(description="Libellé en français.")


class SourceInfo(View):
    """A source, the same object wherever the API gives one."""

    model_config = ConfigDict(frozen=True, json_schema_extra={"examples": [{
        "id": "insee_populations_legales_2021", "producer": "Insee",
        "dataset": "Populations légales des régions en 2021",
        "published": "2023-12-28", "url": "https://insee.fr/fr/statistiques/7728783",
        "printed": None, "licence": "Licence Ouverte / Open Licence version 2.0",
        "licence_url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
        "label": "Insee, Populations légales des régions en 2021, 2023-12-28"}]})

    id: str | None = Field(description="Identifiant de la source ; null pour une source "
                           "connue seulement par sa ligne imprimée (`printed`).")
    producer: str | None = Field(default=None, description="Producteur ('Insee').")
    dataset: str | None = Field(default=None, description="Jeu de données.")
    published: str | None = Field(default=None, description="Date de publication.")
    url: str | None = Field(default=None, description="Adresse de la source, si connue.")
    printed: str | None = Field(default=None, description="La ligne de source telle "
                                "qu'imprimée.")
    licence: str | None = Field(default=None, description=(
        "Licence des données telle que le producteur l'indique ; null quand nos fichiers de "
        "référence n'en indiquent pas (aucune n'est supposée)."))
    licence_url: str | None = Field(default=None, description="Texte de la licence.")
    label: str | None = Field(default=None, description="La source telle qu'elle est citée ; "
                              "null quand la source n'est pas déclarée.")


class ProvenanceInfo(View):
    """Where a figure was read: data file (or imported file) and line, page, column."""

    model_config = ConfigDict(frozen=True, json_schema_extra={"examples": [{
        "file": "editions/normandie/2020/figures.csv", "line": 12, "page": None,
        "column": None}]})

    file: str = Field(description="Fichier, relatif au dossier de données.")
    line: int | None = Field(default=None, description="Ligne.")
    page: int | None = Field(default=None, description="Page (fichiers PDF importés).")
    column: str | None = Field(default=None, description="Colonne.")


class IndicatorInfo(View):
    id: str = Field(description="Identifiant de l'indicateur.")
    label: str = Field(description="Libellé.")
    short_label: str | None = Field(description="Libellé court.")
    unit: UnitInfo = Field(description="Unité des valeurs.")
    kind: str = Field(description="stock, flow, amount ou rate.")
    evolution: str = Field(description="relative (en %), points ou none.")
    polarity: str = Field(description="up_good (une hausse est favorable), up_bad ou "
                          "neutral.")
    decimals: int = Field(description="Décimales affichées.")
    definition: str = Field(description="Définition.")
    source: SourceInfo | None = Field(description="Source habituelle.")
    section: str = Field(description="Section de la monographie.")
    section_title: str | None = Field(description="Titre de cette section.")
    caveats: str | None = Field(description="Précautions de lecture.")
    frequency: str | None = Field(description="Périodicité.")
    additive: bool = Field(description="Les régions s'additionnent en un total national.")


class Edition(View):
    id: str = Field(description="Identifiant ('28-2020').")
    region: RegionRef
    year: int = Field(description="Année de publication.")
    title: str
    publisher: str | None = Field(default=None, description="Éditeur.")
    published: str = Field(description="Date de publication (code de période).")
    published_label: str = Field(description="Date de publication en français.")
    cutoff_label: str = Field(description="Arrêt de la collecte des données.")
    synthetic: bool = Field(description="Édition synthétique (tests), pas des données "
                            "réelles.")
    url: str = Field(description="Page de l'édition sur le portail.")


# -- figures --------------------------------------------------------------------------
class Accepted(View):
    rule: str = Field(description="Règle de validation.")
    justification: str = Field(description="Pourquoi l'éditeur accepte le constat.")


class QualityInfo(View):
    """What validation and the editor concluded about a figure."""

    model_config = ConfigDict(frozen=True, json_schema_extra={"examples": [{
        "status": "ok", "findings": [], "note": None}]})

    status: str = Field(description="ok (vérifié), flagged (à vérifier), accepted (publié "
                        "avec réserve), corrected (corrigé) ou withheld (non publié).")
    findings: list[str] = Field(description="Règles de validation qui signalent le chiffre.")
    note: str | None = Field(description="Note de l'éditeur que le lecteur doit voir.")


class Observation(View):
    """One figure, as in the exports (`monoreg export`)."""

    indicator: str
    label: str = Field(description="Libellé de l'indicateur.")
    territory: str = Field(description="Code du territoire ('28', 'FR', 'FR-HM').")
    territory_name: str | None
    dimension: str | None = Field(default=None, description="Ventilation du chiffre "
                                  "('nsf:312'), null sans ventilation.")
    period: str = Field(description="Période (code triable : '2019', '2019-T2', "
                        "'2018/2019', '2019-01-01').")
    period_label: str = Field(description="Période en français.")
    value: int | float | None = Field(description="Valeur publiée, dans l'unité de "
                                      "l'indicateur (`unit`) ; null quand le chiffre manque "
                                      "(« non renseigné ») ou n'est pas publié, jamais 0.")
    unit: str = Field(description="Unité de l'indicateur (une par indicateur).")
    printed_value: int | float | None = Field(default=None, description=(
        "Valeur telle qu'imprimée, dans `printed_unit`."))
    printed_unit: str | None = Field(default=None, description="Unité de l'impression.")
    quality: QualityInfo = Field(description="Qualité du chiffre.")
    status: str = Field(description="value, non-renseigne ou sans-objet.")
    printed: str | None = Field(description="Le chiffre tel qu'imprimé.")
    printed_period: str | None
    place: str | None = Field(description="Section où il est imprimé.")
    edition: str | None = Field(description="Édition qui l'imprime ; null pour les séries "
                                "officielles et imports.")
    source: SourceInfo | None = Field(description="Source.")
    provenance: ProvenanceInfo | None = Field(description="Fichier et ligne où il a été lu.")
    origin: ProvenanceInfo | None = Field(description="Ligne du document d'origine.")
    perimeter: str | None
    raw: str | None
    note: str | None
    accepted: list[Accepted] = Field(description="Constats de validation acceptés par "
                                     "l'éditeur, avec leur justification.")


class ObservationPage(Page[Observation]):
    """Figures matching the filters, one page of them."""


class ObservationParams(BaseModel):
    """The parameters of /api/v1/observations (one model: validated in one pass)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    region: str | None = Field(default=None, max_length=100, description=(
        "Région : code INSEE, nom ou identifiant, sans égard à la casse ni aux accents."))
    indicator: str | None = Field(default=None, max_length=100, description=(
        "Identifiant de l'indicateur."))
    period: str | None = Field(default=None, max_length=40, description=(
        "Période exacte ('2019', 'T2 2019', 'juillet 2019', '2018/2019')."))
    period_from: str | None = Field(default=None, max_length=40, description=(
        "Périodes finissant à partir du début de celle-ci."))
    period_to: str | None = Field(default=None, max_length=40, description=(
        "Périodes commençant au plus tard à la fin de celle-ci."))
    edition: str | None = Field(default=None, max_length=40, description=(
        "Édition : identifiant ('28-2020') ou année ('2020')."))
    limit: int = Field(default=100, ge=1, le=MAX_PAGE, description="Taille de page (JSON).")
    offset: int = Field(default=0, ge=0, le=10_000_000, description="Décalage (JSON).")
    format: str | None = Field(default=None, pattern="^(json|csv)$", description=(
        "json (défaut, une page) ou csv (toutes les lignes, en flux)."))
    dialect: str = Field(default="fr", pattern="^(fr|plain)$", description=(
        "CSV : fr (« ; », virgule décimale, BOM) ou plain (« , », point décimal, sans BOM)."))
    occurrences: str = Field(default="preferred", pattern="^(preferred|all)$", description=(
        "preferred (défaut) : un chiffre par (indicateur, territoire, période, ventilation), "
        "celui qui fait foi ; all : chaque occurrence imprimée, avec sa section (`place`)."))


class Figure(View):
    """A figure ready to read: its value, its French text and its period."""

    value: int | float | None
    text: str = Field(description="Le chiffre mis en forme en français ('3 319 067', "
                      "'8,3 %', 'non renseigné').")
    period: str
    period_label: str
    territory: str
    status: str
    printed: str | None = None
    quality: str = Field("ok", description="Statut de qualité : ok, flagged (à vérifier), "
                         "accepted (publié avec réserve), corrected (corrigé) ou withheld "
                         "(non publié, sans valeur).")
    quality_label: str | None = Field(None, description="Le statut en français quand le "
                                      "chiffre n'est pas simplement vérifié.")
    note: str | None = Field(None, description="Ce que le lecteur doit savoir du chiffre.")


class QualityLegendEntry(View):
    status: str
    label: str
    description: str
    sdmx: str | None = Field(description="Code SDMX OBS_STATUS correspondant, s'il en est un.")


class KeyFigure(View):
    indicator: str
    label: str
    base: Figure | None = Field(description="Région, année N-1.")
    current: Figure | None = Field(description="Région, année N.")
    evolution: str | None = Field(description="Évolution publiée : imprimée (en "
                                  "typographie française), corrigée par l'éditeur, « non "
                                  "publié », ou calculée quand rien n'est imprimé ('-3,02 %', "
                                  "'+0,7 pt (calculée)').")
    evolution_value: float | None = Field(description="Évolution publiée, en % ou en "
                                          "points.")
    evolution_printed: str | None = Field(description="Évolution telle qu'imprimée.")
    evolution_quality: str = Field("ok", description="Statut de qualité de l'évolution "
                                   "imprimée.")
    evolution_quality_label: str | None = None
    national: Figure | None = Field(description="France (ou périmètre national).")


class KeyFigureSection(View):
    id: str
    title: str
    rows: list[KeyFigure]


class Download(View):
    format: str = Field(description="pdf, csv, json ou xlsx.")
    label: str
    url: str
    available: bool = Field(description="Faux quand le fichier n'a pas été construit.")


class ValidationStatus(View):
    errors: int
    warnings: int
    infos: int
    accepted: int = Field(description="Constats acceptés par l'éditeur (justifiés).")
    url: str = Field(description="Rapport de validation.")


class OfficialFigure(View):
    indicator: str
    label: str
    figure: Figure = Field(description="Le chiffre le plus récent de la série pour la région.")
    source: SourceInfo | None = Field(description="La source (producteur, jeu de données).")


class MissingSeries(View):
    indicator: str
    label: str
    source: SourceInfo | None = Field(description="La série chargée qui n'a pas de chiffre "
                                      "pour la région.")


class OfficialFigures(View):
    """What the official series and the national directory say of a region."""

    figures: list[OfficialFigure] = Field(description="Dernier chiffre de chaque série "
                                          "officielle chargée.")
    missing: list[MissingSeries] = Field(description="Séries chargées sans chiffre pour la "
                                         "région.")
    carif: CarifOref | None = Field(description="Le Carif-Oref de la région (annuaire).")


class RegionPage(View):
    region: Region
    edition: Edition | None = Field(description="L'édition affichée (la plus récente par "
                                    "défaut).")
    facts: list[tuple[str, str]] = Field(description="Faits saillants (libellé, valeur).")
    sections: list[KeyFigureSection] = Field(description="Chiffres clés par section.")
    downloads: list[Download]
    validation: ValidationStatus | None
    texts: list[TextRef] = Field(description="Textes de politique publique et "
                                 "actualités de l'édition.")
    legend: list[QualityLegendEntry] = Field(default_factory=list, description="Légende "
                                             "des statuts de qualité des chiffres.")
    official: OfficialFigures = Field(description="Séries officielles et Carif-Oref de la "
                                      "région, qu'elle ait une monographie ou non.")
    measures: list[Measure] = Field(default=[], description="Mesures de l'édition.")


# -- comparisons and series -------------------------------------------------------------
class RankedFigure(View):
    rank: int | None = Field(description="Rang (1 = valeur la plus élevée) ; null sans "
                             "valeur.")
    region: RegionRef
    figure: Figure
    value: float | None = Field(description="Valeur convertie dans l'unité de "
                                "l'indicateur (pour classer et tracer).")
    other_period: bool = Field(description="Vrai quand la période diffère de celle de la "
                               "comparaison.")
    source: SourceInfo | None = Field(description="Source du chiffre.")
    position: str | None = Field(default=None, description="Par rapport à la médiane des "
                                 "régions : « plus élevé », « comparable » ou « plus bas ».")
    per_inhabitant: str | None = Field(default=None, description="Valeur rapportée à la "
                                       "population de la région, quand elle est chargée.")


class Comparison(View):
    indicator: IndicatorInfo
    period: str | None = Field(description="Période de la comparaison.")
    period_label: str | None
    same_period: bool = Field(description="Toutes les régions sont à la même période.")
    note: str | None = Field(description="Ce qu'il faut savoir pour comparer.")
    rows: list[RankedFigure] = Field(description="Régions classées, valeur décroissante.")
    national: Figure | None = Field(description="France à la même période, si connue.")
    national_value: float | None = Field(description="Chiffre France converti dans l'unité "
                                         "de l'indicateur.")
    missing: list[RegionRef] = Field(description="Régions sans chiffre.")
    periods: list[Facet] = Field(description="Périodes disponibles (code, libellé), la "
                                 "plus récente d'abord.")
    median_note: str | None = Field(default=None, description="La médiane des régions et "
                                    "le seuil de « comparable ».")
    per_inhabitant_label: str | None = Field(default=None, description="En-tête de la "
                                             "valeur par habitant et sa population.")


class SeriesPoint(View):
    figure: Figure
    value: float | None = Field(description="Valeur convertie dans l'unité de "
                                "l'indicateur.")
    source: SourceInfo | None = Field(description="Source du chiffre.")
    edition: str | None
    origin: str = Field(description="Édition, série officielle ou import.")
    revision: bool = Field(description="Diffère d'un chiffre antérieur pour la même "
                           "période.")
    revises: str | None = Field(description="La valeur remplacée, mise en forme.")


class Series(View):
    region: RegionRef
    indicator: IndicatorInfo
    points: list[SeriesPoint]
    national: list[SeriesPoint] = Field(default=[], description="France (métropole et "
                                        "outre-mer) au fil du temps, quand le chiffre existe.")


# -- content --------------------------------------------------------------------------
class Phone(View):
    text: str = Field(description="Le numéro tel qu'imprimé.")
    tel: str | None = Field(description="Lien tel: (E.164), si le numéro est valide.")
    label: str | None = None


class Link(View):
    text: str = Field(description="L'adresse telle qu'imprimée.")
    href: str | None = Field(description="Lien (https:, mailto:), si l'adresse est "
                             "utilisable.")


class Contact(View):
    group: str
    group_label: str
    organisation: str
    role: str | None
    person: str | None
    unit: str | None
    phones: list[Phone]
    email: Link | None
    website: Link | None


class CarifOref(View):
    territory: str | None
    territory_label: str
    organisation: str
    phones: list[Phone]
    emails: list[Link]
    websites: list[Link]
    public_websites: list[Link]


class Suggestion(View):
    text: str
    url: str


class SearchHelp(View):
    """What the search page says when a query has nothing to search or finds nothing."""

    message: str
    close_words: list[Suggestion] = Field(description="Mots proches de l'index.")
    pages: list[Suggestion] = Field(description="Pages où chercher autrement.")


class Directory(View):
    region: RegionRef | None
    query: str | None
    regions: list[RegionRef] = Field(description="Régions disponibles pour le filtre.")
    contacts: list[Contact]
    carif_oref: list[CarifOref]
    dated: str | None = Field(default=None, description="Date de l'annuaire des Carif-Oref "
                              "(« à jour en septembre 2019 »).")
    renamed: list[str] = Field(default=[], description="Organismes renommés depuis.")


class TextRef(View):
    title: str
    type: str
    type_label: str
    date_label: str | None
    url: str


class Block(View):
    kind: str = Field(description="p (paragraphe) ou ul (liste à puces).")
    lines: list[str]


class PolicyText(View):
    region: RegionRef
    edition: Edition
    title: str
    type: str
    type_label: str
    date_label: str | None
    source: SourceInfo | None = Field(description="Source du texte.")
    blocks: list[Block]


class Part(View):
    text: str
    match: bool = Field(description="Mot trouvé par la recherche (à surligner).")


class SearchHit(View):
    kind: str = Field(description="text, contact, directory ou measure.")
    type: str
    type_label: str
    region: RegionRef | None
    year: int | None
    date_label: str | None
    title: list[Part]
    snippet: list[Part]
    url: str


class SearchFacets(View):
    types: list[Facet] = Field(description="Valeurs possibles du filtre type.")
    years: list[int]
    regions: list[RegionRef]


class SearchResults(Page[SearchHit]):
    """Hits (`items`), best first, in the API's one envelope, with the query and facets."""

    query: str
    region: str | None
    type: str | None
    year: int | None
    facets: SearchFacets = Field(description="Valeurs possibles des filtres.")


class Glossary(View):
    acronym: str
    definition: str


class Structure(View):
    name: str = Field(description="Structure telle que le guide la nomme.")
    acronyms: list[Glossary] = Field(description="Sigles expliqués.")


class GuideChoice(View):
    id: str = Field(description="Identifiant du public ('demandeurs-d-emploi').")
    label: str
    group: str


class GuideNeed(View):
    need: str | None = Field(description="L'attente de ce public, selon le guide.")
    structures: list[Structure]


class Network(View):
    network: str
    link: Link


class Guide(View):
    title: str | None = Field(description="Le guide d'où viennent les structures.")
    published_label: str | None
    note: str | None = Field(description="Avertissement de l'éditeur sur le guide.")
    choices: list[GuideChoice] = Field(description="Publics au choix.")
    regions: list[RegionRef]
    public: GuideChoice | None = Field(description="Public choisi.")
    region: RegionRef | None = Field(description="Région choisie.")
    needs: list[GuideNeed] = Field(description="Pour chaque attente, les structures.")
    networks: list[Network] = Field(description="Où trouver les antennes des réseaux.")
    carif_oref: list[CarifOref] = Field(description="Le Carif-Oref de la région.")
    dated: str | None = Field(default=None, description="Date de l'annuaire des Carif-Oref.")
    renamed: list[str] = Field(default=[], description="Organismes renommés depuis.")
    measures: list[Measure] = Field(default=[], description="Mesures de la région pour ce "
                                    "public.")


class Finding(View):
    rule: str
    severity: str
    message: str
    section: str | None
    indicator: str | None
    territory: str | None
    period: str | None
    printed: str | None
    expected: str | None
    location: str | None
    accepted: str | None


class ValidationReport(View):
    region: RegionRef
    edition: Edition
    status: ValidationStatus
    findings: list[Finding]


class MapRegion(View):
    region: RegionRef
    text: str | None = Field(description="Valeur affichée, ou null sans donnée.")
    level: int | None = Field(description="Classe de couleur (0 à 4), null sans donnée.")


class Home(View):
    regions: list[Region]
    editions: list[Edition] = Field(description="Dernières éditions publiées.")
    map_indicators: list[IndicatorInfo] = Field(description="Indicateurs pour la carte.")
    map: Comparison | None = Field(description="L'indicateur colorié sur la carte.")
    map_regions: list[MapRegion]
    legend: list[str] = Field(description="Classes de couleur (quantiles) : plus petite et "
                              "plus grande valeur de chaque classe, nombre de régions.")


# -- measures ---------------------------------------------------------------------------
class Label(View):
    id: str
    label: str


class MeasureAmount(View):
    printed: str = Field(description="Le montant tel qu'imprimé.")
    value: int | float = Field(description="Valeur, dans l'unité `unit`.")
    unit: str
    unit_symbol: str
    period: str | None = Field(description="Période telle qu'imprimée, ou null.")
    label: str | None
    source: str | None
    origin: ProvenanceInfo | None = Field(description="Ligne du document d'origine.")


class Measure(View):
    edition: str
    id: str
    region: RegionRef
    title: str = Field(description="Intitulé tel qu'imprimé.")
    kind: str
    kind_label: str
    framework: str
    framework_label: str
    status: str = Field(description="annoncee, en-cours ou terminee, à la date d'arrêt.")
    status_label: str
    publics: list[Label]
    domains: list[Label]
    summary: str | None
    start: str | None
    start_label: str | None = Field(description="Début tel qu'imprimé, ou null.")
    end: str | None
    end_label: str | None
    territory: str | None = Field(description="Territoire plus petit que la région.")
    amounts: list[MeasureAmount]
    section: str
    text: str | None = Field(description="Titre du texte d'où vient la mesure.")
    text_url: str | None = Field(description="Page du texte sur le portail.")
    source: str | None
    origin: ProvenanceInfo | None
    provenance: ProvenanceInfo | None
    note: str | None
    url: str = Field(description="Page de la mesure sur le portail.")
    dates_label: str | None = Field(description="Les dates imprimées, en français "
                                    "(« Depuis le 1er septembre 2015 »), ou null.")
    cutoff_label: str = Field(description="Date d'arrêt des données de l'édition, à laquelle "
                              "vaut le statut.")
    findings: list[str] = Field(default=[], description="Signalements de validation.")


class MeasureFacets(View):
    regions: list[RegionRef]
    publics: list[Facet]
    domains: list[Facet]
    frameworks: list[Facet]
    statuses: list[Facet]


class MeasurePage(Page[Measure]):
    """Measures (`items`) in the API's one envelope, with the filters' possible values."""

    facets: MeasureFacets = Field(description="Valeurs possibles des filtres.")


OfficialFigures.model_rebuild()
RegionPage.model_rebuild()
Guide.model_rebuild()
