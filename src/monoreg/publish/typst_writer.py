"""The Typst writer: the monograph tree → Typst source → PDF (the PyPI `typst` compiler).

The design lives in templates/monograph.typ; this writer appends the body as calls to its
functions with Typst values. Every text is a Typst *string literal*, never markup, so data
can hold '#', '$', '*', '_', '@' or '<script>' and they print as they are. Chart SVGs go in
through `sys.inputs`, unchanged from the HTML's.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import typst

from monoreg.publish import document as doc
from monoreg.publish import links
from monoreg.publish.writer import Writer

TEMPLATE = Path(__file__).with_name("templates") / "monograph.typ"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\r": "\\r", "\t": "\\t"}


def typst_string(text: str) -> str:
    """A Typst string literal: only '\\', '"' and control characters need escaping."""
    escaped = "".join(_ESCAPES.get(ch, ch) for ch in text)
    return '"' + escaped.replace("\n", "\\n") + '"'


def typst_value(value: Any) -> str:
    """A Python value as a Typst value: str, None, bool, int, sequences and mappings."""
    if isinstance(value, str):  # StrEnum values included
        return typst_string(str(value))
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Mapping):
        if not value:
            return "(:)"
        return "(" + ", ".join(f"{k}: {typst_value(v)}" for k, v in value.items()) + ")"
    if isinstance(value, list | tuple):
        return "(" + "".join(typst_value(v) + ", " for v in value) + ")"
    raise TypeError(f"no Typst value for {type(value).__name__}")


def _data(node: Any) -> dict[str, Any]:
    return dataclasses.asdict(node)


def _call(function: str, data: Any) -> str:
    return f"#{function}({typst_value(data)})"


def _counts(m: doc.Monograph) -> str:
    labels = (("error", "erreur(s)"), ("warning", "avertissement(s)"),
              ("info", "information(s)"), ("accepted", "accepté(s)"))
    return ", ".join(f"{m.finding_counts.get(kind, 0)} {label}" for kind, label in labels)


class TypstWriter(Writer):
    """Writes one monograph; `inputs` collects the chart SVGs its source refers to."""

    def __init__(self) -> None:
        self.inputs: dict[str, str] = {}

    def write_key_figures(self, node: doc.KeyFigures) -> str:
        return _call("keyfigures", _data(node))

    def write_summary(self, node: doc.Summary) -> str:
        return _call("summary", _data(node))

    def write_table(self, node: doc.Table) -> str:
        return _call("datatable", _data(node))

    def write_text_block(self, node: doc.TextBlock) -> str:
        data = _data(node)
        data["content"] = [_part(part) for part in node.content]
        return _call("textblock", data)

    def write_item_list(self, node: doc.ItemList) -> str:
        return _call("itemlist", _data(node))

    def write_columns(self, node: doc.Columns) -> str:
        return "#side-by-side(" + ", ".join(f"[{self.write(b)}]" for b in node.blocks) + ")"

    def write_contacts(self, node: doc.Contacts) -> str:
        return _call("contacts", _data(node))

    def write_facts(self, node: doc.Facts) -> str:
        return _call("facts", _data(node))

    def write_chart(self, node: doc.Chart) -> str:
        key = f"chart-{node.id}"
        self.inputs[key] = node.svg
        return _call("chart", {"key": key, "title": node.title, "period": node.period,
                               "description": node.description, "source": node.source,
                               "remarks": node.remarks, "number": node.number})

    def write_notice(self, node: doc.Notice) -> str:
        return _call("notice", _data(node))

    def write_section(self, node: doc.Section) -> str:
        parts = [_call("section", {"title": node.title})]
        parts += [self.write(block) for block in node.blocks]
        if node.notes:
            parts.append(_call("notes", [dataclasses.asdict(n) for n in node.notes]))
        return "\n".join(parts)

    def write_monograph(self, node: doc.Monograph) -> str:
        banner = "ÉPREUVE" if node.proof else ("SYNTHÉTIQUE" if node.synthetic else "")
        body = "\n".join(self.write(section) for section in node.sections)
        publisher_pages = "\n".join(self.write(block) for block in node.end.publisher_pages)
        if node.cover_map:
            self.inputs["cover-map"] = node.cover_map
        # The subject of the series: the title without its series and region parts.
        subject = node.title.split(" – ")[0]
        meta = {"title": node.title, "subject": subject, "region": node.region,
                "published": node.published, "publisher": node.publisher,
                "cutoff": node.cutoff_notice, "synthetic": node.synthetic,
                "proof": node.proof, "counts": _counts(node),
                "running": f"{node.region} — édition de {node.published}", "banner": banner,
                "map": "cover-map" if node.cover_map else None,
                "colophon": node.end.colophon, "notice": node.end.notice,
                "back": [_part(p) for p in node.end.back_cover],
                "address": links.ADDRESS.pattern,
                "links": list(links.links_in(body + publisher_pages).items())}
        pages = f"[{publisher_pages}]" if publisher_pages else "none"
        return (f"{template()}\n#show: monograph.with({typst_value(meta)})\n{body}\n"
                f"#end-matter({typst_value(meta)}, {pages})\n")


def _part(part: doc.Paragraph | doc.Bullets) -> dict[str, Any]:
    """Paragraphs and bullets are data of their text block, not calls of their own."""
    if isinstance(part, doc.Paragraph):
        return {"kind": "paragraph", "text": part.text}
    return {"kind": "bullets", "items": part.items}


@cache
def template() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


@dataclass(frozen=True)
class TypstSource:
    source: str
    inputs: dict[str, str] = field(default_factory=dict)


def to_typst(monograph: doc.Monograph) -> TypstSource:
    writer = TypstWriter()
    source = writer.write(monograph)
    return TypstSource(source, writer.inputs)


@cache
def compiler() -> typst.Compiler:
    """One compiler per process: it loads the system fonts (DejaVu, Liberation) once."""
    return typst.Compiler()


@dataclass
class EngineClock:
    """Time spent inside the Typst compiler (the benchmark compares it with the total)."""

    seconds: float = 0.0
    runs: int = 0


ENGINE = EngineClock()


def compile_pdf(source: TypstSource) -> bytes:
    started = time.perf_counter()
    try:
        pdf = compiler().compile(source.source.encode("utf-8"), format="pdf",
                                 sys_inputs=source.inputs)
    except typst.TypstError as error:
        # A compile error is a bug of the writer or the template: show where in the source.
        error.add_note(str(getattr(error, "diagnostic", "")))
        raise
    finally:
        ENGINE.seconds += time.perf_counter() - started
        ENGINE.runs += 1
    return bytes(pdf)


def render_pdf(monograph: doc.Monograph) -> bytes:
    return compile_pdf(to_typst(monograph))
