"""audit_split and audit_cv: find the resample-then-split mistake in a split.

Two signatures give it away, one per kind of over-sampling:

* random over-sampling leaves exact copies of validation rows in the training
  part, far more than the data's own duplication explains;
* SMOTE-type samplers leave validation rows that lie on the line through two
  other rows of the same class, at least one of them a training row (the
  row's parents, or other rows made from the same parents), at a random
  fraction of the way, so the row holds values that occur nowhere else.

The second test is built so that clean data with lattice-valued features
(integer codes, categories, values rounded to a grid) is not flagged: a
coordinate only counts as evidence when the validation row's value in it is
unique in the data and differs from both other rows, and at least two such
coordinates must agree on the same fraction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse, stats
from sklearn.model_selection import check_cv
from sklearn.neighbors import NearestNeighbors
from sklearn.utils.validation import column_or_1d

from ._sampling import _plain

__all__ = ["LeakageReport", "audit_cv", "audit_split"]

# Neighbours of each validation row searched for two rows on one line with it.
_N_NEIGHBORS = 15
# Relative tolerance of "on the line": float32 rounding of a SMOTE row.
_RTOL = 1e-6
# Significance of the excess-duplicates test (Bonferroni over classes).
_ALPHA = 1e-3
# An excess must also be material: rows, and share of the class's valid rows.
_MIN_EXCESS_ROWS = 3
_MIN_EXCESS_SHARE = 0.05
# Interpolants needed to call the split leaky.
_MIN_INTERPOLANTS = 3
_FIX = (
    "Split first and resample only the training part: imbsafe.ResampledCV or "
    "imbsafe.ResampledClassifier in scikit-learn, "
    "imbsafe.skorch.ResampledValidSplit in skorch."
)


@dataclass(frozen=True, eq=False)  # reports compare by identity, like DataFrames
class LeakageReport:
    """What :func:`audit_split` found in one train/valid pair.

    Attributes
    ----------
    leaky : bool
        True when the split shows resample-then-split leakage.
    reasons : list of str
        One sentence per finding that makes the split leaky (empty when clean).
    exact_duplicates : int
        Validation rows identical (features and label) to a training row.
    expected_duplicates : float
        How many such rows the data's own duplication explains: the rate seen
        in the class with the most distinct rows (which over-sampling never
        copies), applied to every class.
    interpolants : int
        Validation rows lying on the line through two other rows of their
        class, at least one of them a training row, as SMOTE-type samplers
        create them.
    n_train, n_valid : int
        Rows in each part.
    train_prior, valid_prior : dict
        Class -> share of the rows of each part.
    per_class : pandas.DataFrame
        Indexed by class: valid rows, exact duplicates, expected duplicates
        and interpolants.
    notes : list of str
        Things worth knowing that are not leaks (columns the interpolation
        check could not use, a valid part with another class balance).
    """

    leaky: bool
    reasons: list[str]
    exact_duplicates: int
    expected_duplicates: float
    interpolants: int
    n_train: int
    n_valid: int
    train_prior: dict
    valid_prior: dict
    per_class: pd.DataFrame = field(repr=False)
    notes: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        raise TypeError("a LeakageReport has no truth value: test report.leaky instead")

    def to_dict(self) -> dict[str, Any]:
        """Plain Python values, ready for ``json.dumps``."""
        return {
            "leaky": self.leaky,
            "reasons": list(self.reasons),
            "exact_duplicates": self.exact_duplicates,
            "expected_duplicates": self.expected_duplicates,
            "interpolants": self.interpolants,
            "n_train": self.n_train,
            "n_valid": self.n_valid,
            "train_prior": {str(k): v for k, v in self.train_prior.items()},
            "valid_prior": {str(k): v for k, v in self.valid_prior.items()},
            "per_class": {
                str(c): {k: _plain(v) for k, v in row.items()}
                for c, row in self.per_class.to_dict("index").items()
            },
            "notes": list(self.notes),
        }

    def __str__(self) -> str:
        verdict = "LEAK FOUND" if self.leaky else "no leak found"
        lines = [
            f"Leakage audit: {verdict}",
            f"  train: {self.n_train} rows, classes {_priors(self.train_prior)}",
            f"  valid: {self.n_valid} rows, classes {_priors(self.valid_prior)}",
            f"  valid rows that are exact copies of training rows: "
            f"{self.exact_duplicates} (the data's own duplication explains "
            f"{self.expected_duplicates:.1f})",
            f"  valid rows interpolated from training rows (SMOTE-like): "
            f"{self.interpolants}",
        ]
        if self.reasons:
            lines += ["Why:", *(f"  - {r}" for r in self.reasons)]
            lines += ["What to do:", f"  {_FIX}"]
        if self.notes:
            lines += ["Notes:", *(f"  - {n}" for n in self.notes)]
        return "\n".join(lines)


def _priors(prior: dict) -> str:
    return "{" + ", ".join(f"{k!r}: {v:.1%}" for k, v in prior.items()) + "}"


def audit_split(
    X_train: Any, y_train: Any, X_valid: Any, y_valid: Any
) -> LeakageReport:
    """Check a train/valid split for resample-then-split leakage.

    Finds validation rows that are exact copies of training rows beyond what
    the data's own duplication explains (random over-sampling before the
    split), and validation rows that are interpolations between two training
    rows of the same class (SMOTE, ADASYN, Borderline-SMOTE before the split).
    Clean splits of data with natural duplicate rows or lattice-valued
    features (integer codes, categories, rounded values) are not flagged.

    Parameters
    ----------
    X_train, X_valid : array-like or DataFrame of shape (n_rows, n_features)
        Dense numpy arrays or DataFrames with the same columns (DataFrame
        columns are matched by name). Non-numeric columns take part in the
        exact-copy check; the interpolation check uses the numeric columns
        without missing values.
    y_train, y_valid : array-like of shape (n_rows,)
        Class labels of each part.

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
    >>> audit_split(X_tr, y_tr, X_va, y_va).leaky
    False
    >>> X_ros, y_ros = RandomOverSampler(random_state=0).fit_resample(X, y)
    >>> X_tr, X_va, y_tr, y_va = train_test_split(X_ros, y_ros, random_state=0)
    >>> report = audit_split(X_tr, y_tr, X_va, y_va)
    >>> report.leaky, report.exact_duplicates > 40
    (True, True)
    """
    train, valid = _check_features(X_train, X_valid)
    y_tr = _check_labels(y_train, train.shape[0], "y_train", "X_train")
    y_va = _check_labels(y_valid, valid.shape[0], "y_valid", "X_valid")
    codes, classes = pd.factorize(np.concatenate([y_tr, y_va]), sort=True)
    codes_tr, codes_va = codes[: y_tr.shape[0]], codes[y_tr.shape[0] :]
    labels = [_plain(c) for c in classes]
    n_classes = len(labels)

    keys_tr, keys_va = _row_keys(train, valid, codes_tr, codes_va)
    copied = np.isin(keys_va, keys_tr)

    n_valid_c = np.bincount(codes_va, minlength=n_classes)
    copies_c = np.bincount(codes_va, weights=copied, minlength=n_classes).astype(int)
    rate_c, rate_high_c = _natural_copy_rates(
        keys_tr, keys_va, codes_tr, codes_va, copied, n_classes
    )
    expected_c = rate_c * n_valid_c

    reasons: list[str] = []
    notes: list[str] = []
    for c in range(n_classes):
        if n_valid_c[c] == 0:
            continue
        excess = copies_c[c] - expected_c[c]
        p = stats.binom.sf(copies_c[c] - 1, n_valid_c[c], rate_high_c[c])
        if (
            p < _ALPHA / n_classes
            and excess >= _MIN_EXCESS_ROWS
            and excess >= _MIN_EXCESS_SHARE * n_valid_c[c]
        ):
            reasons.append(
                f"{copies_c[c]} of the {n_valid_c[c]} valid rows of class "
                f"{labels[c]!r} ({copies_c[c] / n_valid_c[c]:.0%}) are exact copies "
                f"of training rows, where the data's own duplication explains "
                f"{expected_c[c]:.1f}: the data was over-sampled (e.g. "
                "RandomOverSampler) before it was split."
            )

    interp_c, interp_notes = _interpolants(
        train, valid, codes_tr, codes_va, copied, n_classes
    )
    notes += interp_notes
    for c in np.flatnonzero(interp_c >= _MIN_INTERPOLANTS):
        reasons.append(
            f"{interp_c[c]} of the {n_valid_c[c]} valid rows of class "
            f"{labels[c]!r} are interpolations: each lies exactly on the line "
            "through two other rows of its class, one of them a training row, as "
            "SMOTE-type samplers create them: the data was "
            "over-sampled (e.g. SMOTE) before it was split."
        )

    train_prior = _prior(codes_tr, labels)
    valid_prior = _prior(codes_va, labels)
    gap = max(abs(train_prior[k] - valid_prior[k]) for k in labels)
    if gap > 0.1:
        notes.append(
            f"the class balance differs between the parts (largest gap "
            f"{gap:.0%}); scores on the valid part hold at its balance, not at "
            "the training part's."
        )
    per_class = pd.DataFrame(
        {
            "valid_rows": n_valid_c,
            "exact_duplicates": copies_c,
            "expected_duplicates": expected_c,
            "interpolants": interp_c,
        },
        index=pd.Index(labels, name="class"),
    )
    return LeakageReport(
        leaky=bool(reasons),
        reasons=reasons,
        exact_duplicates=int(copies_c.sum()),
        expected_duplicates=float(expected_c.sum()),
        interpolants=int(interp_c.sum()),
        n_train=int(train.shape[0]),
        n_valid=int(valid.shape[0]),
        train_prior=train_prior,
        valid_prior=valid_prior,
        per_class=per_class,
        notes=notes,
    )


def audit_cv(cv: Any, X: Any, y: Any, groups: Any = None) -> list[LeakageReport]:
    """Run :func:`audit_split` on every fold of a splitter.

    Parameters
    ----------
    cv : int, cross-validation generator or iterable
        As in :func:`sklearn.model_selection.cross_validate` (an int means
        ``StratifiedKFold``). A :class:`~imbsafe.ResampledCV` audits clean:
        its repeats stay inside the training part.
    X : array-like or DataFrame of shape (n_samples, n_features)
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
    reports = []
    for train, test in splitter.split(X, y_arr, groups):
        reports.append(
            audit_split(_take(X, train), y_arr[train], _take(X, test), y_arr[test])
        )
    return reports


def _take(X: Any, rows: np.ndarray) -> Any:
    return X.iloc[rows] if isinstance(X, pd.DataFrame) else np.asarray(X)[rows]


def _prior(codes: np.ndarray, labels: Sequence[Any]) -> dict:
    counts = np.bincount(codes, minlength=len(labels))
    total = max(int(counts.sum()), 1)
    return {label: float(n / total) for label, n in zip(labels, counts, strict=True)}


def _check_features(X_train: Any, X_valid: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both parts as DataFrames with the same columns in the same order."""
    train = _as_frame(X_train, "X_train")
    valid = _as_frame(X_valid, "X_valid")
    if isinstance(X_train, pd.DataFrame) and isinstance(X_valid, pd.DataFrame):
        missing = [c for c in train.columns if c not in valid.columns]
        extra = [c for c in valid.columns if c not in train.columns]
        if missing or extra:
            raise ValueError(
                "X_train and X_valid must have the same columns; X_valid lacks "
                f"{missing[:5]} and has extra {extra[:5]}."
            )
        valid = valid[train.columns]
    elif train.shape[1] != valid.shape[1]:
        raise ValueError(
            f"X_train has {train.shape[1]} columns and X_valid {valid.shape[1]}: "
            "audit the two parts of one split."
        )
    else:
        valid.columns = train.columns
    return train, valid


def _as_frame(X: Any, name: str) -> pd.DataFrame:
    if sparse.issparse(X):
        raise ValueError(
            f"{name} is a sparse matrix; audit_split needs dense rows: pass "
            f"{name}.toarray() (or a DataFrame)."
        )
    if isinstance(X, pd.DataFrame):
        return X.reset_index(drop=True)
    try:
        array = np.asarray(X)
    except (TypeError, ValueError) as e:
        raise ValueError(
            f"{name} must be a 2d array or DataFrame, got {type(X).__name__}."
        ) from e
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be 2d (rows x features), got an array of shape "
            f"{array.shape}; reshape a single feature with .reshape(-1, 1)."
        )
    return pd.DataFrame(array)


def _check_labels(y: Any, n_rows: int, name: str, x_name: str) -> np.ndarray:
    y = column_or_1d(y)
    if y.shape[0] != n_rows:
        raise ValueError(
            f"{name} has {y.shape[0]} labels for {n_rows} rows of {x_name}."
        )
    if pd.isna(y).any():
        raise ValueError(
            f"{name} has {int(pd.isna(y).sum())} missing label(s); drop those rows "
            "or give them a class."
        )
    return y


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns whose values compare across parts: numbers as float, rest as text."""
    out = {}
    for name, column in frame.items():
        if pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column):
            out[name] = column.astype(float) + 0.0  # +0.0 turns -0.0 into 0.0
        else:
            out[name] = column.astype(str)
    return pd.DataFrame(out, index=frame.index)


def _row_keys(
    train: pd.DataFrame,
    valid: pd.DataFrame,
    codes_tr: np.ndarray,
    codes_va: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of (features, label) per row, equal for equal rows."""

    def keys(frame: pd.DataFrame, codes: np.ndarray) -> np.ndarray:
        comparable = _comparable(frame)
        comparable["__label__"] = codes
        return pd.util.hash_pandas_object(comparable, index=False).to_numpy()

    return keys(train, codes_tr), keys(valid, codes_va)


def _natural_copy_rates(
    keys_tr: np.ndarray,
    keys_va: np.ndarray,
    codes_tr: np.ndarray,
    codes_va: np.ndarray,
    copied: np.ndarray,
    n_classes: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Per class, the chance that a valid row has a twin in train by nature.

    Returns the estimate and its upper 99.9 % bound (Jeffreys): the reference
    class's rate comes from a sample, and a rate read low by chance must not
    turn natural twins in a small class into a leak.

    The reference is the class with the most distinct rows: over-sampling
    copies rows of the other classes, never adds distinct ones, so this class
    is untouched. Its twin rate is read from both parts (a train row with an
    identical other train row counts like a valid row with a twin in train).
    Natural twins come from records repeated at collection (a rate that does
    not depend on the class size) or from collisions in a discrete feature
    space (a chance that grows with the class's training rows, as in the
    birthday problem: 1 - (1 - rate) ** (n_train_c / n_ref)). The larger of
    the two is the baseline, so neither kind of clean data is flagged.
    """
    all_keys = np.concatenate([keys_tr, keys_va])
    all_codes = np.concatenate([codes_tr, codes_va])
    _, first = np.unique(all_keys, return_index=True)
    distinct_c = np.bincount(all_codes[first], minlength=n_classes)
    reference = int(np.argmax(distinct_c))

    train_keys, train_counts = np.unique(keys_tr, return_counts=True)
    seen = train_counts[np.searchsorted(train_keys, keys_tr)] >= 2
    ref_tr, ref_va = codes_tr == reference, codes_va == reference
    twins = int(seen[ref_tr].sum() + copied[ref_va].sum())
    rows = int(ref_tr.sum() + ref_va.sum())
    rate = (twins + 0.5) / (rows + 1.0)  # never exactly 0 or 1
    rate_high = stats.beta.ppf(1 - _ALPHA, twins + 0.5, rows - twins + 0.5)
    n_train_c = np.bincount(codes_tr, minlength=n_classes)
    exponent = n_train_c / max(int(ref_tr.sum()), 1)

    def per_class(r: float) -> np.ndarray:
        return np.maximum(r, 1.0 - (1.0 - r) ** exponent)

    return per_class(rate), per_class(rate_high)


def _numeric_block(
    train: pd.DataFrame, valid: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Float columns usable by the interpolation check, and notes on the rest."""
    usable, skipped_text, skipped_missing = [], [], []
    for name in train.columns:
        a, b = train[name], valid[name]
        numeric = all(
            pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
            for s in (a, b)
        )
        if not numeric:
            skipped_text.append(name)
        elif not (
            np.isfinite(a.to_numpy(float)).all()
            and np.isfinite(b.to_numpy(float)).all()
        ):
            skipped_missing.append(name)
        else:
            usable.append(name)
    notes = []
    if skipped_text:
        notes.append(
            f"{len(skipped_text)} non-numeric column(s) (e.g. {skipped_text[0]!r}) "
            "were used for the exact-copy check only."
        )
    if skipped_missing:
        notes.append(
            f"{len(skipped_missing)} column(s) with missing or infinite values "
            f"(e.g. {skipped_missing[0]!r}) were left out of the interpolation check."
        )
    return (
        train[usable].to_numpy(dtype=float),
        valid[usable].to_numpy(dtype=float),
        notes,
    )


def _unique_values(train: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Mask of valid cells whose value occurs in no other row of either part."""
    unique = np.empty(valid.shape, dtype=bool)
    for j in range(valid.shape[1]):
        values, counts = np.unique(
            np.concatenate([train[:, j], valid[:, j]]), return_counts=True
        )
        unique[:, j] = counts[np.searchsorted(values, valid[:, j])] == 1
    return unique


def _interpolants(
    train: pd.DataFrame,
    valid: pd.DataFrame,
    codes_tr: np.ndarray,
    codes_va: np.ndarray,
    copied: np.ndarray,
    n_classes: int,
) -> tuple[np.ndarray, list[str]]:
    """Per class, valid rows on a line through two same-class rows (one train)."""
    found = np.zeros(n_classes, dtype=int)
    num_tr, num_va, notes = _numeric_block(train, valid)
    if num_tr.shape[1] < 2:
        notes.append(
            "fewer than two usable numeric columns: the interpolation (SMOTE) "
            "check was skipped."
        )
        return found, notes
    unique = _unique_values(num_tr, num_va)
    # Copies are already counted; a row with fewer than two unique values
    # cannot pass the test below, so it is not searched.
    searchable = ~copied & (unique.sum(axis=1) >= 2)
    for c in range(n_classes):
        candidates = np.flatnonzero((codes_va == c) & searchable)
        # Both ends may come from either part, but one must be a training row:
        # that is the leak (a SMOTE row whose parents are both in the valid
        # part is found through any training row made from the same parents).
        pool = pd.DataFrame(np.vstack([num_tr[codes_tr == c], num_va[codes_va == c]]))
        pool["__train__"] = np.arange(pool.shape[0]) < int((codes_tr == c).sum())
        pool = pool.drop_duplicates(subset=pool.columns[:-1].tolist())
        ends = pool.iloc[:, :-1].to_numpy()
        in_train = pool["__train__"].to_numpy()
        if candidates.shape[0] == 0 or not in_train.any() or ends.shape[0] < 3:
            continue
        k = min(_N_NEIGHBORS + 1, ends.shape[0])  # + 1: the row itself
        search = NearestNeighbors(n_neighbors=k).fit(ends)
        rows = num_va[candidates]
        neighbours = search.kneighbors(rows, return_distance=False)
        on_line = _on_line(rows, unique[candidates], ends, in_train, neighbours)
        found[c] = int(on_line.sum())
    return found, notes


def _on_line(
    rows: np.ndarray,
    unique: np.ndarray,
    ends: np.ndarray,
    in_train: np.ndarray,
    neighbours: np.ndarray,
) -> np.ndarray:
    """Mark the rows lying on the line through two of their neighbours.

    A row passes when, for some pair (a, b) of its neighbours with at least
    one training row, every coordinate equals a + t (b - a) for one t (within
    float32 rounding), and at least two coordinates are evidence: the row
    differs from both a and b there, and its value occurs nowhere else in the
    data. Lattice data (codes, categories, rounded values) gives no evidence,
    so natural collinear rows there are not flagged. SMOTE rows lie between
    their two parents and on the line of every other row made from them.
    """
    n, d = rows.shape
    k = neighbours.shape[1]
    result = np.zeros(n, dtype=bool)
    chunk = max(1, 2_000_000 // (k * k * d))
    for start in range(0, n, chunk):
        stop = min(start + chunk, n)
        near = neighbours[start:stop]
        v = rows[start:stop]
        # Cheap screen: directions from the row to two collinear neighbours
        # are parallel. The exact test below decides.
        direction = ends[near] - v[:, None, :]
        length = np.sqrt(np.einsum("mkd,mkd->mk", direction, direction))
        direction /= np.where(length > 0, length, 1.0)[..., None]
        cosine = np.abs(np.einsum("mid,mjd->mij", direction, direction))
        row, i, j = np.nonzero(np.triu(cosine > 1 - 1e-3, 1))
        keep = in_train[near[row, i]] | in_train[near[row, j]]
        row, i, j = row[keep], i[keep], j[keep]
        a, b, x = ends[near[row, i]], ends[near[row, j]], v[row]
        step, offset = b - a, x - a
        norm = np.einsum("pd,pd->p", step, step)
        t = np.einsum("pd,pd->p", offset, step) / np.where(norm > 0, norm, 1.0)
        tol = _RTOL * (np.abs(a) + np.abs(b)) + 1e-300
        fits = (np.abs(offset - t[:, None] * step) <= tol).all(axis=1)
        apart = (np.abs(offset) > tol) & (np.abs(x - b) > tol)
        evidence = (apart & unique[start:stop][row]).sum(axis=1) >= 2
        hit = fits & evidence & (norm > 0)
        result[start + row[hit]] = True
    return result
