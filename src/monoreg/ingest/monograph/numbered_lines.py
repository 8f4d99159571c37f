"""A monograph as numbered lines of text, from its extracted text (.txt) or its PDF.

Line numbers are those of the text as read (for a PDF, of the text pypdf extracts,
pages one after the other), so that every figure can say where it was printed. What PDF
extraction leaves behind is normalised here once: CR and CRLF line ends, no-break and thin
spaces (U+00A0, U+202F, U+2009) turned into plain spaces, Latin-1 / Windows-1252 text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from monoreg.datafile_reader import display_path
from monoreg.errors import InputError

_SPACES = re.compile(r"[\u00a0\u202f\u2009\u2007\t]")


@dataclass(frozen=True)
class Line:
    number: int                # 1-based, in the text as read
    text: str                  # normalised; leading and trailing spaces kept
    page: int | None = None    # PDF page, 1-based

    @property
    def stripped(self) -> str:
        return " ".join(self.text.split())


@dataclass(frozen=True)
class Document:
    file: str                  # as users see it
    sha256: str
    lines: tuple[Line, ...]
    encoding: str              # 'utf-8', 'cp1252', 'latin-1' or 'pdf'
    pages: int | None = None


def _decode(raw: bytes, file: str) -> tuple[str, str]:
    if b"\x00" in raw[:4096]:
        raise InputError("contenu binaire : le texte de la monographie ou son PDF est "
                         "attendu", file=file)
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding), encoding.removesuffix("-sig")
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any byte")  # pragma: no cover


def normalise(text: str) -> str:
    return _SPACES.sub(" ", text)


def _text_lines(text: str) -> tuple[Line, ...]:
    # splitlines() also splits on form feeds and other separators: CR/LF only, as editors do.
    parts = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return tuple(Line(i, normalise(part)) for i, part in enumerate(parts, 1))


def _pdf_lines(path: Path, file: str) -> tuple[tuple[Line, ...], int]:
    # pypdf keeps the spacing of the text layer (runs of spaces, blank lines) that tells
    # cells apart, and reads a page several times faster than pdfplumber.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    lines: list[Line] = []
    try:
        reader = PdfReader(path)
        for page_number, page in enumerate(reader.pages, 1):
            text = page.extract_text() or ""
            for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
                lines.append(Line(len(lines) + 1, normalise(part), page_number))
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError):
        raise InputError("PDF illisible (fichier abîmé ou incomplet)", file=file) from None
    if not any(line.stripped for line in lines):
        raise InputError("le PDF n'a pas de couche texte (un scan ?) : extrayez-en d'abord "
                         "le texte", file=file)
    return tuple(lines), pages


def read_document(path: Path) -> Document:
    """Read a monograph's .txt (any line end, UTF-8 or Latin-1) or .pdf."""
    file = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("fichier introuvable", file=file) from None
    except IsADirectoryError:
        raise InputError("c'est un dossier, pas un fichier", file=file) from None
    sha256 = hashlib.sha256(raw).hexdigest()
    if raw.startswith(b"%PDF") or path.suffix.lower() == ".pdf":
        if not raw.startswith(b"%PDF"):
            raise InputError("nommé .pdf mais ce n'est pas un PDF", file=file)
        lines, pages = _pdf_lines(path, file)
        return Document(file, sha256, lines, "pdf", pages)
    text, encoding = _decode(raw, file)
    return Document(file, sha256, _text_lines(text), encoding)
