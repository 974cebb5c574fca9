"""The estimator's own validation (early stopping, out-of-bag, internal CV)."""

import warnings

import numpy as np
import pandas as pd
import pytest
from _data import imbalanced
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.pipeline import make_pipeline as make_imb_pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import make_column_transformer
from sklearn.datasets import make_classification
from sklearn.ensemble import (
    BaggingClassifier,
    GradientBoostingClassifier,
    HistGradientBoostingClassifier,
    RandomForestClassifier,
)
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV, SGDClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import GridSearchCV
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from imbsafe import LeakageWarning, ResampledClassifier, audit_estimator
from imbsafe._fit._own_validation import EarlyStopping, validation_rows


class EarlyStoppingSpy(ClassifierMixin, BaseEstimator):
    """Records what fit receives; stops early on X_val like HistGradientBoosting."""

    def __init__(self, early_stopping=True, validation_fraction=0.2, random_state=0):
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.random_state = random_state

    def fit(self, X, y, X_val=None, y_val=None):
        self.X_, self.y_ = np.asarray(X), np.asarray(y)
        self.X_val_ = None if X_val is None else np.asarray(X_val)
        self.y_val_ = None if y_val is None else np.asarray(y_val)
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


def data(n=2000, seed=0):
    return imbalanced(n, 6, weights=(0.9,), seed=seed, n_informative=4, flip_y=0.02)


def row_set(X):
    return {tuple(row) for row in np.round(X, 12)}


@pytest.mark.parametrize(
    "sampler", [RandomOverSampler(random_state=0), SMOTE(random_state=0)]
)
def test_early_stopping_sees_untouched_rows_of_the_training_data(sampler):
    X, y = data()
    clf = ResampledClassifier(EarlyStoppingSpy(), sampler).fit(X, y)
    spy = clf.estimator_
    valid, fitted = row_set(spy.X_val_), row_set(spy.X_)
    # original rows of the training data, none a copy or synthetic row
    assert valid <= row_set(X)
    assert len(valid) == spy.X_val_.shape[0] == int(np.ceil(0.2 * len(y)))
    # none of them (nor a copy of one) in the rows the estimator fits on
    assert not valid & fitted
    # at the data's own class balance (stratified), not the resampled one
    assert spy.y_val_.mean() == pytest.approx(y.mean(), abs=0.01)
    assert spy.y_.mean() == pytest.approx(0.5)


def test_real_hgb_stops_on_the_untouched_part():
    X, y = data(3000)
    hgb = HistGradientBoostingClassifier(
        early_stopping=True, validation_fraction=0.2, n_iter_no_change=3, random_state=0
    )
    sampler = RandomOverSampler(random_state=0)
    clf = ResampledClassifier(hgb, sampler).fit(X, y)
    # by hand: split first with the same rows, resample the fit part only
    fit, valid = validation_rows(hgb, EarlyStopping(True, 0.2, ""), y)
    X_res, y_res = sampler.fit_resample(X[fit], y[fit])
    by_hand = HistGradientBoostingClassifier(**hgb.get_params()).fit(
        X_res, y_res, X_val=X[valid], y_val=y[valid]
    )
    assert clf.estimator_.n_iter_ == by_hand.n_iter_
    np.testing.assert_allclose(
        clf.estimator_.validation_score_, by_hand.validation_score_, rtol=1e-12
    )
    assert not row_set(X[valid]) & row_set(X_res)
    # the naive way (the estimator carves copies) runs more iterations
    naive = make_imb_pipeline(sampler, hgb).fit(X, y)
    assert naive[-1].n_iter_ > clf.estimator_.n_iter_


def test_hgb_in_a_pipeline_on_a_mixed_table_gets_transformed_untouched_rows():
    X, y = data(1500)
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])])
    frame["kind"] = np.where(X[:, 0] > 0, "a", "b")
    pipe = make_pipeline(
        make_column_transformer(
            (OneHotEncoder(), ["kind"]), remainder=StandardScaler()
        ),
        EarlyStoppingSpy(),
    )
    clf = ResampledClassifier(pipe, SMOTE(random_state=0)).fit(frame, y)
    spy = clf.estimator_[-1]
    head = clf.estimator_[:-1]
    assert row_set(spy.X_val_) <= row_set(head.transform(frame))
    assert spy.X_val_.shape[1] == spy.X_.shape[1]


def test_a_validation_set_the_user_passes_goes_through_untouched():
    X, y = data()
    X_val, y_val = X[:50] + 100, y[:50]
    clf = ResampledClassifier(EarlyStoppingSpy(), RandomOverSampler(random_state=0))
    clf.fit(X, y, X_val=X_val, y_val=y_val)
    np.testing.assert_array_equal(clf.estimator_.X_val_, X_val)
    assert clf.estimator_.X_.shape[0] > len(y)  # all rows resampled, none held


def test_auto_early_stopping_is_read_on_the_rows_given_to_fit():
    # 8,000 rows: "auto" is off; over-sampling to 14,000 must not turn it on
    X, y = make_classification(8000, 4, weights=[0.9], random_state=0)
    hgb = HistGradientBoostingClassifier(max_iter=5, random_state=0)
    clf = ResampledClassifier(hgb, RandomOverSampler(random_state=0)).fit(X, y)
    assert clf.estimator_.early_stopping is False
    assert not clf.estimator_.do_early_stopping_
    assert hgb.early_stopping == "auto"  # the user's estimator is not changed


@pytest.mark.parametrize(
    "estimator",
    [
        MLPClassifier(early_stopping=True, max_iter=5),
        SGDClassifier(early_stopping=True),
        GradientBoostingClassifier(n_iter_no_change=3, n_estimators=5),
    ],
    ids=["mlp", "sgd", "gb"],
)
def test_early_stopping_without_outside_data_gets_a_one_line_warning(estimator):
    X, y = data(600)
    with (
        pytest.warns(LeakageWarning, match=type(estimator).__name__) as record,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        ResampledClassifier(estimator, RandomOverSampler(random_state=0)).fit(X, y)
    message = str(next(w.message for w in record if w.category is LeakageWarning))
    assert "\n" not in message and "stops early" in message
    assert "HistGradientBoostingClassifier" in message  # the fix


@pytest.mark.parametrize(
    "estimator",
    [
        LogisticRegressionCV(
            Cs=2,
            cv=3,
            l1_ratios=(0.0,),
            scoring="accuracy",
            use_legacy_attributes=False,
        ),
        CalibratedClassifierCV(LogisticRegression(), cv=3),
        GridSearchCV(LogisticRegression(), {"C": [0.1, 1]}, cv=3),
    ],
    ids=["lrcv", "calibrated", "search"],
)
def test_internal_cross_validation_gets_a_one_line_warning(estimator):
    X, y = data(300)
    with pytest.warns(LeakageWarning, match="its own cross-validation") as record:
        ResampledClassifier(estimator, RandomOverSampler(random_state=0)).fit(X, y)
    assert "\n" not in str(record[0].message)
    # no resampling, nothing to warn about
    with warnings.catch_warnings():
        warnings.simplefilter("error", LeakageWarning)
        ResampledClassifier(estimator, None).fit(X, y)


def brute_force_oob(model, X, y, origin):
    """Each original row, scored by the members in whose bag no copy of it was."""
    classes = model.classes_
    total = np.zeros((len(y), len(classes)))
    count = np.zeros(len(y))
    features = getattr(model, "estimators_features_", None)
    for i, (member, samples) in enumerate(
        zip(model.estimators_, model.estimators_samples_, strict=True)
    ):
        in_bag = set(origin[samples].tolist())
        for row in range(len(y)):
            if row in in_bag:
                continue
            x = X[row : row + 1] if features is None else X[row : row + 1, features[i]]
            total[row, member.classes_.astype(int)] += member.predict_proba(x)[0]
            count[row] += 1
    decision = total / count[:, None]
    codes = np.searchsorted(classes, y)
    return accuracy_score(codes, decision.argmax(axis=1)), decision


@pytest.mark.parametrize(
    "model",
    [
        RandomForestClassifier(20, oob_score=True, random_state=0),
        BaggingClassifier(n_estimators=15, oob_score=True, random_state=0),
    ],
    ids=["forest", "bagging"],
)
def test_oob_score_over_original_rows_equals_brute_force(model):
    X, y = data(400)
    clf = ResampledClassifier(model, RandomUnderSampler(random_state=0)).fit(X, y)
    origin = clf.sampler_.sample_indices_
    score, decision = brute_force_oob(clf.estimator_, X, y, origin)
    assert clf.estimator_.oob_score_ == pytest.approx(score, abs=1e-12)
    np.testing.assert_allclose(clf.estimator_.oob_decision_function_, decision)
    assert clf.estimator_.oob_decision_function_.shape == (len(y), 2)


@pytest.mark.parametrize(
    ("sampler", "match"),
    [
        (RandomOverSampler(random_state=0), "in the bag of every member"),
        (SMOTE(random_state=0), "synthetic rows"),
    ],
    ids=["ros", "smote"],
)
def test_oob_score_without_an_honest_estimate_is_nan_with_a_warning(sampler, match):
    X, y = data(1500)
    forest = RandomForestClassifier(30, oob_score=True, random_state=0)
    with pytest.warns(LeakageWarning, match=match) as record:
        clf = ResampledClassifier(forest, sampler).fit(X, y)
    assert np.isnan(clf.estimator_.oob_score_)
    assert "BalancedRandomForestClassifier" in str(record[0].message)
    # what scikit-learn alone reports on the same resampled rows: inflated
    naive = make_imb_pipeline(sampler, forest).fit(X, y)
    assert naive[-1].oob_score_ > 0.9


def test_audit_estimator_names_what_sees_resampled_rows():
    hgb = HistGradientBoostingClassifier(early_stopping=True)
    forest = RandomForestClassifier(oob_score=True)
    ros = RandomOverSampler()
    assert len(audit_estimator(make_imb_pipeline(ros, hgb))) == 1
    assert len(audit_estimator(make_imb_pipeline(ros, forest))) == 1
    assert audit_estimator(make_imb_pipeline(ros, LogisticRegression())) == []
    assert audit_estimator(make_imb_pipeline(StandardScaler(), hgb)) == []  # no sampler
    # the wrapper makes these clean by itself
    assert audit_estimator(ResampledClassifier(hgb, ros)) == []
    assert audit_estimator(ResampledClassifier(forest, ros)) == []
    # and says what it cannot
    [finding] = audit_estimator(ResampledClassifier(LogisticRegressionCV(), ros))
    assert "LogisticRegressionCV" in finding
    # "auto" reads the rows the estimator will see
    auto = HistGradientBoostingClassifier()
    assert audit_estimator(make_imb_pipeline(ros, auto), n_rows=5000) == []
    assert len(audit_estimator(make_imb_pipeline(ros, auto), n_rows=50_000)) == 1


def test_an_integer_validation_fraction_is_a_count_of_rows():
    # scikit-learn documents an int as the validation part's size in rows
    X, y = data(600)
    clf = ResampledClassifier(
        EarlyStoppingSpy(validation_fraction=40), RandomOverSampler(random_state=0)
    ).fit(X, y)
    assert clf.estimator_.X_val_.shape[0] == 40
    hgb = HistGradientBoostingClassifier(
        early_stopping=True, validation_fraction=40, max_iter=5, random_state=0
    )
    ResampledClassifier(hgb, RandomOverSampler(random_state=0)).fit(X, y)
    [finding] = audit_estimator(make_imb_pipeline(RandomOverSampler(), hgb))
    assert "(40 rows)" in finding


def test_auto_early_stopping_with_the_users_validation_set_fits_as_without_imbsafe():
    # a few rows: the wrapper used to turn "auto" off, and HGB refused X_val
    X, y = data(600)
    X_val, y_val = X[:100], y[:100]
    hgb = HistGradientBoostingClassifier(max_iter=20, random_state=0)
    sampler = RandomOverSampler(random_state=0)
    clf = ResampledClassifier(hgb, sampler).fit(X, y, X_val=X_val, y_val=y_val)
    # as an imbalanced-learn pipeline does: "auto" is the model's to read
    by_hand = make_imb_pipeline(sampler, hgb).fit(
        X,
        y,
        histgradientboostingclassifier__X_val=X_val,
        histgradientboostingclassifier__y_val=y_val,
    )
    assert clf.estimator_.early_stopping == "auto"
    assert clf.estimator_.n_iter_ == by_hand[-1].n_iter_


def test_oob_under_undersampling_speaks_of_few_members_not_of_copies():
    # RUS makes no copies: a row in every bag is there by chance, as without
    # resampling, and scikit-learn's warning about resampled rows is replaced
    X, y = data(300)
    forest = RandomForestClassifier(3, oob_score=True, random_state=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        clf = ResampledClassifier(forest, RandomUnderSampler(random_state=0))
        clf.fit(X, y)
    messages = [str(w.message) for w in caught]
    assert not any("Some inputs do not have OOB scores" in m for m in messages)
    [message] = messages
    assert "Raise n_estimators" in message and "cop" not in message
    origin = clf.sampler_.sample_indices_
    score, decision = brute_force_oob_over_scored(clf.estimator_, X, y, origin)
    assert clf.estimator_.oob_score_ == pytest.approx(score, abs=1e-12)


def brute_force_oob_over_scored(model, X, y, origin):
    """brute_force_oob over the rows some member left out."""
    with np.errstate(invalid="ignore", divide="ignore"):
        _, decision = brute_force_oob(model, X, y, origin)
    scored = ~np.isnan(decision).any(axis=1)
    codes = np.searchsorted(model.classes_, y)
    return accuracy_score(codes[scored], decision[scored].argmax(axis=1)), decision


def test_audit_estimator_reads_through_a_search():
    hgb = HistGradientBoostingClassifier(early_stopping=True)
    ros = RandomOverSampler()
    # the search's folds are clean (the pipeline resamples inside each), the
    # early stopping inside the pipeline is not
    [finding] = audit_estimator(GridSearchCV(make_imb_pipeline(ros, hgb), {}))
    assert finding.startswith("HistGradientBoostingClassifier(early_stopping=True)")
    assert audit_estimator(GridSearchCV(ResampledClassifier(hgb, ros), {})) == []
    # behind a sampler: the search's own folds and what it wraps
    found = audit_estimator(make_imb_pipeline(ros, GridSearchCV(hgb, {})))
    assert len(found) == 2 and "GridSearchCV runs its own" in found[0]
    assert "HistGradientBoostingClassifier" in found[1]
    forest = RandomForestClassifier(oob_score=True)
    [finding] = audit_estimator(
        CalibratedClassifierCV(make_imb_pipeline(ros, forest), cv=3)
    )
    assert "oob_score" in finding


def test_audit_estimator_refuses_what_is_not_an_estimator():
    with pytest.raises(TypeError, match="takes an estimator.*got str 'hello'"):
        audit_estimator("hello")
