"""compare_remedies: which fix for imbalance works on this data, honestly measured.

Every remedy (nothing, class weights, a sampler, a tuned decision threshold,
or a combination) is fitted on the same outer training folds and scored on
the same untouched test folds, under the split-then-resample protocol: a
sampler only ever sees a training fold, and a threshold is tuned by an inner
cross-validation of the training fold (scikit-learn's
``TunedThresholdClassifierCV``), never on the test fold.

A remedy and its ``"+threshold"`` variant share one fit per fold: the tuner
refits the remedy on the whole training fold, and that refitted model is the
untuned remedy, scored at its default threshold.
"""

from ._result import RemedyResult, verdict_of
from ._run import compare_remedies, run_tournament
from ._stats import STATS

__all__ = ["STATS", "RemedyResult", "compare_remedies", "run_tournament", "verdict_of"]
