"""Imbalanced-classification metrics with one policy for undefined values.

Every metric here follows one rule. When it is mathematically undefined (ROC
AUC with one class present, precision with no predicted positive, average
precision with no positive, MCC with a zero denominator), it returns
``undefined`` (NaN by default) and emits sklearn's
:class:`~sklearn.exceptions.UndefinedMetricWarning`. ``undefined="raise"``
raises :class:`ValueError` instead, and a number takes NaN's place. It never
returns an arbitrary 0. Average precision with only positives is 1.0, which is
defined. The metrics of probabilities (``brier``, ``log_loss``,
``calibration_intercept``, ``calibration_slope``) are undefined where the scores
are not probabilities (outside [0, 1]); the two calibration fits also with one
class or probabilities of exactly 0 or 1, the log loss where a row's own class
has probability 0. Wherever a metric is defined, its value equals scikit-learn's.

:func:`binary_report` computes all binary metrics from one sort of the
scores: each class's scores are sorted once, and ROC AUC, average precision
and the confusion counts at the threshold are read from the two sorted arrays.

The package is laid out like scikit-learn's: the policy and the metric names
(``_policy``), binary and multiclass metrics (``_binary``, ``_multiclass``),
the metrics of probabilities (``_calibration``, ``_probability``),
and scorers built on them (``_scorer``); dependencies run one way.
"""

# The metric names, for code that offers a choice of them (not API pages).
from .._utils._names import BINARY_KEYS as BINARY_KEYS
from .._utils._names import CALIBRATION_METRICS as CALIBRATION_METRICS
from .._utils._names import METRIC_NAMES as METRIC_NAMES
from .._utils._names import MULTICLASS_METRICS as MULTICLASS_METRICS
from .._utils._names import RANKING_METRICS as RANKING_METRICS
from .._utils._names import RATE_METRICS as RATE_METRICS
from .._utils._names import THRESHOLD_METRICS as THRESHOLD_METRICS
from ._binary import (
    ConfusionCounts,
    average_precision,
    binary_report,
    confusion_counts,
    roc_auc,
)
from ._multiclass import multiclass_report
from ._probability import brier, calibration_intercept, calibration_slope, log_loss
from ._scorer import fold_summary, get_scorer, scorers

__all__ = [
    "ConfusionCounts",
    "average_precision",
    "binary_report",
    "brier",
    "calibration_intercept",
    "calibration_slope",
    "confusion_counts",
    "fold_summary",
    "get_scorer",
    "log_loss",
    "multiclass_report",
    "roc_auc",
    "scorers",
]
