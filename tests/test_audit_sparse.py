"""The audit on sparse matrices: TF-IDF-like and count data, as users pass them."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import SMOTE, RandomOverSampler
from scipy import sparse
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import normalize

from imbsafe import ResampledCV, audit_cv, audit_split
from imbsafe._utils._rows import row_keys


def text_like(n_rows=800, n_cols=3000, per_row=25, counts=False, seed=0):
    """Rows of a few Zipf-distributed terms: term counts, or TF-IDF-like unit rows."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, n_cols + 1) ** 1.1
    terms = rng.choice(n_cols, size=(n_rows, per_row), p=weights / weights.sum())
    values = np.ones(terms.size) if counts else rng.random(terms.size) + 0.1
    X = sparse.csr_matrix(
        (values, (np.repeat(np.arange(n_rows), per_row), terms.ravel())),
        shape=(n_rows, n_cols),
    )
    X.sum_duplicates()
    y = (rng.random(n_rows) < 0.1).astype(int)
    return (X if counts else sparse.csr_matrix(normalize(X))), y


def split(X, y, seed=0):
    X_tr, X_va, y_tr, y_va = train_test_split(
        X, y, test_size=0.25, random_state=seed, stratify=y
    )
    return X_tr, y_tr, X_va, y_va


@pytest.mark.parametrize("counts", [False, True], ids=["tfidf", "counts"])
def test_sparse_splits_get_the_right_verdict(counts):
    X, y = text_like(counts=counts)
    assert audit_split(*split(X, y)).verdict == "clean"
    X_ros, y_ros = RandomOverSampler(random_state=0).fit_resample(X, y)
    report = audit_split(*split(X_ros, y_ros))
    assert report.leaky and report.exact_duplicates > 50
    X_sm, y_sm = SMOTE(random_state=0).fit_resample(X, y)
    report = audit_split(*split(X_sm, y_sm))
    assert report.leaky and report.interpolants >= 10
    # Resampled after the split: clean.
    X_tr, y_tr, X_va, y_va = split(X, y)
    X_tr, y_tr = SMOTE(random_state=0).fit_resample(X_tr, y_tr)
    assert not audit_split(X_tr, y_tr, X_va, y_va).leaky


def test_sparse_and_dense_agree():
    X, y = text_like(n_rows=400, n_cols=800)
    X_sm, y_sm = SMOTE(random_state=0).fit_resample(X, y)
    parts = split(X_sm, y_sm)
    on_sparse = audit_split(*parts)
    on_dense = audit_split(*(p.toarray() if sparse.issparse(p) else p for p in parts))
    assert on_sparse.verdict == on_dense.verdict == "leaky"
    assert on_sparse.exact_duplicates == on_dense.exact_duplicates


def test_sampled_columns_of_dense_text_give_no_false_alarm(monkeypatch):
    # Regression: above MAX_COLUMNS columns the dense search reads a sample
    # of them, where most values are 0; a row and a multiple of it then
    # looked collinear with a row of zeros (3 to 17 "interpolants" on clean
    # 3,000 x 10,000 and 4,000 x 20,000 TF-IDF rows passed as dense arrays).
    # A hit is now checked on every column. A small sample reproduces it.
    from imbsafe._audit import _interpolants

    monkeypatch.setattr(_interpolants, "MAX_COLUMNS", 30)
    for seed in (0, 1):
        X, y = text_like(n_rows=1000, n_cols=1000, per_row=20, seed=seed)
        report = audit_split(*split(X.toarray(), y))
        assert report.verdict == "clean", report.reasons
        assert report.interpolants == 0
    # The check on every column keeps a real leak in view.
    X_sm, y_sm = SMOTE(random_state=0).fit_resample(X.toarray(), y)
    assert audit_split(*split(X_sm, y_sm)).leaky


def test_a_variable_stored_twice_counts_once():
    # Triples of rows equal but for one variable v, stored in two columns (v
    # and 2 v): the middle row lies on the line through the other two, and
    # differs from both in two columns, which are one variable. Not SMOTE.
    rng = np.random.default_rng(0)
    n_groups, n_cols = 200, 400
    rows = []
    for _ in range(n_groups):
        base = sparse.random(1, n_cols, density=0.05, random_state=rng).toarray()[0]
        for v in np.sort(rng.random(3)) + 1:
            row = base.copy()
            row[:2] = v, 2 * v
            rows.append(row)
    X = sparse.csr_matrix(np.array(rows))
    y = np.repeat(rng.random(n_groups) < 0.3, 3).astype(int)
    X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.3, random_state=0)
    report = audit_split(X_tr, y_tr, X_va, y_va)
    assert report.interpolants == 0 and not report.leaky


def test_mixed_formats_and_precisions_are_compared_as_values():
    X, y = text_like(n_rows=400, n_cols=500)
    X_ros, y_ros = RandomOverSampler(random_state=0).fit_resample(X, y)
    X_tr, y_tr, X_va, y_va = split(X_ros, y_ros)
    expected = audit_split(X_tr, y_tr, X_va, y_va)
    for tr, va in [
        (X_tr, X_va.toarray()),
        (X_tr.toarray(), X_va),
        (X_tr.astype(np.float32), X_va),
        (X_tr.tocsc(), X_va.tocoo()),
    ]:
        report = audit_split(tr, y_tr, va, y_va)
        assert report.leaky
        assert report.exact_duplicates == expected.exact_duplicates


def test_sparse_input_errors_are_one_line():
    X, y = text_like(n_rows=100, n_cols=50)
    with pytest.raises(ValueError, match="columns"):
        audit_split(X, y, X[:, :10], y)
    with pytest.raises(ValueError, match="one format"):
        audit_split(X, y, np.array([["a"] * 50] * 100, dtype=object), y)
    with pytest.raises(ValueError, match="no rows"):
        audit_split(X[:0], y[:0], X, y)


def test_missing_cells_in_sparse_rows_are_unknown_not_a_difference():
    X, y = text_like(n_rows=500, n_cols=600)
    X_sm, y_sm = SMOTE(random_state=0).fit_resample(X, y)
    X_tr, y_tr, X_va, y_va = split(X_sm, y_sm)
    whole = audit_split(X_tr, y_tr, X_va, y_va)
    X_va = X_va.copy()
    X_va.data[::50] = np.nan
    report = audit_split(X_tr, y_tr, X_va, y_va)
    assert report.leaky
    # rows with a NaN cell are still searched, on the cells they have
    assert report.per_class["searched"].sum() == whole.per_class["searched"].sum()
    assert report.interpolants >= 0.8 * whole.interpolants


def test_audit_cv_takes_sparse_x():
    X, y = text_like(n_rows=400, n_cols=500)
    assert not any(r.leaky for r in audit_cv(ResampledCV(RandomOverSampler(), 3), X, y))
    X_ros, y_ros = RandomOverSampler(random_state=0).fit_resample(X, y)
    assert all(r.leaky for r in audit_cv(3, X_ros, y_ros))


@st.composite
def sparse_rows(draw):
    n_rows = draw(st.integers(1, 30))
    n_cols = draw(st.integers(1, 12))
    n_cells = draw(st.integers(0, n_rows * n_cols))
    rows = draw(
        st.lists(st.integers(0, n_rows - 1), min_size=n_cells, max_size=n_cells)
    )
    cols = draw(
        st.lists(st.integers(0, n_cols - 1), min_size=n_cells, max_size=n_cells)
    )
    values = draw(
        st.lists(
            st.sampled_from([0.0, -0.0, 1.0, 2.5, -3.0, np.nan, np.inf, 1e-300]),
            min_size=n_cells,
            max_size=n_cells,
        )
    )
    # COO with repeated cells: CSR keeps them as given until summed
    return sparse.csr_matrix((values, (rows, cols)), shape=(n_rows, n_cols))


@settings(max_examples=200, deadline=None)
@given(sparse_rows(), st.integers(0, 3))
def test_sparse_row_keys_equal_dense_row_keys(X, label):
    codes = np.full(X.shape[0], label)
    summed = X.copy()
    summed.sum_duplicates()
    dense = summed.toarray()
    assert np.array_equal(row_keys(summed, codes), row_keys(dense, codes))
    unsorted = summed[np.arange(X.shape[0])[::-1]][np.arange(X.shape[0])[::-1]]
    assert np.array_equal(row_keys(unsorted, codes), row_keys(dense, codes))


def test_valid_rows_with_nothing_stored_get_a_verdict():
    # Regression: no stored cell among the searched rows made the grading
    # index an empty column list (IndexError) instead of finding nothing.
    X, y = text_like(n_rows=200, n_cols=300)
    empty = sparse.csr_matrix((20, X.shape[1]))
    report = audit_split(X, y, empty, y[:20])
    assert report.interpolants == 0 and not report.leaky
