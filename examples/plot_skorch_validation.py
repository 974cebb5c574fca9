"""
Honest validation scores in skorch
==================================

A skorch net splits its input into a train and a valid part inside ``fit``.
Put SMOTE in front of the net — ``imblearn.pipeline.make_pipeline(SMOTE(),
net)`` — and the net validates on resampled rows: a balanced valid part full
of interpolations of training rows. The F1 it logs each epoch is then far
above what it scores on new data. This example reproduces that, lets
:class:`~imbsafe.skorch.LeakageGuard` name the problem, and fixes it with
:class:`~imbsafe.skorch.ResampledValidSplit`, which resamples only the train
part inside the split.
"""

# %%
# Data, a holdout nobody touches, and a tiny net
import warnings

import numpy as np
import torch
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline as make_imblearn_pipeline
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
from skorch import NeuralNetClassifier
from skorch.dataset import ValidSplit
from torch import nn

from imbsafe.datasets import load_digits_eight
from imbsafe.metrics import binary_report
from imbsafe.skorch import EpochMetrics, LeakageGuard, ResampledValidSplit

X, y = load_digits_eight()


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(64, 8), nn.ReLU(), nn.Linear(8, 2))

    def forward(self, X):
        return self.layers(X)


def make_net(train_split, callbacks=()):
    torch.manual_seed(0)
    return NeuralNetClassifier(
        MLP,
        criterion=nn.CrossEntropyLoss,
        optimizer=torch.optim.Adam,
        lr=0.003,
        max_epochs=10,
        iterator_train__shuffle=True,
        train_split=train_split,
        callbacks=[EpochMetrics(("f1", "average_precision")), *callbacks],
        callbacks__valid_acc=None,
        verbose=0,
    )


def to_float32(a):
    return np.asarray(a, dtype=np.float32)


def naive_model(guard):
    """The bug: SMOTE in front of the net, in an imbalanced-learn pipeline.

    The pipeline resamples everything it is given; the net's own ValidSplit
    then carves its valid part out of the resampled rows.
    """
    return make_imblearn_pipeline(
        StandardScaler(),
        FunctionTransformer(to_float32),
        SMOTE(random_state=0),
        make_net(ValidSplit(5, stratified=True), callbacks=[guard]),
    )


def safe_model():
    """The fix: a plain scikit-learn pipeline and a net that resamples inside
    its split, so the valid part is original rows at the real class ratio
    (and preprocessed like the training rows)."""
    return make_pipeline(
        StandardScaler(),
        FunctionTransformer(to_float32),
        make_net(
            ResampledValidSplit(5, SMOTE(random_state=0)),
            callbacks=[LeakageGuard(action="raise")],
        ),
    )


# %%
# Three holdout splits. LeakageGuard audits the parts each net is about to use
# (warn for the naive net, raise for the safe one, which never happens).
rows, kept = [], {}
for seed in range(3):
    X_fit, X_holdout, y_fit, y_holdout = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=seed
    )
    guard = LeakageGuard(action="warn")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the LeakageWarning: printed below
        naive = naive_model(guard).fit(X_fit, y_fit)
    safe = safe_model().fit(X_fit, y_fit)
    for name, model in (("naive", naive), ("safe", safe)):
        logged = model[-1].history[-1, "valid_f1"]
        holdout = binary_report(y_holdout, model.predict_proba(X_holdout)[:, 1])["f1"]
        rows.append((name, seed, logged, holdout))
        if seed == 0:
            kept[name] = (model[-1], holdout)
    if seed == 0:
        print(guard.report_, end="\n\n")

print(f"{'':8}{'seed':>5}{'logged valid F1':>17}{'holdout F1':>12}{'gap':>8}")
for name, seed, logged, holdout in rows:
    print(f"{name:8}{seed:>5}{logged:>17.3f}{holdout:>12.3f}{logged - holdout:>+8.3f}")
for name in ("naive", "safe"):
    gaps = [logged - holdout for n, _, logged, holdout in rows if n == name]
    print(f"{name}: mean gap between logged and holdout F1 {np.mean(gaps):+.3f}")

# %%
# The valid part of the safe net holds about 25 positives, so its F1 moves by
# several hundredths from split to split; the naive net's log is biased upward
# every time, because its valid part is balanced and made of interpolations
# of its own training rows.
#
# Logged valid F1 per epoch against each model's F1 on the untouched holdout:
try:
    import matplotlib.pyplot as plt
except ImportError:  # the [plot] extra is optional
    plt = None

if plt is not None:
    fig, ax = plt.subplots(figsize=(7, 4))
    for name, color in (("naive", "tab:red"), ("safe", "tab:blue")):
        net, holdout = kept[name]
        epochs = np.arange(1, len(net.history) + 1)
        ax.plot(
            epochs, net.history[:, "valid_f1"], color=color, label=f"{name}: logged"
        )
        ax.axhline(holdout, color=color, ls="--", label=f"{name}: holdout")
    ax.set(xlabel="epoch", ylabel="F1", title="What skorch logs vs what you get")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    plt.show()
