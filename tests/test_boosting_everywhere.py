"""Early stopping is part of every fit that stops early, resampled or not (#35).

A spy subclass of each library records every ``fit`` it receives: in
``compare_remedies`` and ``compare_resampling``, every remedy and both
protocols in every fold early-stop on rows they were not fitted on, with the
same ``eval_fraction`` of the rows each fit is given.
"""

import math

import numpy as np
import pandas as pd
import pytest
from imblearn.over_sampling import SMOTE, RandomOverSampler
from sklearn.datasets import make_classification
from sklearn.model_selection import GridSearchCV, StratifiedKFold

from imbsafe import ResampledClassifier, compare_remedies, compare_resampling
from imbsafe._fit._boosting import EVAL_FRACTION, best_rounds

ROUNDS = 60


def spy(library, calls):
    """A subclass of the library's classifier that records what fit receives."""
    if library == "xgboost":
        xgboost = pytest.importorskip("xgboost", reason="the [boost] extra")
        base = xgboost.XGBClassifier
        params = {"early_stopping_rounds": 5, "n_jobs": 1, "max_depth": 3}
        params["random_state"] = 0
    elif library == "lightgbm":
        lightgbm = pytest.importorskip("lightgbm", reason="the [boost] extra")
        base = lightgbm.LGBMClassifier
        params = {"early_stopping_round": 5, "n_jobs": 1, "verbose": -1}
        params["random_state"] = 0
    else:
        catboost = pytest.importorskip("catboost", reason="the [boost] extra")
        base = catboost.CatBoostClassifier
        params = {
            "early_stopping_rounds": 5,
            "thread_count": 1,
            "verbose": 0,
            "allow_writing_files": False,
            "random_seed": 0,
        }

    class Spy(base):
        def fit(self, X, y=None, **kwargs):
            calls.append((np.asarray(X), np.asarray(y), kwargs))
            return super().fit(X, y, **kwargs)

    rounds = "iterations" if library == "catboost" else "n_estimators"
    return Spy(**{rounds: ROUNDS}, **params)


LIBRARIES = ["xgboost", "lightgbm", "catboost"]


def eval_part(kwargs):
    """The evaluation set a library was handed, as (X, y); None without one."""
    if "eval_X" in kwargs:  # LightGBM 4.7
        return np.asarray(kwargs["eval_X"][0]), np.asarray(kwargs["eval_y"][0])
    eval_set = kwargs.get("eval_set")
    if eval_set is None:
        return None
    if hasattr(eval_set, "get_label"):  # a CatBoost Pool
        return None, np.asarray(eval_set.get_label())
    X_val, y_val = eval_set[0] if isinstance(eval_set, list) else eval_set
    return np.asarray(X_val), np.asarray(y_val)


def rows(X):
    return {tuple(row) for row in np.round(X, 12)}


def parts_of(n_train_sizes):
    """The evaluation part's size for each number of rows a fit may be given."""
    return {math.ceil(EVAL_FRACTION * n) for n in n_train_sizes}


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        240, 5, n_informative=3, weights=[0.8], flip_y=0.02, random_state=3
    )
    return X, y


def check_calls(calls, X_known=None):
    """Every fit had an evaluation set, none of whose rows it was fitted on."""
    assert calls
    sizes = []
    for X_fit, _, kwargs in calls:
        part = eval_part(kwargs)
        assert part is not None, "a fit without an evaluation set"
        X_val, y_val = part
        assert not rows(X_val) & rows(X_fit)
        assert len(rows(X_val)) == len(X_val)
        if X_known is not None:
            assert rows(X_val) <= X_known
        sizes.append(len(y_val))
    return sizes


@pytest.mark.parametrize("library", LIBRARIES)
def test_every_remedy_in_every_fold_early_stops_on_rows_it_did_not_fit(library, data):
    X, y = data
    calls = []
    remedies = ["none", "class_weight", "ros", "rus", "smote", "threshold"]
    result = compare_remedies(
        spy(library, calls), X, y, remedies=remedies, cv=3, random_state=0
    )
    assert not result.failures
    sizes = check_calls(calls, rows(X))
    # the same eval_fraction of the rows each fit is given: a training fold,
    # or (for the threshold's inner folds) a fifth less of one
    outer = [len(train) for train, _ in StratifiedKFold(3).split(X, y)]
    inner = [
        len(inner_train)
        for train, _ in StratifiedKFold(3).split(X, y)
        for inner_train, _ in StratifiedKFold(5).split(X[train], y[train])
    ]
    assert set(sizes) <= parts_of(outer + inner)
    # per fold: class_weight, ros, rus, smote, and the threshold's five inner
    # fits and refit (which "none" shares)
    assert len(calls) == 3 * (4 + 6)


@pytest.mark.parametrize("library", LIBRARIES)
def test_both_protocols_early_stop_on_rows_they_did_not_fit(library, data):
    X, y = data
    calls = []
    compare_resampling(spy(library, calls), SMOTE(random_state=0), X, y, cv=3)
    sizes = check_calls(calls)
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    naive = [len(t) for t, _ in StratifiedKFold(3).split(X_res, y_res)]
    safe = [len(t) for t, _ in StratifiedKFold(3).split(X, y)]
    assert len(calls) == 6
    # the naive protocol carves its part from its resampled training fold,
    # the safe protocol from the original one, both with eval_fraction
    given = [
        len(X_fit) + size for (X_fit, _, _), size in zip(calls, sizes, strict=True)
    ]
    assert given[:3] == naive
    assert sizes == [math.ceil(EVAL_FRACTION * n) for n in naive + safe]
    # the safe part is untouched original rows
    for _, _, kwargs in calls[3:]:
        assert rows(eval_part(kwargs)[0]) <= rows(X)


@pytest.mark.parametrize("library", ["xgboost", "lightgbm", "catboost"])
@pytest.mark.parametrize("sampler", ["passthrough", None])
def test_no_resampling_early_stops_on_an_untouched_part(library, sampler, data):
    X, y = data
    calls = []
    clf = ResampledClassifier(spy(library, calls), sampler).fit(X, y)
    sizes = check_calls(calls, rows(X))
    assert sizes == [math.ceil(EVAL_FRACTION * len(y))]
    assert best_rounds(clf.estimator_) is not None


@pytest.mark.parametrize("library", ["xgboost", "lightgbm"])
def test_a_grid_search_scores_passthrough_against_a_sampler(library, data):
    X, y = data
    search = GridSearchCV(
        ResampledClassifier(spy(library, []), SMOTE(random_state=0)),
        {"sampler": [SMOTE(random_state=0), "passthrough"]},
        cv=3,
        scoring="average_precision",
    ).fit(X, y)
    assert np.isfinite(search.cv_results_["mean_test_score"]).all()


@pytest.mark.parametrize(
    "labels",
    [["no", "yes"], ["a", "b", "c"], [3, 7]],
    ids=["strings", "three strings", "numbers not 0 and 1"],
)
def test_lightgbm_early_stops_on_labels_it_encodes_itself(labels):
    X, y = make_classification(
        300, 5, n_informative=3, n_classes=len(labels), random_state=0
    )
    named = np.asarray(labels)[y]
    calls = []
    clf = ResampledClassifier(spy("lightgbm", calls), RandomOverSampler(random_state=0))
    clf.fit(X, named)
    assert list(clf.classes_) == sorted(labels)
    # the same fit on the codes LightGBM gives the labels, by hand
    coded = []
    by_hand = ResampledClassifier(
        spy("lightgbm", coded), RandomOverSampler(random_state=0)
    ).fit(X, y)
    assert best_rounds(clf.estimator_) == best_rounds(by_hand.estimator_)
    np.testing.assert_allclose(clf.predict_proba(X), by_hand.predict_proba(X))


def test_lightgbm_refuses_reordered_columns(data):
    X, y = data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    clf = ResampledClassifier(spy("lightgbm", []), SMOTE(random_state=0))
    clf.fit(frame, y)
    clf.predict_proba(frame)
    with pytest.raises(ValueError, match="feature names"):
        clf.predict_proba(frame[frame.columns[::-1]])
    with pytest.raises(ValueError, match="feature names"):
        clf.predict(frame[frame.columns[::-1]])


@pytest.mark.parametrize("library", LIBRARIES)
def test_an_eval_fraction_that_leaves_no_row_names_eval_fraction(library, data):
    X, y = data
    clf = ResampledClassifier(spy(library, []), SMOTE(), eval_fraction=0.999)
    with pytest.raises(ValueError, match=r"eval_fraction=0\.999 leaves no row"):
        clf.fit(X, y)


def test_catboost_multiclass_predict_is_one_label_per_row():
    X, y = make_classification(200, 5, n_informative=3, n_classes=3, random_state=0)
    clf = ResampledClassifier(spy("catboost", []), RandomOverSampler(random_state=0))
    predicted = clf.fit(X, y).predict(X)
    assert predicted.shape == (len(y),)
    assert set(predicted) <= set(clf.classes_)


def test_no_resampling_shifts_no_prior_although_a_part_is_split_off(data):
    X, y = data
    plain = ResampledClassifier(spy("xgboost", []), "passthrough").fit(X, y)
    corrected = ResampledClassifier(
        spy("xgboost", []), "passthrough", prior_correction=True
    ).fit(X, y)
    assert corrected.resampled_counts_ == corrected.original_counts_
    np.testing.assert_allclose(
        corrected.predict_proba(X), plain.predict_proba(X), atol=1e-6
    )


@pytest.mark.parametrize("library", LIBRARIES)
def test_an_estimator_remedy_that_stops_early_gets_its_part_too(library, data):
    X, y = data
    calls = []
    weighted = spy(library, calls).set_params(scale_pos_weight=4.0)
    result = compare_remedies(
        spy(library, calls), X, y, remedies={"weighted": weighted}, cv=3
    )
    assert not result.failures
    assert check_calls(calls, rows(X))
    assert len(calls) == 2 * 3
