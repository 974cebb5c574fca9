"""Leakage-safe resampling for imbalanced classification.

Split first, then resample, and only the training part: every score imbsafe
reports is measured on the original class distribution.

The names below are imported when first used (PEP 562), so ``import imbsafe``
and the command line's ``--help`` do not wait for scikit-learn.

The private modules of 0.1 (``_wrapper`` at the root, and so on) moved into
subpackages; ``imbsafe._utils._moved`` keeps their old names importable and
their objects' ``__module__`` unchanged, so pickles load both ways.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._utils._moved import install

install()

__version__ = "0.1.0.dev0"

# public name -> the private module that defines it
_HOMES = {
    "LeakageReport": "._audit",
    "audit_cv": "._audit",
    "audit_split": "._audit",
    "ComparisonResult": "._protocols._comparison",
    "compare_resampling": "._protocols._compare",
    "ResampledCV": "._protocols._cv",
    "check_path": "._check",
    "check_source": "._check",
    "RemedyResult": "._remedies",
    "compare_remedies": "._remedies",
    "estimate_prevalence": "._fit._prevalence",
    "class_weights": "._fit._weights",
    "pos_weight": "._fit._weights",
    "ResampledClassifier": "._fit._wrapper",
    "audit_estimator": "._audit._estimator",
    "LeakageWarning": ".exceptions",
    "CheckNotice": ".exceptions",
    "ResamplingLeakageError": ".exceptions",
    "SamplerNotIndexableError": ".exceptions",
}

__all__ = [
    "CheckNotice",
    "ComparisonResult",
    "LeakageReport",
    "LeakageWarning",
    "RemedyResult",
    "ResampledCV",
    "ResampledClassifier",
    "ResamplingLeakageError",
    "SamplerNotIndexableError",
    "__version__",
    "audit_cv",
    "audit_estimator",
    "audit_split",
    "check_path",
    "check_source",
    "class_weights",
    "compare_remedies",
    "compare_resampling",
    "estimate_prevalence",
    "pos_weight",
]

if TYPE_CHECKING:  # for type checkers and IDEs: the same names, eagerly
    from ._audit import LeakageReport, audit_cv, audit_split
    from ._audit._estimator import audit_estimator
    from ._check import check_path, check_source
    from ._fit._prevalence import estimate_prevalence
    from ._fit._weights import class_weights, pos_weight
    from ._fit._wrapper import ResampledClassifier
    from ._protocols._compare import compare_resampling
    from ._protocols._comparison import ComparisonResult
    from ._protocols._cv import ResampledCV
    from ._remedies import RemedyResult, compare_remedies
    from .exceptions import (
        CheckNotice,
        LeakageWarning,
        ResamplingLeakageError,
        SamplerNotIndexableError,
    )


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'imbsafe' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name], __name__), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
