"""compare_remedies: every remedy on the same folds, scores as an independent
protocol gives them, thresholds tuned inside the training folds only."""

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from _data import imbalanced
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.pipeline import make_pipeline as make_imblearn_pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.datasets import make_classification
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold, cross_validate
from sklearn.naive_bayes import GaussianNB

from imbsafe import RemedyResult, ResampledClassifier, compare_remedies
from imbsafe._remedies import STATS, verdict_of
from imbsafe.metrics import binary_report, get_scorer

METRICS = ("average_precision", "f1")


@pytest.fixture(scope="module")
def data():
    return imbalanced(500, 8, weights=(0.9,), flip_y=0.03)


def independent(estimator, X, y, folds):
    """Scores of a plain cross_validate on the same folds."""
    out = cross_validate(
        estimator, X, y, cv=folds, scoring={m: get_scorer(m) for m in METRICS}
    )
    return {m: out[f"test_{m}"] for m in METRICS}


def scores_of(result, remedy, metric):
    part = result.folds.query("remedy == @remedy and metric == @metric")
    return part.sort_values("fold")["score"].to_numpy()


def test_scores_equal_an_independent_safe_protocol(data):
    X, y = data
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(X, y))
    model = LogisticRegression(max_iter=1000)
    result = compare_remedies(
        model,
        X,
        y,
        remedies={
            "none": None,
            "class_weight": "class_weight",
            "ros": RandomOverSampler(random_state=3),
            "rus": RandomUnderSampler(random_state=3),
            "smote": SMOTE(random_state=3),
        },
        cv=folds,
        scoring=METRICS,
    )
    expected = {
        "none": model,
        "class_weight": LogisticRegression(max_iter=1000, class_weight="balanced"),
        "ros": make_imblearn_pipeline(RandomOverSampler(random_state=3), model),
        "rus": make_imblearn_pipeline(RandomUnderSampler(random_state=3), model),
        "smote": make_imblearn_pipeline(SMOTE(random_state=3), model),
    }
    for remedy, estimator in expected.items():
        want = independent(estimator, X, y, folds)
        for metric in METRICS:
            np.testing.assert_allclose(
                scores_of(result, remedy, metric), want[metric], atol=1e-9, rtol=0
            )


def test_summary_layout_best_thresholds_and_verdict(data):
    X, y = data
    result = compare_remedies(LogisticRegression(max_iter=1000), X, y, random_state=0)
    assert isinstance(result, RemedyResult)
    assert list(result.summary.index) == [
        "none",
        "class_weight",
        "ros",
        "ros+prior",
        "rus",
        "rus+prior",
        "smote",
        "smote+prior",
        "threshold",
        "smote+threshold",
    ]
    assert list(result.summary.columns.names) == ["metric", "stat"]
    assert set(result.summary.columns.get_level_values(1)) == {
        "mean",
        "std",
        "diff",
        "diff_low",
        "diff_high",
    }
    none = result.summary.loc["none"]
    assert none[("f1", "diff")] == 0 and none[("f1", "diff_low")] == 0
    means = result.summary[("average_precision", "mean")]
    assert result.best == means.idxmax()
    for remedy in result.summary.index:
        row = result.summary.loc[remedy]
        assert (
            row[("f1", "diff_low")] <= row[("f1", "diff")] <= row[("f1", "diff_high")]
        )
    assert result.thresholds.shape == (10, 5)
    assert (result.thresholds.loc[["none", "ros", "smote+prior"]] == 0.5).all().all()
    assert (result.thresholds.loc["threshold"] != 0.5).any()
    assert result.best in result.verdict
    assert set(result.folds.columns) == {"remedy", "fold", "metric", "score"}


def summary_of(diffs):
    """A summary with one metric: name -> (diff_low, diff_high)."""
    columns = pd.MultiIndex.from_product([["average_precision", "f1"], STATS])
    rows = {
        name: [0.5, 0.1, (low + high) / 2, low, high] * 2
        for name, (low, high) in diffs.items()
    }
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns)


def test_the_verdict_names_every_remedy_once_and_what_can_judge_it():
    summary = summary_of(
        {
            "none": (0.0, 0.0),
            "weights": (0.01, 0.05),
            "ros": (-0.02, 0.03),
            "rus": (-0.09, -0.01),
            "threshold": (0.0, 0.0),
        }
    )
    ranking = verdict_of(summary, "average_precision", "weights", ["threshold"], "f1")
    assert ranking.startswith(
        "weights is best by mean average_precision and better than none;"
    )
    assert "but not distinguishable" not in ranking
    assert "ros is not distinguishable from none" in ranking
    assert "rus is worse than none" in ranking
    assert "threshold scores as without the tuned threshold" in ranking
    assert "judge it by f1" in ranking
    # a threshold metric judges the tuned threshold like any other remedy
    rate = verdict_of(summary, "f1", "ros", ["threshold"], "f1")
    assert "ros is best by mean f1, but not distinguishable from none" in rate
    assert "weights is better than none" in rate
    assert "threshold is not distinguishable from none" in rate
    for name in ("weights", "ros", "rus", "threshold"):
        assert rate.count(name) == 1, rate


def test_the_threshold_never_sees_the_test_fold(data):
    """One (train, test) pair: new test labels change the scores, not the threshold."""
    X, y = data
    rows = np.arange(len(y))
    train, test = rows[:350], rows[350:]
    other = y.copy()
    other[test] = np.random.default_rng(0).permutation(y[test])
    assert not np.array_equal(other[test], y[test])
    runs = [
        compare_remedies(
            LogisticRegression(max_iter=1000),
            X,
            labels,
            remedies={"threshold": "threshold"},
            cv=[(train, test)],
            random_state=0,
        )
        for labels in (y, other)
    ]
    assert (
        runs[0].thresholds.loc["threshold", 0] == runs[1].thresholds.loc["threshold", 0]
    )
    assert not np.allclose(
        scores_of(runs[0], "threshold", "f1"), scores_of(runs[1], "threshold", "f1")
    )


class CountingLR(ClassifierMixin, BaseEstimator):
    fits = 0

    def fit(self, X, y, sample_weight=None):
        type(self).fits += 1
        self.model_ = LogisticRegression(max_iter=1000).fit(X, y, sample_weight)
        self.classes_ = self.model_.classes_
        return self

    def predict(self, X):
        return self.model_.predict(X)

    def predict_proba(self, X):
        return self.model_.predict_proba(X)


def test_a_remedy_and_its_threshold_variant_share_their_fits(data):
    X, y = data
    remedies = {"none": None, "threshold": "threshold"}
    CountingLR.fits = 0
    compare_remedies(CountingLR(), X, y, remedies=remedies, cv=3, random_state=0)
    shared = CountingLR.fits
    # per fold: the tuner's 5 inner fits and one refit, which also serves "none"
    assert shared == 3 * (5 + 1)


def test_groups_iterable_folds_and_estimator_remedies(data):
    X, y = data
    groups = np.arange(len(y)) // 10
    result = compare_remedies(
        GaussianNB(),
        X,
        y,
        remedies={
            "weights": "class_weight",  # GaussianNB: balanced sample_weight
            "own": LogisticRegression(class_weight={0: 1, 1: 5}, max_iter=1000),
        },
        cv=GroupKFold(4),
        groups=groups,
    )
    assert list(result.summary.index) == ["none", "weights", "own"]
    assert result.folds["fold"].nunique() == 4
    none, weights = (scores_of(result, r, "f1") for r in ("none", "weights"))
    assert not np.allclose(none, weights)


def test_resampling_combines_with_prior_correction_and_a_tuned_threshold(data):
    X, y = data
    folds = list(StratifiedKFold(4, shuffle=True, random_state=1).split(X, y))
    model = LogisticRegression(max_iter=1000)
    corrected = ResampledClassifier(
        model, RandomUnderSampler(random_state=2), prior_correction=True
    )
    result = compare_remedies(
        model,
        X,
        y,
        remedies={
            "rus+prior": corrected,
            "rus+prior+threshold": (corrected, "threshold"),
        },
        cv=folds,
        random_state=0,
    )
    # the corrected remedy scores as the corrected classifier does on its own
    want = independent(corrected, X, y, folds)
    for metric in METRICS:
        np.testing.assert_allclose(
            scores_of(result, "rus+prior", metric), want[metric], atol=1e-9, rtol=0
        )
    # the tuned variant cuts the same corrected scores elsewhere
    assert (result.thresholds.loc["rus+prior"] == 0.5).all()
    assert (result.thresholds.loc["rus+prior+threshold"] != 0.5).all()
    np.testing.assert_allclose(
        scores_of(result, "rus+prior+threshold", "average_precision"),
        want["average_precision"],
        atol=1e-9,
        rtol=0,
    )


def few_positives(n_positive, n=214, seed=0):
    """Few positives, as in real data (KEEL glass5: 9 of 214; zoo_3: 5 of
    101): SMOTE's default k_neighbors=5 needs 6 positives in a training fold."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4))
    y = np.zeros(n, dtype=int)
    y[rng.permutation(n)[:n_positive]] = 1
    X[y == 1] += 1.5
    return X, y


def test_a_remedy_that_cannot_be_fitted_scores_error_score_and_says_why():
    from sklearn.exceptions import FitFailedWarning

    X, y = few_positives(n_positive=6)  # 4 or 5 positives per training fold
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(X, y))
    model = LogisticRegression(max_iter=1000)
    remedies = {"ros": RandomOverSampler(random_state=0), "smote": SMOTE()}
    with pytest.warns(
        FitFailedWarning, match="'smote' could not be fitted on 5 of 5"
    ) as w:
        result = compare_remedies(model, X, y, remedies=remedies, cv=folds)
    assert {x.filename for x in w if x.category is FitFailedWarning} == {__file__}
    # its +prior row fails with it, and is told in the same warning
    assert list(result.failures) == ["smote", "smote+prior"]
    assert "k_neighbors" in result.failures["smote"]
    assert result.summary.loc["smote"].isna().all()
    assert result.folds.query("remedy == 'smote'")["score"].isna().all()
    assert result.best != "smote"
    assert "smote, smote+prior could not be fitted on every fold" in result.verdict
    # the other remedies are untouched by the failure
    want = independent(
        make_imblearn_pipeline(RandomOverSampler(random_state=0), model), X, y, folds
    )
    np.testing.assert_allclose(
        scores_of(result, "ros", "f1"), want["f1"], atol=1e-9, rtol=0
    )
    assert json.loads(json.dumps(result.to_dict()))["failures"] == result.failures
    # the picture leaves the failed remedy out
    pytest.importorskip("matplotlib", reason="the [plot] extra is not installed")
    labels = [t.get_text() for t in result.plot().get_legend().get_texts()]
    assert "smote" not in labels and "ros" in labels
    # "raise" raises the remedy's own error; a number is used as its score
    with pytest.raises(ValueError, match="k_neighbors"):
        compare_remedies(model, X, y, remedies=remedies, cv=folds, error_score="raise")
    with pytest.warns(FitFailedWarning):
        zero = compare_remedies(model, X, y, remedies=remedies, cv=folds, error_score=0)
    assert (zero.folds.query("remedy == 'smote'")["score"] == 0).all()
    assert zero.summary.loc["smote", ("f1", "mean")] == 0


def test_a_baseline_that_cannot_be_fitted_is_an_error(data):
    X, y = data
    with pytest.raises(ValueError, match="'none'.*could not be fitted on any fold"):
        compare_remedies(
            LogisticRegression(C=-1.0), X, y, remedies={"none": None}, cv=3
        )
    with pytest.raises(ValueError, match="error_score must be a number or 'raise'"):
        compare_remedies(LogisticRegression(), X, y, error_score="ignore")


def test_one_fold_gives_no_interval(data):
    X, y = data
    train, test = next(StratifiedKFold(4, shuffle=True, random_state=0).split(X, y))
    result = compare_remedies(
        LogisticRegression(max_iter=1000),
        X,
        y,
        remedies={"none": None, "weights": "class_weight"},
        cv=[(train, test)],
    )
    row = result.summary.loc["weights"]
    assert np.isfinite(row[("f1", "diff")])
    assert np.isnan(row[("f1", "diff_low")]) and np.isnan(row[("f1", "diff_high")])
    assert "cannot be compared with none" in result.verdict or (
        "not comparable with none" in result.verdict
    )


def test_undefined_metrics_follow_the_nan_policy():
    from sklearn.dummy import DummyClassifier
    from sklearn.exceptions import UndefinedMetricWarning

    X, y = make_classification(n_samples=200, weights=[0.9], random_state=0)
    with pytest.warns(UndefinedMetricWarning):
        result = compare_remedies(
            DummyClassifier(strategy="most_frequent"),
            X,
            y,
            remedies={"none": None},
            scoring=("precision",),
            cv=3,
        )
    precision = result.folds.query("metric == 'precision'")
    assert precision["score"].isna().all()
    assert np.isnan(result.summary.loc["none", ("precision", "mean")])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"remedies": {"x": "weights"}}, "unknown string"),
        ({"remedies": {"x": (SMOTE(), "tune")}}, "must be \\(remedy, 'threshold'\\)"),
        ({"remedies": {"x": 3}}, "neither a sampler nor an estimator"),
        ({"scoring": ("f2",)}, "unknown metric"),
    ],
)
def test_bad_arguments_get_clear_errors(data, kwargs, match):
    X, y = data
    with pytest.raises((ValueError, TypeError), match=match):
        compare_remedies(LogisticRegression(), X, y, **kwargs)


def test_multiclass_targets_are_refused_clearly():
    X, y = make_classification(
        n_samples=150, n_classes=3, n_informative=4, random_state=0
    )
    with pytest.raises(ValueError, match="binary target"):
        compare_remedies(LogisticRegression(), X, y)


def test_plot_draws_one_curve_per_remedy(data):
    matplotlib = pytest.importorskip("matplotlib", reason="the [plot] extra")
    matplotlib.use("Agg")
    X, y = data
    result = compare_remedies(
        LogisticRegression(max_iter=1000),
        X,
        y,
        remedies={"none": None, "ros": RandomOverSampler(random_state=0)},
        cv=3,
    )
    ax = result.plot()
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["none", "ros", "ros+prior", "prevalence"]
    curve = ax.get_lines()[0].get_ydata()
    assert curve[0] > curve[-1] and curve.min() < 0.99  # a real PR curve, not flat
    tuned = compare_remedies(
        LogisticRegression(max_iter=1000),
        X,
        y,
        remedies={"threshold": "threshold"},
        cv=3,
        random_state=0,
    ).plot()
    assert [line.get_label() for line in tuned.get_lines()][:2] == [
        "none",
        "threshold (tuned)",
    ]
    payload = result.to_dict()
    assert payload["best"] in ("none", "ros") and "summary" in payload
    pd.testing.assert_index_equal(result.thresholds.index, result.summary.index)


def test_parallel_fits_give_the_same_result(data):
    X, y = data
    remedies = {"smote+threshold": (SMOTE(random_state=0), "threshold")}
    kwargs = dict(remedies=remedies, cv=3, random_state=0)
    one = compare_remedies(LogisticRegression(max_iter=1000), X, y, **kwargs)
    two = compare_remedies(LogisticRegression(max_iter=1000), X, y, n_jobs=2, **kwargs)
    pd.testing.assert_frame_equal(one.folds, two.folds)
    pd.testing.assert_frame_equal(one.thresholds, two.thresholds)
    assert one.verdict == two.verdict


def test_decision_function_estimators_report_their_own_threshold(data):
    """LinearSVC has no predict_proba: it cuts its decision values at 0, and a
    tuned threshold is on that scale too (0.5 would be a number nobody used)."""
    from sklearn.svm import LinearSVC

    X, y = data
    folds = list(StratifiedKFold(3, shuffle=True, random_state=0).split(X, y))
    result = compare_remedies(
        LinearSVC(),
        X,
        y,
        remedies={"threshold": "threshold"},
        cv=folds,
        random_state=0,
    )
    assert (result.thresholds.loc["none"] == 0.0).all()
    want = independent(LinearSVC(), X, y, folds)
    np.testing.assert_allclose(scores_of(result, "none", "f1"), want["f1"], atol=1e-9)
    # the tuned variant's labels are its decision values cut at its threshold
    for fold, (_, test) in enumerate(folds):
        cut = result.thresholds.loc["threshold", fold]
        part = result.scores.query("remedy == 'threshold' and fold == @fold")
        labels = (part["score"].to_numpy() >= cut).astype(int)
        with warnings.catch_warnings():  # hard labels have no calibration
            warnings.simplefilter("ignore", UndefinedMetricWarning)
            f1 = binary_report(y[test], labels)["f1"]
        assert scores_of(result, "threshold", "f1")[fold] == pytest.approx(f1)


# ------------------------------------------------------ hostile edges (issue 18)


def test_a_failing_threshold_search_does_not_take_the_baseline_down():
    X, y = few_positives(2, n=60)
    with pytest.warns(Warning) as caught:
        result = compare_remedies(
            LogisticRegression(), X, y, remedies={"thr": "threshold"}, cv=2
        )
    assert list(result.failures) == ["thr"], result.failures
    none = result.summary.loc["none", ("average_precision", "mean")]
    assert np.isfinite(none)
    assert any("'thr'" in str(w.message) for w in caught)


def test_with_one_positive_the_baseline_scores_where_it_can_be_fitted():
    X, y = few_positives(1, n=100)
    with pytest.warns(Warning):
        result = compare_remedies(LogisticRegression(), X, y, cv=5, random_state=0)
    # the four training folds that hold the positive fit; the fifth cannot
    none = result.scores.query("remedy == 'none'")
    fitted = none.groupby("fold")["score"].apply(lambda s: s.notna().all())
    assert fitted.sum() == 4
    assert "none" in result.failures


def test_no_remedy_without_a_defined_mean_is_called_best():
    X, y = few_positives(2, n=60)
    with pytest.warns(Warning):
        result = compare_remedies(
            LogisticRegression(), X, y, remedies={"thr": "threshold"}, cv=5
        )
    means = result.summary[("average_precision", "mean")]
    assert result.best is None or np.isfinite(means[result.best])
    assert "none is best" not in result.verdict or np.isfinite(means["none"])
    if means.isna().all():
        assert result.best is None
        assert result.verdict.startswith("no remedy has a defined mean")


def test_the_verdict_with_every_mean_undefined_ranks_nothing():
    summary = pd.DataFrame(
        np.nan,
        index=pd.Index(["none", "cw"], name="remedy"),
        columns=pd.MultiIndex.from_product([["average_precision"], STATS]),
    )
    text = verdict_of(summary, "average_precision", None, [], "f1", {"none": "x"})
    assert text.startswith("no remedy has a defined mean average_precision")
    assert " is best" not in text


def test_a_random_state_instance_is_accepted(data):
    X, y = data
    kwargs = {"remedies": ["ros", "smote"], "cv": 3}
    a = compare_remedies(
        GaussianNB(), X, y, random_state=np.random.RandomState(0), **kwargs
    )
    b = compare_remedies(
        GaussianNB(), X, y, random_state=np.random.RandomState(0), **kwargs
    )
    pd.testing.assert_frame_equal(a.folds, b.folds)


def test_a_list_of_names_picks_from_the_default_line_up(data):
    X, y = data
    result = compare_remedies(GaussianNB(), X, y, remedies=["ros", "smote"], cv=3)
    assert list(result.summary.index) == [
        "none",
        "ros",
        "ros+prior",
        "smote",
        "smote+prior",
    ]


@pytest.mark.parametrize(
    ("remedies", "error", "match"),
    [
        (["cw"], ValueError, r"unknown remedy name\(s\) \['cw'\]; the names are"),
        ("cw", ValueError, r"unknown remedy name\(s\) \['cw'\]"),
        ([1, 2], TypeError, "a list of names"),
        (3, TypeError, "a list of names"),
    ],
)
def test_bad_remedy_lists_get_one_clear_line(data, remedies, error, match):
    X, y = data
    with pytest.raises(error, match=match) as info:
        compare_remedies(GaussianNB(), X, y, remedies=remedies, cv=3)
    assert "\n" not in str(info.value)


def test_a_scorer_object_is_refused_in_one_line(data):
    from sklearn.metrics import f1_score, make_scorer

    X, y = data
    with pytest.raises(TypeError, match="takes metric names") as info:
        compare_remedies(GaussianNB(), X, y, scoring=make_scorer(f1_score), cv=3)
    assert "\n" not in str(info.value)


def test_results_compare_by_identity(data):
    X, y = data
    result = compare_remedies(GaussianNB(), X, y, remedies=["ros"], cv=3)
    assert result == result
    assert result != compare_remedies(GaussianNB(), X, y, remedies=["ros"], cv=3)


def test_plot_without_matplotlib_says_how_to_get_it(data, monkeypatch):
    import sys

    X, y = data
    result = compare_remedies(GaussianNB(), X, y, remedies=["ros"], cv=3)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"pip install 'imbsafe\[plot\]'"):
        result.plot()


def test_warnings_of_parallel_fits_reach_the_caller():
    """Worker processes print their warnings; the caller must get them."""
    from sklearn.exceptions import UndefinedMetricWarning

    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 3))
    y = (np.arange(120) % 12 == 0).astype(int)  # 10 positives, weak signal
    with pytest.warns(UndefinedMetricWarning) as caught:
        compare_remedies(
            GaussianNB(), X, y, remedies=["rus"], cv=5, scoring=("precision",), n_jobs=2
        )
    assert all(w.filename == __file__ for w in caught if "Undefined" in str(w.message))
