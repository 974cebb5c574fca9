"""audit_split and audit_cv: find the resample-then-split mistake in a split.

Two fingerprints give it away, one per kind of over-sampling; how each is told
apart from what real data does by itself is reasoned out in the module that
tests it:

* random over-sampling leaves a class whose copies are spread evenly over its
  rows, fall on both sides of the split, and exceed the data's own twin rate
  (bringing it level with the largest class, or to any other ratio)
  (:mod:`._copies`);
* SMOTE-type samplers leave validation rows that lie on the line through two
  other rows of their class, one of them a training row: exactly, or within
  one grid step in every column where imbalanced-learn cast them back to
  whole numbers (:mod:`._interpolants`, :mod:`._rounding`, :mod:`._evidence`).

Where a leak would leave no trace these tests can read, the report says so
and is inconclusive, never clean on that class's word.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.model_selection import check_cv
from sklearn.utils import _safe_indexing
from sklearn.utils.validation import column_or_1d

from .._utils._rows import plain, row_keys
from ._decision import asked as _asked
from ._decision import decide as _decide
from ._decision import leaves_trace as _leaves_trace
from ._evidence import MIN_INTERPOLANTS
from ._missing import resolve_missing
from ._parts import (
    EncodedSplit,
    check_labels,
    check_parts,
    nothing_usable,
    numeric_block,
)
from ._reasons import (
    _filled,
    _interpolated,
    _missed,
    _not_proven,
    _over_sampled,
    _overlapping,
    _rounded,
    _sampling_notes,
    _unseen,
    _unseen_note,
)
from ._report import LeakageReport
from ._selftest import Missed, self_test

__all__ = ["audit_cv", "audit_split"]


def audit_split(
    X_train: Any, y_train: Any, X_valid: Any, y_valid: Any
) -> LeakageReport:
    """Check a train/valid split for resample-then-split leakage.

    Finds a class that was randomly over-sampled before the split, to any
    ratio (its valid rows are exact copies of training rows, spread as random
    over-sampling spreads them, far beyond the data's own twin rate), and
    validation rows that are interpolations between two rows of their class,
    one of them a training row (SMOTE, ADASYN, Borderline-SMOTE before the
    split), kept as floats or cast back to whole numbers (imbalanced-learn
    truncates its output on integer columns). Clean splits are not flagged,
    including data with natural duplicate rows or lattice-valued features
    (integer codes, one-hot indicators, rounded values), and splits whose
    training part was resampled after the split. Evidence that points to
    over-sampling without proving it, and data on which a leak would leave no
    trace the tests can read, make the report ``inconclusive`` (``leaky``
    stays False), with the reason. A missing value is unknown, not a
    difference.

    Time is near-linear in the rows and columns (in the stored cells of a
    sparse matrix): exact copies are found by hashing, and above 1,000 valid
    rows per class the interpolation search takes a seeded random sample of
    them; the report says so.

    Parameters
    ----------
    X_train : array-like, DataFrame or sparse matrix of shape (n_rows, n_features)
        The training part. Non-numeric columns take part in the exact-copy
        check; the interpolation check uses the numeric columns, comparing
        rows on the cells they have (a column, or a valid row, more than half
        missing is left out, with a note). A sparse matrix is read as it is
        stored, never made dense.
    y_train : array-like of shape (n_rows,)
        Class labels of the training part.
    X_valid : array-like, DataFrame or sparse matrix of shape (n_rows, n_features)
        The validation part, with the same columns as ``X_train`` (DataFrame
        columns are matched by name; a sparse part beside a dense numeric one
        is compared by value).
    y_valid : array-like of shape (n_rows,)
        Class labels of the validation part.

    Returns
    -------
    report : LeakageReport
        ``report.leaky``, ``report.reasons`` and the counts behind them;
        ``print(report)`` explains what was found and what to do.

    See Also
    --------
    audit_cv : The same audit on every fold of a splitter.

    Examples
    --------
    >>> from imblearn.over_sampling import RandomOverSampler
    >>> from sklearn.datasets import load_breast_cancer
    >>> from sklearn.model_selection import train_test_split
    >>> from imbsafe import audit_split
    >>> X, y = load_breast_cancer(return_X_y=True)
    >>> X_tr, X_va, y_tr, y_va = train_test_split(X, y, random_state=0)
    >>> audit_split(X_tr, y_tr, X_va, y_va).verdict
    'clean'
    >>> X_ros, y_ros = RandomOverSampler(random_state=0).fit_resample(X, y)
    >>> X_tr, X_va, y_tr, y_va = train_test_split(X_ros, y_ros, random_state=0)
    >>> report = audit_split(X_tr, y_tr, X_va, y_va)
    >>> report.leaky, report.exact_duplicates > 40
    (True, True)
    """
    train, valid = check_parts(X_train, X_valid)
    y_tr = check_labels(y_train, train.n_rows, "y_train", "X_train")
    y_va = check_labels(y_valid, valid.n_rows, "y_valid", "X_valid")
    codes, classes = pd.factorize(np.concatenate([y_tr, y_va]), sort=True)
    codes_tr, codes_va = codes[: y_tr.shape[0]], codes[y_tr.shape[0] :]
    labels = [plain(c) for c in classes]
    k = len(labels)
    notes: list[str] = []

    keys_tr = row_keys(train.data, codes_tr, train.columns, train.precision)
    keys_va = row_keys(valid.data, codes_va, valid.columns, valid.precision)
    keys_tr, keys_va, missing_notes = resolve_missing(train, valid, keys_tr, keys_va)
    notes += missing_notes
    num_tr, num_va, integer, block_notes = numeric_block(train, valid)
    split = EncodedSplit(
        codes_tr=codes_tr,
        codes_va=codes_va,
        keys_tr=keys_tr,
        keys_va=keys_va,
        n_classes=k,
        num_tr=num_tr,
        num_va=num_va,
        integer=integer,
    )
    notes += block_notes
    if num_tr.shape[1] < 2:
        notes.append(
            "fewer than two usable numeric columns: the interpolation (SMOTE) "
            "check was skipped."
        )
    found = _decide(split)
    copies, interp = found.copies, found.interp
    asked = _asked(split, found)
    missed: dict = {}
    if nothing_usable(train, valid):
        # every column mostly missing (an all-NaN X): no leak to any ratio
        # could be seen. (Text or token-code columns alone are read by the
        # exact-copy check, and SMOTE cannot make such rows.)
        others = ~found.leaky & ~found.doubtful & (np.arange(k) != copies.reference)
        missed = {int(c): Missed("any", 1.0) for c in np.flatnonzero(others)}
    elif asked.any():
        missed = self_test(split, interp, asked, _leaves_trace)

    reasons = [] if copies.overlap is None else [_overlapping(copies, labels)]
    reasons += [
        _over_sampled(copies, labels, c) for c in np.flatnonzero(copies.over_sampled)
    ]
    reasons += [
        _interpolated(interp, labels, c)
        for c in np.flatnonzero(interp.found >= MIN_INTERPOLANTS)
    ]
    reasons += [
        _rounded(interp, labels, c)
        for c in np.flatnonzero(
            interp.rounded_found & (interp.found < MIN_INTERPOLANTS)
        )
    ]
    # Shared rows explain every copy: no doubt is left to report.
    doubts = [
        _not_proven(copies, labels, c)
        for c in np.flatnonzero(copies.inconclusive)
        if copies.overlap is None
    ]
    if copies.overlap is None:
        doubts += [
            _unseen(interp, labels, c) for c in np.flatnonzero(found.unseen_level)
        ]
        doubts += [_filled(interp, labels, c) for c in np.flatnonzero(found.filled)]
        doubts += [_missed(interp, labels, c, m) for c, m in sorted(missed.items())]
    notes += _sampling_notes(interp, labels)
    notes += [
        _unseen_note(interp, labels, c)
        for c in np.flatnonzero(found.unseen & ~found.level_valid)
        if c not in missed
    ]
    if interp.left_out:
        notes.append(
            f"{interp.left_out} valid row(s) with more than half their numeric "
            "cells missing were left out of the interpolation check."
        )

    train_prior = _prior(codes_tr, labels)
    valid_prior = _prior(codes_va, labels)
    gap = max(abs(train_prior[c] - valid_prior[c]) for c in labels)
    if gap > 0.1:
        # with a leak found, the gap is the leak's, not a later resampling's
        why = (
            ""
            if reasons
            else ", as when the training part was resampled after the split"
        )
        notes.append(
            f"the class balance differs between the parts (largest gap {gap:.0%})"
            f"{why}; scores on the valid part hold at its balance."
        )
    missed_class = np.isin(np.arange(k), list(missed))
    inconclusive_class = found.doubtful | (missed_class & (copies.overlap is None))
    verdict = np.where(
        found.leaky, "leaky", np.where(inconclusive_class, "inconclusive", "clean")
    )
    per_class = pd.DataFrame(
        {
            "valid_rows": copies.valid_rows,
            "exact_duplicates": copies.copies,
            "expected_duplicates": copies.expected,
            "rows": copies.rows,
            "distinct_rows": copies.distinct,
            "copies_per_row": copies.copies_per_row,
            "single_share": copies.single_share,
            "searched": interp.searched,
            "interpolants": interp.found,
            "interpolants_estimate": interp.estimate,
            "rounded_interpolants": interp.rounded,
            "rounded_expected": interp.rounded_expected,
            "smote_visible": interp.power,
            "verdict": verdict,
        },
        index=pd.Index(labels, name="class"),
    )
    return LeakageReport(
        leaky=bool(reasons),
        reasons=reasons,
        exact_duplicates=int(copies.copies.sum()),
        expected_duplicates=float(copies.expected.sum()),
        interpolants=int(interp.found.sum() + interp.extra.sum()),
        n_train=train.n_rows,
        n_valid=valid.n_rows,
        train_prior=train_prior,
        valid_prior=valid_prior,
        per_class=per_class,
        notes=notes,
        inconclusive=bool(doubts) and not reasons,
        inconclusive_reasons=doubts,
    )


def audit_cv(cv: Any, X: Any, y: Any, groups: Any = None) -> list[LeakageReport]:
    """Run :func:`audit_split` on every fold of a splitter.

    Parameters
    ----------
    cv : int, cross-validation generator or iterable
        As in :func:`sklearn.model_selection.cross_validate` (an int means
        ``StratifiedKFold``). A :class:`~imbsafe.ResampledCV` audits clean:
        its repeats stay inside the training part.
    X : array-like, DataFrame or sparse matrix of shape (n_samples, n_features)
        The data as it is split (if it was resampled before, the resampled
        data: that is what the audit looks for).
    y : array-like of shape (n_samples,)
    groups : array-like of shape (n_samples,), default=None
        Passed to ``cv.split``.

    Returns
    -------
    reports : list of LeakageReport
        One per fold, in the splitter's order.

    Examples
    --------
    >>> from imblearn.over_sampling import RandomOverSampler
    >>> from sklearn.datasets import load_breast_cancer
    >>> from sklearn.model_selection import StratifiedKFold
    >>> from imbsafe import ResampledCV, audit_cv
    >>> X, y = load_breast_cancer(return_X_y=True)
    >>> cv = ResampledCV(RandomOverSampler(random_state=0), cv=3)
    >>> [r.leaky for r in audit_cv(cv, X, y)]
    [False, False, False]
    >>> X_ros, y_ros = RandomOverSampler(random_state=0).fit_resample(X, y)
    >>> [r.leaky for r in audit_cv(StratifiedKFold(3), X_ros, y_ros)]
    [True, True, True]
    """
    y_arr = column_or_1d(y)
    splitter = check_cv(cv, y_arr, classifier=True)
    return [
        audit_split(
            _safe_indexing(X, train), y_arr[train], _safe_indexing(X, test), y_arr[test]
        )
        for train, test in splitter.split(X, y_arr, groups)
    ]


def _prior(codes: np.ndarray, labels: Sequence[Any]) -> dict:
    counts = np.bincount(codes, minlength=len(labels))
    total = max(int(counts.sum()), 1)
    return {label: float(n / total) for label, n in zip(labels, counts, strict=True)}
