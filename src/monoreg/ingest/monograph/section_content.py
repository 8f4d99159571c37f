"""Lists, contacts, texts and facts of a monograph's sections, as its layout describes them.

Extraction breaks lines (and words: 'médico-' / 'psycho'), adds blank lines anywhere and
separates columns by a line holding only a space. Lines are rejoined into items and
paragraphs: a line continues the previous one unless it starts a bullet, or the previous one
ends a sentence; a word cut by a hyphen at a line end is rejoined without a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from monoreg.ingest.monograph.import_report import ImportReport
from monoreg.ingest.monograph.layout_schema import (
    BlockContactsFile,
    BulletListFile,
    ContentFile,
    ItemListFile,
    PeopleFile,
    RowContactsFile,
    TextFile,
    compile_pattern,
)
from monoreg.ingest.monograph.numbered_lines import Line
from monoreg.ingest.monograph.sections import SectionText
from monoreg.model import (
    Contact,
    ContactGroup,
    ListItem,
    ListKind,
    Period,
    PeriodParseError,
    Provenance,
    Territory,
    Text,
    TextType,
    parse_period,
)

_BULLET = re.compile(r"^[-•–]\s+")
_NUMBERED = re.compile(r"^\d+\.\s+")
_SENTENCE_END = re.compile(r"[.!?:;]$")
HEADING = 40  # a line this short, unpunctuated, before a capital: a subheading
_CUT_WORD = re.compile(r"\w-$")
_PHONE = re.compile(r"T[ée]l\.?\s*:?\s*(?P<phone>0\d(?:[ .]?\d\d){4})")
_PERSON = re.compile(r"^(?P<person>[A-ZÉÈÎ][\w'’-]+(?:[ -][A-ZÉÈÎ][\w'’-]+)*"
                     r"\s+[A-ZÉÈÎ][A-ZÉÈÎ'’ -]+)$")


def join(parts: Sequence[str]) -> str:
    """Parts of one sentence or item broken over lines, rejoined."""
    text = ""
    for part in parts:
        part = " ".join(part.split())
        if not part:
            continue
        if _CUT_WORD.search(text):
            text += part
        else:
            text = f"{text} {part}" if text else part
    return text


def paragraphs(lines: Sequence[Line]) -> str:
    """Paragraphs separated by a blank line, bullets as lines starting with '- '."""
    blocks: list[tuple[bool, list[str]]] = []   # (is a bullet, parts)
    for line in lines:
        text = line.stripped
        if not text:
            continue
        bullet = _BULLET.match(text)
        previous = blocks[-1][1] if blocks else None
        if bullet:
            blocks.append((True, [text[bullet.end():]]))
        elif previous is not None and not _SENTENCE_END.search(previous[-1]) \
                and not _NUMBERED.match(text) \
                and not (len(previous) == 1 and len(previous[0]) <= HEADING and text[0].isupper()):
            previous.append(text)
        else:
            blocks.append((False, [" ".join(text.split())]))
    out = ""
    for k, (is_bullet, parts) in enumerate(blocks):
        body = f"- {join(parts)}" if is_bullet else join(parts)
        if k:
            out += "\n" if bullet and blocks[k - 1][0] else "\n\n"
        out += body
    return out


def _until(lines: Sequence[Line], end: re.Pattern[str] | None, sources: Sequence[Line]
           ) -> list[Line]:
    result = []
    for line in lines:
        if line in sources or (end is not None and end.search(line.stripped)):
            break
        result.append(line)
    return result


class _Reader:
    def __init__(self, section: SectionText, region: Territory, file: str, source: str | None,
                 report: ImportReport) -> None:
        self.section = section
        self.region = region
        self.file = file
        self.source = source
        self.report = report
        self.lines = list(section.lines)

    def prov(self, line: Line) -> Provenance:
        return Provenance(self.file, line.number, line.page)

    def _after(self, pattern: str) -> tuple[Line, list[Line]] | None:
        compiled = compile_pattern(pattern)
        for i, line in enumerate(self.lines):
            if compiled.search(line.stripped):
                return line, self.lines[i + 1:]
        return None

    # -- lists --------------------------------------------------------------------------
    def bullets(self, spec: BulletListFile) -> Iterator[ListItem]:
        kinds = [ListKind(k) for k in spec.kinds]
        column, items = 0, 0
        current: tuple[Line, list[str]] | None = None

        def item() -> ListItem:
            assert current is not None
            return ListItem(kinds[column], join(current[1]), source=self.source,
                            provenance=self.prov(current[0]))

        for line in _until(self.lines, None, self.section.sources):
            if line.text and not line.stripped and items and column + 1 < len(kinds):
                if current is not None:  # a line holding a space: the next column
                    yield item()
                    current = None
                column, items = column + 1, 0
                continue
            bullet = _BULLET.match(line.stripped)
            if bullet:
                if current is not None:
                    yield item()
                current = (line, [line.stripped[bullet.end():]])
                items += 1
            elif current is not None and line.stripped:
                current[1].append(line.stripped)
        if current is not None:
            yield item()

    def items(self, spec: ItemListFile, stops: Sequence[str]) -> Iterator[ListItem]:
        found = self._after(spec.after)
        if found is None:
            self.report.warn(self.section.layout.id, None, f"liste introuvable : {spec.after}")
            return
        stop = compile_pattern("|".join(f"(?:{s})" for s in stops)) if stops else None
        start, detail = compile_pattern(spec.item), \
            compile_pattern(spec.detail) if spec.detail else None
        current: dict[str, Any] | None = None
        for line in _until(found[1], stop, self.section.sources):
            text = line.stripped
            if not text:
                continue
            match = start.match(text)
            if match:
                if current is not None:
                    yield self._item(spec, current)
                groups = match.groupdict()
                current = {"line": line, "title": groups.get("title") or text,
                           "body": [groups["body"]] if groups.get("body") else [],
                           "details": []}
                continue
            if current is None:
                continue
            details = detail.match(text) if detail else None
            if details:
                current["details"].append([details.group("label"), [details.group("value")]])
            elif current["details"] and not current["details"][-1][1][-1].endswith("."):
                current["details"][-1][1].append(text)
            else:
                current["body"].append(text)
        if current is not None:
            yield self._item(spec, current)

    def _item(self, spec: ItemListFile, data: dict[str, Any]) -> ListItem:
        return ListItem(ListKind(spec.kind), join([data["title"]]),
                        join(data["body"]) or None,
                        tuple((join([label]), join(value)) for label, value in data["details"]),
                        self.source, self.prov(data["line"]))

    # -- texts --------------------------------------------------------------------------
    def texts(self, spec: TextFile) -> Iterator[Text]:
        end = compile_pattern(spec.end) if spec.end else None
        if spec.each == "section":
            lines = self.lines
            if spec.start:
                found = self._after(spec.start)
                lines = [found[0], *found[1]] if found else []
            body = _until(lines, end, self.section.sources)
            if body:
                yield self._text(spec, spec.title or "", body, self._source_after(body[-1]))
        elif spec.each == "start":
            yield from self._started(spec, end)
        else:
            yield from self._between_sources(spec)

    def _started(self, spec: TextFile, end: re.Pattern[str] | None) -> Iterator[Text]:
        assert spec.start is not None
        start = compile_pattern(spec.start)
        firsts = [i for i, line in enumerate(self.lines) if start.search(line.stripped)]
        if not firsts:
            # a region that prints one text without the per-text title line (a region that
            # was not merged signs one CPER): the section is that one text
            body = _until([line for line in self.lines if line.stripped], end,
                          self.section.sources)
            if body:
                yield self._text(spec, spec.title or "", body,
                                 self._source_after(body[-1]))
            return
        for k, i in enumerate(firsts):
            stop = firsts[k + 1] if k + 1 < len(firsts) else len(self.lines)
            lines = [line for line in self.lines[i:stop] if line.stripped]
            title = " – ".join(line.stripped for line in lines[:spec.title_lines])
            body = _until(lines[spec.title_lines:], end, self.section.sources)
            if body:
                yield self._text(spec, title, body, self._source_after(body[-1]), lines[0])

    def _between_sources(self, spec: TextFile) -> Iterator[Text]:
        block: list[Line] = []
        for line in self.lines:
            if line in self.section.sources:
                if any(b.stripped for b in block):
                    yield self._news(spec, block, line)
                block = []
            else:
                block.append(line)

    def _news(self, spec: TextFile, block: list[Line], source: Line) -> Text:
        lines = [line for line in block if line.stripped]
        taken = 1
        title = lines[0].stripped
        while taken < len(lines) and (title.count("(") > title.count(")")
                                      or title.count("«") > title.count("»")):
            title = join([title, lines[taken].stripped])
            taken += 1
        return self._text(spec, title, lines[taken:], source, lines[0])

    def _source_after(self, last: Line) -> Line | None:
        return next((s for s in self.section.sources if s.number > last.number), None)

    def _text(self, spec: TextFile, title: str, body: list[Line], source: Line | None,
              first: Line | None = None) -> Text:
        return Text(TextType(spec.type), title, paragraphs(body), self.section.layout.id,
                    _date(source), source.stripped if source else None,
                    self.prov(first or body[0]))

    # -- contacts -----------------------------------------------------------------------
    def people(self, spec: PeopleFile) -> Iterator[Contact]:
        organisation = spec.organisation.format(region=self.region.name)
        role, unit = compile_pattern(spec.role), compile_pattern(spec.unit)
        skip = [compile_pattern(s) for s in spec.skip]
        current: dict[str, Any] | None = None
        group = ContactGroup(spec.group)
        contacts: list[dict[str, Any]] = []
        unit_name: str | None = None
        for line in _until(self.lines, None, self.section.sources):
            text = line.stripped
            if not text or any(s.search(text) for s in skip):
                continue
            phone = _PHONE.search(text)
            if phone:
                if current is not None and current.get("phone") is None:
                    current["phone"] = phone.group("phone")
                continue
            match = role.match(text)
            if match:
                rest = text[match.end():].strip()
                if current is not None and rest and rest[0].islower() \
                        and match.group(0).lower().startswith(current["role"].lower()):
                    current["role"] = text  # the role spelt out on its own line
                    continue
                current = {"role": match.group(0).strip(), "unit": unit_name, "line": line,
                           "person": rest if _PERSON.match(rest) else None, "phone": None}
                contacts.append(current)
                continue
            if unit.match(text):
                unit_name, current = text, None
                continue
            if current is not None and current["person"] is None and _PERSON.match(text):
                current["person"] = text
        for c in contacts:
            yield Contact(group, organisation, c["role"], c["person"], c["unit"], c["phone"],
                          source=self.source, provenance=self.prov(c["line"]))

    def rows(self, spec: RowContactsFile) -> Iterator[Contact]:
        row = compile_pattern(spec.row)
        for line in _until(self.lines, None, self.section.sources):
            match = row.match(line.stripped)
            if not match:
                continue
            role = match.group("role").strip()
            organisation = next((o for pattern, o in spec.organisations.items()
                                 if compile_pattern(pattern).match(role)), role)
            yield Contact(ContactGroup(spec.group), organisation.format(region=self.region.name),
                          role, match.group("person"), phone=match.group("phone"),
                          source=self.source, provenance=self.prov(line))

    def blocks(self, spec: BlockContactsFile) -> Iterator[Contact]:
        fields = [(compile_pattern(rf"^(?P<label>{p})\s*:\s*(?P<value>.+)$"), f)
                  for p, f in spec.fields.items()]
        current: dict[str, Any] | None = None
        for line in _until(self.lines, None, self.section.sources):
            text = line.stripped
            if not text:
                continue
            field = next(((m, f) for p, f in fields if (m := p.match(text))), None)
            if field is not None and current is not None:
                match, name = field
                current[name] = match.group("value").strip()
                if name == "person":
                    current["role"] = match.group("label")
            elif text.upper() == text and any(ch.isalpha() for ch in text):
                if current is not None:
                    yield self._block(spec, current)
                current = {"organisation": text, "line": line}
        if current is not None:
            yield self._block(spec, current)

    def _block(self, spec: BlockContactsFile, data: dict[str, Any]) -> Contact:
        return Contact(ContactGroup(spec.group), data["organisation"], data.get("role"),
                       data.get("person"), None, data.get("phone"), data.get("email"),
                       data.get("website"), self.source, self.prov(data["line"]))


def _date(source: Line | None) -> Period | None:
    """The date a source line ends with ('…, 6 décembre 2019')."""
    if source is None:
        return None
    tail = source.stripped.rsplit(",", 1)[-1].strip(" .")
    try:
        return parse_period(tail)
    except PeriodParseError:
        return None


def read_content(section: SectionText, spec: ContentFile, region: Territory, file: str,
                 source: str | None, report: ImportReport) -> dict[str, list[Any]]:
    reader = _Reader(section, region, file, source, report)
    lists: list[ListItem] = []
    if spec.bullets:
        lists.extend(reader.bullets(spec.bullets))
    for item in spec.items:
        others = [i.after for i in spec.items if i is not item]
        lists.extend(reader.items(item, others))
    contacts: list[Contact] = []
    if spec.people:
        contacts.extend(reader.people(spec.people))
    if spec.rows:
        contacts.extend(reader.rows(spec.rows))
    if spec.blocks:
        contacts.extend(reader.blocks(spec.blocks))
    texts = [text for t in spec.texts for text in reader.texts(t)]
    facts = []
    for fact in spec.facts:
        found = next((m for line in section.lines
                      if (m := compile_pattern(fact.pattern).search(line.stripped))), None)
        if found:
            facts.append((fact.label, found.group("value").strip()))
    return {"lists": lists, "contacts": contacts, "texts": texts, "facts": facts}
