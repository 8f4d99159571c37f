"""The Typst writer: the monograph tree → Typst source → PDF (the PyPI `typst` compiler).

The design lives in templates/monograph.typ; this writer appends the body as calls to its
functions. The source holds no data at all: each call reads its value from one JSON document
passed in `sys.inputs` (decoded by Typst's own `json`), so a text is never escaped into
source and can hold '#', '$', '*', '_', '@', '"' or '<script>': it prints as it is. Chart SVGs
go in through `sys.inputs` too, unchanged from the HTML's.
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import typst

from monoreg.publish import document as doc
from monoreg.publish import links
from monoreg.publish.writer import Writer

TEMPLATE = Path(__file__).with_name("templates") / "monograph.typ"
# The sys.inputs key of the JSON array every call's value is read from (and its Typst name).
VALUES = "monoreg-values"


_FIELDS: dict[type, tuple[str, ...] | None] = {}   # the field names of each node class


def _field_names(kind: type) -> tuple[str, ...] | None:
    if kind not in _FIELDS:
        _FIELDS[kind] = (tuple(f.name for f in dataclasses.fields(kind))
                         if dataclasses.is_dataclass(kind) else None)
    return _FIELDS[kind]


def _plain(value: Any) -> Any:
    """A document node as JSON-ready data: dataclasses.asdict's result, without the deep
    copy of every string it makes (a third of the Typst source's time)."""
    names = _field_names(type(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _data(node: Any) -> dict[str, Any]:
    data: dict[str, Any] = _plain(node)
    return data


def _counts(m: doc.Monograph) -> str:
    labels = (("error", "erreur(s)"), ("warning", "avertissement(s)"),
              ("info", "information(s)"), ("accepted", "accepté(s)"))
    return ", ".join(f"{m.finding_counts.get(kind, 0)} {label}" for kind, label in labels)


class TypstWriter(Writer):
    """Writes one monograph; `inputs` collects what its source refers to: the values of its
    calls (one JSON array) and the chart SVGs."""

    def __init__(self) -> None:
        self.inputs: dict[str, str] = {}
        self.values: list[Any] = []

    def _value(self, data: Any) -> str:
        """A Typst expression reading `data` from the JSON input."""
        self.values.append(data)
        return f"{VALUES}.at({len(self.values) - 1})"

    def _call(self, function: str, data: Any) -> str:
        return f"#{function}({self._value(data)})"

    def write_key_figures(self, node: doc.KeyFigures) -> str:
        return self._call("keyfigures", _data(node))

    def write_summary(self, node: doc.Summary) -> str:
        return self._call("summary", _data(node))

    def write_table(self, node: doc.Table) -> str:
        return self._call("datatable", _data(node))

    def write_text_block(self, node: doc.TextBlock) -> str:
        data = _data(node)
        data["content"] = [_part(part) for part in node.content]
        return self._call("textblock", data)

    def write_item_list(self, node: doc.ItemList) -> str:
        return self._call("itemlist", _data(node))

    def write_columns(self, node: doc.Columns) -> str:
        return "#side-by-side(" + ", ".join(f"[{self.write(b)}]" for b in node.blocks) + ")"

    def write_contacts(self, node: doc.Contacts) -> str:
        return self._call("contacts", _data(node))

    def write_facts(self, node: doc.Facts) -> str:
        return self._call("facts", _data(node))

    def write_chart(self, node: doc.Chart) -> str:
        key = f"chart-{node.id}"
        self.inputs[key] = node.svg
        return self._call("chart", {"key": key, "title": node.title, "period": node.period,
                               "description": node.description, "source": node.source,
                               "remarks": node.remarks, "number": node.number})

    def write_notice(self, node: doc.Notice) -> str:
        return self._call("notice", _data(node))

    def write_section(self, node: doc.Section) -> str:
        parts = [self._call("section", {"title": node.title})]
        parts += [self.write(block) for block in node.blocks]
        if node.notes:
            parts.append(self._call("notes", [_data(n) for n in node.notes]))
        return "\n".join(parts)

    def write_monograph(self, node: doc.Monograph) -> str:
        banner = "ÉPREUVE" if node.proof else ("SYNTHÉTIQUE" if node.synthetic else "")
        body = "\n".join(self.write(section) for section in node.sections)
        publisher_pages = "\n".join(self.write(block) for block in node.end.publisher_pages)
        if node.cover_map:
            self.inputs["cover-map"] = node.cover_map
        # The subject of the series: the title without its series and region parts.
        subject = node.title.split(" – ")[0]
        # Every address the document prints, with its target (the template's show rule finds
        # them with the same pattern): read from the values, where the texts are.
        printed = json.dumps(self.values, ensure_ascii=False)
        meta = {"title": node.title, "subject": subject, "region": node.region,
                "published": node.published, "publisher": node.publisher,
                "cutoff": node.cutoff_notice, "synthetic": node.synthetic,
                "proof": node.proof, "counts": _counts(node),
                "running": f"{node.region} — édition de {node.published}", "banner": banner,
                "map": "cover-map" if node.cover_map else None,
                "colophon": node.end.colophon, "notice": node.end.notice,
                "back": [_part(p) for p in node.end.back_cover],
                "address": links.ADDRESS.pattern,
                "links": list(links.links_in(printed).items())}
        reference = self._value(meta)
        pages = f"[{publisher_pages}]" if publisher_pages else "none"
        self.inputs[VALUES] = json.dumps(self.values, ensure_ascii=False)
        return (f"{template()}\n"
                f'#let {VALUES} = json(bytes(sys.inputs.at("{VALUES}")))\n'
                f"#show: monograph.with({reference})\n{body}\n"
                f"#end-matter({reference}, {pages})\n")


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
    assert isinstance(pdf, bytes)  # one document, not one image per page
    return pdf


def render_pdf(monograph: doc.Monograph) -> bytes:
    return compile_pdf(to_typst(monograph))
