"""Ways a file gets broken on its way to us, made at test time from a good file's bytes.

Each corruption returns the broken bytes, or None when it does not apply to that file (a
pure-ASCII file reads the same in Latin-1). The big and binary ones are made here rather
than stored in git.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

LONG_LINE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Corruption:
    name: str
    apply: Callable[[bytes, str], bytes | None]
    # The line the message must name, worked out from the broken bytes (None: no line).
    line: Callable[[bytes], int | None] = lambda _broken: None
    always_an_error: bool = True


def _empty(raw: bytes, name: str) -> bytes:
    return b""


def _truncated(raw: bytes, name: str) -> bytes:
    # Cut in the middle of a line, as an interrupted copy or download leaves a file.
    cut = len(raw) * 2 // 3
    while cut < len(raw) and raw[cut:cut + 1] in (b"\n", b"\r"):
        cut += 1
    return raw[:cut]


def _binary(raw: bytes, name: str) -> bytes:
    return random.Random(name).randbytes(4096)


def _latin1(raw: bytes, name: str) -> bytes | None:
    text = raw.decode("utf-8")
    if text.isascii():
        return None
    # What a spreadsheet on Windows writes ('€' and '’' are not in Latin-1 proper).
    return text.encode("cp1252", errors="replace")


def _first_non_ascii_line(broken: bytes) -> int:
    index = next(i for i, byte in enumerate(broken) if byte >= 0x80)
    return broken[:index].count(b"\n") + 1


def _utf16(raw: bytes, name: str) -> bytes:
    return raw.decode("utf-8").encode("utf-16")


def _zip(raw: bytes, name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, raw)
    return buffer.getvalue()


def _pdf(raw: bytes, name: str) -> bytes:
    # A PDF cut short after its first object: the header of a real PDF, then binary noise.
    noise = random.Random(name).randbytes(2048)
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n" + noise


def _long_line(raw: bytes, name: str) -> bytes:
    first, _, rest = raw.partition(b"\n")
    return first + b"\n" + b"x" * LONG_LINE_BYTES + b"\n" + rest


CORRUPTIONS = (
    Corruption("empty", _empty),
    Corruption("truncated", _truncated, always_an_error=False),
    Corruption("binary", _binary),
    Corruption("latin-1", _latin1, _first_non_ascii_line),
    Corruption("utf-16", _utf16),
    Corruption("zip-under-its-name", _zip),
    Corruption("corrupt-pdf-under-its-name", _pdf),
    Corruption("5-mb-line", _long_line, lambda _broken: 2),
)
