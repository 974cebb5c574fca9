"""skorch integration: resample the train part only, and log honest metrics.

skorch splits its input into a train and a valid part inside ``fit``
(``train_split``). Resampling the data before ``fit`` — by hand or with
``imblearn.pipeline.make_pipeline(SMOTE(), net)`` — puts copies or
interpolations of training rows in the valid part and balances it, so the
logged validation scores are far too high. This module moves the resampling
inside the split and keeps the valid part untouched:

* :class:`ResampledValidSplit` — a ``train_split`` that resamples only the
  train part;
* :class:`EpochMetrics` — F1, average precision, ... per epoch from the
  predictions the validation step already made, with the undefined-metric
  policy of :mod:`imbsafe.metrics`;
* :class:`LeakageGuard` — audits the two parts before the first epoch;
* :class:`TrainFoldClassWeights` — criterion weights from the train part;
* :class:`BalancedBatches` — class-balanced batches without copying rows.

Importing this module imports torch and skorch; ``import imbsafe`` does not.
Without them it fails with one line that names the extra to install.
"""

import importlib

from .._utils._extras import missing_extra

try:  # torch first: skorch without torch would fail in its own words
    for _module in ("torch", "skorch"):
        importlib.import_module(_module)
except ModuleNotFoundError as e:
    raise missing_extra("imbsafe.skorch", "torch and skorch", "torch", e) from None

from ._batches import BalancedBatches
from ._class_weights import TrainFoldClassWeights
from ._guard import LeakageGuard
from ._metrics import EpochMetrics
from ._split import ResampledTrainPart, ResampledValidSplit

__all__ = [
    "BalancedBatches",
    "EpochMetrics",
    "LeakageGuard",
    "ResampledTrainPart",
    "ResampledValidSplit",
    "TrainFoldClassWeights",
]

# Public names live here: pickles, docs and reprs name imbsafe.skorch.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name, _module
