"""
Honest validation scores in PyTorch Lightning
=============================================

The skorch story (a user saw validation F1 about 0.1 above what the model
scored afterwards), told in Lightning. Over-sample the data, then hand it to a
``LightningDataModule`` that splits off a valid part: the valid part holds
copies of training rows at a balanced class ratio, and the F1 the module logs
each epoch is far above what it scores on new data.
:class:`~imbsafe.lightning.LeakageGuard` names the problem before the first
epoch; :class:`~imbsafe.lightning.ResampledDataModule` fixes it by splitting
first and over-sampling the train part only. The metric is
:class:`~imbsafe.torchmetrics.BinaryReport`, equal to
:func:`~imbsafe.metrics.binary_report` on every valid row of the epoch.
"""

# %%
# Data, a holdout nobody touches, and a tiny LightningModule
import warnings

import lightning.pytorch as pl
import numpy as np
import torch
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import train_test_split

from imbsafe.datasets import load_digits_eight
from imbsafe.lightning import LeakageGuard, ResampledDataModule
from imbsafe.metrics import binary_report
from imbsafe.torchmetrics import BinaryReport

X, y = load_digits_eight()
X = (X / 16).astype(np.float32)


class MLP(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = torch.nn.Sequential(
            torch.nn.Linear(64, 16), torch.nn.ReLU(), torch.nn.Linear(16, 1)
        )
        self.report = BinaryReport(("f1", "average_precision"))
        self.curve = []  # logged valid F1 per epoch

    def forward(self, x):
        return self.net(x)[:, 0]

    def training_step(self, batch, _):
        x, y = batch
        return torch.nn.functional.binary_cross_entropy_with_logits(self(x), y.float())

    def validation_step(self, batch, _):
        x, y = batch
        self.report.update(torch.sigmoid(self(x)), y)

    def on_validation_epoch_end(self):
        values = self.report.compute()
        self.log_dict({f"val_{k}": v for k, v in values.items()})
        self.curve.append(float(values["f1"]))
        self.report.reset()

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=0.01)


def fit(datamodule, guard):
    torch.manual_seed(0)
    model = MLP()
    trainer = pl.Trainer(
        max_epochs=8,
        accelerator="cpu",
        devices=1,
        logger=False,
        enable_checkpointing=False,
        enable_progress_bar=False,
        enable_model_summary=False,
        num_sanity_val_steps=0,
        callbacks=[guard],
    )
    trainer.fit(model, datamodule=datamodule)
    return model, float(trainer.callback_metrics["val_f1"])


# %%
# Three holdout splits. The naive module gets data over-sampled before its
# split; the safe one gets the original rows and the sampler.
rows, kept = [], {}
for seed in range(3):
    X_fit, X_holdout, y_fit, y_holdout = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=seed
    )
    ros = RandomOverSampler(random_state=seed)
    naive_dm = ResampledDataModule(*ros.fit_resample(X_fit, y_fit), random_state=seed)
    safe_dm = ResampledDataModule(X_fit, y_fit, sampler=ros, random_state=seed)
    guards = {"naive": LeakageGuard(action="warn"), "safe": LeakageGuard("raise")}
    for name, dm in (("naive", naive_dm), ("safe", safe_dm)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the LeakageWarning: printed below
            model, logged = fit(dm, guards[name])
        with torch.no_grad():
            proba = torch.sigmoid(model(torch.as_tensor(X_holdout))).numpy()
        holdout = binary_report(y_holdout, proba)["f1"]
        rows.append((name, seed, logged, holdout))
        if seed == 0:
            kept[name] = (model.curve, holdout)
    if seed == 0:
        print("LeakageGuard on the naive module:")
        print(guards["naive"].report_, end="\n\n")
        print(f"LeakageGuard warned: {guards['naive'].report_.leaky}")

print(f"{'':8}{'seed':>5}{'logged val F1':>15}{'holdout F1':>12}{'gap':>8}")
for name, seed, logged, holdout in rows:
    print(f"{name:8}{seed:>5}{logged:>15.3f}{holdout:>12.3f}{logged - holdout:>+8.3f}")
for name in ("naive", "safe"):
    gaps = [logged - holdout for n, _, logged, holdout in rows if n == name]
    print(f"{name}: mean gap between logged and holdout F1 {np.mean(gaps):+.3f}")

# %%
# The naive module's valid part is balanced and made of copies of its own
# training rows, so its logged F1 is biased upward on every split. The safe
# module validates on original rows at the data's own ratio (about 10 %
# positives): its log is what the holdout shows, up to the noise of a valid
# part with about 25 positives.
#
# Logged valid F1 per epoch against each model's F1 on the untouched holdout:
try:
    import matplotlib.pyplot as plt
except ImportError:  # the [plot] extra is optional
    plt = None

if plt is not None:
    fig, ax = plt.subplots(figsize=(7, 4))
    for name, color in (("naive", "tab:red"), ("safe", "tab:blue")):
        curve, holdout = kept[name]
        epochs = np.arange(1, len(curve) + 1)
        ax.plot(epochs, curve, color=color, label=f"{name}: logged")
        ax.axhline(holdout, color=color, ls="--", label=f"{name}: holdout")
    ax.set(xlabel="epoch", ylabel="F1", title="What Lightning logs vs what you get")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    plt.show()
