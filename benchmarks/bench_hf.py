"""compute_metrics on a large eval split against scikit-learn, one metric at a time.

The panel ``imbsafe.hf.compute_metrics()`` logs (F1, precision, recall, ROC
AUC, average precision, TP/TN/FP/FN) on 1,000,000 eval rows of (n, 2)
logits, against what a ``compute_metrics`` written by hand does: the same
softmax, then one scikit-learn call per metric (``evaluate``'s metrics wrap
the same calls). Both run side by side in one process, best of 3.

Goal: at least 10 times faster.

Run: ``python benchmarks/bench_hf.py`` (``--quick``: 100,000 rows).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from _common import machine_info
from scipy.special import softmax
from sklearn import metrics

from imbsafe.hf import compute_metrics


def by_hand(logits: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    proba = softmax(logits.astype(np.float64), axis=1)[:, 1]
    predicted = proba >= 0.5
    tn, fp, fn, tp = metrics.confusion_matrix(labels, predicted).ravel()
    return {
        "f1": metrics.f1_score(labels, predicted),
        "precision": metrics.precision_score(labels, predicted),
        "recall": metrics.recall_score(labels, predicted),
        "roc_auc": metrics.roc_auc_score(labels, proba),
        "average_precision": metrics.average_precision_score(labels, proba),
        "tp": tp,
        "tn": tn,
        "fp": fp,
        "fn": fn,
    }


def best_of(run, repeat: int = 3) -> tuple[float, dict]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - start)
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n = 100_000 if args.quick else 1_000_000
    rng = np.random.default_rng(0)
    labels = (rng.random(n) < 0.05).astype(np.int64)
    logits = np.c_[np.zeros(n), rng.normal(size=n) + 2 * labels - 1.5].astype(
        np.float32
    )
    panel = compute_metrics()
    ours, got = best_of(lambda: panel((logits, labels)))
    theirs, expected = best_of(lambda: by_hand(logits, labels))
    worst = max(abs(got[k] - float(expected[k])) for k in expected)
    print(machine_info())
    print(
        f"compute_metrics on {n:,} eval rows: {ours:.3f} s; scikit-learn one "
        f"metric at a time: {theirs:.3f} s; ratio {theirs / ours:.1f}x (goal "
        f">= 10x); largest difference {worst:.1e}"
    )


if __name__ == "__main__":
    main()
