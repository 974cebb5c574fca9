"""ResampledClassifier early-stops XGBoost, LightGBM and CatBoost on untouched rows.

Each library is a subclass that records what ``fit`` receives (a spy): the
evaluation set must be original rows of the training data, none of them in
the fit part, at the data's own class balance; the rounds kept must equal a
split-first fit written by hand on the same split.
"""

import numpy as np
import pytest
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.pipeline import make_pipeline as make_imb_pipeline
from sklearn.datasets import make_classification
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from imbsafe import LeakageWarning, ResampledClassifier, audit_estimator
from imbsafe._fit._boosting import best_rounds
from imbsafe._fit._own_validation import early_stopping, validation_rows


def _xgboost():
    xgboost = pytest.importorskip("xgboost", reason="the [boost] extra")

    class Spy(xgboost.XGBClassifier):
        def fit(self, X, y, **kwargs):
            self.seen_ = (np.asarray(X), np.asarray(y), kwargs)
            return super().fit(X, y, **kwargs)

    return Spy(
        n_estimators=400, early_stopping_rounds=10, learning_rate=0.3, random_state=0
    )


def _lightgbm():
    lightgbm = pytest.importorskip("lightgbm", reason="the [boost] extra")

    class Spy(lightgbm.LGBMClassifier):
        def fit(self, X, y, **kwargs):
            self.seen_ = (np.asarray(X), np.asarray(y), kwargs)
            return super().fit(X, y, **kwargs)

    return Spy(n_estimators=400, early_stopping_round=10, random_state=0, verbose=-1)


def _catboost():
    catboost = pytest.importorskip("catboost", reason="the [boost] extra")

    class Spy(catboost.CatBoostClassifier):
        def fit(self, X, y=None, **kwargs):
            self.seen_ = (np.asarray(X), np.asarray(y), kwargs)
            return super().fit(X, y, **kwargs)

    return Spy(
        iterations=400,
        early_stopping_rounds=10,
        random_seed=0,
        verbose=0,
        allow_writing_files=False,
        thread_count=1,
    )


MODELS = {"xgboost": _xgboost, "lightgbm": _lightgbm, "catboost": _catboost}


def data(n=1500, seed=0):
    return make_classification(
        n, 8, n_informative=5, weights=[0.9], flip_y=0.03, random_state=seed
    )


def eval_rows(kwargs):
    """The evaluation set a library was handed, as (X, y)."""
    if "eval_X" in kwargs:  # LightGBM 4.7
        return np.asarray(kwargs["eval_X"][0]), np.asarray(kwargs["eval_y"][0])
    eval_set = kwargs["eval_set"]
    X_val, y_val = eval_set[0] if isinstance(eval_set, list) else eval_set
    return np.asarray(X_val), np.asarray(y_val)


def rows(X):
    return {tuple(row) for row in np.round(X, 12)}


@pytest.mark.parametrize("library", MODELS)
@pytest.mark.parametrize("sampler", [RandomOverSampler(random_state=0), SMOTE()])
def test_the_eval_set_is_untouched_original_rows_apart_from_the_fit_part(
    library, sampler
):
    X, y = data()
    clf = ResampledClassifier(MODELS[library](), sampler).fit(X, y)
    X_fit, _, kwargs = clf.estimator_.seen_
    X_val, y_val = eval_rows(kwargs)
    assert rows(X_val) <= rows(X)  # original rows of the training data
    assert not rows(X_val) & rows(X_fit)  # none of them is fitted on
    assert len(rows(X_val)) == len(X_val)  # no copies among them
    # at the data's own balance (stratified), not the resampled one
    assert abs(y_val.mean() - y.mean()) < 0.02
    assert len(y_val) == pytest.approx(0.1 * len(y), abs=2)
    assert best_rounds(clf.estimator_) < 400  # it did stop early


@pytest.mark.parametrize("library", MODELS)
def test_rounds_kept_equal_a_split_first_fit_by_hand(library):
    X, y = data()
    model = MODELS[library]()
    sampler = RandomOverSampler(random_state=0)
    clf = ResampledClassifier(model, sampler).fit(X, y)
    # by hand: the same untouched split, only the fit part resampled
    stopping = early_stopping(model, len(y))
    fit, valid = validation_rows(model, stopping, y)
    X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X[fit], y[fit])
    by_hand = MODELS[library]()
    params = stopping.eval_params(X[valid], y[valid])
    by_hand.fit(X_res, y_res, **params)
    assert best_rounds(clf.estimator_) == best_rounds(by_hand)
    np.testing.assert_allclose(
        clf.predict_proba(X), by_hand.predict_proba(X), rtol=1e-9, atol=1e-12
    )


@pytest.mark.parametrize("library", MODELS)
def test_cross_validation_runs_with_early_stopping_in_every_fold(library):
    X, y = data(900)
    clf = ResampledClassifier(MODELS[library](), SMOTE(random_state=0))
    scores = cross_val_score(clf, X, y, cv=3, scoring="average_precision")
    assert np.isfinite(scores).all()


@pytest.mark.parametrize("library", MODELS)
def test_a_pipelines_last_step_gets_its_eval_set_through_the_fitted_steps(library):
    X, y = data()
    X = X * 100 + 7  # the scaler changes the values
    pipe = make_pipeline(StandardScaler(), MODELS[library]())
    clf = ResampledClassifier(pipe, RandomOverSampler(random_state=0)).fit(X, y)
    model = clf.estimator_[-1]
    X_val, _ = eval_rows(model.seen_[2])
    scaled = clf.estimator_[0].transform(X)
    assert rows(X_val) <= rows(scaled)


@pytest.mark.parametrize("library", MODELS)
def test_the_users_eval_set_goes_through_untouched_with_a_warning(library):
    X, y = data()
    model = MODELS[library]()
    X_val, y_val = X[:100], y[:100]
    params = early_stopping(model, len(y)).eval_params(X_val, y_val)
    with pytest.warns(LeakageWarning, match="same rows would serve every fold"):
        clf = ResampledClassifier(model, RandomOverSampler(random_state=0)).fit(
            X[100:], y[100:], **params
        )
    seen_X, _ = eval_rows(clf.estimator_.seen_[2])
    np.testing.assert_array_equal(seen_X, X_val)


@pytest.mark.parametrize("library", MODELS)
def test_audit_estimator_names_early_stopping_behind_a_sampler(library):
    model = MODELS[library]()
    pipe = make_imb_pipeline(RandomOverSampler(), model)
    (finding,) = audit_estimator(pipe)
    assert "stops early on the evaluation set" in finding
    assert "ResampledClassifier splits an untouched evaluation set" in finding
    assert audit_estimator(ResampledClassifier(model, RandomOverSampler())) == []


def test_eval_fraction_sets_the_part_split_off():
    X, y = data()
    clf = ResampledClassifier(
        _lightgbm(), RandomOverSampler(random_state=0), eval_fraction=0.25
    ).fit(X, y)
    _, y_val = eval_rows(clf.estimator_.seen_[2])
    assert len(y_val) == pytest.approx(0.25 * len(y), abs=2)


def test_too_few_rows_turn_a_parameter_setting_off_with_a_warning():
    # two rows of two classes: no part with a row of each class on both sides
    X, y = data()[0][:2], np.array([0, 1])
    clf = ResampledClassifier(_xgboost(), RandomOverSampler(random_state=0))
    with pytest.warns(UserWarning, match="too few to split off"):
        clf.fit(X, y)
    assert clf.estimator_.get_params()["early_stopping_rounds"] is None


def test_too_few_rows_for_a_callback_are_told_in_one_line():
    xgboost = pytest.importorskip("xgboost", reason="the [boost] extra")
    model = xgboost.XGBClassifier(
        n_estimators=20, callbacks=[xgboost.callback.EarlyStopping(rounds=3)]
    )
    X, y = data()[0][:2], np.array([0, 1])
    with pytest.raises(ValueError, match="too few to split off an evaluation set"):
        ResampledClassifier(model, RandomOverSampler(random_state=0)).fit(X, y)
