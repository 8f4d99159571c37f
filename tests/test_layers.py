"""The package layers: a lower layer never imports a higher one.

Read from the source with `ast` (no import side effects), so a violation is caught even in a
module no other test imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import monoreg

PACKAGE_DIR = Path(monoreg.__file__).resolve().parent

# Rank of each first-level name under monoreg: a module imports only names of a lower rank
# (docs/architecture.md). Names of one rank do not import each other (store / metadata),
# except the model layer's, which are one layer. The CLI is the outermost entry point:
# `monoreg serve` starts the web app.
LAYERS: dict[str, int] = {
    "model": 0,
    "errors": 0,
    "settings": 0,
    "formatting": 0,
    "datafile_reader": 0,
    "derive": 1,
    "store": 2,
    "metadata": 2,
    "ingest": 3,
    "validate": 4,
    "editions": 5,
    "loading": 6,
    "importing": 6,
    "publish": 7,
    "web": 8,
    "cli": 9,
}
MODEL_RANK = 0
# Importers return records: storing them is the application's job (importing.py).
FORBIDDEN = {"ingest": {"store", "publish"}}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imported(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                found.add(node.module)
    return {name for name in found if name.startswith("monoreg.")}


def _layer(module: str) -> str:
    return module.split(".")[1]


def _violations() -> list[str]:
    bad = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        module = _module_name(path)
        if module == "monoreg" or "migrations" in path.parts:
            continue
        for target in sorted(_imported(path, module)):
            if _forbidden(module, target):
                bad.append(f"{module} imports {target}")
    return bad


def _forbidden(module: str, target: str) -> bool:
    own, other = _layer(module), _layer(target)
    if other == own or LAYERS[own] == LAYERS[other] == MODEL_RANK:
        return False
    return LAYERS[other] >= LAYERS[own] or other in FORBIDDEN.get(own, set())


def test_every_first_level_name_has_a_layer() -> None:
    names = {p.stem for p in PACKAGE_DIR.iterdir() if p.suffix == ".py" or p.is_dir()}
    names -= {"__init__", "__pycache__"}
    names = {n for n in names if (PACKAGE_DIR / n).suffix or any((PACKAGE_DIR / n).rglob("*.py"))}
    assert names <= set(LAYERS), sorted(names - set(LAYERS))


def test_no_layer_imports_a_higher_one() -> None:
    assert _violations() == []


def test_the_rule() -> None:
    assert _forbidden("monoreg.validate.rules.parts", "monoreg.editions.compare")
    assert _forbidden("monoreg.metadata.reference", "monoreg.ingest.datafiles.reader")
    assert _forbidden("monoreg.store.repository", "monoreg.metadata.reference")
    assert _forbidden("monoreg.ingest.import_batch", "monoreg.store.repository")
    assert _forbidden("monoreg.web.app", "monoreg.cli")
    assert not _forbidden("monoreg.editions.status", "monoreg.validate")
    assert not _forbidden("monoreg.formatting", "monoreg.model")
    assert not _forbidden("monoreg.cli.serve", "monoreg.web.app")


def test_imports_are_read_from_the_source() -> None:
    path = PACKAGE_DIR / "ingest" / "import_batch.py"
    assert "monoreg.model" in _imported(path, "monoreg.ingest.import_batch")
