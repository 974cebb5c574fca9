"""Exceptions raised by imbsafe.

Each subclasses the builtin users already catch, so ``except ValueError`` keeps
working around imbsafe calls.
"""

from __future__ import annotations

__all__ = ["LeakageWarning", "ResamplingLeakageError", "SamplerNotIndexableError"]


class SamplerNotIndexableError(ValueError):
    """A sampler's output cannot be expressed as indices of its input rows.

    Raised by :class:`~imbsafe.ResampledCV` for samplers that synthesize rows
    (SMOTE, ADASYN, ...) or perturb the rows they return
    (``RandomOverSampler(shrinkage=...)``). Use
    :class:`~imbsafe.ResampledClassifier` for those.
    """


class ResamplingLeakageError(ValueError):
    """The validation part of a split shares rows with resampled training data."""


class LeakageWarning(UserWarning):
    """The train and valid parts of a split show resample-then-split leakage.

    Emitted by :class:`imbsafe.skorch.LeakageGuard` with ``action="warn"``.
    """
