"""The monograph importer proposes measures from the policy pages' headings and bullets.

Inputs: the seed (data/editions/normandie/2020/source.txt, real) against the hand-entered
measures of data/editions/normandie/2020/measures.yaml, and the SYNTHETIC Bretagne
monograph (tests/ingest/fixtures, another region and structure). Lines are checked in the
text itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from import_catalog import FIXTURES, PROJECT_DATA, loaded_copy
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.ingest.monograph.monograph_import import read_monograph
from monoreg.metadata.reference import load_catalog
from monoreg.model import Framework, MeasureKind, MeasureStatus
from monoreg.model.names import fold
from monoreg.publish.exports import edition_export
from monoreg.store.repository import Store

runner = CliRunner()
SEED = PROJECT_DATA / "editions" / "normandie" / "2020" / "source.txt"
BRETAGNE = FIXTURES / "monographie-bretagne-2020.synthetic.txt"


def _words(text: str) -> str:
    return " ".join(fold(text).split())


def test_seed_proposals_are_on_their_lines_and_cover_the_hand_entered_bullets() -> None:
    catalog = load_catalog(PROJECT_DATA)
    proposals = read_monograph(SEED, catalog).edition.measures
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert proposals and all(m.status is MeasureStatus.PROPOSED for m in proposals)
    for m in proposals:
        assert m.origin is not None
        opening = " ".join(_words(m.title).split()[:4])
        assert opening in _words(lines[m.origin.line - 1]), (m.title, m.origin.line)
        assert m.publics == () and m.amounts == () and m.start is None  # nothing guessed
    hand = next(e for e in load_data_dir(PROJECT_DATA).editions if e.region == "28")
    bullets = {m.origin.line for m in hand.measures if m.origin and
               lines[m.origin.line - 1].lstrip().startswith(("-", "•"))
               and m.framework in (Framework.PRIC, Framework.CPRDFOP)}
    assert len(bullets) >= 10
    assert bullets <= {m.origin.line for m in proposals if m.origin}
    orientations = [m for m in proposals if m.framework is Framework.CPRDFOP]
    assert len(orientations) == 5 and {m.kind for m in orientations} == {
        MeasureKind.ORIENTATION}


def test_another_region_gets_its_own_proposals() -> None:
    edition = read_monograph(BRETAGNE, load_catalog(PROJECT_DATA)).edition
    assert edition.region == "53"
    assert edition.measures and {m.region for m in edition.measures} == {"53"}
    assert {m.framework for m in edition.measures} >= {Framework.CPRDFOP, Framework.PRIC}


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, store_url: str) -> Path:
    return loaded_copy(monkeypatch, tmp_path, store_url)


def test_proposals_wait_for_the_editor_who_confirms_by_the_status(env: Path,
                                                                  store_url: str) -> None:
    result = runner.invoke(app, ["import", "monograph", str(BRETAGNE), "--region", "53",
                                 "--edition", "2020"])
    assert result.exit_code == 0, result.output
    path = env / "editions" / "bretagne" / "2020" / "measures.yaml"
    written = yaml.safe_load(path.read_text(encoding="utf-8"))["measures"]
    assert written and {m["status"] for m in written} == {"proposee"}
    store = Store.open(store_url)
    try:
        catalog = store.catalog()
        stored = store.edition("53", 2020)
        assert len(stored.measures) == len(written)
        assert edition_export(catalog, stored).content["measures"] == []  # not published
    finally:
        store.close()
    # The editor confirms one proposal by changing its status, then reloads.
    chosen = written[0]["id"]
    text = path.read_text(encoding="utf-8")
    marker = f"- id: {chosen}\n"
    assert marker in text
    head, tail = text.split(marker, 1)
    path.write_text(head + marker + tail.replace("status: proposee", "status: annoncee", 1),
                    encoding="utf-8")
    assert runner.invoke(app, ["load"]).exit_code == 0
    store = Store.open(store_url)
    try:
        published = edition_export(store.catalog(), store.edition("53", 2020)).content
        assert [m["id"] for m in published["measures"]] == [chosen]
    finally:
        store.close()
