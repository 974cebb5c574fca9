"""The small tabular net behind ``imbsafe compare --model mlp`` (torch, skorch)."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
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


def make_mlp(
    n_features: int,
    seed: int,
    train_split: Any = None,
    *,
    criterion: Any = nn.CrossEntropyLoss,
    callbacks: tuple = (),
    max_epochs: int = 25,
) -> Any:
    """Scale, cast to float32, then a skorch net logging valid F1 per epoch.

    ``train_split`` defaults to skorch's ``ValidSplit(5, stratified=True)``.
    """
    torch.manual_seed(seed)
    net = NeuralNetClassifier(
        TabularMLP,
        module__n_features=n_features,
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
    return make_pipeline(StandardScaler(), FunctionTransformer(_float32), net)


def mlp_remedies(n_features: int, seed: int, max_epochs: int = 25) -> dict[str, Any]:
    """Return the skorch remedies of ``imbsafe remedies --model mlp``.

    Class weights from the train part, focal loss, class-balanced batches,
    resampling inside the net's own split (ROS, SMOTE), and a tuned
    threshold; ``"none"`` is the plain net.
    """
    from imblearn.over_sampling import SMOTE, RandomOverSampler

    from ..losses import FocalLoss
    from ..skorch import BalancedBatches, ResampledValidSplit, TrainFoldClassWeights

    def net(**kwargs: Any) -> Any:
        return make_mlp(n_features, seed, max_epochs=max_epochs, **kwargs)

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
