"""Writing data files the way editors keep them: `;` CSV with a comment header, and YAML with
texts as readable blocks (see data/README.md)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml


def _comment(lines: Iterable[str]) -> str:
    return "".join(f"# {line}\n" if line else "#\n" for line in lines)


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Mapping[str, str]],
              comment: Sequence[str] = ()) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    path.write_text(_comment(comment) + buffer.getvalue(), encoding="utf-8")


class _Dumper(yaml.SafeDumper):
    """Multi-line texts as literal blocks ('|'), so that paragraphs stay readable."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def write_yaml(path: Path, data: Any, comment: Sequence[str] = ()) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(_comment(comment) + text, encoding="utf-8")
