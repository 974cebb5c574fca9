"""The one list of metric and sampler names, importable without numpy.

Everything that names metrics (the policy and scorers of
:mod:`imbsafe.metrics`, the skorch callbacks, the command line's choices, the
report) or samplers by a short name (the command line, the default remedies)
takes the names from here; the command line reads them before any heavy
import, so ``imbsafe --help`` stays fast.
"""

__all__ = [
    "BINARY_KEYS",
    "CALIBRATION_METRICS",
    "IDEAL",
    "LOWER_IS_BETTER",
    "METRIC_NAMES",
    "SAMPLER_NAMES",
    "MULTICLASS_METRICS",
    "RANKING_METRICS",
    "RATE_METRICS",
    "THRESHOLD_METRICS",
]

# Metrics read from hard predictions at a threshold, and from the ranking of
# the scores; all are "higher is better".
THRESHOLD_METRICS = (
    "accuracy",
    "precision",
    "recall",
    "specificity",
    "f1",
    "balanced_accuracy",
    "mcc",
    "g_mean",
)
RANKING_METRICS = ("roc_auc", "average_precision")
RATE_METRICS = THRESHOLD_METRICS + RANKING_METRICS
# Metrics of the probabilities themselves (proper scoring rules and the
# logistic calibration fit); undefined where the scores are not probabilities.
CALIBRATION_METRICS = (
    "brier",
    "log_loss",
    "calibration_intercept",
    "calibration_slope",
)
# Every metric name taken where names are taken (scoring=, --metric, ...).
METRIC_NAMES = RATE_METRICS + CALIBRATION_METRICS
# Directions: these are losses; these are best at their ideal value; every
# other metric is "higher is better".
LOWER_IS_BETTER = ("brier", "log_loss")
IDEAL = {"calibration_intercept": 0.0, "calibration_slope": 1.0}
# The keys of binary_report, in order.
BINARY_KEYS = (
    "tp",
    "fp",
    "fn",
    "tn",
    *RATE_METRICS,
    "prevalence",
    *CALIBRATION_METRICS,
)
# The rate metrics multiclass_report gives (macro averages where per class):
# all but the two defined for a positive class against a negative one.
MULTICLASS_METRICS = tuple(
    m for m in RATE_METRICS if m not in ("specificity", "g_mean")
)

# Samplers known by a short name: RandomOverSampler, RandomUnderSampler,
# SMOTE, ADASYN (see imbsafe._resample._sampling.named_sampler).
SAMPLER_NAMES = ("ros", "rus", "smote", "adasyn")
