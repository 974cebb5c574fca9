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
from imblearn.over_sampling import ADASYN, SMOTE, BorderlineSMOTE
from scipy import sparse
from sklearn.datasets import load_iris, make_classification
from sklearn.model_selection import train_test_split

from imbsafe import audit_split
from imbsafe._audit._grids import Grids, significant_digits
from imbsafe._audit._lines import fraction
from imbsafe._audit._rounding import rounded_strength

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


@pytest.mark.parametrize("seed", [1, 3])
def test_partial_smote_of_one_decimal_measurements_written_back_is_not_clean(seed):
    # iris, setosa cut to 13 rows, SMOTE(0.5) before the split and the table
    # written at its own one decimal: 75 % of the class is synthetic rows no
    # test tells from measurements (called clean in 5 of 8 seeds before #36;
    # its clean split is inconclusive for the same reason)
    X, y = load_iris(return_X_y=True)
    y = (y == 0).astype(int)
    rng = np.random.default_rng(seed)
    keep = np.r_[
        np.flatnonzero(y == 0), rng.choice(np.flatnonzero(y == 1), 13, replace=False)
    ]
    X_res, y_res = SMOTE(sampling_strategy=0.5, random_state=seed).fit_resample(
        X[keep], y[keep]
    )
    X_tr, X_va, y_tr, y_va = train_test_split(
        np.round(X_res, 1), y_res, test_size=0.25, random_state=seed
    )
    report = audit_split(X_tr, y_tr, X_va, y_va)
    assert report.verdict == "inconclusive", str(report)
    assert "would not be seen" in " ".join(report.inconclusive_reasons)


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


def test_a_large_value_written_with_g_steps_by_its_digits():
    # %.6g on a column whose values all lie above 10: the smallest have 4
    # decimals, which is the column's decimal grid; 12345.7 steps by 0.1
    grids = Grids(np.array([1e-4, 1.0]), np.array([6, 1]))
    steps = grids.at(np.array([[12345.7, 20.0], [12.3457, 30.0]]))
    np.testing.assert_allclose(steps[:, 0], [0.1, 1e-4])
    # whole numbers step by 1, whatever their digits (20 has one)
    np.testing.assert_allclose(steps[:, 1], [1.0, 1.0])


def test_a_cell_steps_by_the_coarser_of_its_decimals_and_its_digits():
    grids = Grids(np.array([1e-4, 1e-7, np.nan]), np.array([7, 6, 0]))
    steps = grids.at(np.array([[123.4567, 1.23456, 0.5], [0.1234, 0.00123456, 2.0]]))
    np.testing.assert_allclose(steps[:, 0], [1e-4, 1e-4])
    np.testing.assert_allclose(steps[:, 1], [1e-5, 1e-7])
    assert np.isnan(steps[:, 2]).all()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    fmt=st.sampled_from(
        [f"%.{k}f" for k in range(3, 13)] + [f"%.{k}g" for k in range(6, 13)]
    ),
    sampler=st.sampled_from([SMOTE, BorderlineSMOTE, ADASYN]),
    source=st.sampled_from([None, 5, 6]),
)
def test_rounding_both_parts_never_turns_a_leak_clean(seed, fmt, sampler, source):
    # ``source``: decimals the data had before the leak (None: full floats)
    X, y = gaussian(seed % 50, n=240, d=6)
    X = X if source is None else np.round(X, source)
    X_res, y_res = sampler(random_state=seed).fit_resample(X, y)
    report = audit_split(*split_written(X_res, y_res, seed, fmt))
    assert report.verdict != "clean", str(report)


@settings(max_examples=50, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    decimals=st.integers(1, 8),
    d=st.integers(1, 12),
)
def test_a_rounded_interpolant_of_rounded_ends_fits_their_line(seed, decimals, d):
    # a table written at a fixed precision from floats that had more: the
    # SMOTE row and both its parents are rounded, which puts the row up to a
    # whole step (not half) off the line through its parents as written
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=(2, 200, d))
    t = rng.random((200, 1))
    x = a + t * (b - a)
    step = np.full(d, 10.0**-decimals)
    a, b, x = (np.round(v, decimals) for v in (a, b, x))
    # a row equal to an end, or on the line to a thousandth of a step (a
    # lattice family), is left to the other tests by design
    t = fraction(x, a, b)[:, None]
    on_line = (np.abs(x - a - t * (b - a)) <= 1e-3 * step).all(axis=1)
    asked = (x != a).any(axis=1) & (x != b).any(axis=1) & ~on_line
    assert np.isfinite(rounded_strength(x, a, b, step, True)[asked]).all()
    if d >= 4 and decimals <= 3:  # the half-step window misses some (the old test)
        assert not np.isfinite(rounded_strength(x, a, b, step)[asked]).all()


@pytest.mark.parametrize("fmt", ["%.3f", "%.4f"])
@pytest.mark.parametrize("sampler", [BorderlineSMOTE, ADASYN])
@pytest.mark.parametrize("seed", [1, 2])
def test_a_leak_of_data_with_more_decimals_than_written_is_found(fmt, sampler, seed):
    # KEEL's glass: values with 5 decimals, written at 3 or 4. Samplers that
    # crowd their rows near the border leave few natural pairs; the rows whose
    # parents were rounded too must still be found (7 of these 8 were clean
    # before)
    X, y = make_classification(
        214,
        9,
        n_informative=5,
        n_redundant=0,
        weights=[0.65],
        class_sep=0.6,
        random_state=seed,
    )
    X_res, y_res = sampler(random_state=seed).fit_resample(np.round(X, 5), y)
    report = audit_split(*split_written(X_res, y_res, seed, fmt))
    assert report.verdict == "leaky", str(report)


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
