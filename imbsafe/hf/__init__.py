"""Hugging Face integration: the same honesty for ``Trainer`` and ``CrossEncoder``.

Text classifiers fine-tuned with ``transformers.Trainer`` or a
Sentence-Transformers ``CrossEncoder`` meet the same three traps as skorch
users, and get the same answers here:

* :func:`compute_metrics` - the panel for ``Trainer(compute_metrics=...)``
  (F1, precision, recall, ROC AUC, average precision, TP/TN/FP/FN) under the
  undefined-metric policy, equal to :func:`imbsafe.metrics.binary_report`;
* :func:`class_weighted_loss` and :func:`cross_encoder_loss` - class weights
  from the train split only, on the logits' device;
* :func:`resample_dataset` - over- or under-sample the train split only, by
  indices;
* :class:`LeakageGuardCallback` - audits the train and eval datasets for
  exact copies (upsample, then split) before the first step.

Importing this module imports torch and transformers; ``import imbsafe``
does not. Without them it fails with one line that names the extra to
install.
"""

import importlib

from .._utils._extras import missing_extra

try:
    for _module in ("torch", "transformers"):
        importlib.import_module(_module)
except ModuleNotFoundError as e:
    raise missing_extra("imbsafe.hf", "torch and transformers", "hf", e) from None

from ._guard import LeakageGuardCallback
from ._losses import class_weighted_loss, cross_encoder_loss
from ._metrics import compute_metrics
from ._resample import resample_dataset

__all__ = [
    "LeakageGuardCallback",
    "class_weighted_loss",
    "compute_metrics",
    "cross_encoder_loss",
    "resample_dataset",
]

# Public names live here: pickles, docs and reprs name imbsafe.hf.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name, _module
