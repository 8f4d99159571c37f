"""`monoreg import lheo`: training offers in LHEO → actions and sessions per region/domain.

fixtures/lheo.synthetic.xml is SYNTHETIC (what each formation tests is written in it);
fixtures/lheo-exemple-bts-onisep.xml is the real Onisep sample of shared/formats/lheo/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from import_catalog import FIXTURES, add_import_catalog, loaded_store
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.errors import InputError
from monoreg.importing import store_batch
from monoreg.ingest.lheo import read_lheo
from monoreg.store.repository import Store

runner = CliRunner()
SYNTHETIC = FIXTURES / "lheo.synthetic.xml"
ONISEP = FIXTURES / "lheo-exemple-bts-onisep.xml"


@pytest.fixture
def store(store_url: str, data_dir: Path) -> Iterator[Store]:
    store = loaded_store(store_url, data_dir)
    yield store
    store.close()


def _figures(store: Store, indicator: str) -> dict[tuple[str, str | None], int]:
    return {(r.observation.territory, r.observation.dimension): int(r.observation.value)
            for r in store.observations(indicators=[indicator])}


def test_counts_actions_and_sessions_per_region_and_domain(store: Store) -> None:
    store_batch(store, read_lheo(SYNTHETIC, store.catalog(), "2025-01-01"))
    # Read off the fixture: A1 (28, 2 sessions), A2 (53, 1), B1 (28, 3), C1 (11 from its
    # session's registration address, 1); D1 (old region code 25) and E1 (no region) left out.
    assert _figures(store, "nombre_actions_lheo") == {("28", None): 2, ("53", None): 1,
                                                      ("11", None): 1}
    assert _figures(store, "nombre_sessions_lheo") == {("28", None): 5, ("53", None): 1,
                                                       ("11", None): 1}
    # first NSF code of the formation (A: 312, not 310); C has no domain and is not broken down
    assert _figures(store, "nombre_actions_lheo_par_nsf") == {
        ("28", "nsf:312"): 1, ("28", "nsf:330"): 1, ("53", "nsf:312"): 1}
    assert _figures(store, "nombre_sessions_lheo_par_nsf") == {
        ("28", "nsf:312"): 2, ("28", "nsf:330"): 3, ("53", "nsf:312"): 1}
    # the FORMACODE tagged principal (A: 34582, not the first 11111), else the first (B)
    assert _figures(store, "nombre_actions_lheo_par_formacode") == {
        ("28", "formacode:34582"): 1, ("28", "formacode:44054"): 1, ("53", "formacode:34582"): 1}
    record = store.observations(indicators=["nombre_actions_lheo"], territories=["28"])[0]
    assert record.observation.period.code == "2025-01-01"
    assert record.observation.source == "lheo_offre_formation"


def test_report_lists_rejected_actions_with_their_line(store: Store) -> None:
    report = read_lheo(SYNTHETIC, store.catalog(), "2025-01-01").report
    assert report["formations"] == 5 and report["rows"] == 6 and report["counted"] == 4
    assert [(i["line"], i["reason"]) for i in report["rejected"]["lines"]] == [
        (49, "code région inconnu « 25 »"),
        (56, "ni lieu de formation ni adresse de session avec une région")]
    assert report["without_domain"] == {"nsf": 1, "formacode": 1}


def test_real_onisep_sample(store: Store) -> None:
    batch = read_lheo(ONISEP, store.catalog(), "2015-12-03")
    figures = {(o.indicator, o.territory, o.dimension): int(o.value) for o in batch.observations}
    assert figures == {
        ("nombre_actions_lheo", "53", None): 1, ("nombre_sessions_lheo", "53", None): 1,
        ("nombre_actions_lheo_par_nsf", "53", "nsf:312"): 1,
        ("nombre_sessions_lheo_par_nsf", "53", "nsf:312"): 1,
        ("nombre_actions_lheo_par_formacode", "53", "formacode:34582"): 1,
        ("nombre_sessions_lheo_par_formacode", "53", "formacode:34582"): 1}


@pytest.mark.parametrize("name", ["lheo-xxe.xml", "lheo-billion-laughs.xml"])
def test_doctype_attacks_are_refused(store: Store, name: str) -> None:
    with pytest.raises(InputError) as caught:
        read_lheo(FIXTURES / name, store.catalog(), "2025-01-01")
    assert "DOCTYPE refusé" in str(caught.value) and caught.value.line == 2
    assert "root:" not in str(caught.value)  # nothing of /etc/passwd


def test_doctype_in_utf16_is_refused_by_the_parser_check(store: Store, tmp_path: Path) -> None:
    """The byte check reads ASCII-compatible encodings; the parser's check covers the rest."""
    xxe = tmp_path / "xxe16.xml"
    xxe.write_bytes((FIXTURES / "lheo-xxe.xml").read_text("utf-8")
                    .replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
                    .encode("utf-16"))
    with pytest.raises(InputError, match="DOCTYPE refusé"):
        read_lheo(xxe, store.catalog(), "2025-01-01")


@pytest.mark.parametrize(("content", "message"), [
    ('<?xml version="1.0"?><lheo xmlns="http://www.lheo.org/2.2"><offres><formation>'
     "<action></formation></offres></lheo>", "ligne 1 : XML mal formé"),
    ('<?xml version="1.0"?>\n<catalogue><formation/></catalogue>',
     "ligne 2 : <catalogue> trouvé là où la racine <lheo> d'un fichier LHEO est attendue"),
    ('<?xml version="1.0"?><lheo xmlns="http://www.lheo.org/2.2"><offres/></lheo>',
     "aucune <action> dans le fichier"),
])
def test_bad_files_fail_cleanly_and_store_nothing(env: dict[str, str], data_dir: Path,
                                                  tmp_path: Path, content: str,
                                                  message: str) -> None:
    add_import_catalog(data_dir)
    assert runner.invoke(app, ["load"]).exit_code == 0
    bad = tmp_path / "offre.xml"
    bad.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["import", "lheo", str(bad), "--date", "2025-01-01"])
    assert result.exit_code == 1
    assert message in result.stderr and "offre.xml" in result.stderr
    store = Store.open(env["MONOREG_DATABASE_URL"])
    try:
        assert store.observations(indicators=["nombre_actions_lheo"]) == []
    finally:
        store.close()


def test_cli_prints_counts(env: dict[str, str], data_dir: Path) -> None:
    add_import_catalog(data_dir)
    runner.invoke(app, ["load"])
    result = runner.invoke(app, ["import", "lheo", str(SYNTHETIC), "--date", "2025-01-01"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "6 enregistrements lus, 4 comptés, 2 écartés" in result.output
    assert "ligne 49 : code région inconnu « 25 »" in result.output
