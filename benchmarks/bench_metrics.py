"""binary_report against the equivalent scikit-learn calls, in one run.

On 1,000,000 scores (5 % positives, many ties): binary_report against
confusion_matrix, f1, precision, recall, matthews_corrcoef, balanced_accuracy,
roc_auc_score and average_precision_score. Goals: <= 0.25 of sklearn's time,
and within 1.5x of a bare ``np.argsort`` of the scores.

Run: ``python benchmarks/bench_metrics.py``.
"""

from __future__ import annotations

import argparse

import numpy as np
from _common import best_time, machine_info
from sklearn import metrics as skm

from imbsafe.metrics import binary_report


def make_scores(n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    y = (rng.random(n) < 0.05).astype(np.int64)
    scores = np.clip(rng.normal(0.3 + 0.3 * y, 0.2), 0, 1).round(4)  # ties
    return y, scores


def sklearn_report(y, scores, threshold=0.5):
    pred = (scores >= threshold).astype(np.int64)
    return {
        "confusion": skm.confusion_matrix(y, pred),
        "f1": skm.f1_score(y, pred),
        "precision": skm.precision_score(y, pred),
        "recall": skm.recall_score(y, pred),
        "mcc": skm.matthews_corrcoef(y, pred),
        "balanced_accuracy": skm.balanced_accuracy_score(y, pred),
        "roc_auc": skm.roc_auc_score(y, scores),
        "average_precision": skm.average_precision_score(y, scores),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="100,000 scores")
    args = parser.parse_args()
    if args.quick:
        args.n = min(args.n, 100_000)
    y, scores = make_scores(args.n)

    ours, theirs = binary_report(y, scores), sklearn_report(y, scores)
    for key in ("f1", "precision", "recall", "mcc", "roc_auc", "average_precision"):
        np.testing.assert_allclose(ours[key], theirs[key], rtol=1e-9)

    cases = {
        "binary_report": lambda: binary_report(y, scores),
        "sklearn": lambda: sklearn_report(y, scores),
        "np.argsort": lambda: np.argsort(scores),
    }
    times = {name: np.inf for name in cases}
    for _ in range(args.repeat):  # interleaved, so drift hits all alike
        for name, fn in cases.items():
            times[name] = min(times[name], best_time(fn, 1))

    print(f"bench_metrics: {args.n:,} scores, 5 % positives, ties")
    print(f"  machine: {machine_info()}")
    for name, t in times.items():
        print(f"  {name:<16}{t * 1000:>9.1f} ms (best of {args.repeat})")
    print(
        f"  binary_report / sklearn    {times['binary_report'] / times['sklearn']:.3f}"
        "   goal <= 0.25"
    )
    vs_sort = times["binary_report"] / times["np.argsort"]
    print(f"  binary_report / np.argsort {vs_sort:.3f}   goal <= 1.5")
    quick = " --quick" if args.quick else ""
    print(f"  command: python benchmarks/bench_metrics.py{quick}")


if __name__ == "__main__":
    main()
