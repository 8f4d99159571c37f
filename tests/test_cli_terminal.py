"""The command line as an editor meets it: French help with examples, output readable at 80 and
120 columns without a word cut in two, and the next step said at the end.

Real data: the bundled Normandie 2020 edition (data/), loaded into a throwaway SQLite store.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from english import english_words
from typer._click.core import Context
from typer.main import get_command
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.cli.completion import (
    complete_indicator,
    complete_region,
    complete_section,
    complete_year,
)

DATA = Path(__file__).resolve().parents[1] / "data"
WIDTHS = (80, 120)
runner = CliRunner()


@pytest.fixture(scope="module")
def real_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    store = tmp_path_factory.mktemp("store") / "store.sqlite"
    env = {"MONOREG_DATA_DIR": str(DATA), "MONOREG_DATABASE_URL": f"sqlite:///{store}"}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        result = runner.invoke(app, ["load"])
        assert result.exit_code == 0, result.output
        yield env


def run(args: list[str], width: int, code: int = 0) -> str:
    result = runner.invoke(app, args, env={"COLUMNS": str(width)}, prog_name="monoreg")
    assert result.exit_code == code, (args, result.output)
    return result.output


# -- the checks ---------------------------------------------------------------------------
_MARKUP = re.compile(r"[`*\[\]]")


def cut_words(output: str, texts: Iterable[str]) -> list[str]:
    """Words of `texts` found whole on no line of `output`: a word cut in two at a line end
    (« Indicate » / « ur »), or a figure split at one of its thin spaces.

    Words are split at ordinary spaces only, so « 3 420 995 » (thin spaces) is one word.
    """
    lines = output.splitlines()
    missing = []
    for text in texts:
        for word in re.split(r"[ \t\n]+", _MARKUP.sub("", text)):
            word = word.strip(".,;:()«»")
            if len(word) > 2 and not any(word in line for line in lines):
                missing.append(word)
    return sorted(set(missing))


def spaces(text: str) -> str:
    """Thin and no-break spaces as plain spaces, to search printed French."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def next_steps(page: str) -> str:
    """The closing summary, on one line (no-break spaces as spaces)."""
    flat = " ".join(page.split())
    assert "À faire ensuite :" in flat, page
    return flat[flat.index("À faire ensuite :"):]


def too_wide(output: str, width: int) -> list[str]:
    return [line for line in output.splitlines() if len(line.rstrip()) > width]


def test_cut_words_sees_a_folded_word_and_a_split_figure() -> None:
    folded = "│ Indicate │\n│ ur       │\n│ 3 420 │\n│ 995 │"
    assert cut_words(folded, ["Indicateur", "3\u202f420\u202f995"]) == [
        "3\u202f420\u202f995", "Indicateur"]
    whole = "│ Indicateur │ 3\u202f420\u202f995 │"
    assert cut_words(whole, ["Indicateur 3\u202f420\u202f995"]) == []


# -- help ------------------------------------------------------------------------------------
def _commands() -> list[tuple[list[str], Any]]:
    found = []

    def walk(command: Any, path: list[str]) -> None:
        found.append((path, command))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return found


COMMANDS = _commands()
IDS = [" ".join(path) or "monoreg" for path, _ in COMMANDS]


def _help_texts(command: Any) -> list[str]:
    texts = [command.help or "", command.epilog or ""]
    params = command.get_params(Context(command))  # as the help page gets them
    texts += [param.help or "" for param in params if getattr(param, "help", None)]
    return texts


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_help_page_is_french_whole_words_with_examples(
        path: list[str], command: Any, width: int) -> None:
    page = run([*path, "--help"], width)
    assert english_words(page) == [], page
    assert "Utilisation : monoreg" in page and "Affiche cette aide et s'arrête." in page
    assert cut_words(page, _help_texts(command)) == [], page
    assert too_wide(page, width) == []
    if not hasattr(command, "commands"):  # a command, not a group: one or two examples
        assert "Exemples :" in page, page
        examples = re.findall(r"^\s*• monoreg " + re.escape(" ".join(path)), page, re.M)
        assert 1 <= len(examples) <= 3, page


def test_root_help_lists_every_command_in_french() -> None:
    page = run(["--help"], 80)
    for name in ("load", "show", "export", "validate", "build", "serve", "edition", "import"):
        assert re.search(rf"│ {name} +\S", page), name
    assert "Commandes" in page and "--install-completion" in page
    assert "Installe la complétion" in page


@pytest.mark.parametrize(("args", "french"), [
    (["validate"], "Argument RÉGION manquant."),
    (["validate", "normandie", "--bad"], "Option inconnue : --bad"),
    (["validate", "normandie", "--edition", "deux-mille"],
     "Valeur invalide pour --edition : un nombre entier est attendu."),
    (["nope"], "Commande inconnue : « nope »."),
    (["show", "a", "b"], "Argument(s) en trop : b"),
])
def test_usage_errors_are_french_and_exit_2(args: list[str], french: str) -> None:
    result = runner.invoke(app, args, env={"COLUMNS": "80"}, prog_name="monoreg")
    assert result.exit_code == 2
    assert french in " ".join(result.output.replace("│", " ").split()), result.output
    assert english_words(result.output) == [], result.output


# -- show ------------------------------------------------------------------------------------
@pytest.mark.parametrize("width", WIDTHS)
def test_show_reads_well_at_width(real_env: dict[str, str], width: int) -> None:
    page = run(["show", "normandie", "--edition", "2020"], width)
    rows = json.loads(run(["show", "normandie", "--edition", "2020", "--format", "json"], 200))
    texts = [r["label"] for r in rows]
    for r in rows:
        for cell in (r["base"], r["current"], r["france"]):
            if cell:  # "3 420 995 (2017)": the figure and its period, each whole
                value, _, period = cell["value"].partition(" (")
                figure = any(c.isdigit() for c in value)
                texts += [value.replace(" ", "\u00a0") if figure else value, period.rstrip(")")]
        texts += [r["evolution"] or "", r["evolution_printed"] or ""]
    assert cut_words(page, texts) == []
    assert too_wide(page, width) == []
    # section titles, not ids; the published evolution beside the one quoted as printed
    assert "Population et emploi" in page and "population-emploi" not in page
    assert "Évolution" in page and "imprimée" in page
    plain = spaces(page)
    # '-0.03%' is quoted as printed; the editor withheld it (it contradicts its figures), and
    # no recomputed -2,98 % stands in for it.
    assert "-0.03%" in plain and "non publié" in plain and "-2,98 %" not in plain


def test_show_falls_back_to_one_block_per_figure_when_no_table_fits(
        real_env: dict[str, str]) -> None:
    page = spaces(run(["show", "normandie", "--edition", "2020"], 60))
    assert re.search(r"^Population totale *$", page, re.M), page     # a block's title
    assert re.search(r"^  Évolution +non publié", page, re.M), page
    assert re.search(r"^  Évolution imprimée +-0\.03%", page, re.M), page
    assert too_wide(page, 60) == []


def test_show_json_is_unchanged(real_env: dict[str, str]) -> None:
    rows = json.loads(run(["show", "normandie", "--edition", "2020", "--format", "json"], 80))
    assert set(rows[0]) == {"section", "indicator", "label", "base", "current", "evolution",
                            "evolution_printed", "france"}
    first = next(r for r in rows if r["indicator"] == "population_totale")
    assert first["section"] == "population-emploi"
    assert set(first["current"]) == {"period", "value", "printed", "territory", "quality"}


# -- validate and edition status ------------------------------------------------------------
@pytest.mark.parametrize("width", WIDTHS)
def test_validate_reads_well_and_ends_with_the_next_step(
        real_env: dict[str, str], width: int) -> None:
    page = run(["validate", "normandie", "--edition", "2020"], width)
    findings = json.loads(run(["validate", "normandie", "--edition", "2020", "--format",
                               "json"], 200))["findings"]
    texts = [f["message"] for f in findings] + [f["rule"] for f in findings]
    assert cut_words(page, texts) == []
    assert too_wide(page, width) == []
    # every error of the bundled edition has its resolution (resolutions.yaml): ready to publish;
    # test_an_unresolved_error_is_said_with_where_and_how covers the other way
    assert not [f for f in findings if f["severity"] == "error" and not f["resolved"]]
    flat = next_steps(page)
    assert ("Aucune erreur sans décision : l'édition peut être publiée. "
            "monoreg build normandie --edition 2020") in flat
    warnings = [f for f in findings if f["severity"] == "warning" and not f["resolved"]]
    assert f"{len(warnings)} avertissements à relire" in flat


def test_validate_exit_codes_are_unchanged(real_env: dict[str, str]) -> None:
    run(["validate", "normandie", "--edition", "2020"], 80, code=0)
    run(["validate", "normandie", "--edition", "2020", "--strict"], 80, code=0)  # all resolved


@pytest.mark.parametrize("width", WIDTHS)
def test_edition_status_reads_well_and_ends_with_the_next_step(
        real_env: dict[str, str], width: int) -> None:
    page = run(["edition", "status", "normandie", "2020"], width)
    status = json.loads(run(["edition", "status", "normandie", "2020", "--format", "json"],
                            200))
    texts = [f["message"] for f in status["validation_errors"]]
    texts += [m["label"] for m in status["misaligned"]]
    assert cut_words(page, texts) == []
    assert too_wide(page, width) == []
    flat = next_steps(page)
    assert not status["validation_errors"] and "erreur" not in flat   # all resolved
    assert f"{len(status['misaligned'])} chiffres d'une autre période" in flat
    assert "editions/normandie/2020/observations.csv (lignes" in flat


# -- completion ------------------------------------------------------------------------------
def test_completion_of_regions_editions_sections_and_indicators(
        real_env: dict[str, str]) -> None:
    assert ("normandie", "Normandie") in complete_region("nor")
    assert [slug for slug, _ in complete_region("28")] == ["normandie"]
    assert [slug for slug, _ in complete_region("Île")] == ["ile-de-france"]

    context = SimpleNamespace(params={"region": "Normandie"})
    assert [year for year, _ in complete_year(context, "20")] == ["2020"]
    assert ("taux_chomage", "Taux de chômage") in complete_indicator("taux_ch")
    assert [s for s, _ in complete_section("population")] == ["population-emploi"]


def test_completion_never_crashes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MONOREG_DATA_DIR", str(tmp_path / "nowhere"))
    assert complete_region("nor") == [] and complete_indicator("") == []
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "indicators.yaml").write_text("- {id: [broken", encoding="utf-8")
    monkeypatch.setenv("MONOREG_DATA_DIR", str(tmp_path))
    assert complete_indicator("") == [] and complete_year(None, "") == []


def test_shell_completion_through_the_command(real_env: dict[str, str]) -> None:
    """What bash gets on Tab: Typer's completion protocol, run in-process."""
    def complete(words: str) -> list[str]:
        result = runner.invoke(app, [], prog_name="monoreg", env={
            "_MONOREG_COMPLETE": "complete_bash", "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))})
        assert result.exit_code == 0, result.output
        return result.output.split()

    assert "validate" in complete("monoreg val")
    assert "normandie" in complete("monoreg show norm")
    assert "2020" in complete("monoreg edition status normandie ")
    assert "taux_chomage" in complete("monoreg ranking taux_ch")


def test_completion_does_not_load_the_heavy_layers() -> None:
    """The shell runs monoreg on every Tab press: building the command tree and completing a
    region must not import the store, validation, publishing or the portal."""
    probe = ("import sys; from monoreg.cli import app; from typer.main import get_command; "
             "from monoreg.cli.completion import complete_region; get_command(app); "
             "complete_region('nor'); print(sorted({m.split('.')[0] if not m.startswith("
             "'monoreg.') else '.'.join(m.split('.')[:2]) for m in sys.modules}))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout
    for heavy in ("sqlalchemy", "monoreg.store", "monoreg.validate", "monoreg.publish",
                  "monoreg.web", "monoreg.loading", "monoreg.importing", "jinja2"):
        assert f"'{heavy}'" not in loaded, heavy


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The real data with one error no editor resolved: a printed evolution changed in a copy
    (-3.02% → -9.02%, made up on purpose, as in tests/publish/test_publication_gate.py)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "editions/normandie/2020/evolutions.csv"
    text = path.read_text("utf-8")
    assert text.count(";-3.02%;-3.02;") == 1
    path.write_text(text.replace(";-3.02%;-3.02;", ";-9.02%;-9.02;"), "utf-8")
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data))
    monkeypatch.setenv("MONOREG_DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    assert runner.invoke(app, ["load"]).exit_code == 0
    return tmp_path


def test_an_unresolved_error_is_said_with_where_and_how(planted: Path) -> None:
    validated = next_steps(run(["validate", "normandie", "--edition", "2020"], 80))
    assert "1 erreur sans décision (1 evolution-mismatch)" in validated
    assert ("editions/normandie/2020/evolutions.csv (ligne" in validated
            or "monoreg edition sheet normandie 2020" in validated)
    assert "monoreg build normandie --edition 2020 --proof" in validated
    status = next_steps(run(["edition", "status", "normandie", "2020"], 80))
    assert "1 erreur de validation sans décision" in status
    assert "monoreg validate normandie --edition 2020" in status
    # the public build refuses (exit 1, unchanged) and says what to do next
    run(["validate", "normandie", "--edition", "2020", "--strict"], 80, code=1)
    refused = next_steps(run(["build", "normandie", "--edition", "2020", "--out",
                              str(planted / "out")], 80, code=1))
    assert "Normandie 2020 refusée : 1 erreur sans décision" in refused
    assert "editions/normandie/2020/resolutions.yaml" in refused
    assert "monoreg build normandie --edition 2020 --proof" in refused


@pytest.mark.parametrize("width", WIDTHS)
def test_next_edition_status_lists_figures_by_section_and_says_how_to_fill_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data))
    monkeypatch.setenv("MONOREG_DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    run(["edition", "new", "normandie", "2021"], width)
    run(["load"], width)
    page = run(["edition", "status", "normandie", "2021"], width)
    status = json.loads(run(["edition", "status", "normandie", "2021", "--format", "json"], 200))
    to_update = status["to_update"]
    assert to_update
    assert cut_words(page, [item["label"] for item in to_update]) == []
    assert too_wide(page, width) == []
    assert "Chiffres clés" in page and "chiffres-cles" not in page   # section titles
    assert "Indicateur" in page and "┃" in page                      # a table, at 80 too
    flat = next_steps(page)
    assert f"{len(to_update)} chiffres à compléter." in flat
    assert ("editions/normandie/2021/observations.csv (lignes" in flat
            or "monoreg edition sheet normandie 2021" in flat)


def test_install_completion_says_where_in_french(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))   # the shell's files are written here
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")  # name the shell
    result = runner.invoke(app, ["--install-completion", "bash"], prog_name="monoreg")
    assert result.exit_code == 0, result.output
    assert "Complétion bash installée dans" in result.output
    assert english_words(result.output) == [], result.output
    assert "_MONOREG_COMPLETE" in (tmp_path / ".bash_completions" / "monoreg.sh").read_text()


def test_show_refuses_an_unknown_section_in_french(real_env: dict[str, str]) -> None:
    result = runner.invoke(app, ["show", "normandie", "--section", "nope"])
    assert result.exit_code == 2
    assert "section inconnue « nope »" in result.stderr and "population-emploi" in result.stderr
