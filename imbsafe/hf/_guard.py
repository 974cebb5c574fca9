"""LeakageGuardCallback: copies between the train and eval datasets."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import torch
from transformers import TrainerCallback

from .._audit import LeakageReport, audit_split
from .._audit._guard import Guard
from .._utils._stack import user_stacklevel
from ._labels import check_one_split, dataset_labels

_GUARD = Guard(
    name="LeakageGuardCallback",
    parts="the train and eval datasets this Trainer is about to use",
    consequence="The eval metrics would be too high.",
    fix="split first, then resample the train split only "
    "(imbsafe.hf.resample_dataset), and evaluate on the untouched eval split",
)


class LeakageGuardCallback(TrainerCallback):
    """Audit the train and eval datasets for copies when training begins.

    Each row is reduced to a key of its inputs (``input_ids``, or the text
    columns before tokenization) and the two splits go through
    :func:`imbsafe.audit_split`: upsampling before the split leaves copies
    of eval rows in the train split, spread as random over-sampling spreads
    them, with the eval split balanced. A leak warns (``action="warn"``) or
    stops training with :class:`~imbsafe.ResamplingLeakageError`
    (``"raise"``), in the words of :class:`imbsafe.skorch.LeakageGuard`.
    Resampling the train split after the split (:func:`resample_dataset`)
    is never flagged: its copies are all on one side.

    The Trainer does not show a callback its eval dataset before the first
    evaluation, so the guard is given it: ``LeakageGuardCallback.for_trainer(
    trainer)`` reads it from the trainer and adds the guard.

    Parameters
    ----------
    eval_dataset : datasets.Dataset, torch Dataset or dict of them
        The eval split the Trainer evaluates on; a dict of eval splits (as
        ``Trainer(eval_dataset={...})`` takes) has each audited.
    action : {"warn", "raise"}, default="warn"
    columns : sequence of str, default=None
        The input columns rows are compared by: ``input_ids`` when both
        datasets have it, else their common text columns. The Trainer drops
        the columns its model does not take from the train dataset
        (``remove_unused_columns=True``, text among them): asked-for columns
        it dropped give way to ``input_ids``, with a warning.
    label_column : str, default=None
        The label column ("labels", else "label").

    Attributes
    ----------
    report_ : LeakageReport, dict or None
        The audit, once training has begun (None if it could not be run;
        with a dict of eval splits, a dict of those by name).
    """

    def __init__(
        self,
        eval_dataset: Any,
        action: str = "warn",
        columns: Sequence[str] | None = None,
        label_column: str | None = None,
    ) -> None:
        if action not in ("warn", "raise"):
            raise ValueError(f"action must be 'warn' or 'raise', got {action!r}.")
        self.eval_dataset = eval_dataset
        self.action = action
        self.columns = columns
        self.label_column = label_column
        self.report_: LeakageReport | dict | None = None

    @classmethod
    def for_trainer(cls, trainer: Any, action: str = "warn") -> LeakageGuardCallback:
        """Guard ``trainer``'s train and eval datasets; add and return the guard.

        Parameters
        ----------
        trainer : transformers.Trainer
            A trainer with an ``eval_dataset``.
        action : {"warn", "raise"}, default="warn"

        Returns
        -------
        guard : LeakageGuardCallback
            The guard, already added to the trainer's callbacks.
        """
        if trainer.eval_dataset is None:
            raise ValueError(
                "the Trainer has no eval_dataset: there is nothing to guard."
            )
        guard = cls(trainer.eval_dataset, action=action)
        trainer.add_callback(guard)
        return guard

    def on_train_begin(
        self, args: Any, state: Any, control: Any, train_dataloader: Any = None, **kw
    ) -> None:
        """Audit the train split the dataloader reads against each eval split.

        Parameters
        ----------
        args, state, control : object
            What the Trainer passes every callback.
        train_dataloader : torch.utils.data.DataLoader, default=None
            The Trainer's train dataloader; its dataset is audited.
        **kw : dict
            The Trainer's other callback arguments (unused).
        """
        if train_dataloader is None:
            return
        train = train_dataloader.dataset
        if not isinstance(self.eval_dataset, Mapping):
            self.report_ = _GUARD.check(lambda: self.audit(train), self.action)
            return
        self.report_ = {}
        for name, eval_dataset in self.eval_dataset.items():
            guard = replace(
                _GUARD,
                name=f"LeakageGuardCallback (eval set {name!r})",
                parts=f"the train dataset and the eval dataset {name!r}",
            )
            self.report_[name] = guard.check(
                lambda e=eval_dataset: self._audit(train, e), self.action
            )

    def audit(self, train_dataset: Any) -> LeakageReport | dict[str, LeakageReport]:
        """Audit ``train_dataset`` against the eval split, by row keys.

        Parameters
        ----------
        train_dataset : datasets.Dataset or torch Dataset
            The train split.

        Returns
        -------
        report : LeakageReport or dict
            The audit; for a dict of eval datasets, a dict of audits by name.
        """
        if isinstance(self.eval_dataset, Mapping):
            return {
                name: self._audit(train_dataset, eval_dataset)
                for name, eval_dataset in self.eval_dataset.items()
            }
        return self._audit(train_dataset, self.eval_dataset)

    def _audit(self, train_dataset: Any, eval_dataset: Any) -> LeakageReport:
        owner = "LeakageGuardCallback"
        check_one_split(train_dataset, "LeakageGuardCallback.audit")
        parts = (train_dataset, eval_dataset)
        columns = _key_columns(parts, self.columns)
        keys = [_row_keys(d, columns) for d in parts]
        labels = [dataset_labels(d, self.label_column, owner=owner) for d in parts]
        return audit_split(keys[0], labels[0], keys[1], labels[1])


def _columns_of(dataset: Any) -> list[str]:
    """Name the columns of a ``datasets.Dataset`` or of a dataset of dict rows."""
    names = getattr(dataset, "column_names", None)
    if names is not None:
        return list(names)
    row = dataset[0] if len(dataset) else None
    if not isinstance(row, dict):
        raise TypeError(
            "LeakageGuardCallback reads rows of dicts (input_ids or text "
            f"columns), got {type(row).__name__ if row is not None else 'no rows'}."
        )
    return list(row)


def _key_columns(parts: Sequence[Any], columns: Sequence[str] | None) -> list[str]:
    """Choose the input columns both datasets are compared by.

    ``input_ids`` when both have it, else their common text columns. Asked-for
    columns that the Trainer removed from the train dataset (it keeps only
    the model's inputs, ``remove_unused_columns=True``) give way to the
    tokenized inputs, with a warning; without those the audit cannot run.
    """
    names = [_columns_of(d) for d in parts]
    if columns is not None:
        columns = [columns] if isinstance(columns, str) else list(columns)
        absent = [c for c in columns if c not in names[1]]
        if absent:
            raise ValueError(
                f"the eval dataset has no column(s) {absent} (columns: {names[1]}); "
                "pass columns= that both datasets have"
            )
        missing = [c for c in columns if c not in names[0]]
        if not missing:
            return columns
        if all("input_ids" in n for n in names):
            warnings.warn(
                f"LeakageGuardCallback: the train dataset the Trainer reads has no "
                f"column(s) {missing} (the Trainer removes the columns the model "
                "does not take, remove_unused_columns=True): the rows are compared "
                "by their tokenized input_ids instead.",
                UserWarning,
                stacklevel=user_stacklevel(),
            )
            return ["input_ids"]
        raise ValueError(
            f"the train dataset the Trainer reads has no column(s) {missing} and no "
            "input_ids to compare instead (the Trainer removes the columns the "
            "model does not take): pass TrainingArguments(remove_unused_columns="
            "False), or columns= of model inputs"
        )
    if all("input_ids" in n for n in names):
        return ["input_ids"]
    common = [c for c in names[0] if c in names[1] and _is_text(parts[0], c)]
    if not common:
        raise ValueError(
            "LeakageGuardCallback found neither input_ids nor text columns in both "
            "datasets; pass columns="
        )
    return common


def _is_text(dataset: Any, column: str) -> bool:
    first = dataset[0][column] if len(dataset) else None
    return isinstance(first, str)


def _row_keys(dataset: Any, columns: Sequence[str]) -> pd.DataFrame:
    """One text key per row, from its input columns."""
    if hasattr(dataset, "column_names"):
        values = [dataset[c] for c in columns]
    else:
        rows = [dataset[i] for i in range(len(dataset))]
        values = [[row[c] for row in rows] for c in columns]
    keys = [
        "\x1f".join(_text(cell) for cell in cells)
        for cells in zip(*values, strict=True)
    ]
    return pd.DataFrame({"row": keys})


def _text(cell: Any) -> str:
    if torch.is_tensor(cell):
        cell = cell.tolist()
    if isinstance(cell, list | tuple | np.ndarray):
        return " ".join(map(str, np.asarray(cell).reshape(-1).tolist()))
    return str(cell)
