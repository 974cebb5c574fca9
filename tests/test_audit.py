"""audit_split / audit_cv: resample-then-split is caught, clean splits are not."""

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import (
    ADASYN,
    SMOTE,
    BorderlineSMOTE,
    RandomOverSampler,
)
from scipy import sparse
from sklearn.datasets import load_breast_cancer, load_digits, load_iris, load_wine
from sklearn.model_selection import (
    GroupKFold,
    KFold,
    StratifiedKFold,
    train_test_split,
)

from imbsafe import LeakageReport, ResampledCV, audit_cv, audit_split


def one_vs_rest(loader, label):
    X, y = loader(return_X_y=True)
    return X.astype(float), (y == label).astype(int)


TASKS = {
    "breast_cancer": lambda: load_breast_cancer(return_X_y=True),
    "digits_3": lambda: one_vs_rest(load_digits, 3),  # integer lattice 0..16
    "iris_2": lambda: one_vs_rest(load_iris, 2),  # 0.1 grid, natural duplicates
    "wine_1": lambda: one_vs_rest(load_wine, 1),
}


def split(X, y, seed=0, **kwargs):
    X_tr, X_va, y_tr, y_va = train_test_split(
        X, y, test_size=0.25, random_state=seed, **kwargs
    )
    return X_tr, y_tr, X_va, y_va


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("seed", [0, 1])
def test_clean_splits_are_not_flagged(task, seed):
    X, y = TASKS[task]()
    for kwargs in ({}, {"stratify": y}):
        report = audit_split(*split(X, y, seed, **kwargs))
        assert not report.leaky, str(report)
        assert report.reasons == []
        assert report.interpolants == 0


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("seed", [0, 1])
def test_random_over_sampling_before_split_is_flagged(task, seed):
    X, y = TASKS[task]()
    X_res, y_res = RandomOverSampler(random_state=seed).fit_resample(X, y)
    report = audit_split(*split(X_res, y_res, seed))
    assert report.leaky, str(report)
    assert report.exact_duplicates > 3 * report.expected_duplicates
    assert "RandomOverSampler" in report.reasons[0]


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize(
    "sampler",
    [
        SMOTE(k_neighbors=3, random_state=0),
        BorderlineSMOTE(k_neighbors=3, random_state=0),
    ],
    ids=["smote", "borderline"],
)
def test_smote_before_split_is_flagged(task, sampler):
    X, y = TASKS[task]()
    X_res, y_res = sampler.fit_resample(X, y)
    report = audit_split(*split(X_res, y_res))
    assert report.leaky, str(report)
    assert report.interpolants >= 3
    assert report.exact_duplicates == 0
    assert any("SMOTE" in reason for reason in report.reasons)


def test_adasyn_and_float32_data_are_flagged():
    X, y = load_breast_cancer(return_X_y=True)
    X32 = X.astype(np.float32)
    X_res, y_res = ADASYN(random_state=0).fit_resample(X32, y)
    assert X_res.dtype == np.float32  # interpolated in float32: rounding matters
    report = audit_split(*split(X_res, y_res))
    assert report.leaky and report.interpolants >= 3


def test_most_smote_rows_in_the_valid_part_are_found():
    X, y = one_vs_rest(load_digits, 8)
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    synthetic = np.arange(y_res.shape[0]) >= y.shape[0]
    rows = np.arange(y_res.shape[0])
    train, valid = train_test_split(rows, test_size=0.25, random_state=0)
    report = audit_split(X_res[train], y_res[train], X_res[valid], y_res[valid])
    # Each found row must be synthetic: no original row is an interpolant.
    assert report.interpolants <= synthetic[valid].sum()
    assert report.interpolants >= 0.7 * synthetic[valid].sum()


def test_multiclass_over_sampling_is_flagged_per_class():
    X, y = load_wine(return_X_y=True)
    X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X, y)
    report = audit_split(*split(X_res, y_res))
    assert report.leaky
    flagged = report.per_class.query("exact_duplicates > 3")
    # class 1 is the largest: never copied, it is the reference
    assert set(flagged.index) == {0, 2}
    assert report.per_class.loc[1, "exact_duplicates"] == 0


@st.composite
def lattice_data(draw):
    n = draw(st.integers(40, 300))
    d = draw(st.integers(2, 6))
    levels = draw(st.integers(2, 6))
    rate = draw(st.floats(0.1, 0.5))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    X = rng.integers(0, levels, size=(n, d)).astype(float)
    y = (rng.random(n) < rate).astype(int)
    y[:2] = [0, 1]
    return X, y, seed


@settings(max_examples=60, deadline=None)
@given(lattice_data())
def test_clean_splits_of_lattice_data_are_never_flagged(data):
    """Integer codes: natural duplicates and collinear rows everywhere."""
    X, y, seed = data
    report = audit_split(*split(X, y, seed % 1000))
    assert not report.leaky, str(report)
    assert report.interpolants == 0


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([1, 3, 6, 12]))
def test_natural_duplicates_in_every_class_are_not_flagged(seed, copies_per_100):
    rng = np.random.default_rng(seed)
    n = 400
    X = rng.normal(size=(n, 5))
    y = (rng.random(n) < 0.15).astype(int)
    repeat = rng.choice(n, n * copies_per_100 // 100, replace=False)
    X, y = np.vstack([X, X[repeat]]), np.concatenate([y, y[repeat]])
    report = audit_split(*split(X, y, seed))
    assert not report.leaky, str(report)


def test_inputs_are_not_changed_and_frames_with_text_columns_work():
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    X = X.iloc[:, :6].copy()
    X["site"] = np.where(np.arange(len(X)) % 3 == 0, "north", "south")
    X["site"] = X["site"].astype("category")
    X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X, y)
    parts = split(X_res, y_res)
    before = [p.copy() for p in parts]
    # columns in another order in the valid part are matched by name
    X_tr, y_tr, X_va, y_va = parts
    report = audit_split(X_tr, y_tr, X_va[X_va.columns[::-1]], y_va)
    assert report.leaky
    for got, want in zip(parts, before, strict=True):
        assert got.equals(want)


def test_text_columns_only_take_part_in_the_copy_check():
    rng = np.random.default_rng(0)
    X = pd.DataFrame(
        {
            "a": rng.normal(size=300),
            "b": rng.normal(size=300),
            "city": rng.choice(["x", "y", "z"], 300),
        }
    )
    y = (rng.random(300) < 0.2).astype(int)
    report = audit_split(*split(X, y))
    assert not report.leaky
    assert any("non-numeric" in note for note in report.notes)


def test_report_reads_well_and_serializes():
    X, y = load_breast_cancer(return_X_y=True)
    X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X, y)
    leaky = audit_split(*split(X_res, y_res))
    text = str(leaky)
    assert text.startswith("Leakage audit: LEAK FOUND")
    assert "exact copies of training rows" in text
    assert "ResampledValidSplit" in text and "What to do" in text
    clean = audit_split(*split(X, y))
    assert str(clean).startswith("Leakage audit: no leak found")
    assert "What to do" not in str(clean)
    payload = json.loads(json.dumps(leaky.to_dict()))
    assert payload["leaky"] is True
    assert payload["exact_duplicates"] == leaky.exact_duplicates
    assert sum(payload["valid_prior"].values()) == pytest.approx(1.0)
    with pytest.raises(TypeError, match="report.leaky"):
        bool(leaky)


def test_priors_of_both_parts():
    X, y = load_breast_cancer(return_X_y=True)
    X_tr, y_tr, X_va, y_va = split(X, y)
    report = audit_split(X_tr, y_tr, X_va, y_va)
    assert report.train_prior[1] == pytest.approx(y_tr.mean())
    assert report.valid_prior[0] == pytest.approx(1 - y_va.mean())
    assert isinstance(report, LeakageReport)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda a: {**a, "X_train": sparse.csr_matrix(a["X_train"])}, "toarray"),
        (lambda a: {**a, "X_valid": a["X_valid"][:, :3]}, "columns"),
        (lambda a: {**a, "X_train": a["X_train"][:, 0]}, "2d"),
        (lambda a: {**a, "y_valid": a["y_valid"][:-1]}, "labels for"),
        (
            lambda a: {**a, "y_train": np.where(a["y_train"] == 1, np.nan, 0.0)},
            "missing label",
        ),
    ],
)
def test_bad_input_gets_a_clear_error(change, match):
    X, y = load_breast_cancer(return_X_y=True)
    X_tr, y_tr, X_va, y_va = split(X, y)
    args = {"X_train": X_tr, "y_train": y_tr, "X_valid": X_va, "y_valid": y_va}
    with pytest.raises(ValueError, match=match):
        audit_split(**change(args))


def test_frames_with_different_columns_are_refused():
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    X_tr, y_tr, X_va, y_va = split(X, y)
    with pytest.raises(ValueError, match="same columns"):
        audit_split(X_tr, y_tr, X_va.drop(columns=X_va.columns[0]), y_va)


def test_audit_cv_resampled_cv_is_clean_and_naive_cv_is_leaky():
    X, y = load_breast_cancer(return_X_y=True)
    safe = audit_cv(ResampledCV(RandomOverSampler(random_state=0), cv=4), X, y)
    assert len(safe) == 4 and not any(r.leaky for r in safe)
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    naive = audit_cv(StratifiedKFold(4, shuffle=True, random_state=0), X_res, y_res)
    assert all(r.leaky for r in naive)
    assert audit_cv(3, X, y)[0].n_valid == pytest.approx(len(y) / 3, abs=1)


def test_audit_cv_with_groups_and_frames():
    X, y = load_breast_cancer(return_X_y=True, as_frame=True)
    groups = np.arange(len(y)) % 7
    reports = audit_cv(GroupKFold(3), X, y, groups=groups)
    assert len(reports) == 3 and not any(r.leaky for r in reports)
    assert sum(r.n_valid for r in reports) == len(y)
    reports = audit_cv(KFold(2), X.to_numpy(), y.to_numpy())
    assert not any(r.leaky for r in reports)
