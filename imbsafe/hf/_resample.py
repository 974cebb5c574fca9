"""resample_dataset: the train split only, by indices."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from .._resample._sampling import LABEL_ONLY, is_sampler, pick_rows, sampler_kind
from ._labels import IGNORED, check_one_split, dataset_labels


def resample_dataset(
    dataset: Any, sampler: Any, *, label_column: str | None = None
) -> Any:
    """Over- or under-sample a train split by indices; never an eval split.

    The sampler picks rows from the labels alone (imbalanced-learn's
    ``RandomOverSampler`` or ``RandomUnderSampler``); the result is
    ``dataset.select(indices)`` for a ``datasets.Dataset``, a
    ``torch.utils.data.Subset`` otherwise: the rows kept once, in the
    dataset's order, then the copies in the sampler's order. Rows labelled
    -100 (ignored by the Trainer) are no class: each is kept once, never
    copied or dropped. Samplers that synthesize rows (SMOTE) or read the
    features are refused: text cannot be interpolated.

    Parameters
    ----------
    dataset : datasets.Dataset or torch Dataset
        The train split, after the split (one split, not a ``DatasetDict``).
    sampler : imbalanced-learn sampler
        ``RandomOverSampler`` or ``RandomUnderSampler`` (without shrinkage).
    label_column : str, default=None
        The label column ("labels", else "label").

    Returns
    -------
    resampled : datasets.Dataset or torch.utils.data.Subset
    """
    owner = "resample_dataset"
    check_one_split(dataset, owner)
    if not is_sampler(sampler):
        raise TypeError(
            f"resample_dataset needs an imbalanced-learn sampler, got "
            f"{'None' if sampler is None else type(sampler).__name__}: pass "
            "RandomOverSampler() or RandomUnderSampler() (without resampling, "
            "use the split as it is)."
        )
    if sampler_kind(sampler) != LABEL_ONLY:
        raise ValueError(
            f"{type(sampler).__name__} reads or creates feature values, which text "
            "does not have: embed first, then resample the embeddings (or use "
            "RandomOverSampler / RandomUnderSampler, which pick rows by label)."
        )
    labels = dataset_labels(dataset, label_column, owner=owner)
    ignored = labels == IGNORED
    rows = np.flatnonzero(~ignored)
    picked = rows[pick_rows(sampler, labels[rows], where="the train split")]
    # the first pick of each row is the row itself, any later one a copy
    _, first = np.unique(picked, return_index=True)
    copy = np.ones(picked.shape[0], dtype=bool)
    copy[first] = False
    once = np.sort(np.r_[picked[first], np.flatnonzero(ignored)])
    indices = np.r_[once, picked[copy]].tolist()
    if hasattr(dataset, "select"):
        return dataset.select(indices)
    return torch.utils.data.Subset(dataset, indices)
