"""Benchmark: `monoreg import of-list` against DuckDB on the same file, in the same run.

    .venv/bin/python bench/import.py [--rows 500000] [--runs 3] [--keep DIR]

Writes a SYNTHETIC file of N rows in the layout of the public list of training organisations
(the real header; no real organisation: every name is "ORGANISME SYNTHETIQUE n", 1 % of them
with a ';' inside quotes, as real names have), then times, each in a fresh process:

- monoreg: ingest.of_list.read_of_list + store_batch into a SQLite store loaded with the
  bundled data (what `monoreg import of-list` does, without the interpreter's start-up);
- DuckDB: read_csv + GROUP BY region (organisations, and those training apprentices).

Prints both times (best of the runs), the speed ratio (DuckDB's time / monoreg's), the peak
resident memory of each process, checks both count the same, and compares with the targets:
monoreg at least 0.5 × DuckDB's speed, under 200 MB peak RSS.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 0.5
TARGET_RSS_MB = 200
DATE = "2024-01-15"
REGIONS = ("01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53",
           "75", "76", "84", "93", "94")
# The real header of the list (data.gouv.fr), 30 columns and a trailing ';'.
HEADER = (
    "numeroDeclarationActivite;numerosDeclarationActivitePrecedent;denomination;siren;"
    "siretEtablissementDeclarant;adressePhysiqueOrganismeFormation.voie;"
    "adressePhysiqueOrganismeFormation.codePostal;adressePhysiqueOrganismeFormation.ville;"
    "adressePhysiqueOrganismeFormation.codeRegion;certifications.actionsDeFormation;"
    "certifications.bilansDeCompetences;certifications.VAE;"
    "certifications.actionsDeFormationParApprentissage;"
    "organismeEtrangerRepresente.denomination;organismeEtrangerRepresente.voie;"
    "organismeEtrangerRepresente.codePostal;organismeEtrangerRepresente.ville;"
    "organismeEtrangerRepresente.pays;informationsDeclarees.dateDerniereDeclaration;"
    "informationsDeclarees.debutExercice;informationsDeclarees.finExercice;"
    "informationsDeclarees.specialitesDeFormation.codeSpecialite1;"
    "informationsDeclarees.specialitesDeFormation.libelleSpecialite1;"
    "informationsDeclarees.specialitesDeFormation.codeSpecialite2;"
    "informationsDeclarees.specialitesDeFormation.libelleSpecialite2;"
    "informationsDeclarees.specialitesDeFormation.codeSpecialite3;"
    "informationsDeclarees.specialitesDeFormation.libelleSpecialite3;"
    "informationsDeclarees.nbStagiaires;informationsDeclarees.nbStagiairesConfiesParUnAutreOF;"
    "informationsDeclarees.effectifFormateurs;")
REGION_COLUMN = "adressePhysiqueOrganismeFormation.codeRegion"
APPRENTICESHIP_COLUMN = "certifications.actionsDeFormationParApprentissage"


def write_synthetic(path: Path, rows: int) -> None:
    """SYNTHETIC rows: random regions and certifications, invented names."""
    rng = random.Random(20240115)
    booleans = ("true", "false")
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\ufeff" + HEADER + "\r\n")
        for i in range(rows):
            name = f"ORGANISME SYNTHETIQUE {i}" + (" ; FORMATION" if i % 100 == 7 else "")
            flags = ";".join(rng.choice(booleans) for _ in range(4))
            handle.write(
                f'"{11000000000 + i}";"";"{name}";"{100000000 + i}";"{10000000000000 + i}";'
                f'"{i % 200} rue de l\'Exemple";"14000";"CAEN";"{rng.choice(REGIONS)}";{flags};;'
                f'"";"";"";"";03/12/2023;01/01/2023;31/12/2023;"312";"Commerce, vente";;;;;'
                f"{i % 90};0;{i % 7};\r\n")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def worker_monoreg(file: Path, url: str) -> dict[str, object]:
    from monoreg.importing import store_batch
    from monoreg.ingest.of_list import read_of_list
    from monoreg.store.repository import Store

    store = Store.open(url)
    catalog = store.catalog()
    start_mb = peak_mb()
    started = time.perf_counter()
    batch = read_of_list(file, catalog, DATE)
    store_batch(store, batch)
    seconds = time.perf_counter() - started
    regions = batch.report["regions"]
    # big files are counted by forked processes: the peak of each of them counts too
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": max(peak_mb(), children), "start_mb": start_mb,
            "organisations": regions["nombre_of_liste_publique"],
            "apprenticeship": regions["nombre_of_apprentissage"]}


def worker_duckdb(file: Path) -> dict[str, object]:
    import duckdb

    start_mb = peak_mb()
    started = time.perf_counter()
    connection = duckdb.connect()
    rows = connection.execute(
        f'SELECT "{REGION_COLUMN}" AS region, count(*), '
        f"count(*) FILTER (WHERE \"{APPRENTICESHIP_COLUMN}\" = 'true') "
        "FROM read_csv(?, delim=';', quote='\"', header=true, all_varchar=true) "
        "GROUP BY region", [str(file)]).fetchall()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_mb": peak_mb(), "start_mb": start_mb,
            "organisations": {r: n for r, n, _ in rows},
            "apprenticeship": {r: a for r, _, a in rows}}


def run_worker(*args: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, __file__, "--worker", *args], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout)


def prepare_store(folder: Path) -> str:
    from monoreg.loading import load
    from monoreg.store.repository import Store

    url = f"sqlite:///{folder / 'bench.sqlite'}"
    store = Store.open(url)
    load(store, ROOT / "data")
    store.close()
    return url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the file here and keep it")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, *rest = args.worker
        result = worker_monoreg(Path(rest[0]), rest[1]) if kind == "monoreg" \
            else worker_duckdb(Path(rest[0]))
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        file = folder / f"liste-publique-of.SYNTHETIC-{args.rows}.csv"
        started = time.perf_counter()
        write_synthetic(file, args.rows)
        print(f"SYNTHETIC file: {file.name}, {args.rows:,} rows, "
              f"{file.stat().st_size / 1e6:.1f} MB (written in "
              f"{time.perf_counter() - started:.1f} s)")
        url = prepare_store(Path(tmp))
        ours, theirs = [], []
        for _ in range(args.runs):  # alternate, so that both see the same machine load
            ours.append(run_worker("monoreg", str(file), url))
            theirs.append(run_worker("duckdb", str(file)))
    best_ours = min(ours, key=lambda r: r["seconds"])
    best_theirs = min(theirs, key=lambda r: r["seconds"])
    same = all(best_ours[k] == best_theirs[k] for k in ("organisations", "apprenticeship"))
    ratio = float(best_theirs["seconds"]) / float(best_ours["seconds"])
    rss = max(float(r["peak_mb"]) for r in ours)
    print(f"monoreg import of-list : {best_ours['seconds']:.3f} s (best of {args.runs}), "
          f"peak RSS {rss:.0f} MB, largest process (interpreter and imports: "
          f"{float(best_ours['start_mb']):.0f} MB)")
    print(f"DuckDB read_csv+GROUP BY: {best_theirs['seconds']:.3f} s (best of {args.runs}), "
          f"peak RSS {max(float(r['peak_mb']) for r in theirs):.0f} MB")
    print(f"speed ratio monoreg/DuckDB: {ratio:.2f} (target >= {TARGET_RATIO}) "
          f"{'OK' if ratio >= TARGET_RATIO else 'MISSED'}")
    print(f"peak RSS: {rss:.0f} MB (target < {TARGET_RSS_MB} MB) "
          f"{'OK' if rss < TARGET_RSS_MB else 'MISSED'}")
    print(f"same counts per region: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
