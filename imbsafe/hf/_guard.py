"""LeakageGuardCallback: copies between the train and eval datasets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import torch
from transformers import TrainerCallback

from .._audit import LeakageReport, audit_split
from .._audit._guard import Guard
from ._labels import dataset_labels

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
    eval_dataset : datasets.Dataset or torch Dataset
        The eval split the Trainer evaluates on.
    action : {"warn", "raise"}, default="warn"
    columns : sequence of str, default=None
        The input columns rows are compared by: ``input_ids`` when present,
        else every text column.
    label_column : str, default=None
        The label column ("labels", else "label").

    Attributes
    ----------
    report_ : LeakageReport or None
        The audit, once training has begun (None if it could not be run).
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
        self.report_: LeakageReport | None = None

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
        """Audit the train split the dataloader reads against the eval split.

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
        self.report_ = _GUARD.check(lambda: self.audit(train), self.action)

    def audit(self, train_dataset: Any) -> LeakageReport:
        """Audit ``train_dataset`` against the eval split, by row keys.

        Parameters
        ----------
        train_dataset : datasets.Dataset or torch Dataset
            The train split.

        Returns
        -------
        report : LeakageReport
        """
        keys = [_row_keys(d, self.columns) for d in (train_dataset, self.eval_dataset)]
        labels = [
            dataset_labels(d, self.label_column)
            for d in (train_dataset, self.eval_dataset)
        ]
        return audit_split(keys[0], labels[0], keys[1], labels[1])


def _row_keys(dataset: Any, columns: Sequence[str] | None) -> pd.DataFrame:
    """One text key per row, from its input columns."""
    names = getattr(dataset, "column_names", None)
    if names is None:
        rows = [dataset[i] for i in range(len(dataset))]
        names = list(rows[0]) if rows and isinstance(rows[0], dict) else None
        if names is None:
            raise TypeError(
                "LeakageGuardCallback reads rows of dicts (input_ids or text "
                f"columns), got {type(rows[0]).__name__ if rows else 'no rows'}."
            )
        table = {n: [row[n] for row in rows] for n in names}
    else:
        table = None
    if columns is None:
        if "input_ids" in names:
            columns = ["input_ids"]
        else:
            sample = table or dataset[:1]
            columns = [n for n in names if sample[n] and isinstance(sample[n][0], str)]
        if not columns:
            raise ValueError(
                "LeakageGuardCallback found neither input_ids nor text columns; "
                "pass columns=."
            )
    values = [table[c] if table is not None else dataset[c] for c in columns]
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
