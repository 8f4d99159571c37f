"""`monoreg import monograph`: the seed (Normandie, May 2020, as extracted from its PDF) and
variants of it must give the figures entered by hand in data/editions/normandie/2020/.

The expected figures are never copied here: they are read from the hand-entered
observations.csv and evolutions.csv (real data, source: the seed), or derived from them by
the SYNTHETIC transformation of test_another_region_in_the_same_layout.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import typst
from import_catalog import PROJECT_DATA, loaded_copy
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.errors import InputError, UsageError
from monoreg.ingest.datafiles.edition_folder import load_edition
from monoreg.ingest.monograph.monograph_import import read_monograph
from monoreg.metadata.reference import load_catalog
from monoreg.model import Catalog, Edition, EvolutionClaim, Observation
from monoreg.store.repository import Store

runner = CliRunner()
EDITION = PROJECT_DATA / "editions" / "normandie" / "2020"
SEED = EDITION / "source.txt"

Figure = tuple[str, str, str, str, Decimal | None, str, str | None]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_DATA)


@pytest.fixture(scope="module")
def hand(catalog: Catalog) -> Edition:
    """The edition entered by hand from the seed."""
    return load_edition(EDITION, catalog, PROJECT_DATA)


def figures(observations: Iterable[Observation]) -> set[Figure]:
    return {(o.place, o.indicator, o.territory, o.period.code, o.value, o.status.value,
             o.printed) for o in observations}


def claims(evolutions: Iterable[EvolutionClaim]) -> set[tuple[object, ...]]:
    return {(c.place, c.indicator, c.territory, c.base_period.code, c.period.code, c.printed,
             c.value, c.unit) for c in evolutions}


# -- the seed ----------------------------------------------------------------------------
def test_round_trip_gives_the_hand_entered_figures(catalog: Catalog, hand: Edition) -> None:
    imported = read_monograph(SEED, catalog)
    assert imported.edition.region == "28" and imported.edition.year == 2020
    assert imported.edition.published.code == "2020-05"
    assert imported.edition.cutoff.code == "2019-12"
    assert figures(imported.edition.observations) == figures(hand.observations)
    assert claims(imported.edition.evolutions) == claims(hand.evolutions)


def test_provenance_is_the_line_the_hand_entry_gives(catalog: Catalog, hand: Edition) -> None:
    imported = read_monograph(SEED, catalog)
    lines = {o.key: o.provenance.line for o in imported.edition.observations}
    assert {o.key: o.origin.line for o in hand.observations if o.origin} == lines
    assert all(o.provenance.file.endswith("source.txt") for o in imported.edition.observations)
    claim_lines = {c.key: c.origin.line for c in imported.edition.evolutions}
    assert {c.key: c.origin.line for c in hand.evolutions if c.origin} == claim_lines


def test_lists_contacts_and_texts(catalog: Catalog, hand: Edition) -> None:
    edition = read_monograph(SEED, catalog).edition
    assert [(i.kind, i.title) for i in edition.lists] == [(i.kind, i.title) for i in hand.lists]
    assert [(c.group, c.person, c.phone) for c in edition.contacts] == \
        [(c.group, c.person, c.phone) for c in hand.contacts]
    assert [(t.type, t.title) for t in edition.texts] == [(t.type, t.title) for t in hand.texts]
    assert all(t.body for t in edition.texts)
    assert ("Groupe majoritaire", dict(hand.facts)["Groupe majoritaire"]) in edition.facts


def test_report_says_what_was_cut_doubted_and_left(catalog: Catalog) -> None:
    report = read_monograph(SEED, catalog).report_json()
    cut = {c["line"]: c for c in report["cut_cells"]}
    assert cut[61]["cells"] == ["24 703", "452 652"] and cut[61]["alternatives"] == 3
    assert cut[728]["printed"] == "12 302,1"
    assert report["missing_sections"] == [] and report["unplaced"] == []
    assert report["not_imported"][0]["from"] == 1177  # directory and guide: by hand
    confidence = {(f["indicator"], f["territory"], f["period"]): f for f in report["confidence"]}
    irregular = confidence[("population_active", "FR", "2019")]
    assert irregular["confidence"] < 1 and "irréguliers" in irregular["reasons"][0]
    assert confidence[("population_totale", "28", "2017")]["confidence"] == 1.0
    inferred = confidence[("stock_apprentis", "28", "2017-12")]
    assert inferred["confidence"] < 1 and "Année N" in inferred["reasons"][0]


# -- what extraction does to the text ------------------------------------------------
@pytest.mark.parametrize(("encoding", "space"), [("cp1252", "\u00a0"), ("utf-8", "\u202f")])
def test_latin1_crlf_and_no_break_spaces_give_the_same_figures(
        tmp_path: Path, catalog: Catalog, hand: Edition, encoding: str, space: str) -> None:
    text = SEED.read_text("utf-8")
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", space, text)  # digit groups as French PDFs print
    variant = tmp_path / "monographie.txt"
    variant.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    imported = read_monograph(variant, catalog)
    assert imported.document.encoding == encoding
    assert figures(imported.edition.observations) == figures(hand.observations)


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PDF made from the seed's text with Typst (a page wide enough for its lines)."""
    folder = tmp_path_factory.mktemp("pdf")
    (folder / "seed.txt").write_text(SEED.read_text("utf-8"), encoding="utf-8")
    (folder / "seed.typ").write_text(
        '#set page(width: 420mm, height: 297mm, margin: 10mm)\n#set text(size: 6pt)\n'
        '#raw(read("seed.txt"), block: true)\n', encoding="utf-8")
    pdf = folder / "seed.pdf"
    typst.compile(str(folder / "seed.typ"), output=str(pdf), root=str(folder))
    return pdf


def test_pdf_goes_through_the_same_path(seed_pdf: Path, catalog: Catalog,
                                        hand: Edition) -> None:
    imported = read_monograph(seed_pdf, catalog)
    assert imported.document.encoding == "pdf" and imported.document.pages > 1
    assert figures(imported.edition.observations) == figures(hand.observations)
    assert claims(imported.edition.evolutions) == claims(hand.evolutions)
    first = next(o for o in imported.edition.observations if o.indicator == "stock_apprentis")
    assert first.provenance.page is not None and first.provenance.page > 1
    assert first.printed == "Non renseigné"


# -- another region in the same layout (SYNTHETIC) -------------------------------------
_FIGURE = re.compile(r"^(?P<sign>[+-]?)(?P<int>\d+(?: \d{3})*)(?:(?P<sep>[,.])(?P<dec>\d+))?"
                     r"(?P<rest>\s?(?:%|M€|\(A[EP]\)|milliards? d.€|millions? d.euros?))?$")


def _group(digits: str) -> str:
    return " ".join(reversed([digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)]))


def scaled(printed: str) -> tuple[str, Decimal] | None:
    """The figure 10 % higher, printed the same way; None when the print is not a regular
    figure (irregular groups, words, 'Non renseigné'), which the variant leaves as it is."""
    match = _FIGURE.match(printed)
    if not match or (" " in match["int"] and len(match["int"].split()[0]) > 3):
        return None
    decimals = len(match["dec"] or "")
    value = Decimal(match["int"].replace(" ", "") + "." + (match["dec"] or "0"))
    new = (value * Decimal("1.1")).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    integer, _, fraction = f"{new:f}".partition(".")
    grouped = integer if (" " not in match["int"] and len(match["int"]) > 3) else _group(integer)
    text = match["sign"] + grouped + (match["sep"] + fraction if decimals else "") + \
        (match["rest"] or "")
    return text, -new if match["sign"] == "-" else new


def _variant(hand: Edition) -> tuple[str, set[Figure]]:
    """The seed as another region's monograph: every regular figure 10 % higher (SYNTHETIC
    figures, not Bretagne's), 'Normandie' → 'Bretagne'; and the figures it must give."""
    lines = SEED.read_text("utf-8").split("\n")
    edits: dict[int, dict[str, str]] = {}
    expected: set[Figure] = set()
    for o in hand.observations:
        new = scaled(o.printed) if o.printed and o.origin else None
        territory = "53" if o.territory == "28" else o.territory
        if new is None:
            expected.add((o.place, o.indicator, territory, o.period.code, o.value,
                          o.status.value, o.printed))
            continue
        edits.setdefault(o.origin.line, {})[o.printed] = new[0]
        expected.add((o.place, o.indicator, territory, o.period.code, new[1], o.status.value,
                      new[0]))
    for number, changes in edits.items():
        line = lines[number - 1]
        spans = sorted((m.start(), m.end(), changes[old]) for old in changes
                       for m in re.finditer(rf"(?<![\d,.]){re.escape(old)}(?!\d)", line))
        for start, end, text in reversed(spans):
            line = line[:start] + text + line[end:]
        lines[number - 1] = line
    text = "\n".join(lines).replace("Normandie", "Bretagne").replace("NORMANDIE", "BRETAGNE")
    return text, expected


def test_another_region_in_the_same_layout(tmp_path: Path, catalog: Catalog,
                                           hand: Edition) -> None:
    text, expected = _variant(hand)
    assert "3 650 974" in text and "Normandie" not in text  # 3 319 067, scaled
    variant = tmp_path / "bretagne.txt"
    variant.write_text(text, encoding="utf-8")
    imported = read_monograph(variant, catalog)
    assert imported.edition.region == "53"
    assert imported.edition.title.endswith(": Bretagne")
    assert figures(imported.edition.observations) == expected
    assert {(c.indicator, c.territory, c.printed) for c in imported.edition.evolutions} == \
        {(c.indicator, "53", c.printed) for c in hand.evolutions}
    cut = {c["line"]: c["cells"] for c in imported.report.cuts}
    assert cut[61] == ["27 173", "497 917"]  # '24 703 452 652' scaled, still run together


# -- usage and bad input ------------------------------------------------------------
def test_region_given_must_be_the_document_s(catalog: Catalog) -> None:
    with pytest.raises(InputError) as caught:
        read_monograph(SEED, catalog, region="Bretagne")
    assert "porte sur Normandie, et non sur Bretagne" in str(caught.value)
    assert caught.value.line == 481 and caught.value.file.endswith("source.txt")
    with pytest.raises(UsageError, match="région inconnue"):
        read_monograph(SEED, catalog, region="Atlantide")
    with pytest.raises(InputError, match="datée de mai 2020, et non de 2021"):
        read_monograph(SEED, catalog, year=2021)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("vide.txt", b"Un texte sans monographie.\n",
     "impossible de savoir de quelle région traite la monographie : donnez --region"),
    ("faux.pdf", b"pas un PDF", "nommé .pdf mais ce n'est pas un PDF"),
    ("binaire.txt", b"\x00\x01\x02", "contenu binaire"),
])
def test_bad_files_give_clean_errors(tmp_path: Path, catalog: Catalog, name: str,
                                     content: bytes, message: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        read_monograph(bad, catalog)
    assert caught.value.file.endswith(name)


# -- the command ----------------------------------------------------------------------
@pytest.fixture
def real_env(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path) -> Iterator[Path]:
    """The CLI on a copy of the bundled data (its catalogue has the monograph's indicators):
    an import writes into the data folder."""
    yield loaded_copy(monkeypatch, tmp_path, sqlite_url)


def _stored(url: str) -> list[str]:
    store = Store.open(url)
    try:
        return [e.id for e in store.editions()]
    finally:
        store.close()


def test_dry_run_json_prints_the_edition_and_writes_nothing(real_env: Path,
                                                            sqlite_url: str) -> None:
    import json

    before = sorted(p.relative_to(real_env) for p in real_env.rglob("*"))
    result = runner.invoke(app, ["import", "monograph", str(SEED), "--dry-run", "--format",
                                 "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["region"]["code"] == "28" and data["edition"]["year"] == 2020
    first = data["observations"][0]
    assert {"indicator", "territory", "period", "value", "printed", "provenance",
            "confidence"} <= set(first)
    assert data["import"]["figures"] == len(data["observations"])
    assert data["lists"] and data["contacts"] and data["texts"]
    assert data["written"] == {"folder": None, "replaced": True,
                               "to_check": data["import"]["doubtful"]}
    assert sorted(p.relative_to(real_env) for p in real_env.rglob("*")) == before


def test_the_seed_replaces_the_hand_entered_edition_only_when_asked(
        real_env: Path, sqlite_url: str, hand: Edition) -> None:
    refused = runner.invoke(app, ["import", "monograph", str(SEED)])
    assert refused.exit_code == 2
    assert "l'édition 2020 de Normandie existe déjà" in refused.stderr
    assert "--replace" in refused.stderr
    copy = real_env / "seed.txt"
    shutil.copy(SEED, copy)  # the edition's own source.txt is replaced with the folder
    folder = real_env / "editions" / "normandie" / "2020"
    decisions = (folder / "resolutions.yaml").read_bytes()
    # The editor's update notes and publication record: the reader makes neither.
    (folder / "updates.yaml").write_text("updates: []\n", encoding="utf-8")
    (folder / "publications").mkdir()
    (folder / "publications" / "2020-06-01-manifeste.json").write_text("{}", encoding="utf-8")
    store = Store.open(sqlite_url)
    try:
        resolved = len(store.resolutions("28-2020"))
    finally:
        store.close()
    result = runner.invoke(app, ["import", "monograph", str(copy), "--region", "normandie",
                                 "--edition", "2020", "--replace"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "148 chiffres" in result.output and "24 703 | 452 652" in result.output
    assert "Édition remplacée" in result.output
    assert (folder / "resolutions.yaml").read_bytes() == decisions
    assert (folder / "updates.yaml").read_text(encoding="utf-8") == "updates: []\n"
    assert (folder / "publications" / "2020-06-01-manifeste.json").is_file()
    store = Store.open(sqlite_url)
    try:
        assert [e.id for e in store.editions()] == ["28-2020"]
        assert figures(store.edition("28", 2020).observations) == figures(hand.observations)
        assert resolved > 30 and len(store.resolutions("28-2020")) == resolved
        # The decisions still hold on the new reading: what is open is the reader's own
        # (doubtful reads, sources it does not attach), none the editor had decided.
        assert {f.rule for f in store.open_errors("28-2020")} == {"figure-to-check",
                                                                 "missing-source"}
    finally:
        store.close()


def test_cli_errors_write_and_store_nothing(real_env: Path, sqlite_url: str,
                                           tmp_path: Path) -> None:
    before = sorted(p.relative_to(real_env) for p in real_env.rglob("*"))
    result = runner.invoke(app, ["import", "monograph", str(SEED), "--region", "bretagne"])
    assert result.exit_code == 1
    assert "source.txt, ligne 481 : la monographie porte sur Normandie, et non sur Bretagne" \
        in result.stderr
    assert runner.invoke(app, ["import", "monograph", str(SEED), "--region", "xx"]).exit_code \
        == 2
    assert runner.invoke(app, ["import", "monograph", str(SEED), "--format", "xml"]).exit_code \
        == 2
    missing = runner.invoke(app, ["import", "monograph", str(tmp_path / "absent.pdf")])
    assert missing.exit_code == 1 and "fichier introuvable" in missing.stderr
    assert sorted(p.relative_to(real_env) for p in real_env.rglob("*")) == before
    assert _stored(sqlite_url) == ["28-2020"]


def test_a_kept_decision_that_no_longer_fits_stops_the_replacement(
        real_env: Path, sqlite_url: str) -> None:
    folder = real_env / "editions" / "normandie" / "2020"
    decisions = folder / "resolutions.yaml"
    # SYNTHETIC: a decision about a news item the monograph does not print.
    decisions.write_text(decisions.read_text(encoding="utf-8") + (
        "- rule: prose-number\n  place: actualites\n  item: Actualité synthétique absente\n"
        "  decision: accepted\n  note: Décision synthétique de test.\n"
        "  evidence: Aucune.\n  author: Test\n  date: '2026-12-06'\n"), encoding="utf-8")
    line = len(decisions.read_text(encoding="utf-8").splitlines()) - 7  # the entry's first
    copy = real_env / "seed.txt"
    shutil.copy(SEED, copy)
    before = sorted((p.relative_to(real_env), p.stat().st_size) for p in real_env.rglob("*")
                    if p.is_file())
    result = runner.invoke(app, ["import", "monograph", str(copy), "--region", "normandie",
                                 "--edition", "2020", "--replace"], env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    message = " ".join(result.stderr.split())
    # Named where the editor finds it, not in the import's staging folder.
    assert f"editions/normandie/2020/resolutions.yaml, ligne {line}, champ 'item'" in message
    assert ".import-" not in message and "Actualité synthétique absente" in message
    assert "fichier gardé de l'édition remplacée" in message
    after = sorted((p.relative_to(real_env), p.stat().st_size) for p in real_env.rglob("*")
                   if p.is_file())
    assert after == before
