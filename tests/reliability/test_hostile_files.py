"""Hostile XML and PDF files: refused, and nothing read from disk or fetched from the network.

XML attacks (external entities, parameter entities, external DTDs, entity expansion, XInclude,
stylesheets, schema locations) are given to `monoreg import lheo`; a file they point at is a
canary holding a secret, and every URL points at a loopback server that records requests.
The secret must appear nowhere (output, messages, store) and the server must receive nothing.

Each case runs the import command in-process (an uncaught exception is what would print a
traceback); the worst two also run as the real command in its own process, with a guard
against a hang.
"""

from __future__ import annotations

import io
import shutil
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from typing import ClassVar

import pytest
from cli_process import monoreg_env, run_monoreg
from french_errors import assert_french_error
from import_runs import IMPORT_ARGS, IMPORT_CORPUS, ImportStore, run_import
from pypdf import PdfWriter
from store_rows import store_rows

PASSWD = "file:///etc/passwd"   # what the corpus files point at; replaced by the canary
LHEO = (IMPORT_CORPUS / "valid" / "lheo.synthetic.xml").read_text(encoding="utf-8")
DOCTYPE_REFUSED = "DOCTYPE refusé"


class Recorder(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []  # every path asked for, by any attack

    def do_GET(self) -> None:
        Recorder.requests.append(self.path)
        body = b'<!ENTITY secret "fetched">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A loopback HTTP server; the base URL of what an attack would fetch."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _lheo(prolog: str = "", title: str = "Formation", attributes: str = "") -> str:
    """The valid SYNTHETIC sample with a prolog after the XML declaration and a title."""
    head, rest = LHEO.split("\n", 1)
    rest = rest.replace('<lheo xmlns="http://www.lheo.org/2.2">',
                        f'<lheo xmlns="http://www.lheo.org/2.2"{attributes}>')
    rest = rest.replace("Formation synthétique A, « élève »", title)
    return f"{head}\n{prolog}\n{rest}"


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@cache  # made once: compressing 200 MB takes a second
def _deflate_bomb_pdf() -> bytes:
    """One page whose content stream inflates from 0.2 MB to 200 MB."""
    stream = zlib.compress(b" " * (200 << 20), 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
               + b"\nendstream"]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


@dataclass(frozen=True)
class Hostile:
    name: str
    command: str
    content: Callable[[str], bytes]   # from the server's base URL
    refused: tuple[str, ...] | None   # texts of the refusal; None: imported, harmlessly


def _corpus(name: str) -> Callable[[str], bytes]:
    return lambda _url: (IMPORT_CORPUS / "lheo" / name).read_bytes()


def _text(make: Callable[[str], str]) -> Callable[[str], bytes]:
    return lambda url: make(url).encode("utf-8")


CASES = (
    Hostile("xxe-file.xml", "lheo", _corpus("xxe-file.xml"), ("ligne 2", DOCTYPE_REFUSED)),
    Hostile("xxe-parameter-entity.xml", "lheo", _corpus("xxe-parameter-entity.xml"),
            ("ligne 2", DOCTYPE_REFUSED)),
    Hostile("external-dtd.xml", "lheo", _corpus("external-dtd.xml"),
            ("ligne 2", DOCTYPE_REFUSED)),
    Hostile("billion-laughs.xml", "lheo", _corpus("billion-laughs.xml"),
            ("ligne 2", DOCTYPE_REFUSED)),
    Hostile("quadratic-blowup.xml", "lheo", _corpus("quadratic-blowup.xml"),
            ("ligne 2", DOCTYPE_REFUSED)),
    Hostile("xinclude.xml", "lheo", _corpus("xinclude.xml"), None),
    Hostile("stylesheet-pi.xml", "lheo", _corpus("stylesheet-pi.xml"), None),
    Hostile("xxe-http.xml", "lheo", _text(lambda url: _lheo(
        f'<!DOCTYPE lheo [<!ENTITY secret SYSTEM "{url}/entity">]>', "&secret;")),
        ("ligne 2", DOCTYPE_REFUSED)),
    Hostile("parameter-entity-http.xml", "lheo", _text(lambda url: _lheo(
        f'<!DOCTYPE lheo [<!ENTITY % remote SYSTEM "{url}/remote.dtd"> %remote;]>',
        "&secret;")), ("ligne 2", DOCTYPE_REFUSED)),
    Hostile("external-dtd-http.xml", "lheo", _text(lambda url: _lheo(
        f'<!DOCTYPE lheo SYSTEM "{url}/lheo.dtd">', "&secret;")),
        ("ligne 2", DOCTYPE_REFUSED)),
    Hostile("xinclude-http.xml", "lheo", _text(lambda url: _lheo(title=(
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        f'href="{url}/include" parse="text"/>'))), None),
    Hostile("stylesheet-http.xml", "lheo", _text(lambda url: _lheo(
        f'<?xml-stylesheet type="text/xsl" href="{url}/style.xsl"?>')), None),
    Hostile("schema-location-http.xml", "lheo", _text(lambda url: _lheo(attributes=(
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="http://www.lheo.org/2.2 {url}/lheo.xsd"'))), None),
    # The early check reads the first 64 KB: a DOCTYPE past a long comment reaches the
    # parser, which must refuse it too.
    Hostile("doctype-after-long-comment.xml", "lheo", _text(lambda url: _lheo(
        "<!--" + " <b>x</b>" * 10_000 + " -->\n"
        f'<!DOCTYPE lheo [<!ENTITY secret SYSTEM "{PASSWD}">]>', "&secret;")),
        (DOCTYPE_REFUSED,)),
    # In UTF-16 the early byte check cannot see '<!DOCTYPE': the parser's check must.
    Hostile("xxe-utf16.xml", "lheo", lambda url: _lheo(
        f'<!DOCTYPE lheo [<!ENTITY secret SYSTEM "{PASSWD}">]>', "&secret;").replace(
        'encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"), (DOCTYPE_REFUSED,)),
    Hostile("deep-nesting.xml", "lheo", _text(lambda url: _lheo(
        title="<b>" * 100_000 + "</b>" * 100_000)), ("ligne",)),
    Hostile("encrypted.pdf", "monograph", lambda url: _encrypted_pdf(), ("encrypted.pdf",)),
    Hostile("deflate-bomb.pdf", "monograph", lambda url: _deflate_bomb_pdf(),
            ("deflate-bomb.pdf",)),
)


@dataclass(frozen=True)
class Canary:
    path: Path
    secret: str


@pytest.fixture(scope="module")
def canary(tmp_path_factory: pytest.TempPathFactory) -> Canary:
    """The file the attacks point at instead of /etc/passwd, holding a secret of this run."""
    path = tmp_path_factory.mktemp("canary") / "canary.txt"
    secret = f"CANARY-{uuid.uuid4().hex}"
    path.write_text(secret + "\n", encoding="utf-8")
    return Canary(path, secret)


def _write(case: Hostile, folder: Path, url: str, canary: Canary) -> Path:
    path = folder / case.name
    target = canary.path.as_uri()
    path.write_bytes(case.content(url).replace(PASSWD.encode(), target.encode())
                     .replace(PASSWD.encode("utf-16-le"), target.encode("utf-16-le")))
    return path


def _check(case: Hostile, code: int, output: str, url: str, import_store: ImportStore,
           canary: Canary) -> None:
    assert "Traceback" not in output, output
    rows = store_rows(url)
    assert canary.secret not in output and canary.secret not in repr(rows)
    if case.refused is None:
        assert code == 0, output
        return
    assert code == 1, output
    for fragment in (case.name, *case.refused):
        assert fragment in output, f"{fragment!r} not in: {output}"
    assert_french_error(output)
    assert rows == import_store.rows


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_file_reads_nothing_and_fetches_nothing(
        case: Hostile, server: str, canary: Canary, import_store: ImportStore,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    requests = len(Recorder.requests)
    outcome = run_import(case.command, _write(case, tmp_path, server, canary), import_store,
                         tmp_path, monkeypatch)
    _check(case, outcome.code, outcome.stdout + outcome.stderr, outcome.url, import_store,
           canary)
    assert Recorder.requests[requests:] == []


# The worst two again through the real command, in its own process with a guard against a
# hang: an expansion or an inflation that got through would stall or exhaust it.
IN_OWN_PROCESS = ("billion-laughs.xml", "deflate-bomb.pdf")


@pytest.mark.parametrize("name", IN_OWN_PROCESS)
def test_the_worst_files_through_the_real_command(name: str, server: str, canary: Canary,
                                                  import_store: ImportStore,
                                                  tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == name)
    shutil.copy(import_store.file, tmp_path / "store.sqlite")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    result = run_monoreg(["import", case.command, str(_write(case, tmp_path, server, canary)),
                          *IMPORT_ARGS[case.command]], monoreg_env(url))
    _check(case, result.returncode, result.stdout + result.stderr, url, import_store, canary)
