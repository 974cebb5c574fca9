import pickle

import numpy as np
import pandas as pd
import pytest
from _data import imbalanced
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from imblearn.combine import SMOTEENN
from imblearn.over_sampling import ADASYN, SMOTE, RandomOverSampler
from imblearn.pipeline import make_pipeline
from imblearn.under_sampling import (
    ClusterCentroids,
    EditedNearestNeighbours,
    NearMiss,
    RandomUnderSampler,
    TomekLinks,
)
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    GridSearchCV,
    GroupKFold,
    KFold,
    RandomizedSearchCV,
    RepeatedStratifiedKFold,
    ShuffleSplit,
    StratifiedGroupKFold,
    StratifiedKFold,
    cross_val_predict,
    cross_validate,
    learning_curve,
)
from sklearn.naive_bayes import GaussianNB

from imbsafe import ResampledCV, SamplerNotIndexableError
from imbsafe._resample._sampling import pick_rows

SPLITTERS = [
    lambda seed: StratifiedKFold(3, shuffle=True, random_state=seed),
    lambda seed: KFold(4, shuffle=True, random_state=seed),
    lambda seed: ShuffleSplit(3, test_size=0.3, random_state=seed),
    lambda seed: RepeatedStratifiedKFold(n_splits=2, n_repeats=2, random_state=seed),
]
INDEX_SAMPLERS = [
    lambda seed: RandomOverSampler(random_state=seed),
    lambda seed: RandomUnderSampler(random_state=seed),
    # 0.95 is reachable in every generated fold: with at most 1/3 positives, an
    # unstratified 70 % training fold has at most 0.91 positives per negative.
    lambda seed: RandomOverSampler(sampling_strategy=0.95, random_state=seed),
    lambda seed: TomekLinks(),
    lambda seed: EditedNearestNeighbours(n_neighbors=2),
]


def _data(n=120, weights=(0.85,), seed=0, n_classes=2):
    return imbalanced(
        n,
        4,
        weights=weights,
        seed=seed,
        n_informative=3,
        n_redundant=0,
        n_classes=n_classes,
        flip_y=0,
    )


@st.composite
def problems(draw):
    seed = draw(st.integers(0, 10_000))
    rng = np.random.default_rng(seed)
    n = draw(st.integers(40, 120))
    n_pos = draw(st.integers(8, n // 3))
    y = np.zeros(n, dtype=int)
    y[rng.choice(n, n_pos, replace=False)] = 1
    # Integer-valued features with ties, so equal rows occur.
    X = rng.integers(0, 4, size=(n, 3)).astype(float)
    splitter = draw(st.sampled_from(SPLITTERS))(seed)
    sampler = draw(st.sampled_from(INDEX_SAMPLERS))(seed)
    return X, y, splitter, sampler


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_promise_test_folds_untouched_training_from_own_rows(problem):
    X, y = problem[0], problem[1]
    splitter, sampler = problem[2], problem[3]
    X_before, y_before = X.copy(), y.copy()
    cv = ResampledCV(sampler, cv=splitter)

    inner = list(splitter.split(X, y))
    outer = list(cv.split(X, y))

    assert len(outer) == len(inner) == cv.get_n_splits(X, y)
    for (train, test), (inner_train, inner_test) in zip(outer, inner, strict=True):
        np.testing.assert_array_equal(test, inner_test)  # untouched, same order
        assert np.isin(train, inner_train).all()  # only the fold's own rows
        assert not np.isin(train, test).any()  # disjoint from the test fold
        # exactly what the sampler gives when fitted on the training fold alone
        rows = pick_rows(sampler, y[inner_train], features=X[inner_train], where="")
        np.testing.assert_array_equal(train, inner_train[rows])
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)
    # deterministic with a fixed random_state
    again = list(ResampledCV(sampler, cv=splitter).split(X, y))
    for (a, _), (b, _) in zip(outer, again, strict=True):
        np.testing.assert_array_equal(a, b)


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    strategy=st.sampled_from(["auto", "minority", "all", 0.6]),
    over=st.booleans(),
)
def test_y_only_samplers_skip_x_and_select_the_same_rows(seed, strategy, over):
    X, y = _data(seed=seed % 50)
    if over:
        sampler = RandomOverSampler(sampling_strategy=strategy, random_state=seed)
    else:
        if strategy == "minority":
            strategy = "majority"
        sampler = RandomUnderSampler(sampling_strategy=strategy, random_state=seed)
    materialized = sampler.fit_resample(X, y)
    # X=None proves the fast path never reads X
    rows = pick_rows(sampler, y, where="")
    np.testing.assert_array_equal(rows, sampler.sample_indices_)
    np.testing.assert_array_equal(X[rows], materialized[0])


@pytest.mark.parametrize(
    "sampler", [RandomOverSampler(random_state=1), NearMiss(), TomekLinks()]
)
def test_scores_equal_imblearn_pipeline_on_same_folds(sampler):
    X, y = _data(n=200, seed=3)
    splitter = StratifiedKFold(4, shuffle=True, random_state=0)
    ours = cross_validate(
        LogisticRegression(),
        X,
        y,
        cv=ResampledCV(sampler, cv=splitter),
        scoring=["f1", "roc_auc", "average_precision"],
    )
    theirs = cross_validate(
        make_pipeline(sampler, LogisticRegression()),
        X,
        y,
        cv=splitter,
        scoring=["f1", "roc_auc", "average_precision"],
    )
    for key in ("test_f1", "test_roc_auc", "test_average_precision"):
        np.testing.assert_allclose(ours[key], theirs[key])


@pytest.mark.parametrize(
    ("sampler", "hint"),
    [
        (SMOTE(), "synthesizes new rows"),
        (ADASYN(), "synthesizes new rows"),
        (SMOTEENN(), "synthesizes new rows"),
        (ClusterCentroids(), "synthesizes new rows"),
        (RandomOverSampler(shrinkage=0.5), "perturbs the rows"),
    ],
)
def test_row_creating_samplers_point_to_resampled_classifier(sampler, hint):
    X, y = _data()
    with pytest.raises(SamplerNotIndexableError, match=hint) as info:
        next(ResampledCV(sampler).split(X, y))
    assert "ResampledClassifier" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_unknown_sampler_returning_altered_rows_is_caught():
    class Jitter(RandomUnderSampler):
        def _fit_resample(self, X, y):
            X_res, y_res = super()._fit_resample(X, y)
            return X_res + 1e-9, y_res

    X, y = _data()
    with pytest.raises(SamplerNotIndexableError, match="differ from the input rows"):
        next(ResampledCV(Jitter(random_state=0)).split(X, y))


def test_groups_reach_the_inner_splitter():
    X, y = _data(n=160)
    groups = np.repeat(np.arange(16), 10)
    for splitter in (GroupKFold(4), StratifiedGroupKFold(4)):
        cv = ResampledCV(RandomOverSampler(random_state=0), cv=splitter)
        for train, test in cv.split(X, y, groups):
            assert set(groups[train]).isdisjoint(groups[test])


def test_passthrough_is_the_inner_splitter():
    X, y = _data()
    for sampler in (None, "passthrough"):
        ours = list(ResampledCV(sampler, cv=3).split(X, y))
        theirs = list(StratifiedKFold(3).split(X, y))
        for (a, b), (c, d) in zip(ours, theirs, strict=True):
            np.testing.assert_array_equal(a, c)
            np.testing.assert_array_equal(b, d)


def test_int_cv_is_stratified_and_iterables_work():
    X, y = _data()
    cv = ResampledCV(RandomUnderSampler(random_state=0), cv=3)
    for (_, test), (_, ref) in zip(
        cv.split(X, y), StratifiedKFold(3).split(X, y), strict=True
    ):
        np.testing.assert_array_equal(test, ref)
    folds = list(KFold(3).split(X))
    cv = ResampledCV(RandomUnderSampler(random_state=0), cv=folds)
    assert cv.get_n_splits() == 3
    assert [t.tolist() for _, t in cv.split(X, y)] == [t.tolist() for _, t in folds]


def test_works_with_sklearn_model_selection_tools():
    X, y = _data(n=240)
    cv = ResampledCV(RandomOverSampler(random_state=0), cv=3)
    proba = cross_val_predict(LogisticRegression(), X, y, cv=cv, method="predict_proba")
    assert proba.shape == (240, 2)  # one prediction per original row
    grid = GridSearchCV(LogisticRegression(), {"C": [0.1, 1.0]}, cv=cv, scoring="f1")
    grid.fit(X, y)
    assert len(grid.cv_results_["mean_test_score"]) == 2
    search = RandomizedSearchCV(
        LogisticRegression(), {"C": [0.01, 0.1, 1.0]}, n_iter=2, cv=cv, random_state=0
    )
    assert search.fit(X, y).best_params_["C"] in (0.01, 0.1, 1.0)
    sizes, train_scores, _ = learning_curve(
        GaussianNB(), X, y, cv=cv, train_sizes=[0.5, 1.0]
    )
    assert train_scores.shape == (2, 3)


def test_pandas_and_sparse_inputs():
    X, y = _data()
    frame = pd.DataFrame(X, columns=list("abcd"), index=np.arange(1000, 1120))
    series = pd.Series(y, index=frame.index)
    for sampler in (RandomOverSampler(random_state=0), NearMiss()):
        ref = list(ResampledCV(sampler, cv=3).split(X, y))
        got = list(ResampledCV(sampler, cv=3).split(frame, series))
        spr = list(ResampledCV(sampler, cv=3).split(sparse.csr_matrix(X), y))
        for (a, _), (b, _), (c, _) in zip(ref, got, spr, strict=True):
            np.testing.assert_array_equal(a, b)
            np.testing.assert_array_equal(a, c)


def test_picklable_with_readable_repr():
    cv = ResampledCV(RandomOverSampler(random_state=0), cv=StratifiedKFold(3))
    assert repr(cv) == (
        "ResampledCV(sampler=RandomOverSampler(random_state=0), "
        "cv=StratifiedKFold(n_splits=3, random_state=None, shuffle=False))"
    )
    X, y = _data()
    copy = pickle.loads(pickle.dumps(cv))
    for (a, _), (b, _) in zip(cv.split(X, y), copy.split(X, y), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    ("y", "match"),
    [
        (np.zeros(120), "only one class"),
        (np.r_[np.zeros(100), np.ones(19), np.nan], "missing label"),
        (None, "requires y to be passed"),
        (np.r_[np.zeros(100), np.ones(19)], "inconsistent numbers of samples"),
        (np.linspace(0, 1, 120), "continuous"),
    ],
)
def test_bad_targets_are_named(y, match):
    X, _ = _data()
    with pytest.raises(ValueError, match=match):
        next(ResampledCV(RandomOverSampler()).split(X, y))


def test_bad_sampler_is_named():
    X, y = _data()
    with pytest.raises(TypeError, match="'sampler' parameter of ResampledCV"):
        next(ResampledCV(LogisticRegression()).split(X, y))


def test_too_small_class_for_neighbours_names_class_count_and_fix():
    X, y = _data(n=100, weights=(0.95,))
    cv = ResampledCV(NearMiss(n_neighbors=3), cv=KFold(2))
    y = y.copy()
    y[:] = 0
    y[:5] = 1  # all positives in the first half: fold 1 trains on none of them
    with pytest.raises(ValueError, match=r"training fold 1 of 2.*class counts"):
        list(cv.split(X, y))
