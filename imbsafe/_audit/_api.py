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

from .._rows import plain, row_keys
from ._copies import CopyEvidence, copy_evidence, stands_level
from ._evidence import MIN_INTERPOLANTS, InterpolantEvidence, interpolant_evidence
from ._missing import resolve_missing
from ._parts import EncodedSplit, check_labels, check_parts, numeric_block
from ._report import LeakageReport

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
    if copies.overlap is None:
        doubts += [
            _unseen(interp, labels, c) for c in np.flatnonzero(unseen & level_valid)
        ]
        doubts += [_filled(interp, labels, c) for c in np.flatnonzero(filled)]
    notes += _sampling_notes(interp, labels)
    notes += [
        _unseen_note(interp, labels, c) for c in np.flatnonzero(unseen & ~level_valid)
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
        | (((unseen & level_valid) | filled) & (copies.overlap is None))
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


def _copies_found(ev: CopyEvidence, labels: list, c: int) -> str:
    """Open a copy finding: how many valid rows of class ``c`` are copies."""
    return (
        f"{ev.copies[c]} of the {ev.valid_rows[c]} valid rows of class "
        f"{labels[c]!r} ({ev.copies[c] / ev.valid_rows[c]:.0%}) are exact copies of "
        "training rows"
    )


def _over_sampled(ev: CopyEvidence, labels: list, c: int) -> str:
    r = ev.reference
    if ev.piled[c]:
        return _piled(ev, labels, c)
    in_valid = f"{ev.valid_rows[c]} vs {ev.valid_rows[r]}"
    ordered = (
        f"), but the valid part holds fewer of it ({in_valid}) and the train part "
        "more, as when over-sampled data is split without shuffling "
        "(imbalanced-learn appends its copies at the end"
        if ev.ordered[c]
        else f"; {in_valid} in the valid part"
    )
    return (
        f"{_copies_found(ev, labels, c)}, where the data's own duplication explains "
        f"{ev.expected[c]:.1f}; its {ev.rows[c]} rows hold {ev.distinct[c]} distinct "
        f"ones, repeated evenly ({ev.single_share[c]:.0%} occur once, as random "
        f"draws leave {np.exp(-ev.copies_per_row[c]):.0%}), and both parts together "
        f"hold it as often as class {labels[r]!r} ({ev.rows[c]} vs {ev.rows[r]} "
        f"rows{ordered}): the data was over-sampled (e.g. RandomOverSampler) "
        "before it was split."
    )


def _piled(ev: CopyEvidence, labels: list, c: int) -> str:
    r = ev.reference
    return (
        f"{_copies_found(ev, labels, c)}, where the data's own duplication explains "
        f"{ev.expected[c]:.1f}; its {ev.rows[c]} rows hold {ev.distinct[c]} distinct "
        f"ones (about {1 + ev.copies_per_row[c]:.1f} each), where class "
        f"{labels[r]!r}'s rows are nearly all distinct, and both parts together "
        f"hold it as often as class {labels[r]!r} ({ev.rows[c]} vs {ev.rows[r]} "
        "rows), as an over-sampler's target leaves it. The copies are piled on "
        "some rows, not spread as random draws spread them: SMOTE cast back to "
        "whole numbers (imbalanced-learn truncates its output on integer columns) "
        "puts its rows onto rows the data already has. The data was over-sampled "
        "(e.g. SMOTE) before it was split."
    )


def _overlapping(ev: CopyEvidence, labels: list) -> str:
    o = ev.overlap
    return (
        f"{o.copies} of the {o.valid_rows} valid rows of class "
        f"{labels[ev.reference]!r} ({o.copies / o.valid_rows:.0%}) are exact copies "
        f"of training rows, where the train part's own repeats explain "
        f"{o.expected:.1f}; no sampler adds rows to this class (the largest), so "
        "the two parts share rows: the valid rows were taken from the training "
        "data (e.g. the same data passed as both parts), not split from it."
    )


def _interpolated(ev: InterpolantEvidence, labels: list, c: int) -> str:
    sampled = (
        ""
        if ev.searched[c] == ev.eligible[c]
        else f" (a random sample of {ev.searched[c]} searched; about "
        f"{ev.estimate[c]:,.0f} in all)"
    )
    return (
        f"{ev.found[c]} valid rows of class {labels[c]!r}{sampled} are "
        "interpolations: each lies exactly on the line through two other rows "
        "of its class, one of them a training row, as SMOTE-type samplers "
        "create them: the data was over-sampled (e.g. SMOTE) before it was split."
    )


def _rounded(ev: InterpolantEvidence, labels: list, c: int) -> str:
    r = ev.reference
    return (
        f"{ev.rounded[c]} of the {ev.searched[c]} searched valid rows of class "
        f"{labels[c]!r} lie within one grid step of the line through two other "
        "rows of their class, one of them a training row, in every column at one "
        f"fraction, where class {labels[r]!r}'s rate explains "
        f"{ev.rounded_expected[c]:.1f}: SMOTE-type rows cast back to whole numbers "
        "(imbalanced-learn truncates its output on integer columns); the data was "
        "over-sampled (e.g. SMOTE) before it was split."
    )


def _seen(ev: InterpolantEvidence, c: int) -> str:
    """Say what the self-test found: how visible SMOTE rows of class ``c`` are."""
    if np.isnan(ev.power[c]):
        return "the interpolation check could not run on it"
    return (
        f"of SMOTE rows made from its training rows, the interpolation check "
        f"finds {ev.power[c]:.0%}, where it finds {ev.power_reference[c]:.0%} of "
        "the natural rows of the reference class"
    )


def _unseen(ev: InterpolantEvidence, labels: list, c: int) -> str:
    return (
        f"class {labels[c]!r} stands level with the largest class in the valid "
        "part, as over-sampling before the split leaves it, and on this data "
        f"SMOTE rows cannot be told from natural ones ({_seen(ev, c)}): a SMOTE "
        "leak would leave no trace here. If the data was resampled before the "
        "split, it leaked."
    )


def _filled(ev: InterpolantEvidence, labels: list, c: int) -> str:
    r = ev.reference
    return (
        f"class {labels[c]!r} stands level with the largest class in the valid "
        f"part, as over-sampling before the split leaves it, and {ev.inner[c]:.0%} "
        "of its training rows lie within one grid step of the line through two "
        f"other rows of the class, where {ev.inner_reference[c]:.0%} of class "
        f"{labels[r]!r}'s do: its training part is filled with SMOTE-type rows. "
        "Its valid rows could not be traced to training rows (as when a class is "
        "made from a few rows: each synthetic row's nearest rows are its "
        "siblings, not its parents). If the data was resampled before the split, "
        "it leaked."
    )


def _unseen_note(ev: InterpolantEvidence, labels: list, c: int) -> str:
    return (
        f"on this data SMOTE rows of class {labels[c]!r} cannot be told from "
        f"natural ones ({_seen(ev, c)}); its share of the valid part is not the "
        "level a default SMOTE leaves, but SMOTE to a lower target before the "
        "split would go unseen."
    )


def _not_proven(ev: CopyEvidence, labels: list, c: int) -> str:
    r = ev.reference
    if ev.saturated[c]:
        return (
            f"{_copies_found(ev, labels, c)}, spread as random over-sampling "
            f"spreads them, and the class stands level with class {labels[r]!r}; "
            f"but the data's own duplication explains {ev.expected[c]:.1f} of "
            "them, and the class takes nearly every distinct row the data has: "
            "on so few possible rows, every row has twins by nature, and "
            "over-sampling cannot be told from the data's own repetition."
        )
    if ev.repetitive[c]:
        return (
            f"{_copies_found(ev, labels, c)}, spread as random over-sampling "
            f"spreads them; but the data's own duplication explains "
            f"{ev.expected[c]:.1f} of them: on data this repetitive, over-sampling "
            "(to any ratio) cannot be told from the data's own repetition. If the "
            "data was resampled before the split, it leaked."
        )
    if ev.regular[c]:
        return (
            f"{_copies_found(ev, labels, c)}, more than the {ev.expected[c]:.1f} "
            f"that class {labels[r]!r}'s twin rate explains, on both sides of the "
            f"split; but its {ev.rows[c]} rows hold {ev.distinct[c]} distinct ones "
            "repeated more evenly than random draws repeat them (random "
            "over-sampling gives each a Poisson number of copies): records stored "
            "more than once by nature look like this. If the data was resampled "
            "before the split, it leaked."
        )
    if ev.light[c]:
        return (
            f"{_copies_found(ev, labels, c)}, more than the {ev.expected[c]:.1f} "
            f"that class {labels[r]!r}'s twin rate explains, spread as random "
            f"over-sampling spreads them and on both sides of the split; but its "
            f"{ev.rows[c]} rows hold {ev.distinct[c]} distinct ones, only "
            f"{ev.copies_per_row[c]:.2f} extra copies per row: random "
            "over-sampling to a target a little above the class's size leaves "
            "this, and so do records stored twice by nature. If the data was "
            "resampled before the split, it leaked."
        )
    if ev.uneven[c]:
        return (
            f"{_copies_found(ev, labels, c)}, more than the {ev.expected[c]:.1f} "
            f"that class {labels[r]!r}'s twin rate explains, and the class stands "
            f"level with class {labels[r]!r}; but the copies are not spread as "
            f"random over-sampling spreads them ({ev.single_share[c]:.0%} of its "
            f"distinct rows occur once, random draws leave "
            f"{np.exp(-ev.copies_per_row[c]):.0%}). SMOTE cast back to whole "
            "numbers piles its rows on rows the data has, and records repeated by "
            "nature look like this too. If the data was resampled before the "
            "split, it leaked."
        )
    return (
        f"{_copies_found(ev, labels, c)}, more than the {ev.expected[c]:.1f} that "
        f"class {labels[r]!r}'s twin rate explains, and they are spread as random "
        "over-sampling spreads them; but too few copies, or no class free of "
        "copies to compare with, prove it. This may be over-sampling, or "
        "duplication in the data itself."
    )


def _sampling_notes(ev: InterpolantEvidence, labels: list) -> list[str]:
    return [
        f"the interpolation check searched a random sample of {ev.searched[c]:,} "
        f"of the {ev.eligible[c]:,} valid rows of class {labels[c]!r} (seeded): "
        f"{ev.found[c]} found, about {ev.estimate[c]:,.0f} in all (95 % interval "
        f"{ev.low[c]:,.0f} to {ev.high[c]:,.0f})."
        for c in np.flatnonzero(ev.searched < ev.eligible)
    ]


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
