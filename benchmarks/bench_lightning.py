"""imbsafe.torchmetrics and imbsafe.lightning against their anchors, in one run.

1. ``BinaryReport(("f1", "roc_auc", "average_precision"))`` on 1,000,000
   predictions (updates of 10,000, then ``compute()``), against TorchMetrics'
   own ``BinaryF1Score``, ``BinaryAUROC`` and ``BinaryAveragePrecision`` in
   exact mode (``thresholds=None``) together (goal: ratio <= 2).
2. One training epoch of a small MLP over ``ResampledDataModule``'s train
   loader with ``balanced_batches=True``, against the same epoch with the
   module's plain shuffled loader (goal: ratio <= 1.05). The two alternate,
   best of the repeats each (the first in turn).

Run: ``python benchmarks/bench_lightning.py`` (``--quick``: smaller data).
"""

from __future__ import annotations

import argparse

import numpy as np
import torch
from _common import best_time, machine_info
from torchmetrics.classification import (
    BinaryAUROC,
    BinaryAveragePrecision,
    BinaryF1Score,
)

from imbsafe.lightning import ResampledDataModule
from imbsafe.torchmetrics import BinaryReport


def scored(n: int, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.05).astype(np.int64)
    p = np.clip(0.25 * y + rng.random(n) * 0.75, 0, 1).astype(np.float32)
    return torch.from_numpy(p), torch.from_numpy(y)


def feed(metrics: list, preds: torch.Tensor, target: torch.Tensor, step: int):
    for metric in metrics:
        metric.reset()
    for start in range(0, preds.shape[0], step):
        for metric in metrics:
            metric.update(preds[start : start + step], target[start : start + step])
    return [metric.compute() for metric in metrics]


def metric_times(n: int, repeat: int) -> dict[str, float]:
    preds, target = scored(n)
    ours = [BinaryReport(("f1", "roc_auc", "average_precision"))]
    theirs = [
        BinaryF1Score(),
        BinaryAUROC(thresholds=None),
        BinaryAveragePrecision(thresholds=None),
    ]
    (report,) = feed(ours, preds, target, 10_000)
    f1, auc, ap = feed(theirs, preds, target, 10_000)
    # the same numbers, or the timing means nothing
    for mine, other in zip(report.values(), (f1, auc, ap), strict=True):
        assert abs(float(mine) - float(other)) < 1e-5, (float(mine), float(other))
    times = {"ours": [], "theirs": []}
    for _ in range(repeat):  # alternate: the machine's load hits both alike
        times["ours"].append(best_time(lambda: feed(ours, preds, target, 10_000), 1))
        times["theirs"].append(
            best_time(lambda: feed(theirs, preds, target, 10_000), 1)
        )
    return {k: min(v) for k, v in times.items()}


def epoch(loader, model, optimizer) -> None:
    for x, y in loader:
        optimizer.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            model(x)[:, 0], y.float()
        )
        loss.backward()
        optimizer.step()


def epoch_times(n: int, repeat: int) -> dict[str, float]:
    rng = np.random.default_rng(0)
    y = (rng.random(n) < 0.01).astype(np.int64)
    X = rng.standard_normal((n, 20), dtype=np.float32)
    X[y == 1, :5] += 1.0
    model = torch.nn.Sequential(
        torch.nn.Linear(20, 32), torch.nn.ReLU(), torch.nn.Linear(32, 1)
    )
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loaders = {
        balanced: ResampledDataModule(
            X, y, batch_size=256, balanced_batches=balanced, random_state=0
        ).train_dataloader()
        for balanced in (False, True)
    }
    times = {False: [], True: []}
    for i in range(repeat):
        for balanced in (False, True) if i % 2 else (True, False):  # alternate
            loader = loaders[balanced]
            loader.sampler.set_epoch(i)
            times[balanced].append(
                best_time(lambda loader=loader: epoch(loader, model, optimizer), 1)
            )
    # the samplers alone: the part of an epoch that differs, less noisy
    draws = {
        balanced: best_time(lambda loader=loader: list(loader.sampler), repeat)
        for balanced, loader in loaders.items()
    }
    return {
        "plain": min(times[False]),
        "balanced": min(times[True]),
        "plain_draw": draws[False],
        "balanced_draw": draws[True],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n_metric = 100_000 if args.quick else 1_000_000
    n_epoch = 20_000 if args.quick else 200_000
    repeat = 4 if args.quick else 8
    torch.set_num_threads(1)  # one core each: the ratio, not the machine
    metrics = metric_times(n_metric, repeat)
    epochs = epoch_times(n_epoch, repeat)
    quick = " --quick" if args.quick else ""
    print("bench_lightning")
    print(f"  machine: {machine_info()}, torch {torch.__version__}")
    print(f"  1. {n_metric:,} predictions in updates of 10,000, then compute():")
    print(
        f"    BinaryReport (f1, roc_auc, average_precision)  {metrics['ours']:6.3f} s"
    )
    print(
        "    TorchMetrics F1 + AUROC + AP (thresholds=None)"
        f"  {metrics['theirs']:6.3f} s"
    )
    print(f"    ratio {metrics['ours'] / metrics['theirs']:.2f} (goal <= 2)")
    print(f"  2. one epoch of an MLP, {int(n_epoch * 0.8):,} train rows, 1 % positive:")
    print(f"    plain shuffled loader      {epochs['plain']:6.3f} s")
    print(f"    balanced_batches=True      {epochs['balanced']:6.3f} s")
    print(f"    ratio {epochs['balanced'] / epochs['plain']:.3f} (goal <= 1.05)")
    extra = (epochs["balanced_draw"] - epochs["plain_draw"]) / epochs["plain"]
    print(
        f"    the samplers alone: {epochs['balanced_draw']:.3f} s balanced, "
        f"{epochs['plain_draw']:.3f} s plain ({extra:+.1%} of an epoch)"
    )
    print(f"  command: python benchmarks/bench_lightning.py{quick}")


if __name__ == "__main__":
    main()
