"""Labels of Hugging Face and torch datasets, as the model's logits index them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import torch

from .._utils._classes import check_no_missing

# Label positions the Trainer ignores (padding, masked tokens).
IGNORED = -100


def dataset_labels(
    dataset: Any, label_column: str | None = None, *, owner: str
) -> np.ndarray:
    """Return the labels of one split: a ``datasets.Dataset``, torch dataset or rows.

    ``label_column`` defaults to ``"labels"``, else ``"label"``; a row that is
    a tuple gives its last element. ``owner`` names the caller in errors. A
    ``DatasetDict`` or a pandas frame, multi-label rows and missing labels are
    refused in one line.
    """
    check_one_split(dataset, owner)
    names = getattr(dataset, "column_names", None)
    if names is not None:
        column = label_column or next(
            (c for c in ("labels", "label") if c in names), None
        )
        if column not in names:
            raise ValueError(
                f"{owner}: the dataset has no label column "
                f"{column or 'labels/label'!r} (columns: {names}); pass label_column=."
            )
        return _one_per_row(dataset[column], owner)
    labels = []
    for i in range(len(dataset)):
        row = dataset[i]
        if isinstance(row, dict):
            column = label_column or ("labels" if "labels" in row else "label")
            if column not in row:
                raise ValueError(
                    f"{owner}: row {i} has no label {column!r} (keys: {list(row)}); "
                    "pass label_column=."
                )
            value = row[column]
        else:
            value = row[-1]
        labels.append(value.tolist() if torch.is_tensor(value) else value)
    return _one_per_row(labels, owner)


def check_one_split(dataset: Any, owner: str) -> None:
    """Refuse what holds several splits (a ``DatasetDict``) or is a pandas frame."""
    if isinstance(dataset, Mapping):
        splits = list(dataset)
        raise ValueError(
            f"{owner} takes one split, got a {type(dataset).__name__} with splits "
            f"{splits}: pass one of them, e.g. data[{(splits or ['train'])[0]!r}]."
        )
    if isinstance(dataset, pd.DataFrame):
        raise TypeError(
            f"{owner} takes a datasets.Dataset or a torch Dataset, got a pandas "
            "DataFrame: convert it with datasets.Dataset.from_pandas(frame)."
        )


def _one_per_row(values: Any, owner: str) -> np.ndarray:
    """One label per row as an array, or one line on multi-label or missing rows."""
    try:
        labels = np.asarray(values)
    except ValueError:  # rows of different lengths: lists of labels
        labels = np.asarray(values, dtype=object)
    if labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels[:, 0]
    if labels.ndim == 1 and labels.dtype == object:
        rows = [i for i, v in enumerate(labels) if isinstance(v, list | tuple)]
    else:
        rows = [0] if labels.ndim != 1 else []
    if rows:
        example = np.asarray(labels[rows[0]]).tolist()
        raise ValueError(
            f"{owner} needs one class label per row, got multi-label rows (row "
            f"{rows[0]}: {example}); multi-label classification is not covered."
        )
    check_no_missing(labels, f"{owner}: the split")
    return labels


def class_codes(
    labels: np.ndarray, owner: str, num_labels: int | None = None
) -> tuple[np.ndarray, int]:
    """Labels as class codes 0..k-1 (as the logits index them), and k.

    Labels -100 are dropped. Integers, whole floats (``1.0``, the usual BCE
    format) and bools are class codes. ``num_labels`` is the model's
    ``config.num_labels``: one logit means two classes, k logits k classes,
    so a train split may lack a class; without it the labels must be 0..k-1.
    """
    labels = labels[labels != IGNORED]
    if labels.shape[0] == 0:
        raise ValueError(
            f"{owner}: every label of the split is -100 (ignored by the Trainer); "
            "there are no classes to count."
        )
    if labels.dtype == bool:
        labels = labels.astype(np.int64)
    if labels.dtype.kind == "f":
        soft = labels[labels != np.round(labels)]
        if soft.shape[0]:
            raise ValueError(
                f"{owner} needs class labels, got soft labels such as "
                f"{float(soft[0])!r}: classes are counted, scores cannot be."
            )
        labels = labels.astype(np.int64)
    values = np.unique(labels)
    if labels.dtype.kind not in "iu" or values[0] < 0:
        raise ValueError(
            f"{owner} needs labels 0..k-1 (the logits' columns), got "
            f"{values.tolist()[:5]}; map the classes to 0..k-1 first."
        )
    if num_labels is None:
        k = values.shape[0]
        if not np.array_equal(values, np.arange(k)):
            raise ValueError(
                f"{owner} needs labels 0..k-1 (the logits' columns), got "
                f"{values.tolist()[:5]}; map the classes to 0..k-1 first, or pass "
                "num_labels= (the model's config.num_labels) if the split lacks a "
                "class."
            )
        return labels.astype(np.int64), k
    if isinstance(num_labels, bool) or not isinstance(num_labels, int | np.integer):
        raise TypeError(f"num_labels must be an int, got {num_labels!r}.")
    if num_labels < 1:
        raise ValueError(f"num_labels must be at least 1, got {num_labels}.")
    k = max(int(num_labels), 2)  # one logit: classes 0 and 1
    if values[-1] >= k:
        logits = "one logit" if num_labels == 1 else f"{num_labels} logits"
        raise ValueError(
            f"{owner}: num_labels={num_labels} ({logits}, classes 0..{k - 1}) but "
            f"the split has labels {values.tolist()[:5]}; set num_labels to the "
            "number of classes."
        )
    return labels.astype(np.int64), k
