"""Hostile content planted in every kind of item (tests/reliability/hostile_data.py) is printed
as text in the built monograph: literally in the PDF (read back with pdftotext), never as a
link that runs code, and inert in the HTML edition."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from cli_process import monoreg_env, run_monoreg
from hostile_data import SHOWN, assert_inert_html, hostile_data_dir
from pypdf import PdfReader


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("monograph")
    env = monoreg_env(f"sqlite:///{root / 'store.sqlite'}", hostile_data_dir(root))
    assert run_monoreg(["load"], env).returncode == 0
    # The public build refuses the planted code-running addresses (web-address errors with no
    # editor's decision); the proof is built all the same and must print them inertly.
    public = run_monoreg(["build", "normandie", "--out", str(root / "public")], env)
    assert public.returncode == 1, public.stderr
    assert "javascript:alert(4)" in public.stderr and "web-address" in public.stderr
    result = run_monoreg(["build", "normandie", "--proof", "--out", str(root / "out")], env)
    assert result.returncode == 0, result.stderr
    return root / "out" / "normandie" / "2030"


def test_the_pdf_prints_planted_content_literally(built: Path) -> None:
    pdf = built / "normandie-2030-epreuve.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = re.sub(r"[\s\u00a0\u202f\u2060]+", " ", text)
    for shown in SHOWN:
        assert shown in flat, shown
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            uri = str(action.get_object().get("/URI", "")) if action else ""
            assert not re.match(r"(?i)\s*(javascript|data|vbscript):", uri), uri


def test_the_html_edition_is_inert(built: Path) -> None:
    html = (built / "normandie-2030-epreuve.html").read_text(encoding="utf-8")
    assert_inert_html(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
