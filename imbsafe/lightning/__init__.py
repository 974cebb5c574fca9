"""PyTorch Lightning integration: split first, resample the train part only.

A ``LightningDataModule`` fed data that was resampled before the split puts
copies (or SMOTE interpolations) of training rows in the valid part and
balances it, so the logged validation scores are far too high. This module
splits first:

* :class:`ResampledDataModule` — splits, stratified, then resamples the
  train part alone; an untouched valid loader; class-balanced batches that
  survive DDP; class weights from the train part;
* :class:`LeakageGuard` — a ``Callback`` that audits the two parts before the
  first epoch.

Epoch metrics with one undefined-metric policy, synced across processes,
come from :class:`imbsafe.torchmetrics.BinaryReport`.

Importing this module imports torch, lightning and torchmetrics;
``import imbsafe`` does not. Without them it fails with one line that names
the extra to install.
"""

import importlib

from .._utils._extras import missing_extra

try:
    for _module in ("torch", "lightning", "torchmetrics"):
        importlib.import_module(_module)
except ModuleNotFoundError as e:
    raise missing_extra(
        "imbsafe.lightning", "torch, lightning and torchmetrics", "lightning", e
    ) from None

from ._datamodule import ResampledDataModule
from ._guard import LeakageGuard

__all__ = ["LeakageGuard", "ResampledDataModule"]

# Public names live here: pickles, docs and reprs name imbsafe.lightning.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name, _module
