"""LeakageGuard: audit the train and valid parts before the first epoch."""

from __future__ import annotations

from typing import Any

from lightning.pytorch.callbacks import Callback

from .._audit import LeakageReport, audit_split
from .._audit._guard import Guard
from ._data import features, labels
from ._datamodule import ResampledDataModule


class LeakageGuard(Callback):
    """Audit the train and valid parts a ``Trainer`` is about to use.

    At the start of training (before the first epoch) it runs
    :func:`imbsafe.audit_split` on the rows of the train and valid loaders.
    When they show resample-then-split leakage — valid rows copied into, or
    interpolated from, the train part — it warns (``LeakageWarning``) or stops
    the fit (``ResamplingLeakageError``). Evidence that is only inconclusive
    always warns, never stops the fit; data it cannot read is one warning.

    With :class:`ResampledDataModule` the audit reads the train part as it
    was before the module resampled it: the module's own resampling is never
    taken for a leak, while data resampled before the module is still caught.
    Other loaders are read as ``TensorDataset`` rows (features first, labels
    last), through any ``Subset``.

    Parameters
    ----------
    action : {"warn", "raise"}, default="warn"

    Attributes
    ----------
    report_ : LeakageReport or None
        The last audit (None without a valid part, or when it was skipped).

    Examples
    --------
    >>> from imbsafe.lightning import LeakageGuard
    >>> guard = LeakageGuard(action="raise")
    >>> # Trainer(callbacks=[guard]).fit(model, datamodule) raises
    >>> # ResamplingLeakageError when the data was over-sampled before the split.
    """

    def __init__(self, action: str = "warn") -> None:
        self.action = action
        self.report_ = None

    def setup(self, trainer: Any, pl_module: Any, stage: str) -> None:
        """Check ``action`` when a fit (or another stage) starts.

        Parameters
        ----------
        trainer : lightning.pytorch.Trainer
        pl_module : lightning.pytorch.LightningModule
        stage : str
        """
        if self.action not in ("warn", "raise"):
            raise ValueError(
                f"LeakageGuard(action={self.action!r}) must be 'warn' or 'raise'."
            )
        self.report_ = None

    def on_train_start(self, trainer: Any, pl_module: Any) -> None:
        """Audit the two parts before the first epoch.

        Parameters
        ----------
        trainer : lightning.pytorch.Trainer
        pl_module : lightning.pytorch.LightningModule
        """
        train, valid = _parts(trainer)
        if valid is None:
            return
        self.report_ = _GUARD.check(lambda: _audit(train, valid), self.action)


_GUARD = Guard(
    name="LeakageGuard",
    parts="the train and valid parts this Trainer is about to use",
    consequence="The logged validation scores would be too high.",
    fix="split first: pass the original, not resampled, data to "
    "imbsafe.lightning.ResampledDataModule(X, y, sampler=...), which resamples "
    "the train part only",
)


def _parts(trainer: Any) -> tuple[Any, Any]:
    """Return the train and valid datasets of this fit (valid None without one)."""
    module = trainer.datamodule
    if isinstance(module, ResampledDataModule):
        part = module.train_part_
        before = part.before_resampling
        return (part if before is None else before), module.valid_part_
    train = getattr(trainer.train_dataloader, "dataset", None)
    loaders = trainer.val_dataloaders
    if isinstance(loaders, list | tuple):
        loaders = loaders[0] if loaders else None
    return train, getattr(loaders, "dataset", None)


def _audit(train: Any, valid: Any) -> LeakageReport:
    what = "LeakageGuard's audit"
    return audit_split(
        features(train, what), labels(train), features(valid, what), labels(valid)
    )
