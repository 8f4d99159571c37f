"""Big SYNTHETIC inputs made at test time: enough figures that a load or an import spends a
while inside its transaction (for the kill and concurrent-reader tests).

Every figure is invented: in the data folder, one indicator for every territory and month of
a long span, the value a running number; in the LHEO offer, formations each with their own
(invented) domain codes, so that every one adds figures to the import.
"""

from __future__ import annotations

from pathlib import Path

from synthetic import write_data_dir

EDITION = "editions/normandie/2030"
HEADER = "# SYNTHETIC figures made by tests/reliability/big_inputs.py\n" \
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


def write_big_lheo(path: Path, formations: int) -> Path:
    """An LHEO offer of `formations` formations, each with one action in Normandie and codes
    of its own: about four figures per formation once counted by domain."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n'
             "<!-- SYNTHETIC offer made by tests/reliability/big_inputs.py -->\n"
             '<lheo xmlns="http://www.lheo.org/2.2"><offres>\n']
    for i in range(formations):
        parts.append(
            f'<formation numero="F{i}"><domaine-formation>'
            f'<code-FORMACODE ref="V12">{10000 + i}</code-FORMACODE>'
            f"<code-NSF>{100000 + i}</code-NSF></domaine-formation>"
            f"<intitule-formation>Formation synthétique {i}</intitule-formation>"
            f'<action numero="A{i}"><lieu-de-formation><coordonnees><adresse>'
            "<region>28</region></adresse></coordonnees></lieu-de-formation>"
            f'<session numero="S{i}"><periode><debut>20240901</debut><fin>20250630</fin>'
            "</periode></session></action></formation>\n")
    parts.append("</offres></lheo>\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def write_big_of_list(path: Path, sample: Path, megabytes: int = 0, *,
                      records: int | None = None) -> Path:
    """The OF list `sample` (header and SYNTHETIC rows) repeated to about `megabytes` MB (or
    to `records` rows), each copy of a row with a declaration number of its own."""
    header, *rows = sample.read_text(encoding="utf-8").splitlines(keepends=True)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(header)
        written, i = 0, 0
        while (written < megabytes << 20) if records is None else (i < records):
            row = rows[i % len(rows)]
            number = row.split(";", 1)[0]
            line = f'"{30000000000 + i}"' + row[len(number):]
            handle.write(line)
            written += len(line)
            i += 1
    return path
