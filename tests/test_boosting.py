"""What imbsafe reads from XGBoost, LightGBM and CatBoost, against the libraries.

Each detection is checked against what the library does: a model said to
early-stop stops before its last round when handed the evaluation set
``eval_params`` builds, and one said not to trains every round.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from imbsafe._fit._boosting import (
    balanced_description,
    balanced_setting,
    best_rounds,
    boosting_early_stopping,
    library_of,
)
from imbsafe._fit._own_validation import given_validation

ROUNDS = 200  # the cap; early stopping on this noisy data stops far sooner


def _xgb():
    return pytest.importorskip("xgboost", reason="XGBoost is the [boost] extra")


def _lgb():
    return pytest.importorskip("lightgbm", reason="LightGBM is the [boost] extra")


def _cb():
    return pytest.importorskip("catboost", reason="CatBoost is the [boost] extra")


def xgb_model(**params):
    fixed = {"n_estimators": ROUNDS, "learning_rate": 0.3, "n_jobs": 1}
    return _xgb().XGBClassifier(**{**fixed, "random_state": 0, **params})


def lgb_model(**params):
    fixed = {"n_estimators": ROUNDS, "learning_rate": 0.3, "n_jobs": 1}
    fixed |= {"random_state": 0, "verbose": -1}
    return _lgb().LGBMClassifier(**{**fixed, **params})


def cb_model(**params):
    fixed = {"iterations": ROUNDS, "learning_rate": 0.3, "thread_count": 1}
    fixed |= {"random_seed": 0, "verbose": 0, "allow_writing_files": False}
    return _cb().CatBoostClassifier(**{**fixed, **params})


@pytest.fixture(scope="module")
def parts():
    X, y = make_classification(
        800, 8, n_informative=4, weights=[0.85], flip_y=0.15, random_state=0
    )
    return train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)


def rounds_built(model) -> int:
    """Rounds the library trained, whatever it kept."""
    library = library_of(model)
    if library == "XGBoost":
        return model.get_booster().num_boosted_rounds()
    if library == "LightGBM":
        return model.booster_.current_iteration()
    return model.tree_count_  # CatBoost, fitted with use_best_model=False


def lgb_callback():
    return _lgb().early_stopping(5, verbose=False)


# (make model, fit params, setting read or None)
CASES = {
    "xgb early_stopping_rounds": (
        lambda: xgb_model(early_stopping_rounds=5),
        {},
        "early_stopping_rounds=5",
    ),
    "xgb EarlyStopping callback": (
        lambda: xgb_model(callbacks=[_xgb().callback.EarlyStopping(rounds=5)]),
        {},
        "callbacks=[EarlyStopping(rounds=5)]",
    ),
    "xgb none": (lambda: xgb_model(), {}, None),
    "xgb early_stopping_rounds=None": (
        lambda: xgb_model(early_stopping_rounds=None),
        {},
        None,
    ),
    "lgb early_stopping_round": (
        lambda: lgb_model(early_stopping_round=5),
        {},
        "early_stopping_round=5",
    ),
    "lgb early_stopping_rounds": (
        lambda: lgb_model(early_stopping_rounds=5),
        {},
        "early_stopping_rounds=5",
    ),
    "lgb early_stopping": (
        lambda: lgb_model(early_stopping=5),
        {},
        "early_stopping=5",
    ),
    "lgb n_iter_no_change": (
        lambda: lgb_model(n_iter_no_change=5),
        {},
        "n_iter_no_change=5",
    ),
    # LightGBM reads n_iter_no_change before early_stopping_rounds
    "lgb n_iter_no_change=0 first": (
        lambda: lgb_model(n_iter_no_change=0, early_stopping_rounds=5),
        {},
        None,
    ),
    "lgb early_stopping_round=0": (
        lambda: lgb_model(early_stopping_round=0),
        {},
        None,
    ),
    "lgb callback in fit": (
        lambda: lgb_model(),
        {"callbacks": [lgb_callback()]},
        "callbacks=[early_stopping(5)]",
    ),
    # LightGBM 4.7 ignores a callback given to the constructor
    "lgb callback in constructor": (
        lambda: lgb_model(callbacks=[lgb_callback()]),
        {},
        None,
    ),
    "lgb none": (lambda: lgb_model(), {}, None),
    "cb early_stopping_rounds": (
        lambda: cb_model(early_stopping_rounds=5, use_best_model=False),
        {},
        "early_stopping_rounds=5",
    ),
    "cb early_stopping_rounds in fit": (
        lambda: cb_model(use_best_model=False),
        {"early_stopping_rounds": 5},
        "early_stopping_rounds=5",
    ),
    "cb od_wait": (
        lambda: cb_model(od_wait=5, use_best_model=False),
        {},
        "od_wait=5",
    ),
    "cb od_type Iter": (
        lambda: cb_model(od_type="Iter", use_best_model=False),
        {},
        "od_type='Iter'",
    ),
    "cb od_pval": (
        lambda: cb_model(od_type="IncToDec", od_pval=0.5, use_best_model=False),
        {},
        "od_pval=0.5",
    ),
    # the IncToDec detector without a threshold never stops
    "cb od_type IncToDec alone": (
        lambda: cb_model(od_type="IncToDec", use_best_model=False),
        {},
        None,
    ),
    "cb none": (lambda: cb_model(use_best_model=False), {}, None),
}


@pytest.mark.parametrize("case", CASES)
def test_detection_agrees_with_the_library(case, parts):
    make, fit_params, expected = CASES[case]
    X_fit, X_val, y_fit, y_val = parts
    model = make()
    found = boosting_early_stopping(model, fit_params=fit_params)
    assert (found and found.setting) == expected
    # what the library does with an evaluation set, in its own words
    given = {
        "XGBoost": {"eval_set": [(X_val, y_val)], "verbose": False},
        "LightGBM": {"eval_X": (X_val,), "eval_y": (y_val,)},
        "CatBoost": {"eval_set": (X_val, y_val)},
    }[library_of(model)]
    model.fit(X_fit, y_fit, **fit_params, **given)
    assert (rounds_built(model) < ROUNDS) == (expected is not None)


@pytest.mark.parametrize(
    "make",
    [
        lambda: xgb_model(early_stopping_rounds=5),
        lambda: lgb_model(early_stopping_round=5),
        lambda: cb_model(early_stopping_rounds=5),
    ],
    ids=["XGBoost", "LightGBM", "CatBoost"],
)
@pytest.mark.parametrize("weighted", [False, True])
def test_eval_params_are_what_a_hand_written_fit_passes(make, weighted, parts):
    X_fit, X_val, y_fit, y_val = parts
    weight = np.where(y_val == 1, 3.0, 1.0) if weighted else None
    model = make()
    stopping = boosting_early_stopping(model)
    model.fit(X_fit, y_fit, **stopping.eval_params(X_val, y_val, weight))
    rounds = best_rounds(model)
    assert 1 <= rounds < ROUNDS
    # the same fit written by hand, with each library's own argument names
    hand = make()
    library = library_of(hand)
    if library == "XGBoost":
        extra = {"sample_weight_eval_set": [weight]} if weighted else {}
        hand.fit(X_fit, y_fit, eval_set=[(X_val, y_val)], **extra)
        assert rounds == hand.best_iteration + 1
    elif library == "LightGBM":
        extra = {"eval_sample_weight": [weight]} if weighted else {}
        hand.fit(X_fit, y_fit, eval_X=X_val, eval_y=y_val, **extra)
        assert rounds == hand.best_iteration_
    else:
        from catboost import Pool

        hand.fit(X_fit, y_fit, eval_set=Pool(X_val, y_val, weight=weight))
        assert rounds == hand.get_best_iteration() + 1
    np.testing.assert_array_equal(model.predict_proba(X_val), hand.predict_proba(X_val))


def test_xgboost_is_quiet_unless_told(parts, capfd):
    X_fit, X_val, y_fit, y_val = parts
    model = xgb_model(early_stopping_rounds=5)
    stopping = boosting_early_stopping(model)
    model.fit(X_fit, y_fit, **stopping.eval_params(X_val, y_val))
    assert capfd.readouterr().out == ""
    told = stopping.eval_params(X_val, y_val, fit_params={"verbose": True})
    assert "verbose" not in told
    model.fit(X_fit, y_fit, verbose=True, **told)
    assert "validation_0-logloss" in capfd.readouterr().out


def test_weights_change_what_the_library_early_stops_on(parts):
    X_fit, X_val, y_fit, y_val = parts
    weight = np.where(y_val == 1, 20.0, 1.0)
    scores = []
    for w in (None, weight):
        model = xgb_model(early_stopping_rounds=5)
        model.fit(
            X_fit, y_fit, **boosting_early_stopping(model).eval_params(X_val, y_val, w)
        )
        scores.append(model.best_score)
    assert scores[0] != pytest.approx(scores[1])


def test_catboost_pool_keeps_the_categorical_columns():
    _cb()
    rng = np.random.default_rng(0)
    X = pd.DataFrame(
        {"colour": rng.choice(["red", "green", "blue"], 400), "x": rng.normal(size=400)}
    )
    y = ((X["colour"] == "red") ^ (rng.random(400) < 0.2)).astype(int).to_numpy()
    weight = np.ones(120)
    for model, fit_params in (
        (cb_model(early_stopping_rounds=5, cat_features=["colour"]), {}),
        (cb_model(early_stopping_rounds=5), {"cat_features": ["colour"]}),
    ):
        stopping = boosting_early_stopping(model, fit_params=fit_params)
        params = stopping.eval_params(
            X.iloc[280:], y[280:], weight, fit_params=fit_params
        )
        model.fit(X.iloc[:280], y[:280], **fit_params, **params)
        assert best_rounds(model) < ROUNDS


def test_catboost_eval_fraction_is_its_own_split(parts):
    X_fit, X_val, y_fit, y_val = parts
    model = cb_model(early_stopping_rounds=5, eval_fraction=0.2)
    stopping = boosting_early_stopping(model)
    assert stopping.own_split == "eval_fraction=0.2"
    with pytest.raises(Exception, match="eval_fraction and eval_set"):
        clone(model).fit(X_fit, y_fit, **stopping.eval_params(X_val, y_val))
    model.set_params(**stopping.model_params())
    model.fit(X_fit, y_fit, **stopping.eval_params(X_val, y_val))
    assert best_rounds(model) < ROUNDS
    assert boosting_early_stopping(cb_model(early_stopping_rounds=5)).own_split is None


def test_other_models_are_none():
    assert boosting_early_stopping(LogisticRegression()) is None
    assert library_of(LogisticRegression()) is None
    assert balanced_setting(LogisticRegression(), [0, 1]) is None
    assert balanced_description(LogisticRegression()) is None
    assert best_rounds(LogisticRegression()) is None


@pytest.mark.parametrize(
    ("fit_params", "given"),
    [
        ({}, False),
        ({"eval_set": [(1, 2)]}, True),
        ({"eval_set": None}, False),
        ({"eval_X": (1,), "eval_y": (2,)}, True),
        ({"xgbclassifier__eval_set": [(1, 2)]}, True),
        ({"model__eval_X": 1, "model__eval_y": 2}, True),
        ({"outer__inner__eval_set": (1, 2)}, True),
        ({"sample_weight_eval_set": [1]}, False),
        ({"my_eval_set_thing": 1}, False),
        ({"verbose": False, "sample_weight": [1]}, False),
        ({"X_val": [[1]], "y_val": [0]}, True),
        ({"hgb__X_val": [[1]]}, True),
    ],
)
def test_given_validation(fit_params, given):
    # one rule for scikit-learn's X_val and the boosting libraries' eval sets
    assert given_validation(fit_params) is given


def test_balanced_setting_of_each_library():
    y = np.array([0] * 90 + [1] * 10)
    params, words = balanced_setting(xgb_model(), y)
    assert params == {"scale_pos_weight": 9.0}
    assert words == "scale_pos_weight=9 (negatives per positive)"
    params, _ = balanced_setting(lgb_model(is_unbalance=True), y)
    assert params == {
        "scale_pos_weight": 9.0,
        "class_weight": None,
        "is_unbalance": False,
    }
    assert balanced_setting(cb_model(), y) == (
        {"auto_class_weights": "Balanced"},
        "auto_class_weights='Balanced'",
    )
    # string labels: the larger one is what both libraries call positive
    params, _ = balanced_setting(lgb_model(), np.array(["b"] * 3 + ["a"] * 12))
    assert params["scale_pos_weight"] == 4.0
    # more classes
    y3 = np.array([0, 1, 2] * 5)
    assert balanced_setting(xgb_model(), y3) is None
    assert balanced_setting(lgb_model(), y3)[0] == {"class_weight": "balanced"}
    # a pipeline's last step, with its prefix
    pipe = make_pipeline(StandardScaler(), xgb_model())
    assert balanced_setting(pipe, y)[0] == {"xgbclassifier__scale_pos_weight": 9.0}
    assert "scale_pos_weight" in balanced_description(pipe)


def test_balanced_setting_refuses_what_the_library_refuses():
    y = np.array([0] * 9 + [1])
    with pytest.raises(ValueError, match="leave class_weights out"):
        balanced_setting(cb_model(class_weights=[1, 2]), y)
    with pytest.raises(ValueError, match="both classes"):
        balanced_setting(xgb_model(), np.zeros(5))


@pytest.mark.parametrize("make", [xgb_model, lgb_model, cb_model])
def test_balanced_setting_fits(make, parts):
    X_fit, X_val, y_fit, _ = parts
    model = make(n_estimators=20) if make is not cb_model else make(iterations=20)
    base = clone(model).fit(X_fit, y_fit).predict_proba(X_val)[:, 1]
    model.set_params(**balanced_setting(model, y_fit)[0]).fit(X_fit, y_fit)
    weighted = model.predict_proba(X_val)[:, 1]
    # the setting moves the scores towards the minority
    assert weighted.mean() > base.mean()
    if make is lgb_model:
        # LightGBM's is_unbalance is the same setting, counted by LightGBM, and
        # the remedy replaces it without a conflict
        unbalanced = make(n_estimators=20, is_unbalance=True)
        same = clone(unbalanced).fit(X_fit, y_fit).predict_proba(X_val)[:, 1]
        np.testing.assert_allclose(same, weighted)
        unbalanced.set_params(**balanced_setting(unbalanced, y_fit)[0])
        again = unbalanced.fit(X_fit, y_fit).predict_proba(X_val)[:, 1]
        np.testing.assert_allclose(again, weighted)


def test_best_rounds_without_early_stopping(parts):
    X_fit, _, y_fit, _ = parts
    assert best_rounds(xgb_model(n_estimators=5).fit(X_fit, y_fit)) is None
    assert best_rounds(lgb_model(n_estimators=5).fit(X_fit, y_fit)) is None
    assert best_rounds(cb_model(iterations=5).fit(X_fit, y_fit)) is None


@pytest.mark.parametrize(
    "make",
    [
        lambda: xgb_model(early_stopping_rounds=5),
        lambda: lgb_model(early_stopping_round=5),
        lambda: cb_model(early_stopping_rounds=5),
    ],
    ids=["XGBoost", "LightGBM", "CatBoost"],
)
def test_clone_keeps_the_setting(make):
    model = make()
    assert boosting_early_stopping(clone(model)) == boosting_early_stopping(model)
