"""A 2-process DDP fit on the CPU, for tests/test_lightning.py.

Run as ``python tests/_lightning_ddp.py OUT_DIR`` (Lightning starts the second
process by running this script again); each process writes what it saw to
``OUT_DIR/rank<r>.json``.
"""

import json
import sys
import warnings
from pathlib import Path

import lightning.pytorch as pl
import torch
from sklearn.datasets import make_classification

from imbsafe.lightning import ResampledDataModule
from imbsafe.torchmetrics import BinaryReport

METRICS = ("f1", "roc_auc", "average_precision", "tp", "fn")


class Tiny(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.layer = torch.nn.Linear(4, 1)
        self.report = BinaryReport(METRICS)
        self.batches = []  # (epoch, labels) of each training batch
        self.seen = []  # (prediction, label) of this process's valid rows

    def forward(self, x):
        return torch.sigmoid(self.layer(x)[:, 0])

    def training_step(self, batch, _):
        x, y = batch
        self.batches.append((self.current_epoch, y.tolist()))
        return torch.nn.functional.binary_cross_entropy(self(x), y.float())

    def on_validation_epoch_start(self):
        self.seen = []

    def validation_step(self, batch, _):
        x, y = batch
        p = self(x)
        self.report.update(p, y)
        self.seen += list(zip(p.tolist(), y.tolist(), strict=True))

    def on_validation_epoch_end(self):
        self.log_dict(self.report.compute())
        self.report.reset()

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.5)


def main(out):
    X, y = make_classification(
        n_samples=500,
        n_features=4,
        n_informative=3,
        n_redundant=0,
        weights=[0.85],
        random_state=0,
    )
    dm = ResampledDataModule(
        X, y, batch_size=16, balanced_batches=True, val_fraction=0.3
    )  # random_state=None: rank 0 draws the seed, every process uses it
    model = Tiny()
    trainer = pl.Trainer(
        strategy="ddp",
        accelerator="cpu",
        devices=2,
        max_epochs=2,
        num_sanity_val_steps=0,
        logger=False,
        enable_checkpointing=False,
        enable_progress_bar=False,
        enable_model_summary=False,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Lightning's advice on workers, etc.
        trainer.fit(model, datamodule=dm)
    sampler = trainer.train_dataloader.sampler
    shares = []
    for epoch in (0, 1):
        sampler.set_epoch(epoch)
        shares.append(list(sampler))
    valid_X = torch.as_tensor(X[dm.valid_rows_], dtype=torch.float32)
    with torch.no_grad():
        whole = model(valid_X).tolist()
    result = {
        "rank": trainer.global_rank,
        "world_size": trainer.world_size,
        "sampler": type(sampler).__name__,
        "seed": dm.seed_,
        "train_labels": dm.train_labels_.tolist(),
        "shares": shares,
        "batches": model.batches,
        "logged": {k: float(trainer.callback_metrics[k]) for k in METRICS},
        "seen": model.seen,
        "whole_valid": whole,
        "valid_labels": y[dm.valid_rows_].tolist(),
    }
    path = Path(out) / f"rank{trainer.global_rank}.json"
    path.write_text(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
