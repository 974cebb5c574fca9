import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from _data import imbalanced
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.combine import SMOTEENN
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.pipeline import make_pipeline as make_imb_pipeline
from imblearn.under_sampling import ClusterCentroids, RandomUnderSampler
from sklearn.base import clone
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    FixedThresholdClassifier,
    GridSearchCV,
    StratifiedKFold,
    cross_validate,
)
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC
from sklearn.utils.estimator_checks import parametrize_with_checks

from imbsafe import ResampledClassifier

WEIGHT_EQUIVALENCE = (
    "resampling depends on row counts: a row with weight 2 changes how many copies "
    "or neighbours its class gets differently from two identical rows, so weights "
    "are not equivalent to repetition by design"
)


def _expected_failures(estimator):
    if estimator.sampler is None:
        return {}  # no resampling: weights are repetition, and the check passes
    return {
        "check_sample_weight_equivalence_on_dense_data": WEIGHT_EQUIVALENCE,
        "check_sample_weight_equivalence_on_sparse_data": WEIGHT_EQUIVALENCE,
    }


@parametrize_with_checks(
    [
        ResampledClassifier(LogisticRegression(), RandomOverSampler(random_state=0)),
        ResampledClassifier(LogisticRegression(), SMOTE(k_neighbors=2, random_state=0)),
        ResampledClassifier(
            LogisticRegression(),
            RandomUnderSampler(random_state=0),
            prior_correction=True,
        ),
        ResampledClassifier(LogisticRegression(), None),
        # early stopping on a validation part split off before resampling
        ResampledClassifier(
            HistGradientBoostingClassifier(
                early_stopping=True, max_iter=10, random_state=0
            ),
            RandomOverSampler(random_state=0),
        ),
    ],
    expected_failed_checks=_expected_failures,
)
# check_array_api_input skips itself in this process: it needs SCIPY_ARRAY_API=1
# set before scipy is imported, which would change scipy for every other test.
# test_array_api_check_passes_in_its_own_process runs it for real.
# sklearn's own check machinery warns when it skips its array-API check and
# when one check casts NaN to int; neither concerns the estimator under test.
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.SkipTestWarning")
@pytest.mark.filterwarnings("ignore:invalid value encountered in cast:RuntimeWarning")
def test_sklearn_compatible(estimator, check):
    check(estimator)


def test_array_api_check_passes_in_its_own_process():
    code = (
        "from imblearn.over_sampling import RandomOverSampler\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.utils.estimator_checks import check_array_api_input\n"
        "from imbsafe import ResampledClassifier\n"
        "check_array_api_input('ResampledClassifier', ResampledClassifier("
        "LogisticRegression(), RandomOverSampler(random_state=0)), 'numpy', "
        "expect_only_array_outputs=False)\n"
        "print('ok')\n"
    )
    env = {**os.environ, "SCIPY_ARRAY_API": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def _data(n=300, weights=(0.9,), seed=0):
    return imbalanced(n, 5, weights=weights, seed=seed)


@pytest.mark.parametrize(
    "sampler",
    [
        RandomOverSampler(random_state=0),
        SMOTE(random_state=0),
        RandomUnderSampler(random_state=0),
    ],
)
def test_equals_imblearn_pipeline_on_same_folds(sampler):
    X, y = _data()
    cv = StratifiedKFold(4, shuffle=True, random_state=0)
    scoring = ["f1", "roc_auc", "average_precision"]
    ours = cross_validate(
        ResampledClassifier(LogisticRegression(), sampler), X, y, cv=cv, scoring=scoring
    )
    theirs = cross_validate(
        make_imb_pipeline(sampler, LogisticRegression()), X, y, cv=cv, scoring=scoring
    )
    for key in scoring:
        np.testing.assert_allclose(ours[f"test_{key}"], theirs[f"test_{key}"])


def test_prediction_never_resamples():
    X, y = _data()

    class CountingSampler(RandomOverSampler):
        calls = 0

        def fit_resample(self, X, y):
            type(self).calls += 1
            return super().fit_resample(X, y)

    clf = ResampledClassifier(LogisticRegression(), CountingSampler(random_state=0))
    clf.fit(X, y)
    calls = CountingSampler.calls
    assert calls == 1
    for method in ("predict", "predict_proba", "decision_function", "score"):
        args = (X, y) if method == "score" else (X,)
        out = getattr(clf, method)(*args)
        if method != "score":
            assert len(out) == len(X)  # one answer per original row
    assert CountingSampler.calls == calls


def test_fitted_attributes_and_counts():
    X, y = _data()
    clf = ResampledClassifier(GaussianNB(), RandomUnderSampler(random_state=0))
    clf.fit(X, y)
    n_pos = int((y == 1).sum())
    assert clf.original_counts_ == {0: int((y == 0).sum()), 1: n_pos}
    assert clf.resampled_counts_ == {0: n_pos, 1: n_pos}
    assert clf.n_features_in_ == 5
    np.testing.assert_array_equal(clf.classes_, [0, 1])
    assert clf.sampler_ is not clf.sampler and clf.estimator_ is not clf.estimator


def test_pandas_feature_names_are_kept_and_inputs_not_mutated():
    X, y = _data()
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(5)])
    labels = pd.Series(np.where(y == 1, "fraud", "ok"), name="label")
    before_X, before_y = frame.copy(), labels.copy()
    clf = ResampledClassifier(LogisticRegression(), SMOTE(random_state=0))
    clf.fit(frame, labels)
    pd.testing.assert_frame_equal(frame, before_X)
    pd.testing.assert_series_equal(labels, before_y)
    np.testing.assert_array_equal(clf.feature_names_in_, frame.columns)
    np.testing.assert_array_equal(clf.classes_, ["fraud", "ok"])
    assert set(clf.predict(frame)) <= {"fraud", "ok"}
    with pytest.warns(UserWarning, match="feature names"):
        clf.predict(X)


def test_plain_sklearn_pipeline_and_grid_search_over_both():
    X, y = _data(n=240)
    pipe = make_pipeline(
        StandardScaler(),
        ResampledClassifier(LogisticRegression(), SMOTE(random_state=0)),
    )
    grid = GridSearchCV(
        pipe,
        {
            "resampledclassifier__sampler__k_neighbors": [3, 5],
            "resampledclassifier__estimator__C": [0.1, 1.0],
        },
        cv=3,
        scoring="average_precision",
    )
    grid.fit(X, y)
    assert len(grid.cv_results_["params"]) == 4
    best = grid.best_estimator_[-1]
    assert best.sampler_.k_neighbors in (3, 5)
    assert best.estimator_.C in (0.1, 1.0)
    grid = GridSearchCV(
        ResampledClassifier(LogisticRegression(), None),
        {"sampler": [None, RandomOverSampler(random_state=0), SMOTE(random_state=0)]},
        cv=3,
    )
    assert len(grid.fit(X, y).cv_results_["params"]) == 3


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 1000), weight=st.floats(0.6, 0.95))
def test_prior_correction_calibrates_and_keeps_ranking(seed, weight):
    X, y = _data(n=200, weights=(weight,), seed=seed)
    plain = ResampledClassifier(LogisticRegression(), RandomOverSampler(random_state=0))
    corrected = clone(plain).set_params(prior_correction=True)
    p_plain = plain.fit(X, y).predict_proba(X)
    p_corr = corrected.fit(X, y).predict_proba(X)
    np.testing.assert_allclose(p_corr.sum(axis=1), 1.0)
    # ranking unchanged: the correction is monotone in the plain probability
    order = np.argsort(p_plain[:, 1], kind="stable")
    assert np.all(np.diff(p_corr[order, 1]) >= -1e-12)
    # Bayes prior shift: odds scale by (pi1/pi0) / (pi1_res/pi0_res)
    pi1 = y.mean()
    expected_odds = p_plain[:, 1] / p_plain[:, 0] * pi1 / (1 - pi1)
    np.testing.assert_allclose(p_corr[:, 1] / p_corr[:, 0], expected_odds, rtol=1e-9)
    # predict and decision_function agree with the corrected probabilities
    np.testing.assert_array_equal(
        corrected.predict(X), corrected.classes_[p_corr.argmax(axis=1)]
    )
    np.testing.assert_array_equal(
        corrected.decision_function(X) > 0, p_corr[:, 1] > 0.5
    )


def test_prior_correction_brings_mean_probability_to_base_rate():
    X, y = _data(n=2000, weights=(0.95,), seed=1)
    clf = ResampledClassifier(
        LogisticRegression(), RandomOverSampler(random_state=0), prior_correction=True
    ).fit(X, y)
    plain = clone(clf).set_params(prior_correction=False).fit(X, y)
    base_rate = y.mean()
    assert abs(clf.predict_proba(X)[:, 1].mean() - base_rate) < 0.02
    assert plain.predict_proba(X)[:, 1].mean() > base_rate + 0.1


def test_threshold_classifier_keeps_a_resampling_shifted_rule():
    X, y = _data(n=600, weights=(0.9,))
    corrected = ResampledClassifier(
        LogisticRegression(), RandomOverSampler(random_state=0), prior_correction=True
    )
    pi1 = y.mean()
    # the plain model's 0.5 rule is the corrected model's pi1 threshold
    shifted = FixedThresholdClassifier(
        corrected, threshold=pi1, response_method="predict_proba"
    ).fit(X, y)
    plain = ResampledClassifier(
        LogisticRegression(), RandomOverSampler(random_state=0)
    ).fit(X, y)
    agree = (shifted.predict(X) == plain.predict(X)).mean()
    assert agree > 0.99


def test_prior_correction_needs_predict_proba():
    X, y = _data()
    with pytest.raises(ValueError, match="no predict_proba"):
        ResampledClassifier(
            LinearSVC(), RandomOverSampler(), prior_correction=True
        ).fit(X, y)


def test_sample_weight_follows_index_samplers():
    X, y = _data()
    rng = np.random.default_rng(0)
    w = rng.uniform(0.5, 2.0, size=len(y))

    class Spy(GaussianNB):
        def fit(self, X, y, sample_weight=None):
            self.seen_weight_ = sample_weight
            return super().fit(X, y, sample_weight=sample_weight)

    for sampler in (RandomOverSampler(random_state=0), RandomUnderSampler()):
        clf = ResampledClassifier(Spy(), sampler).fit(X, y, sample_weight=w)
        np.testing.assert_array_equal(
            clf.estimator_.seen_weight_, w[clf.sampler_.sample_indices_]
        )


@pytest.mark.parametrize(
    "sampler",
    [SMOTE(random_state=0), SMOTEENN(random_state=0), ClusterCentroids(random_state=0)],
)
def test_sample_weight_policy_for_row_creating_samplers(sampler):
    X, y = _data()
    rng = np.random.default_rng(1)
    w = rng.uniform(0.5, 2.0, size=len(y))

    class Spy(GaussianNB):
        def fit(self, X, y, sample_weight=None):
            self.seen = (np.array(X), np.array(y), sample_weight)
            return super().fit(X, y, sample_weight=sample_weight)

    clf = ResampledClassifier(Spy(), sampler).fit(X, y, sample_weight=w)
    X_res, y_res, w_res = clf.estimator_.seen
    assert w_res.shape == y_res.shape
    original = {
        (label, row.tobytes()): wi for row, label, wi in zip(X, y, w, strict=True)
    }
    kept = created = 0
    for row, label, wi in zip(X_res, y_res, w_res, strict=True):
        key = (label, row.tobytes())
        if key in original:
            kept += 1
            assert wi == original[key]  # an input row keeps its weight
        else:
            created += 1
            assert wi == pytest.approx(w[y == label].mean())  # class mean
    assert kept > 0 and created > 0


def test_sample_weight_needs_an_estimator_that_takes_it():
    X, y = _data()

    class NoWeights(LogisticRegression):
        def fit(self, X, y):
            return super().fit(X, y)

    with pytest.raises(ValueError, match="does not accept sample_weight"):
        ResampledClassifier(NoWeights(), RandomOverSampler()).fit(
            X, y, sample_weight=np.ones(len(y))
        )


def test_too_small_minority_for_smote_names_class_count_and_fix():
    X, y = _data(n=100, weights=(0.97,))
    y = y.copy()
    y[:] = 0
    y[:3] = 1
    with pytest.raises(ValueError) as info:
        ResampledClassifier(LogisticRegression(), SMOTE(k_neighbors=5)).fit(X, y)
    msg = str(info.value)
    assert "class 1 has 3 row(s)" in msg
    assert "SMOTE(k_neighbors=5) needs at least 6" in msg
    assert "lower k_neighbors" in msg and "RandomOverSampler" in msg


@pytest.mark.parametrize(
    ("X", "y", "match"),
    [
        (np.zeros((10, 2)), np.ones(10), "only one class"),
        (np.zeros((10, 2)), np.r_[np.zeros(5), np.ones(4), np.nan], "missing label"),
        (np.zeros((10, 2)), np.r_[np.zeros(5), np.ones(4)], "inconsistent numbers"),
        (np.zeros((10, 2)), np.array([0, 1, None, 0, 1, 0, 1, 0, 1, 0]), "missing"),
    ],
)
def test_bad_input_errors(X, y, match):
    with pytest.raises(ValueError, match=match):
        ResampledClassifier(LogisticRegression(), RandomOverSampler()).fit(X, y)


def test_random_forest_has_no_decision_function():
    clf = ResampledClassifier(RandomForestClassifier(n_estimators=5), None)
    assert not hasattr(clf, "decision_function")
    assert hasattr(clf, "predict_proba")


def test_a_default_stacking_classifier_is_taken_with_a_warning():
    # its predict appears once fit makes the default final_estimator
    from sklearn.ensemble import StackingClassifier

    from imbsafe import LeakageWarning

    X, y = _data()
    stack = StackingClassifier(
        [("nb", GaussianNB()), ("lr", LogisticRegression())], cv=3
    )
    with pytest.warns(LeakageWarning, match="StackingClassifier runs its own"):
        clf = ResampledClassifier(stack, RandomOverSampler(random_state=0)).fit(X, y)
    assert clf.predict(X).shape == y.shape
    assert clf.predict_proba(X).shape == (len(y), 2)


def test_an_estimator_without_predict_is_refused_in_one_line():
    with pytest.raises(ValueError, match="give ResampledClassifier a classifier"):
        ResampledClassifier(StandardScaler(), RandomOverSampler()).fit(*_data())


class _WeightSpy(GaussianNB):
    def fit(self, X, y, sample_weight=None):
        self.seen = (np.array(X), np.array(y), sample_weight)
        return super().fit(X, y, sample_weight=sample_weight)


@pytest.mark.parametrize("how", ["sample_weight", "spy__sample_weight"])
def test_a_pipelines_weights_follow_the_rows(how):
    from sklearn.pipeline import Pipeline

    X, y = _data()
    w = np.random.default_rng(0).uniform(0.5, 2.0, size=len(y))
    pipe = Pipeline([("scale", StandardScaler()), ("spy", _WeightSpy())])
    sampler = RandomOverSampler(random_state=0)
    clf = ResampledClassifier(pipe, sampler).fit(
        X, y, **{how: w}, scale__sample_weight=w
    )
    rows = clf.sampler_.sample_indices_
    np.testing.assert_array_equal(clf.estimator_[-1].seen[2], w[rows])
    # the scaler, in front of the sampler's output, weighs the same rows
    np.testing.assert_allclose(
        clf.estimator_[0].mean_, np.average(X[rows], axis=0, weights=w[rows])
    )
    with pytest.raises(ValueError, match="pass one of them"):
        ResampledClassifier(pipe, sampler).fit(
            X, y, sample_weight=w, spy__sample_weight=w
        )


def test_a_pipelines_weights_follow_the_rows_into_early_stopping():
    from sklearn.pipeline import Pipeline

    from imbsafe._fit._own_validation import EarlyStopping, validation_rows

    X, y = _data(800)
    w = np.random.default_rng(1).uniform(0.5, 2.0, size=len(y))
    hgb = HistGradientBoostingClassifier(
        early_stopping=True, n_iter_no_change=3, random_state=0
    )
    pipe = Pipeline([("scale", StandardScaler()), ("hgb", hgb)])
    sampler = RandomOverSampler(random_state=0)
    clf = ResampledClassifier(pipe, sampler).fit(X, y, hgb__sample_weight=w)
    # by hand: split first, resample the fit part, weights with their rows
    fit, valid = validation_rows(hgb, EarlyStopping(True, 0.1, ""), y)
    sampler.fit_resample(X[fit], y[fit])
    rows = fit[sampler.sample_indices_]
    scale = StandardScaler().fit(X[rows])
    by_hand = clone(hgb).fit(
        scale.transform(X[rows]),
        y[rows],
        sample_weight=w[rows],
        X_val=scale.transform(X[valid]),
        y_val=y[valid],
        sample_weight_val=w[valid],
    )
    np.testing.assert_allclose(
        clf.estimator_[-1].validation_score_, by_hand.validation_score_, rtol=1e-12
    )


def test_a_pipelines_weights_follow_rows_made_after_its_steps():
    # text column: SMOTE sits after the pipeline's steps, in front of its last
    from sklearn.compose import make_column_transformer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    X, y = _data()
    frame = pd.DataFrame(X, columns=list("abcde"))
    frame["kind"] = np.where(X[:, 0] > 0, "p", "q")
    w = np.random.default_rng(2).uniform(0.5, 2.0, size=len(y))
    prep = make_column_transformer(
        (OneHotEncoder(), ["kind"]), remainder=StandardScaler()
    )
    pipe = Pipeline([("prep", prep), ("spy", _WeightSpy())])
    clf = ResampledClassifier(pipe, SMOTE(random_state=0)).fit(
        frame, y, spy__sample_weight=w
    )
    _, y_res, w_res = clf.estimator_[-1].seen
    np.testing.assert_array_equal(w_res[: len(y)], w)  # the input rows, in order
    created = w_res[len(y) :]
    assert created.shape[0] > 0
    np.testing.assert_allclose(created, w[y == 1].mean())  # SMOTE grew class 1


@pytest.mark.parametrize("have", [1, 2])
def test_smote_on_a_class_of_one_row_is_not_told_to_lower_k(have):
    X, y = _data(n=60)
    y = np.zeros_like(y)
    y[:have] = 1
    with pytest.raises(ValueError) as info:
        ResampledClassifier(LogisticRegression(), SMOTE()).fit(X, y)
    msg = str(info.value)
    assert f"class 1 has {have} row(s)" in msg and "RandomOverSampler" in msg
    assert ("lower k_neighbors to 1 or less" in msg) == (have == 2)
    assert "or less" in msg if have == 2 else "lower" not in msg
