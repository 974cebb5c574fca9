"""ResampledCV against imbalanced-learn's Pipeline, side by side in one run.

cross_validate on 200,000 x 100 float64 with 2 % positives, 5 folds,
RandomOverSampler and GaussianNB. Goals: time ratio <= 1.0, peak-memory ratio
<= 0.85 (ResampledCV / Pipeline).

Run: ``python benchmarks/bench_cv.py`` (``--quick`` for a 20,000-row smoke run).
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from _common import best_time, child_report, machine_info, peak_rss_increase
from imblearn.over_sampling import RandomOverSampler
from imblearn.pipeline import make_pipeline
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.naive_bayes import GaussianNB

from imbsafe import ResampledCV

N_FEATURES = 100
POSITIVE_RATE = 0.02
SCORING = ["f1", "roc_auc", "average_precision"]


def make_data(n_samples: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    y = (rng.random(n_samples) < POSITIVE_RATE).astype(np.int64)
    X = rng.standard_normal((n_samples, N_FEATURES))
    X[y == 1, :10] += 0.5  # a weak signal in 10 features
    return X, y


def splitter() -> StratifiedKFold:
    return StratifiedKFold(5, shuffle=True, random_state=0)


def run_imbsafe(X, y):
    cv = ResampledCV(RandomOverSampler(random_state=0), cv=splitter())
    return cross_validate(GaussianNB(), X, y, cv=cv, scoring=SCORING)


def run_pipeline(X, y):
    pipe = make_pipeline(RandomOverSampler(random_state=0), GaussianNB())
    return cross_validate(pipe, X, y, cv=splitter(), scoring=SCORING)


CASES = {"imbsafe": run_imbsafe, "pipeline": run_pipeline}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20,000 rows")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=sorted(CASES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    n_samples = 20_000 if args.quick else 200_000

    if args.child:
        data = {}

        def setup():
            data["Xy"] = make_data(n_samples)
            # warm-up: lazy imports and BLAS buffers belong to the baseline
            CASES[args.child](*make_data(5_000))

        child_report(lambda: CASES[args.child](*data["Xy"]), setup)
        return

    X, y = make_data(n_samples)
    ours, theirs = run_imbsafe(X, y), run_pipeline(X, y)
    for metric in SCORING:  # same folds, same rows: the scores must agree
        np.testing.assert_allclose(ours[f"test_{metric}"], theirs[f"test_{metric}"])

    times = {}
    for _ in range(args.repeat):  # interleaved, so drift hits both alike
        for name, case in CASES.items():
            t = best_time(lambda case=case: case(X, y), 1)
            times[name] = min(times.get(name, np.inf), t)
    script_args = "--quick" if args.quick else ""
    extra = {
        name: peak_rss_increase(sys.argv[0], name, *script_args.split())
        for name in CASES
    }

    print(f"bench_cv: cross_validate, {n_samples:,} x {N_FEATURES} float64, ")
    print(f"  {POSITIVE_RATE:.0%} positives, 5 folds, RandomOverSampler, GaussianNB")
    print(f"  machine: {machine_info()}")
    print(f"  {'':<28}{'ResampledCV':>12}{'imblearn Pipeline':>20}{'ratio':>8}")
    print(
        f"  {'time (s, best of ' + str(args.repeat) + ')':<28}"
        f"{times['imbsafe']:>12.2f}{times['pipeline']:>20.2f}"
        f"{times['imbsafe'] / times['pipeline']:>8.2f}   goal <= 1.00"
    )
    print(
        f"  {'peak memory above data (MiB)':<28}"
        f"{extra['imbsafe']:>12.0f}{extra['pipeline']:>20.0f}"
        f"{extra['imbsafe'] / extra['pipeline']:>8.2f}   goal <= 0.85"
    )
    print(f"  command: python benchmarks/bench_cv.py {script_args}".rstrip())


if __name__ == "__main__":
    main()
