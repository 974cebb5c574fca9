"""Exceptions raised by imbsafe.

Each subclasses the builtin users already catch, so ``except ValueError`` keeps
working around imbsafe calls.
"""

from __future__ import annotations

__all__ = [
    "CheckNotice",
    "LeakageWarning",
    "ResamplingLeakageError",
    "SamplerNotIndexableError",
]


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


class CheckNotice(UserWarning):
    """:func:`~imbsafe.check_path` or :func:`~imbsafe.check_source` skipped a part.

    A notebook cell or a script's statement that does not parse, a notebook
    whose kernel is not Python, a FIFO, socket or device inside a folder:
    the rest was checked, and the warning's message names what was not.
    """
