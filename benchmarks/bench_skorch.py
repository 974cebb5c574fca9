"""imbsafe.skorch against plain skorch, side by side in one run.

1. Fit time of a net with ``EpochMetrics`` logging 7 metrics, against the same
   net with no scoring callback (goal: ratio <= 1.05). skorch's own
   ``EpochScoring`` x 3 (f1, roc_auc, average_precision, with caching) is
   measured in the same run for reference.
2. Peak memory of ``BalancedBatches`` against materializing
   ``RandomOverSampler``'s output and fitting on it, on 200,000 x 100 float32
   with 1 % positives, one epoch each (goal: ratio <= 0.7).

Run: ``python benchmarks/bench_skorch.py`` (``--quick``: smaller data).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings

import numpy as np
import torch
from _common import best_time, child_report, machine_info, peak_rss_increase
from imblearn.over_sampling import RandomOverSampler
from skorch import NeuralNetClassifier
from skorch.callbacks import EpochScoring
from skorch.dataset import ValidSplit
from torch import nn

from imbsafe.skorch import BalancedBatches, EpochMetrics

SEVEN = (
    "f1",
    "precision",
    "recall",
    "roc_auc",
    "average_precision",
    "mcc",
    "balanced_accuracy",
)


class MLP(nn.Module):
    def __init__(self, n_in: int = 20) -> None:
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(n_in, 32), nn.ReLU(), nn.Linear(32, 2))

    def forward(self, X):
        return self.layers(X)


def make_data(n: int, d: int, rate: float, seed: int = 0):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < rate).astype(np.int64)
    X = rng.standard_normal((n, d), dtype=np.float32)
    X[y == 1, :5] += 1.0
    return X, y


def net(callbacks, n_in, epochs, train_split=None, batch_size=256):
    torch.manual_seed(0)
    return NeuralNetClassifier(
        MLP,
        module__n_in=n_in,
        criterion=nn.CrossEntropyLoss,
        optimizer=torch.optim.Adam,
        lr=0.003,
        max_epochs=epochs,
        batch_size=batch_size,
        train_split=train_split,
        callbacks=callbacks,
        callbacks__valid_acc=None,
        verbose=0,
    )


class TimedEpochMetrics(EpochMetrics):
    """EpochMetrics that adds up the wall time spent in its own hooks."""

    spent = 0.0

    def on_batch_end(self, net, **kwargs):
        start = time.perf_counter()
        super().on_batch_end(net, **kwargs)
        type(self).spent += time.perf_counter() - start

    def on_epoch_end(self, net, **kwargs):
        start = time.perf_counter()
        super().on_epoch_end(net, **kwargs)
        type(self).spent += time.perf_counter() - start


def timing(n: int, repeat: int) -> dict[str, float]:
    X, y = make_data(n, 20, 0.05)
    split = ValidSplit(5, stratified=True)
    cases = {
        "none": lambda: [],
        "epoch_metrics_7": lambda: [EpochMetrics(SEVEN)],
        "skorch_epoch_scoring_3": lambda: [
            EpochScoring(m, lower_is_better=False, name=f"valid_{m}")
            for m in ("f1", "roc_auc", "average_precision")
        ],
    }
    net([], 20, 1, split).fit(X, y)  # warm-up: lazy imports, allocator
    times: dict[str, float] = {}
    for _ in range(repeat):  # interleaved, so drift hits all alike
        for name, make in cases.items():
            t = best_time(lambda make=make: net(make(), 20, 8, split).fit(X, y), 1)
            times[name] = min(times.get(name, np.inf), t)
    TimedEpochMetrics.spent = 0.0
    start = time.perf_counter()
    net([TimedEpochMetrics(SEVEN)], 20, 8, split).fit(X, y)
    times["hooks_share"] = TimedEpochMetrics.spent / (time.perf_counter() - start)
    return times


def fit_balanced(X, y):
    return net([BalancedBatches(random_state=0)], X.shape[1], 1, batch_size=1024).fit(
        X, y
    )


def fit_materialized(X, y):
    X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X, y)
    return net([], X.shape[1], 1, batch_size=1024).fit(X_res, y_res)


MEMORY_CASES = {"balanced": fit_balanced, "materialized": fit_materialized}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=sorted(MEMORY_CASES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    n_memory = 20_000 if args.quick else 200_000
    n_time = 5_000 if args.quick else 20_000
    warnings.simplefilter("ignore")  # undefined metrics in early epochs

    if args.child:
        data = {}

        def setup():
            data["Xy"] = make_data(n_memory, 100, 0.01)
            MEMORY_CASES[args.child](*make_data(2_000, 100, 0.05))  # warm-up

        child_report(lambda: MEMORY_CASES[args.child](*data["Xy"]), setup)
        return

    times = timing(n_time, args.repeat)
    quick = ["--quick"] if args.quick else []
    memory = {
        name: peak_rss_increase(sys.argv[0], name, *quick) for name in MEMORY_CASES
    }
    base = times["none"]
    print("bench_skorch")
    print(f"  machine: {machine_info()}, torch {torch.__version__}")
    print(
        f"  fit time, {n_time:,} x 20 float32, 5 % positives, 8 epochs, valid 1/5 "
        f"(best of {args.repeat}):"
    )
    print(f"    no scoring callback          {base:7.2f} s")
    print(
        f"    EpochMetrics, 7 metrics      {times['epoch_metrics_7']:7.2f} s   "
        f"ratio {times['epoch_metrics_7'] / base:.3f}   goal <= 1.05"
    )
    print(f"    (inside EpochMetrics' own hooks: {times['hooks_share']:.1%} of a fit)")
    print(
        f"    skorch EpochScoring x 3      {times['skorch_epoch_scoring_3']:7.2f} s   "
        f"ratio {times['skorch_epoch_scoring_3'] / base:.3f}   (reference)"
    )
    print(
        f"  peak memory above the data, {n_memory:,} x 100 float32, 1 % positives, "
        "one epoch:"
    )
    print(f"    RandomOverSampler output + fit  {memory['materialized']:7.0f} MiB")
    print(
        f"    BalancedBatches                 {memory['balanced']:7.0f} MiB   "
        f"ratio {memory['balanced'] / memory['materialized']:.2f}   goal <= 0.70"
    )
    print(f"  command: python benchmarks/bench_skorch.py {' '.join(quick)}".rstrip())


if __name__ == "__main__":
    main()
