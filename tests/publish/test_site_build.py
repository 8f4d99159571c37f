"""`monoreg build` and publish/site.py: the files of an edition, the data downloads (CSV, JSON,
XLSX, a Frictionless data package that `frictionless validate` accepts), the index page,
incremental rebuilds, and the command line's errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from lxml import html as lxml_html
from openpyxl import load_workbook
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.loading import load
from monoreg.publish.document import Mode
from monoreg.publish.exports import CSV_COLUMNS
from monoreg.publish.site import build, catalog_hash, fingerprint, read_manifest


def test_an_edition_publishes_its_monograph_and_data(built, loaded) -> None:  # type: ignore[no-untyped-def]
    files = built.files
    assert set(files) == {"pdf", "html", "csv", "json", "xlsx", "findings", "datapackage",
                          "manifest"}
    assert files["pdf"].read_bytes().startswith(b"%PDF-")
    assert files["pdf"].name == "normandie-2030.pdf"   # where the portal looks for it
    rows = list(csv.reader(io.StringIO(files["csv"].read_text("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) - 1 == len(loaded.edition.observations)
    data = json.loads(files["json"].read_text("utf-8"))
    assert data["edition"]["synthetic"] is True
    sheet = load_workbook(files["xlsx"])["Chiffres"]
    assert sheet.max_row - 1 == len(loaded.edition.observations)


def test_the_data_package_passes_frictionless_validate(built) -> None:  # type: ignore[no-untyped-def]
    descriptor = json.loads(built.files["datapackage"].read_text("utf-8"))
    fields = {f["name"]: f["type"] for f in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["value"] == "number" and list(fields) == list(CSV_COLUMNS)
    command = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(command), "validate", "--json", "datapackage.json"],
                            cwd=built.files["datapackage"].parent, capture_output=True,
                            text=True)
    report = json.loads(result.stdout)
    assert report["valid"] is True, result.stdout[-2000:]
    assert result.returncode == 0
    # Both resources were checked: the figures (with their primary key) and the findings.
    assert [t["name"] for t in report["tasks"]] == ["observations", "constats"]
    assert descriptor["resources"][0]["schema"]["primaryKey"] == [
        "place", "indicator", "territory", "period", "dimension"]


def test_a_broken_csv_fails_frictionless_validate(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "broken"
    shutil.copytree(built.files["datapackage"].parent, folder)
    csv_file = folder / built.files["csv"].name
    text = csv_file.read_text("utf-8-sig").splitlines()
    cells = text[1].split(";")
    cells[CSV_COLUMNS.index("value")] = "douze"
    csv_file.write_text("\ufeff" + "\r\n".join([text[0], ";".join(cells), *text[2:]]),
                        encoding="utf-8")
    command = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(command), "validate", "datapackage.json"], cwd=folder,
                            capture_output=True, text=True)
    assert result.returncode != 0


def test_index_links_every_file(built) -> None:  # type: ignore[no-untyped-def]
    index = built.out / "index.html"
    tree = lxml_html.fromstring(index.read_text("utf-8"))
    links = {a.get("href") for a in tree.iter("a") if not a.get("href").startswith("#")}
    assert {str(p.relative_to(built.out)) for p in built.files.values()} <= links
    assert all((built.out / link).is_file() for link in links)
    assert "synthétique" in tree.text_content()


def test_builds_are_incremental(built, loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    shutil.copytree(built.out, out)
    again = build(loaded.store, out, regions=["28"], jobs=1)
    assert [r.built for r in again.results] == [False]
    (out / built.files["pdf"].relative_to(built.out)).unlink()   # a file went missing
    assert [r.built for r in build(loaded.store, out, regions=["28"]).results] == [True]
    assert [r.built for r in build(loaded.store, out, regions=["28"], force=True,
                                   jobs=1).results] == [True]
    proof = build(loaded.store, out, regions=["28"], mode=Mode.PROOF, jobs=1)
    assert proof.results[0].files["pdf"].endswith("normandie-2030-epreuve.pdf")
    assert set(read_manifest(out)) == {"28-2030:public", "28-2030:proof"}


def test_several_editions_build_in_worker_processes(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = build(loaded.store, tmp_path / "site", jobs=2)
    assert sorted(r.slug for r in report.built) == ["bretagne", "normandie"]
    assert all(r.engine_seconds > 0 for r in report.built)
    for result in report.built:
        assert all((tmp_path / "site" / path).is_file() for path in result.files.values())


def test_fingerprint_follows_content_catalogue_and_mode(loaded) -> None:  # type: ignore[no-untyped-def]
    summary = loaded.store.editions("28")[0]
    digest = catalog_hash(loaded.catalog)
    reference = fingerprint(summary, digest, Mode.PUBLIC)
    assert fingerprint(summary, digest, Mode.PUBLIC) == reference
    assert fingerprint(replace(summary, content_hash="changed"), digest,
                       Mode.PUBLIC) != reference
    assert fingerprint(summary, "other catalogue", Mode.PUBLIC) != reference
    assert fingerprint(summary, digest, Mode.PROOF) != reference
    renamed = replace(loaded.catalog, sections=tuple(
        replace(s, title=s.title + " (bis)") for s in loaded.catalog.sections))
    assert catalog_hash(renamed) != digest


runner = CliRunner()


def test_cli_builds_one_region(env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert runner.invoke(app, ["load"]).exit_code == 0
    result = runner.invoke(app, ["build", "normandie", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "normandie" / "2030" / "normandie-2030.pdf").is_file()
    assert (tmp_path / "out" / "index.html").is_file()
    said = " ".join(result.output.split())
    assert f"À faire ensuite : • Pages écrites : {tmp_path / 'out' / 'index.html'}" in said
    again = runner.invoke(app, ["build", "--all", "--out", str(tmp_path / "out")])
    assert again.exit_code == 0
    assert "0 édition(s) construite(s), 1 inchangée(s)" in " ".join(again.output.split())
    # the proof ends with what to decide before publishing, or with the public build
    findings = json.loads(runner.invoke(app, ["validate", "normandie", "--format", "json"]
                                        ).stdout)["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    proof = runner.invoke(app, ["build", "normandie", "--proof", "--out", str(tmp_path / "out")])
    said = " ".join(proof.output.split())
    if errors:
        assert f"{len(errors)} erreur" in said
        assert "monoreg validate normandie --edition 2030" in said
    else:
        assert "Épreuve sans erreur : publiez la version publique. monoreg build normandie" in said


def test_cli_usage_errors(env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert runner.invoke(app, ["load"]).exit_code == 0
    out = str(tmp_path / "out")
    for args, message in ((["build", "--out", out], "RÉGION… ou --all"),
                          (["build", "normandie", "--all", "--out", out], "RÉGION… ou --all"),
                          (["build", "atlantide", "--out", out], "région inconnue"),
                          (["build", "normandie", "--edition", "1999", "--out", out],
                           "pas d'édition 1999")):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output
    assert not Path(out).exists()


def test_build_from_sqlite_or_postgresql(store, data_dir, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The same build from either store (the common SYNTHETIC data of tests/synthetic.py)."""
    load(store, data_dir)
    report = build(store, tmp_path / "site", regions=["28"], jobs=1)
    (result,) = report.built
    edition = store.edition("28", 2030)
    rows = (tmp_path / "site" / result.files["csv"]).read_text("utf-8-sig").splitlines()
    assert len(rows) - 1 == len(edition.observations)
    assert (tmp_path / "site" / result.files["pdf"]).read_bytes().startswith(b"%PDF-")


def test_the_data_package_names_sources_licences_and_findings(built, loaded) -> None:  # type: ignore[no-untyped-def]
    descriptor = json.loads(built.files["datapackage"].read_text("utf-8"))
    cited = {o.source for o in loaded.edition.observations if o.source}
    assert cited and all(any(s["title"].startswith(f"{i} : ") for s in descriptor["sources"])
                         for i in cited)
    # A licence is listed only when a source's producer states one in the data files.
    stated = {s.licence for s in loaded.catalog.sources.values() if s.licence}
    assert {lic["title"] for lic in descriptor["licenses"]} <= stated
    rows = list(csv.DictReader(io.StringIO(built.files["findings"].read_text("utf-8-sig")),
                               delimiter=";"))
    stored = loaded.store.findings(loaded.edition.id)
    assert stored and [(r["rule"], r["severity"]) for r in rows] == [
        (f.rule, f.severity.value) for f in stored]


def test_the_xlsx_has_a_readme_formats_and_content_sheets(built, loaded) -> None:  # type: ignore[no-untyped-def]
    workbook = load_workbook(built.files["xlsx"])
    assert workbook.sheetnames[:2] == ["Lisez-moi", "Chiffres"]
    readme = [" ".join(str(c) for c in row if c is not None)
              for row in workbook["Lisez-moi"].iter_rows(values_only=True)]
    text = "\n".join(readme)
    for heading in ("Sources", "Unités", "Indicateurs", "Qualité des chiffres"):
        assert heading in text
    assert "Vérifié" in text and "Non publié" in text
    figures = workbook["Chiffres"]
    assert figures.freeze_panes == "A2" and figures.auto_filter.ref
    value = CSV_COLUMNS.index("value") + 1
    numbers = [c for (c,) in figures.iter_rows(min_row=2, min_col=value, max_col=value)
               if c.value is not None]
    assert numbers and all(isinstance(c.value, int | float) for c in numbers)
    assert all(c.number_format != "General" for c in numbers)
    assert figures.column_dimensions["B"].width > 10
    if loaded.edition.texts:
        assert workbook["Textes"].max_row - 1 == len(loaded.edition.texts)


def test_the_xlsx_styles_its_tables(built) -> None:  # type: ignore[no-untyped-def]
    workbook = load_workbook(built.files["xlsx"])
    readme = workbook["Lisez-moi"]
    assert readme["A1"].font.b and readme["A1"].font.sz == 14
    assert readme["A2"].value and readme["A2"].alignment.wrap_text
    assert readme.column_dimensions["C"].width == 48
    for sheet in workbook.worksheets[1:]:
        header = [c for c in sheet[1] if c.value is not None]
        assert header and all(c.font.b for c in header), sheet.title
        # the filter covers the table exactly: every column of the header, every row
        assert sheet.auto_filter.ref == f"A1:{header[-1].column_letter}{sheet.max_row}"
        assert sheet.freeze_panes == "A2"
        widths = [sheet.column_dimensions[c.column_letter].width for c in header]
        assert all(4 <= w <= 60 for w in widths), sheet.title
    figures = workbook["Chiffres"]
    value = CSV_COLUMNS.index("value") + 1
    formats = {type(c.value): c.number_format for (c,) in figures.iter_rows(
        min_row=2, min_col=value, max_col=value) if c.value is not None}
    assert formats == {int: "#,##0", float: "#,##0.0##"}
