"""The leakage audit: detection study and cost, measured in one run.

Detection: a collection of imbalanced binary tasks built from data sets that
scikit-learn ships (breast cancer, wine, iris and digits one-vs-rest, diabetes
top quintile) plus generated data (continuous, integer-coded, mixed
categorical codes, natural duplicates, binary features). For every task and
seed, four splits are audited:

* clean, stratified 80/20 and plain random 80/20: must not be flagged;
* random over-sampling, then a random 80/20 split: every one must be flagged;
* SMOTE, then a random 80/20 split: goal >= 90 % flagged.

Cost: auditing a 100,000-row split (80,000 train / 20,000 valid, 20 float
features, SMOTE-leaked, so both checks do their full work), against its
anchor, the nearest-neighbour search it cannot avoid (sklearn
NearestNeighbors, 10 neighbours of every valid row among the train rows of its
class), and against a plain exact-duplicates check (pandas ``duplicated``).

Run: ``python benchmarks/bench_audit.py`` (``--quick``: fewer seeds, 20,000 rows).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

import numpy as np
import pandas as pd
from _common import best_time, machine_info
from imblearn.over_sampling import SMOTE, RandomOverSampler
from sklearn import datasets
from sklearn.model_selection import train_test_split
from sklearn.neighbors import NearestNeighbors

from imbsafe import audit_split

Task = tuple[np.ndarray, np.ndarray]


def one_vs_rest(loader: Callable, label: int) -> Task:
    X, y = loader(return_X_y=True)
    return X.astype(float), (y == label).astype(int)


def shipped_tasks() -> dict[str, Task]:
    tasks = {"breast_cancer": datasets.load_breast_cancer(return_X_y=True)}
    for label in range(3):
        tasks[f"wine_{label}"] = one_vs_rest(datasets.load_wine, label)
        tasks[f"iris_{label}"] = one_vs_rest(datasets.load_iris, label)
    for label in range(10):
        tasks[f"digits_{label}"] = one_vs_rest(datasets.load_digits, label)
    X, target = datasets.load_diabetes(return_X_y=True)
    tasks["diabetes_top20"] = (X, (target > np.quantile(target, 0.8)).astype(int))
    return tasks


def generated_tasks(seed: int = 0) -> dict[str, Task]:
    rng = np.random.default_rng(seed)
    X, y = datasets.make_classification(
        2000, 20, n_informative=6, weights=[0.92], random_state=seed
    )
    tasks = {"gen_continuous": (X, y)}
    tasks["gen_integer_codes"] = (np.clip(np.round(X * 1.5), -4, 4), y)
    codes = rng.integers(0, 5, size=(2000, 8)).astype(float)
    codes[y == 1, :3] = rng.integers(2, 5, size=(int(y.sum()), 3))
    tasks["gen_codes_plus_2_continuous"] = (np.hstack([codes, X[:, :2]]), y)
    copies = rng.choice(2000, 300, replace=False)
    tasks["gen_natural_duplicates"] = (
        np.vstack([X, X[copies]]),
        np.concatenate([y, y[copies]]),
    )
    binary = (rng.random((2000, 12)) < np.where(y[:, None] == 1, 0.6, 0.3)).astype(
        float
    )
    tasks["gen_binary_features"] = (binary, y)
    return tasks


def splits(X: np.ndarray, y: np.ndarray, seed: int):
    """Yield (kind, X_train, y_train, X_valid, y_valid)."""
    stratified = train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)
    yield "clean", *_order(stratified)
    plain = train_test_split(X, y, test_size=0.2, random_state=seed + 100)
    yield "clean", *_order(plain)
    X_ros, y_ros = RandomOverSampler(random_state=seed).fit_resample(X, y)
    yield (
        "ros",
        *_order(train_test_split(X_ros, y_ros, test_size=0.2, random_state=seed)),
    )
    k = min(5, int(np.bincount(y).min()) - 1)
    X_sm, y_sm = SMOTE(k_neighbors=k, random_state=seed).fit_resample(X, y)
    yield (
        "smote",
        *_order(train_test_split(X_sm, y_sm, test_size=0.2, random_state=seed)),
    )


def _order(parts):
    X_tr, X_va, y_tr, y_va = parts
    return X_tr, y_tr, X_va, y_va


def detection(seeds: int) -> pd.DataFrame:
    tasks = shipped_tasks() | generated_tasks()
    rows = []
    for name, (X, y) in tasks.items():
        for seed in range(seeds):
            for kind, X_tr, y_tr, X_va, y_va in splits(X, y, seed):
                report = audit_split(X_tr, y_tr, X_va, y_va)
                rows.append(
                    {
                        "task": name,
                        "seed": seed,
                        "kind": kind,
                        "flagged": report.leaky,
                        "copies": report.exact_duplicates,
                        "interpolants": report.interpolants,
                    }
                )
    return pd.DataFrame(rows)


def cost(n_rows: int, repeat: int) -> dict[str, float]:
    X, y = datasets.make_classification(
        n_rows, 20, n_informative=8, weights=[0.9], random_state=0
    )
    X, y = SMOTE(random_state=0).fit_resample(X, y)
    rng = np.random.default_rng(0)
    keep = rng.choice(X.shape[0], n_rows, replace=False)
    X, y = X[keep], y[keep]
    X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=0)

    def neighbours() -> None:
        for c in np.unique(y_tr):
            search = NearestNeighbors(n_neighbors=10).fit(X_tr[y_tr == c])
            search.kneighbors(X_va[y_va == c], return_distance=False)

    def duplicated() -> None:
        pd.DataFrame(np.vstack([X_tr, X_va])).duplicated()

    report = audit_split(X_tr, y_tr, X_va, y_va)
    times = {}
    for _ in range(repeat):  # interleaved, best of each
        for name, fn in (
            ("audit", lambda: audit_split(X_tr, y_tr, X_va, y_va)),
            ("neighbours", neighbours),
            ("duplicated", duplicated),
        ):
            t = best_time(fn, 1)
            times[name] = min(times.get(name, np.inf), t)
    times["interpolants_found"] = report.interpolants
    times["n_valid"] = X_va.shape[0]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    seeds, n_rows, repeat = (2, 20_000, 1) if args.quick else (5, 100_000, 3)

    print(machine_info())
    table = detection(seeds)
    rates = table.groupby("kind")["flagged"].agg(["mean", "sum", "count"])
    print(f"\nDetection over {table['task'].nunique()} tasks x {seeds} seeds:")
    for kind, label in (
        ("clean", "false alarms on clean splits"),
        ("ros", "random over-sampling leaks caught"),
        ("smote", "SMOTE leaks caught"),
    ):
        row = rates.loc[kind]
        print(
            f"  {label:<38} {int(row['sum']):>4} / {int(row['count']):<4} "
            f"({row['mean']:.1%})"
        )
    misses = table[(table["kind"] != "clean") & ~table["flagged"]]
    alarms = table[(table["kind"] == "clean") & table["flagged"]]
    for title, frame in (("missed leaks", misses), ("false alarms", alarms)):
        if not frame.empty:
            print(f"\n{title}:\n{frame.to_string(index=False)}")

    times = cost(n_rows, repeat)
    print(
        f"\nCost on a {n_rows:,}-row split (SMOTE-leaked, 20 features; "
        f"{times['interpolants_found']:,} of {times['n_valid']:,} valid rows found "
        "as interpolants):"
    )
    print(f"  audit_split            {times['audit']:7.2f} s")
    print(f"  NearestNeighbors core  {times['neighbours']:7.2f} s")
    print(f"  pandas duplicated      {times['duplicated']:7.2f} s")
    print(
        f"  ratio audit / NearestNeighbors core: "
        f"{times['audit'] / times['neighbours']:.2f}"
    )


if __name__ == "__main__":
    main()
