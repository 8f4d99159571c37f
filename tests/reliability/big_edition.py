"""A SYNTHETIC data folder with a big edition, made at test time: enough figures that a load
spends a while inside its transaction (for the kill and concurrent-reader tests).

Every figure is invented: one indicator for every territory and month of a long span, the
value a running number.
"""

from __future__ import annotations

from pathlib import Path

from synthetic import write_data_dir

EDITION = "editions/normandie/2030"
HEADER = "# SYNTHETIC figures made by tests/reliability/big_edition.py\n" \
         "place;indicator;territory;period;printed;value\n"


def _territories(data: Path) -> list[str]:
    codes = ["FR", "FR-HM", "FR-MET"]
    for line in (data / "reference" / "regions.csv").read_text(encoding="utf-8").splitlines():
        if line[:2].isdigit():
            codes.append(line.split(";", 1)[0])
    return codes


def write_big_data_dir(root: Path, figures: int, *, offset: int = 0,
                       title: str | None = None) -> Path:
    """The synthetic folder whose edition holds `figures` figures (values offset + 0, 1, …).

    `title` replaces the edition's title, so that two versions of the edition are easy to
    tell apart in a test.
    """
    data = write_data_dir(root)
    territories = _territories(data)
    rows = []
    for i in range(figures):
        month, territory = divmod(i, len(territories))
        year, month = divmod(month, 12)
        rows.append(f"population-emploi;demandeurs_emploi;{territories[territory]};"
                    f"{1900 + year}-{month + 1:02d};;{offset + i}\n")
    (data / EDITION / "observations.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    # The printed evolutions of the small edition refer to figures this one does not hold.
    (data / EDITION / "evolutions.csv").unlink()
    if title is not None:
        path = data / EDITION / "edition.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("title: Monographie SYNTHÉTIQUE de test",
                                     f"title: {title}"), encoding="utf-8")
    return data
