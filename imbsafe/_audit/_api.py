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
from ._copies import copy_evidence, stands_level
from ._evidence import MIN_INTERPOLANTS, interpolant_evidence
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

__all__ = ["audit_cv", "audit_split"]

# The lowest ratio to the reference class at which a valid part is taken to
# stand where a sampler's target leaves it (``sampling_strategy=0.5``).
PARTIAL_RATIO = 0.5


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
        copied=np.isin(keys_va, keys_tr),
        n_classes=k,
        num_tr=num_tr,
        num_va=num_va,
        integer=integer,
    )
    copies = copy_evidence(split)
    notes += block_notes
    if num_tr.shape[1] < 2:
        notes.append(
            "fewer than two usable numeric columns: the interpolation (SMOTE) "
            "check was skipped."
        )
    interp = interpolant_evidence(split, copies.reference)

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
    leaky_class = copies.over_sampled | interp.interpolated
    # Shared rows explain every copy: no doubt is left to report.
    doubts = [
        _not_proven(copies, labels, c)
        for c in np.flatnonzero(copies.inconclusive)
        if copies.overlap is None
    ]
    # What the tests could not have seen: a class standing level in the valid
    # part (as over-sampling leaves it) on data where SMOTE rows cannot be
    # told from natural ones. Over-sampling brings a class level with the
    # class it leaves alone: with the reference lagging behind the largest
    # class, the part does not stand level as over-sampling leaves it.
    level_valid = stands_level(np.bincount(codes_va, minlength=k))
    level_valid &= level_valid[copies.reference]
    unseen = interp.blind & ~leaky_class & ~copies.inconclusive
    # A class whose training part lies on lines through its own rows far more
    # than the reference's, standing level in the valid part: SMOTE made it,
    # and a sampler run after the split leaves the valid part at the data's
    # own balance. Where its valid rows could not be traced (a class made
    # from a few rows: each SMOTE row's nearest rows are its siblings), a
    # leak is not proven, nor ruled out.
    filled = (
        interp.inner_found
        & level_valid
        & ~leaky_class
        & ~copies.inconclusive
        & ~(unseen & level_valid)
    )
    # Every other clean class is asked the same: would a SMOTE leak to the
    # data's own ratio, or to a partial one, have been called leaky here
    # (simulated on its rows, at their precision)? Where not, it is not clean.
    # A partial target leaves the class at a sampler's ratio in the valid
    # part (half the reference or more); below it, a SMOTE leak to the
    # data's own ratio would have left it there, so the question is asked
    # where the valid part stands at such a ratio.
    at_ratio = np.bincount(codes_va, minlength=k) >= PARTIAL_RATIO * max(
        int((codes_va == copies.reference).sum()), 1
    )
    # Where every column is mostly missing (an all-NaN X), no leak to any
    # ratio could be seen. (Text or token-code columns alone are read by the
    # exact-copy check, and SMOTE cannot make such rows: no question there.)
    at_ratio |= nothing_usable(train, valid)
    missed = (
        (interp.missed > 0)
        & at_ratio
        & ~leaky_class
        & ~copies.inconclusive
        & ~(unseen & level_valid)
        & ~filled
    )
    if copies.overlap is None:
        doubts += [
            _unseen(interp, labels, c) for c in np.flatnonzero(unseen & level_valid)
        ]
        doubts += [_filled(interp, labels, c) for c in np.flatnonzero(filled)]
        doubts += [_missed(interp, labels, c) for c in np.flatnonzero(missed)]
    notes += _sampling_notes(interp, labels)
    notes += [
        _unseen_note(interp, labels, c)
        for c in np.flatnonzero(unseen & ~level_valid & ~missed)
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
    inconclusive_class = ~leaky_class & (
        copies.inconclusive
        | (((unseen & level_valid) | filled | missed) & (copies.overlap is None))
    )
    verdict = np.where(
        leaky_class, "leaky", np.where(inconclusive_class, "inconclusive", "clean")
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
