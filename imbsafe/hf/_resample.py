"""resample_dataset: the train split only, by indices."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from .._sampling import LABEL_ONLY, resample_indices, sampler_kind
from ._labels import dataset_labels


def resample_dataset(
    dataset: Any, sampler: Any, *, label_column: str | None = None
) -> Any:
    """Over- or under-sample a train split by indices; never an eval split.

    The sampler picks rows from the labels alone (imbalanced-learn's
    ``RandomOverSampler`` or ``RandomUnderSampler``); the result is
    ``dataset.select(indices)`` for a ``datasets.Dataset``, a
    ``torch.utils.data.Subset`` otherwise, in the sampler's order (the
    original rows first, then the copies). Samplers that synthesize rows
    (SMOTE) or read the features are refused: text cannot be interpolated.

    Parameters
    ----------
    dataset : datasets.Dataset or torch Dataset
        The train split, after the split.
    sampler : imbalanced-learn sampler
        ``RandomOverSampler`` or ``RandomUnderSampler`` (without shrinkage).
    label_column : str, default=None
        The label column ("labels", else "label").

    Returns
    -------
    resampled : datasets.Dataset or torch.utils.data.Subset
    """
    if sampler_kind(sampler) != LABEL_ONLY:
        raise ValueError(
            f"{type(sampler).__name__} reads or creates feature values, which text "
            "does not have: embed first, then resample the embeddings (or use "
            "RandomOverSampler / RandomUnderSampler, which pick rows by label)."
        )
    labels = dataset_labels(dataset, label_column)
    _, indices = resample_indices(
        sampler, np.zeros((labels.shape[0], 1)), labels, where="the train split"
    )
    if hasattr(dataset, "select"):
        return dataset.select(indices.tolist())
    return torch.utils.data.Subset(dataset, indices.tolist())
