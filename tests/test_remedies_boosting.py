"""compare_remedies' class-weight remedy with XGBoost, LightGBM and CatBoost.

Each library gets its own balanced setting, counted on each training fold:
the scores equal a hand-written cross-validation with the same setting.
"""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from imbsafe import compare_remedies
from imbsafe._fit._weights import BalancedSetting
from imbsafe._remedies._specs import plans

METRICS = ("average_precision", "f1")


def xgb():
    xgboost = pytest.importorskip("xgboost", reason="XGBoost is the [boost] extra")
    return xgboost.XGBClassifier(n_estimators=15, max_depth=3, n_jobs=1)


def lgb():
    lightgbm = pytest.importorskip("lightgbm", reason="LightGBM is the [boost] extra")
    return lightgbm.LGBMClassifier(n_estimators=15, n_jobs=1, verbose=-1)


def cb():
    catboost = pytest.importorskip("catboost", reason="CatBoost is the [boost] extra")
    return catboost.CatBoostClassifier(
        iterations=15,
        thread_count=1,
        random_seed=0,
        verbose=0,
        allow_writing_files=False,
    )


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        400, 6, weights=[0.88], flip_y=0.05, random_state=1, class_sep=0.8
    )
    return X, y


def by_hand(make, setting, X, y, folds):
    """The same folds, written out: the setting counted on each training fold."""
    scores = {m: [] for m in METRICS}
    for train, test in folds:
        model = make()
        params = setting(y[train])
        model.set_params(**params).fit(X[train], y[train])
        score = model.predict_proba(X[test])[:, 1]
        scores["average_precision"].append(average_precision_score(y[test], score))
        scores["f1"].append(f1_score(y[test], (score >= 0.5).astype(int)))
    return scores


def ratio(y):
    return {"scale_pos_weight": np.sum(y == 0) / np.sum(y == 1)}


@pytest.mark.parametrize(
    ("make", "setting", "words"),
    [
        (xgb, ratio, "XGBoost's scale_pos_weight"),
        (lgb, lambda y: ratio(y) | {"class_weight": None}, "LightGBM's scale_pos"),
        (cb, lambda y: {"auto_class_weights": "Balanced"}, "auto_class_weights"),
    ],
    ids=["XGBoost", "LightGBM", "CatBoost"],
)
def test_class_weight_is_the_library_setting_of_each_training_fold(
    make, setting, words, data
):
    X, y = data
    folds = list(StratifiedKFold(4, shuffle=True, random_state=0).split(X, y))
    result = compare_remedies(
        make(), X, y, remedies=["class_weight"], cv=folds, scoring=METRICS
    )
    assert not result.failures
    for remedy, how in (("class_weight", setting), ("none", lambda y: {})):
        want = by_hand(make, how, X, y, folds)
        for metric in METRICS:
            folds_of = result.folds
            part = folds_of[(folds_of.remedy == remedy) & (folds_of.metric == metric)]
            got = part.sort_values("fold")["score"].to_numpy()
            np.testing.assert_allclose(got, want[metric], atol=1e-9, rtol=0)
    # the training folds differ in balance: a single ratio would not do
    ratios = {round(ratio(y[train])["scale_pos_weight"], 9) for train, _ in folds}
    assert len(ratios) > 1
    line_up = plans(make(), ["class_weight"], 0)
    assert words in line_up["class_weight"].setting
    # the result names what was set, in its verdict and its JSON
    assert words in result.settings["class_weight"]
    assert f"class_weight set {result.settings['class_weight']}" in result.verdict
    assert result.to_dict()["settings"] == result.settings
    assert isinstance(line_up["class_weight"].base, BalancedSetting)


def test_other_estimators_keep_their_class_weight_remedy():
    line_up = plans(LogisticRegression(), ["class_weight"], 0)
    assert line_up["class_weight"].setting == "class_weight='balanced'"
    assert line_up["class_weight"].base.class_weight == "balanced"
    pipe = make_pipeline(StandardScaler(), LogisticRegression())
    assert plans(pipe, ["class_weight"], 0)["class_weight"].setting == (
        "class_weight='balanced'"
    )
    from sklearn.naive_bayes import GaussianNB

    assert plans(GaussianNB(), ["class_weight"], 0)["class_weight"].setting == (
        "balanced sample_weight"
    )
    assert plans(GaussianNB(), ["ros"], 0)["ros"].setting == ""


def test_balanced_setting_in_a_pipeline_and_unchanged_estimator(data):
    X, y = data
    pipe = make_pipeline(StandardScaler(), xgb())
    before = pipe.get_params()["xgbclassifier__scale_pos_weight"]
    fitted = BalancedSetting(pipe).fit(X, y)
    assert pipe.get_params()["xgbclassifier__scale_pos_weight"] == before
    expected = np.sum(y == 0) / np.sum(y == 1)
    assert fitted.estimator_[-1].scale_pos_weight == pytest.approx(expected)
    assert fitted.setting_.startswith("scale_pos_weight=")
    hand = clone(pipe).set_params(xgbclassifier__scale_pos_weight=expected).fit(X, y)
    np.testing.assert_array_equal(fitted.predict_proba(X), hand.predict_proba(X))


def test_a_setting_the_library_refuses_is_one_failed_remedy(data):
    X, y = data
    model = cb().set_params(scale_pos_weight=3.0)
    with pytest.warns(Warning, match="leave scale_pos_weight out"):
        result = compare_remedies(
            model, X, y, remedies=["class_weight"], cv=3, scoring=METRICS
        )
    assert "class_weight" in result.failures
