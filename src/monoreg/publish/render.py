"""An edition's monograph in one call: validate, build the document, write it.

This is what other parts of monoreg use (the portal embeds `html_fragment` in its region
page and serves html_writer.STYLESHEET; `monoreg build` writes `html_page` and `pdf`).
"""

from __future__ import annotations

from collections.abc import Sequence

from monoreg.model import Catalog, Edition, Finding
from monoreg.publish.builder import build_monograph
from monoreg.publish.document import Mode, Monograph
from monoreg.publish.html_writer import render_fragment, render_page
from monoreg.publish.typst_writer import render_pdf
from monoreg.validate import validate_edition


def monograph(edition: Edition, catalog: Catalog, mode: Mode = Mode.PUBLIC, *,
              findings: Sequence[Finding] | None = None) -> Monograph:
    """The document tree, with the findings attached: those the store holds for the edition
    (`Store.findings`, computed at load with the other editions and the series) when given;
    else the edition is validated alone (a document built without a store)."""
    if findings is None:
        findings = validate_edition(edition, catalog)
    return build_monograph(edition, catalog, findings, mode)


def html_fragment(edition: Edition, catalog: Catalog, *, mode: Mode = Mode.PUBLIC,
                  heading_offset: int = 0, findings: Sequence[Finding] | None = None) -> str:
    """The monograph's <article> for a host page that links html_writer.STYLESHEET."""
    return render_fragment(monograph(edition, catalog, mode, findings=findings),
                           heading_offset=heading_offset)


def html_page(edition: Edition, catalog: Catalog, *, mode: Mode = Mode.PUBLIC) -> str:
    return render_page(monograph(edition, catalog, mode))


def pdf(edition: Edition, catalog: Catalog, *, mode: Mode = Mode.PUBLIC) -> bytes:
    return render_pdf(monograph(edition, catalog, mode))
