"""LHEO training offers → training actions and sessions per region, and per domain.

LHEO (Langage harmonisé d'échange d'informations sur l'offre de formation) is the XML the
Carif-Oref network and Onisep exchange offers in: <formation> (with its NSF and FORMACODE
codes) holds <action>s (each with its <lieu-de-formation>), which hold <session>s.

An action is counted in the region of its place of training (lieu-de-formation), or, when
the action gives none, of the registration address of its first session; its sessions are
counted in the same region. By domain, an action counts under the first NSF code and the
principal FORMACODE (tag="principal", else the first) of its formation, so that the counts
of a region add up to its total (actions without a code are reported, not counted).

The file is parsed streaming (lxml iterparse, one <formation> at a time, cleared when
counted) with entities unresolved, no DTD loaded and no network: a file with a DOCTYPE is
refused (LHEO has none; a DOCTYPE is how XXE and entity-expansion attacks come in).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from lxml import etree

from monoreg.errors import InputError, UsageError
from monoreg.ingest.import_batch import (
    CHUNK,
    CountDate,
    ImportBatch,
    InputFile,
    Progress,
    count_date,
)
from monoreg.ingest.tally import RegionCodes, Rejections, Tally
from monoreg.model import Catalog

SOURCE = "lheo_offre_formation"
ACTIONS, SESSIONS = "nombre_actions_lheo", "nombre_sessions_lheo"
BY_DOMAIN = {  # (count, scheme) -> indicator of the breakdown
    (ACTIONS, "nsf"): "nombre_actions_lheo_par_nsf",
    (ACTIONS, "formacode"): "nombre_actions_lheo_par_formacode",
    (SESSIONS, "nsf"): "nombre_sessions_lheo_par_nsf",
    (SESSIONS, "formacode"): "nombre_sessions_lheo_par_formacode",
}
PLACE = "{*}lieu-de-formation/{*}coordonnees/{*}adresse/{*}region"
REGISTRATION = "{*}session/{*}adresse-inscription/{*}adresse/{*}region"


def _local(tag: Any) -> str:
    # Not etree.QName: it refuses a namespace URI holding a '}', which XML allows.
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _domains(formation: Any) -> dict[str, str | None]:
    """The NSF code and the principal FORMACODE of a <formation>."""
    domain = formation.find("{*}domaine-formation")
    if domain is None:
        return {"nsf": None, "formacode": None}
    nsf = next((e.text.strip() for e in domain.iterfind("{*}code-NSF")
                if e.text and e.text.strip()), None)
    codes = [e for e in domain.iterfind("{*}code-FORMACODE") if e.text and e.text.strip()]
    principal = next((e for e in codes if e.get("tag") == "principal"), codes[0] if codes else None)
    return {"nsf": nsf, "formacode": principal.text.strip() if principal is not None else None}


class _Counter:
    def __init__(self, catalog: Catalog, file: str, path: Path | None = None) -> None:
        self.codes = RegionCodes(catalog)
        self.file = file
        self.path = path
        self.tally = Tally()
        self.rejections = Rejections()
        self.formations = self.actions = self.sessions = 0
        self.without = {"nsf": 0, "formacode": 0}

    def formation(self, formation: Any) -> None:
        self.formations += 1
        domains = _domains(formation)
        for action in formation.iterfind("{*}action"):
            self.actions += 1
            sessions = sum(1 for _ in action.iterfind("{*}session"))
            self.sessions += sessions
            text = action.findtext(PLACE) or action.findtext(REGISTRATION) or ""
            region = self.codes.check(text)
            if region is None:
                reason = RegionCodes.reason(text)
                if not text.strip():
                    reason = "ni lieu de formation ni adresse de session avec une région"
                self.rejections.add(action.sourceline, reason)
                continue
            for count, n in ((ACTIONS, 1), (SESSIONS, sessions)):
                self.tally.add(count, region, n=n)
                for scheme, code in domains.items():
                    if code is not None:
                        self.tally.add(BY_DOMAIN[(count, scheme)], region, f"{scheme}:{code}", n)
            for scheme, code in domains.items():
                if code is None:
                    self.without[scheme] += 1


DOCTYPE_REFUSED = ("DOCTYPE refusé : les fichiers LHEO n'en ont pas, et ni entités ni "
                   "références externes ne sont lues")
_ROOT_START = re.compile(rb"<[A-Za-z_]")


def _refuse_doctype_early(stream: Any, file: str) -> None:
    """Refuse a DOCTYPE before the parser reads it, from the bytes ahead of the root (an
    entity bomb in the DTD would otherwise be expanded, or cut short, by libxml2)."""
    head = stream.peek(1 << 16)
    root = _ROOT_START.search(head)
    prolog = head[: root.start()] if root else head
    if b"<!DOCTYPE" in prolog:
        raise InputError(DOCTYPE_REFUSED, file=file,
                         line=prolog[: prolog.index(b"<!DOCTYPE")].count(b"\n") + 1)


def _refuse_doctype(element: Any, file: str) -> None:
    """The parser's view, for encodings the byte check does not read (UTF-16)."""
    info = element.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise InputError(DOCTYPE_REFUSED, file=file, line=1)


_XML_REASONS = (  # libxml2's wording -> what the user reads
    (r"Entity '(.*)' not defined", "l'entité &{0}; n'est pas définie"),
    (r"Opening and ending tag mismatch: (\S+) line \d+ and (\S+)",
     "la balise fermante </{1}> ne correspond pas à la balise ouvrante <{0}>"),
    (r"is not a valid URI", "un espace de noms (xmlns) qui n'est pas une adresse valide"),
    (r"Start tag expected", "aucune balise ouvrante : ce n'est pas du XML"),
    (r"Document is empty", "document vide"),
    (r"Extra content at the end", "du contenu après la fin de l'élément racine"),
    (r"not proper UTF-8|Input is not proper", "texte qui n'est pas en UTF-8 valide"),
    (r"out of allowed range", "un caractère interdit en XML"),
    (r"entity reference loop|Maximum entity|amplification", "des entités qui s'étendent "
     "sans fin"),
    (r"Excessive depth|Huge input|huge_tree", "une imbrication trop profonde"),
    (r"Premature end of data", "le fichier s'arrête au milieu d'un élément"),
    (r"expected '>'|Couldn't find end of Start Tag", "une balise non refermée (« > » manquant)"),
    (r"AttValue|attributes construct error|Specification mandates value",
     "un attribut mal écrit (valeur entre guillemets attendue)"),
    (r"xmlParseEntityRef|EntityRef", "un « & » qui n'ouvre pas d'entité (écrivez &amp;)"),
    (r"StartTag: invalid element name", "un nom de balise invalide"),
)


def xml_reason(message: str) -> str:
    """A French reading of libxml2's message."""
    for pattern, french in _XML_REASONS:
        found = re.search(pattern, message)
        if found:
            return french.format(*found.groups())
    return "structure XML incorrecte"


def _root_closed(path: Path) -> bool:
    """The file ends with the root's end tag (whitespace and comments aside): a download
    cut short stops inside the offers."""
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 512))
        tail = handle.read().replace(b"\x00", b"")  # UTF-16 reads as ASCII once unzeroed
    tail = re.sub(rb"<!--.*?-->|\s", b"", tail, flags=re.DOTALL)
    return re.search(rb"</([A-Za-z_][\w.-]*:)?lheo>$", tail) is not None


def _last_line(path: Path) -> int:
    """The number of the file's last line that holds something."""
    breaks, last = 0, b""
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            breaks += chunk.count(b"\n")
            last = chunk
    return breaks + (0 if last.rstrip(b"\x00").endswith(b"\n") else 1)


def _parse(stream: Any, counter: _Counter) -> None:
    etree.clear_error_log()  # the log is per thread: keep only this file's errors in it
    events = etree.iterparse(
        stream, events=("start", "end"), tag=("{*}lheo", "{*}formation"),
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True)
    root_seen = False
    try:
        for event, element in events:
            if not root_seen:
                _refuse_doctype(element, counter.file)
                root = element.getroottree().getroot()
                if _local(root.tag) != "lheo":
                    raise InputError(f"<{_local(root.tag)}> trouvé là où la racine <lheo> "
                                     "d'un fichier LHEO est attendue", file=counter.file,
                                     line=root.sourceline)
                root_seen = True
            if event == "end" and _local(element.tag) == "formation":
                counter.formation(element)
                element.clear(keep_tail=True)
                while element.getprevious() is not None:  # counted formations go
                    del element.getparent()[0]
    except etree.XMLSyntaxError as error:
        # iterparse may end on a follow-up error ('no element found', line 0); the first
        # one in the log is the mistake ('Entity 'x' not defined', line 6).
        log = cast("Sequence[Any]", error.error_log)  # a list of entries; the stubs say less
        first = log[0] if len(log) else None
        message, line = (first.message, first.line) if first else (error.msg, error.lineno)
        if counter.path is not None and not _root_closed(counter.path):
            raise InputError("fichier probablement tronqué : il s'arrête avant la fin de "
                             "l'élément <lheo> ; téléchargez de nouveau le fichier complet",
                             file=counter.file, line=_last_line(counter.path)) from None
        raise InputError(f"XML mal formé : {xml_reason(message)}", file=counter.file,
                         line=line or None) from None
    if not root_seen:
        raise InputError("aucun élément <lheo> : est-ce bien un fichier LHEO ?",
                         file=counter.file)


def read_lheo(path: Path, catalog: Catalog, date: str | None = None,
              progress: Progress | None = None) -> ImportBatch:
    """Count the actions and sessions of an LHEO file per region (and domain)."""
    missing = [i for i in (ACTIONS, SESSIONS, *BY_DOMAIN.values()) if i not in catalog.indicators]
    if missing or SOURCE not in catalog.sources:
        raise UsageError(f"il manque au catalogue de la base : "
                         f"{', '.join(missing) or SOURCE} ; lancez « monoreg load »")
    when = count_date(date, path)
    source = InputFile(path, progress)
    counter = _Counter(catalog, source.name, path)
    with source.open() as stream:
        _refuse_doctype_early(stream, source.name)
        _parse(stream, counter)
        sha256 = source.sha256()
    if not counter.tally.counts:
        if counter.rejections.count:
            line, reason = counter.rejections.listed[0]
            raise InputError(f"aucune action n'a pu être comptée (première : {reason})",
                             file=source.name, line=line)
        raise InputError("aucune <action> dans le fichier", file=source.name)
    return ImportBatch(
        kind="lheo", name=f"lheo {when.period.code} {path.name}", file=source.name,
        sha256=sha256,
        observations=counter.tally.observations(catalog, when.period, SOURCE, source.name,
                                                "action/lieu-de-formation"),
        report=_report(source.name, when, counter))


def _report(file: str, when: CountDate, counter: _Counter) -> dict[str, Any]:
    return {
        "kind": "lheo", "file": file, "source": SOURCE, "period": when.period.code,
        "period_from": when.origin, "formations": counter.formations,
        "rows": counter.actions, "counted": counter.tally.total(ACTIONS),
        "sessions": counter.sessions, "sessions_counted": counter.tally.total(SESSIONS),
        "rejected": counter.rejections.report(),
        "without_domain": {"nsf": counter.without["nsf"],
                           "formacode": counter.without["formacode"]},
        "regions": {k: v for k, v in counter.tally.by_region().items()
                    if k in (ACTIONS, SESSIONS)},
    }
