"""The small tabular net behind ``imbsafe compare --model mlp`` (torch, skorch)."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from sklearn.base import clone
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
from skorch import NeuralNetClassifier
from skorch.dataset import ValidSplit
from torch import nn

from ..skorch import EpochMetrics

__all__: list[str] = []


class TabularMLP(nn.Module):
    """Two hidden layers of ReLU units; logits for two classes."""

    def __init__(self, n_features: int = 8, hidden: int = 64) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(n_features, hidden),
            nn.ReLU(),
            nn.Linear(hidden, hidden // 2),
            nn.ReLU(),
            nn.Linear(hidden // 2, 2),
        )

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return self.layers(X)


def _float32(X: Any) -> np.ndarray:
    return np.asarray(X, dtype=np.float32)


class TabularNet(NeuralNetClassifier):
    """A skorch classifier whose first layer is as wide as the data it is fit on.

    The columns a table's preprocessing makes (one-hot categories, missing
    indicators) are known only once it is fitted on a training fold.
    """

    def fit(self, X: Any, y: Any = None, **fit_params: Any) -> TabularNet:
        """Set ``module__n_features`` to X's width, then fit as skorch does."""
        self.set_params(module__n_features=X.shape[1])
        return super().fit(X, y, **fit_params)


def make_mlp(
    seed: int,
    train_split: Any = None,
    *,
    head: Any = None,
    criterion: Any = nn.CrossEntropyLoss,
    callbacks: tuple = (),
    max_epochs: int = 25,
) -> Any:
    """Preprocess, cast to float32, then a skorch net logging valid F1 per epoch.

    ``head`` is the preprocessing, fitted inside each training fold (default:
    ``StandardScaler()``, for a table of numbers). ``train_split`` defaults to
    skorch's ``ValidSplit(5, stratified=True)``.
    """
    torch.manual_seed(seed)
    net = TabularNet(
        TabularMLP,
        module__n_features=1,  # set from the data in fit
        criterion=criterion,
        optimizer=torch.optim.Adam,
        lr=0.003,
        max_epochs=max_epochs,
        batch_size=64,
        iterator_train__shuffle=True,
        train_split=train_split or ValidSplit(5, stratified=True),
        callbacks=[EpochMetrics(("f1", "average_precision")), *callbacks],
        callbacks__valid_acc=None,
        verbose=0,
    )
    return make_pipeline(
        StandardScaler() if head is None else head, FunctionTransformer(_float32), net
    )


def mlp_remedies(
    seed: int, *, head: Any = None, max_epochs: int = 25
) -> dict[str, Any]:
    """Return the skorch remedies of ``imbsafe remedies --model mlp``.

    Class weights from the train part, focal loss, class-balanced batches,
    resampling inside the net's own split (ROS, SMOTE), and a tuned
    threshold; ``"none"`` is the plain net.
    """
    from imblearn.over_sampling import SMOTE, RandomOverSampler

    from ..losses import FocalLoss
    from ..skorch import BalancedBatches, ResampledValidSplit, TrainFoldClassWeights

    def net(**kwargs: Any) -> Any:
        return make_mlp(
            seed,
            head=clone(head) if head is not None else None,
            max_epochs=max_epochs,
            **kwargs,
        )

    return {
        "none": None,
        "class_weights": net(callbacks=(TrainFoldClassWeights(),)),
        "focal_loss": net(criterion=FocalLoss),
        "balanced_batches": net(callbacks=(BalancedBatches(random_state=seed),)),
        "ros": net(
            train_split=ResampledValidSplit(5, RandomOverSampler(random_state=seed))
        ),
        "smote": net(train_split=ResampledValidSplit(5, SMOTE(random_state=seed))),
        "threshold": "threshold",
    }
