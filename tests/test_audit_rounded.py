"""audit_split on values written at a fixed precision, and its self-test (issue 36).

Data saved with ``float_format``, ``%g``, R or a spreadsheet lies on a grid
per column: a fixed number of decimals, or of significant digits. A SMOTE row
written so lies within one grid step of its parents' line. Where a leak could
not have been seen, the verdict is inconclusive, never clean.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import SMOTE
from scipy import sparse
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split

from imbsafe import audit_split
from imbsafe._audit._grids import Grids, significant_digits

FORMATS = ["%.3f", "%.4f", "%.6f", "%.7f", "%.8f", "%.10f", "%.12f", "%.6g", "%.8g"]


def written(X, fmt):
    """``X`` written as text with ``fmt`` and read back, as a CSV round trip does."""
    return np.char.mod(fmt, np.asarray(X, dtype=float)).astype(float)


def gaussian(seed, n=300, d=5):
    return make_classification(
        n, d, n_informative=3, n_redundant=0, weights=[0.85], random_state=seed
    )


def split_written(X, y, seed, fmt, **kwargs):
    X_tr, X_va, y_tr, y_va = train_test_split(
        X, y, test_size=0.25, random_state=seed, **kwargs
    )
    return written(X_tr, fmt), y_tr, written(X_va, fmt), y_va


@pytest.mark.parametrize("fmt", FORMATS)
def test_smote_written_at_a_fixed_precision_is_found(fmt):
    X, y = gaussian(0)
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    report = audit_split(*split_written(X_res, y_res, 0, fmt))
    assert report.verdict == "leaky", str(report)


@pytest.mark.parametrize("fmt", ["%.3f", "%.7f", "%.8f", "%.6g"])
def test_a_clean_split_written_at_a_fixed_precision_is_clean(fmt):
    X, y = gaussian(1)
    report = audit_split(*split_written(X, y, 1, fmt, stratify=y))
    assert report.verdict == "clean", str(report)


def test_smote_after_the_split_written_at_a_fixed_precision_is_no_alarm():
    X, y = gaussian(2, n=400)
    X_tr, X_va, y_tr, y_va = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=2
    )
    X_tr, y_tr = SMOTE(random_state=2).fit_resample(X_tr, y_tr)
    report = audit_split(written(X_tr, "%.7f"), y_tr, written(X_va, "%.7f"), y_va)
    assert not report.leaky, str(report)


def test_an_all_nan_x_is_inconclusive_not_clean():
    X = np.full((80, 4), np.nan)
    y = np.tile([0, 0, 0, 1], 20)
    report = audit_split(X[:60], y[:60], X[60:], y[60:])
    assert report.verdict == "inconclusive", str(report)
    assert report.inconclusive_reasons


def test_too_few_valid_rows_to_see_a_smote_leak_is_inconclusive_and_says_why():
    # few-valued codes, a handful of minority valid rows standing at a
    # sampler's ratio: a SMOTE leak of them would not be called leaky, so a
    # clean split is not called clean
    rng = np.random.default_rng(0)
    y = np.r_[np.zeros(60, int), np.ones(30, int)]
    X = rng.integers(1, 6, size=(90, 6)).astype(np.int64)
    X_tr, X_va, y_tr, y_va = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=0
    )
    report = audit_split(X_tr, y_tr, X_va, y_va)
    assert report.verdict == "inconclusive", str(report)
    assert any(
        "leak of it would not be seen" in r and "target" in r
        for r in report.inconclusive_reasons
    )


def test_smote_on_a_small_integer_table_at_fifty_fifty_is_not_called_clean():
    # the case: 151 rows, 21 positives, SMOTE before the split
    rng = np.random.default_rng(1)
    y = np.r_[np.zeros(130, int), np.ones(21, int)]
    X = rng.integers(0, 4, size=(151, 8)).astype(np.int64)
    X[y == 1, :3] += 1
    X_res, y_res = SMOTE(random_state=1).fit_resample(X, y)
    X_tr, X_va, y_tr, y_va = train_test_split(
        X_res, y_res, test_size=0.25, stratify=y_res, random_state=1
    )
    assert audit_split(X_tr, y_tr, X_va, y_va).verdict != "clean"


def test_partial_smote_on_few_valued_codes_is_not_called_clean():
    rng = np.random.default_rng(3)
    y = (rng.random(600) < 0.12).astype(int)
    X = rng.integers(1, 6, size=(600, 6))
    X[y == 1, :2] += rng.integers(0, 3, size=(int(y.sum()), 2))
    X_res, y_res = SMOTE(sampling_strategy=0.5, random_state=3).fit_resample(
        X.astype(np.int64), y
    )
    X_tr, X_va, y_tr, y_va = train_test_split(
        X_res, y_res, test_size=0.25, random_state=3
    )
    assert audit_split(X_tr, y_tr, X_va, y_va).verdict != "clean"


@pytest.mark.parametrize(
    ("values", "digits"),
    [
        (np.array([1.23456, 0.0123456, 123456.0, 9.87654e-5]), 6),
        (np.array([1.5, 2.25, 300.0, 0.125]), 3),
        (np.array([np.pi, np.e, 1 / 3]), 0),
    ],
)
def test_significant_digits_are_read_from_the_values(values, digits):
    assert significant_digits(values, 0.999) == digits


def test_a_cell_steps_by_the_coarser_of_its_decimals_and_its_digits():
    grids = Grids(np.array([1e-4, 1e-7, np.nan]), np.array([7, 6, 0]))
    steps = grids.at(np.array([[123.4567, 1.23456, 0.5], [0.1234, 0.00123456, 2.0]]))
    np.testing.assert_allclose(steps[:, 0], [1e-4, 1e-4])
    np.testing.assert_allclose(steps[:, 1], [1e-5, 1e-7])
    assert np.isnan(steps[:, 2]).all()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    fmt=st.sampled_from(
        [f"%.{k}f" for k in range(3, 13)] + [f"%.{k}g" for k in range(6, 13)]
    ),
)
def test_rounding_both_parts_never_turns_a_leak_clean(seed, fmt):
    X, y = gaussian(seed % 50, n=240, d=6)
    X_res, y_res = SMOTE(random_state=seed).fit_resample(X, y)
    report = audit_split(*split_written(X_res, y_res, seed, fmt))
    assert report.verdict != "clean", str(report)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    fmt=st.sampled_from(["%.3f", "%.6f", "%.8f", "%.6g"]),
    leak=st.booleans(),
)
def test_dense_and_sparse_agree_on_values_written_at_a_fixed_precision(seed, fmt, leak):
    rng = np.random.RandomState(seed)
    X, y = gaussian(seed % 50, n=300, d=6)
    X = np.where(rng.rand(*X.shape) < 0.3, X, 0.0)
    if leak:
        X, y = SMOTE(random_state=seed).fit_resample(X, y)
    X_tr, y_tr, X_va, y_va = split_written(X, y, seed, fmt)
    dense = audit_split(X_tr, y_tr, X_va, y_va)
    kept = audit_split(sparse.csr_matrix(X_tr), y_tr, sparse.csr_matrix(X_va), y_va)
    assert dense.verdict == kept.verdict, (str(dense), str(kept))
