"""A sector as a monograph prints it → a NAF breakdown ('naf:GZ') and its printed label.

The code is given only when the printed label is one of the NAF rév. 2 labels of
layouts/naf-rev2-agregats.csv, read without regard to case, accents, apostrophes or spaces;
any other label is kept as printed, under the 'secteur' scheme, so that no sector is lost
and none is given a code it may not have.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from monoreg.datafile_reader import read_csv
from monoreg.model.names import fold, slugify

NAF_LABELS = Path(__file__).resolve().parent.parent / "layouts" / "naf-rev2-agregats.csv"
_SPACES = re.compile(r"\s+")


def _key(label: str) -> str:
    return _SPACES.sub(" ", fold(label).replace("’", "'")).strip(" .")


@cache
def _codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for row in read_csv(NAF_LABELS, required={"code", "level", "label"}):
        codes.setdefault(_key(row.get("label")), row.get("code"))
    return codes


def sector_dimension(printed: str) -> tuple[str, str]:
    """('naf:<code>' or 'secteur:<slug>', the label as printed, spaces collapsed)."""
    label = _SPACES.sub(" ", printed).strip()
    code = _codes().get(_key(label))
    return (f"naf:{code}" if code else f"secteur:{slugify(label)}"), label
