import numpy as np
import pandas as pd
import pytest
from _data import imbalanced
from imblearn.over_sampling import SMOTE, RandomOverSampler
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.tree import DecisionTreeClassifier

from imbsafe import ResampledClassifier, compare_resampling


def _data(seed=0):
    return imbalanced(600, 6, weights=(0.95,), flip_y=0.05, seed=seed)


@pytest.mark.parametrize(
    "sampler", [RandomOverSampler(random_state=0), SMOTE(random_state=0)]
)
def test_naive_protocol_inflates_f1_and_average_precision(sampler):
    X, y = _data()
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    result = compare_resampling(
        DecisionTreeClassifier(random_state=0), sampler, X, y, cv=cv
    )
    summary = result.summary
    assert list(summary.columns) == ["naive", "safe", "inflation"]
    assert list(summary.index) == ["f1", "roc_auc", "average_precision"]
    np.testing.assert_allclose(summary["inflation"], summary["naive"] - summary["safe"])
    assert summary.loc["f1", "inflation"] > 0.2
    assert summary.loc["average_precision", "inflation"] > 0.2


def test_safe_protocol_is_resampled_classifier_on_the_same_folds():
    from sklearn.model_selection import cross_val_score

    X, y = _data(1)
    cv = StratifiedKFold(4, shuffle=True, random_state=3)
    sampler = RandomOverSampler(random_state=0)
    result = compare_resampling(
        LogisticRegression(), sampler, X, y, cv=cv, scoring="average_precision"
    )
    expected = cross_val_score(
        ResampledClassifier(LogisticRegression(), sampler),
        X,
        y,
        cv=cv,
        scoring="average_precision",
    )
    safe = result.folds.query("protocol == 'safe'")["value"].to_numpy()
    np.testing.assert_allclose(safe, expected)
    # the naive protocol splits the resampled data with the same splitter
    X_res, y_res = sampler.fit_resample(X, y)
    naive = result.folds.query("protocol == 'naive'")["value"].to_numpy()
    expected_naive = cross_val_score(
        LogisticRegression(), X_res, y_res, cv=cv, scoring="average_precision"
    )
    np.testing.assert_allclose(naive, expected_naive)


def test_folds_frame_is_long_and_complete():
    X, y = _data()
    result = compare_resampling(
        LogisticRegression(), RandomOverSampler(random_state=0), X, y, cv=3
    )
    folds = result.folds
    assert list(folds.columns) == ["protocol", "fold", "metric", "value"]
    assert len(folds) == 2 * 3 * 3
    assert set(folds["protocol"]) == {"naive", "safe"}
    assert folds.groupby(["protocol", "metric"]).size().eq(3).all()
    assert "inflation" in str(result)


def test_no_sampler_is_a_baseline_without_inflation():
    X, y = _data()
    result = compare_resampling(LogisticRegression(), None, X, y, cv=3)
    np.testing.assert_allclose(result.summary["inflation"], 0.0)


def test_inputs_are_not_mutated():
    X, y = _data()
    frame = pd.DataFrame(X)
    before = frame.copy()
    y_before = y.copy()
    compare_resampling(LogisticRegression(), SMOTE(random_state=0), frame, y, cv=3)
    pd.testing.assert_frame_equal(frame, before)
    np.testing.assert_array_equal(y, y_before)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"cv": [(np.arange(10), np.arange(10, 20))]}, "int or a splitter"),
        ({"scoring": [1, 2]}, "scoring must be"),
    ],
)
def test_bad_arguments(kwargs, match):
    X, y = _data()
    args = {"sampler": RandomOverSampler(), "cv": KFold(3)} | kwargs
    with pytest.raises(ValueError, match=match):
        compare_resampling(LogisticRegression(), args.pop("sampler"), X, y, **args)


def test_predictions_give_each_folds_scores_on_its_own_test_rows():
    from sklearn.metrics import average_precision_score

    X, y = _data()
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    sampler = RandomOverSampler(random_state=0)
    result = compare_resampling(LogisticRegression(), sampler, X, y, cv=cv)
    pred = result.predictions
    assert list(pred.columns) == ["protocol", "fold", "y_true", "score"]
    # the safe protocol scores every original row once, at the real prevalence
    safe = pred.query("protocol == 'safe'")
    assert len(safe) == len(y) and safe["y_true"].mean() == pytest.approx(y.mean())
    # the naive one scores the resampled rows: balanced test folds
    naive = pred.query("protocol == 'naive'")
    assert len(naive) == len(sampler.fit_resample(X, y)[1])
    assert naive["y_true"].mean() == pytest.approx(0.5)
    folds = result.folds
    for (protocol, fold), part in pred.groupby(["protocol", "fold"]):
        logged = folds.loc[
            (folds["protocol"] == protocol)
            & (folds["fold"] == fold)
            & (folds["metric"] == "average_precision"),
            "value",
        ].item()
        assert average_precision_score(part["y_true"], part["score"]) == pytest.approx(
            logged
        )


def test_progress_callback_sees_every_fold_in_order():
    from imbsafe._protocols._compare import run_protocols, scoring_dict

    X, y = _data()
    seen = []
    run_protocols(
        LogisticRegression(),
        RandomOverSampler(random_state=0),
        X,
        y,
        StratifiedKFold(3),
        scoring_dict("f1"),
        None,
        on_progress=lambda *args: seen.append(args),
    )
    steps = [
        f"{p} protocol: fold {f + 1}/3" for p in ("naive", "safe") for f in range(3)
    ]
    assert seen == [(i + 1, 6, step) for i, step in enumerate(steps)]


def test_both_protocols_see_the_same_folds_with_an_unseeded_shuffling_splitter():
    """The issue: inflation -0.015 for F1 with sampler=None and shuffle=True."""
    X, y = make_classification(n_samples=300, weights=[0.85], random_state=0)
    result = compare_resampling(
        LogisticRegression(), None, X, y, cv=StratifiedKFold(5, shuffle=True)
    )
    assert (result.summary["inflation"] == 0).all()


def test_groups_are_passed_to_a_group_splitter_in_both_protocols():
    from imblearn.over_sampling import SMOTE
    from sklearn.model_selection import GroupKFold

    X, y = make_classification(n_samples=300, weights=[0.85], random_state=0)
    groups = np.arange(300) // 10
    result = compare_resampling(
        LogisticRegression(), None, X, y, cv=GroupKFold(3), groups=groups
    )
    assert (result.summary["inflation"] == 0).all()
    leaky = compare_resampling(
        LogisticRegression(),
        SMOTE(random_state=0),
        X,
        y,
        cv=GroupKFold(3),
        groups=groups,
    )
    assert leaky.folds["fold"].nunique() == 3
    with pytest.raises(ValueError, match="groups has 10 labels"):
        compare_resampling(LogisticRegression(), None, X, y, cv=3, groups=groups[:10])


def test_resampled_rows_take_the_group_of_the_row_they_copy():
    from imblearn.over_sampling import RandomOverSampler

    from imbsafe._protocols._compare import _follow_groups

    X, y = make_classification(n_samples=100, weights=[0.8], random_state=0)
    groups = np.arange(100)
    sampler = RandomOverSampler(random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    followed = _follow_groups(X, y, groups, X_res, y_res)
    np.testing.assert_array_equal(followed, groups[sampler.sample_indices_])
