"""Leakage-safe resampling for imbalanced classification.

Split first, then resample, and only the training part: every score imbsafe
reports is measured on the original class distribution.
"""

from ._audit import LeakageReport, audit_cv, audit_split
from ._compare import ComparisonResult, compare_resampling
from ._cv import ResampledCV
from ._remedies import RemedyResult, compare_remedies
from ._weights import class_weights, pos_weight
from ._wrapper import ResampledClassifier
from .exceptions import (
    LeakageWarning,
    ResamplingLeakageError,
    SamplerNotIndexableError,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "ComparisonResult",
    "LeakageReport",
    "LeakageWarning",
    "ResampledCV",
    "ResampledClassifier",
    "RemedyResult",
    "ResamplingLeakageError",
    "SamplerNotIndexableError",
    "__version__",
    "audit_cv",
    "audit_split",
    "class_weights",
    "compare_remedies",
    "compare_resampling",
    "pos_weight",
]
