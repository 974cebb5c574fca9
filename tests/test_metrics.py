import math
import pickle
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.metrics import geometric_mean_score, specificity_score
from sklearn import metrics as skm
from sklearn.datasets import make_classification
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, cross_validate
from sklearn.svm import LinearSVC

from imbsafe.metrics import (
    BINARY_KEYS,
    CALIBRATION_METRICS,
    average_precision,
    binary_report,
    confusion_counts,
    fold_summary,
    get_scorer,
    multiclass_report,
    roc_auc,
    scorers,
)


@st.composite
def scored_samples(draw):
    """Labels with both classes, scores with many ties, any threshold."""
    n = draw(st.integers(2, 60))
    y = np.array(draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)))
    if y.min() == y.max():
        y[0] = 1 - y[0]
    levels = draw(st.integers(1, 6))
    scores = np.array(
        draw(st.lists(st.integers(0, levels), min_size=n, max_size=n)), dtype=float
    )
    scores /= levels  # values in [0, 1] with ties
    threshold = draw(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]))
    return y, scores, threshold


def _sklearn_values(y, scores, threshold):
    pred = (scores >= threshold).astype(int)
    tn, fp, fn, tp = skm.confusion_matrix(y, pred, labels=[0, 1]).ravel()
    out = {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "accuracy": skm.accuracy_score(y, pred),
        "recall": skm.recall_score(y, pred),
        "specificity": specificity_score(y, pred),
        "balanced_accuracy": skm.balanced_accuracy_score(y, pred),
        "g_mean": geometric_mean_score(y, pred),
        "roc_auc": skm.roc_auc_score(y, scores),
        "average_precision": skm.average_precision_score(y, scores),
        "prevalence": y.mean(),
        "brier": skm.brier_score_loss(y, scores, pos_label=1),
    }
    own = np.where(y == 1, scores, 1 - scores)
    if (own > 0).all():  # sklearn clips an infinite loss to a large number
        out["log_loss"] = skm.log_loss(y, scores, labels=[0, 1])
    if tp + fp > 0:
        out["precision"] = skm.precision_score(y, pred)
    if 2 * tp + fp + fn > 0:
        out["f1"] = skm.f1_score(y, pred)
    if (tp + fp) * (tn + fn) > 0:  # both classes present, both predicted
        out["mcc"] = skm.matthews_corrcoef(y, pred)
    return out


@settings(max_examples=300, deadline=None)
@given(scored_samples())
def test_binary_report_equals_sklearn_where_defined(sample):
    y, scores, threshold = sample
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        ours = binary_report(y, scores, threshold=threshold)
    assert tuple(ours) == BINARY_KEYS
    for key, expected in _sklearn_values(y, scores, threshold).items():
        assert ours[key] == pytest.approx(expected, rel=1e-12, abs=1e-12), key
    # every metric not compared above is undefined here, and NaN (the
    # calibration fits are compared with a logistic regression in
    # test_calibration.py)
    fits = {"calibration_intercept", "calibration_slope"}
    for key in set(BINARY_KEYS) - set(_sklearn_values(y, scores, threshold)) - fits:
        assert math.isnan(ours[key]), key


@settings(max_examples=100, deadline=None)
@given(scored_samples(), st.booleans())
def test_string_labels_and_pos_label(sample, flip):
    y, scores, threshold = sample
    labels = np.where(y == 1, "fraud", "ok")
    pos = "ok" if flip else "fraud"
    positive = labels == pos
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        ours = binary_report(labels, scores, threshold=threshold, pos_label=pos)
        ref = binary_report(positive.astype(int), scores, threshold=threshold)
    assert ours.keys() == ref.keys()
    for key in ours:
        assert ours[key] == pytest.approx(ref[key], nan_ok=True)


def test_decision_scores_with_threshold_zero_equal_sklearn():
    X, y = make_classification(n_samples=400, weights=[0.9], random_state=0)
    clf = LinearSVC().fit(X, y)
    d = clf.decision_function(X)
    # decision scores are not probabilities: the calibration keys say so
    with pytest.warns(UndefinedMetricWarning, match="not probabilities"):
        r = binary_report(y, d, threshold=0.0)
    assert all(math.isnan(r[key]) for key in CALIBRATION_METRICS)
    assert r["f1"] == pytest.approx(skm.f1_score(y, clf.predict(X)))
    assert r["roc_auc"] == pytest.approx(skm.roc_auc_score(y, d))
    assert r["average_precision"] == pytest.approx(skm.average_precision_score(y, d))


def test_confusion_counts_equal_sklearn_with_strings():
    y = np.array(["a", "b", "b", "a", "b"])
    p = np.array(["a", "a", "b", "b", "b"])
    tn, fp, fn, tp = skm.confusion_matrix(y, p, labels=["a", "b"]).ravel()
    assert confusion_counts(y, p, pos_label="b") == (tp, fp, fn, tn)


# --- the undefined-case policy, with what sklearn does in each case ----------


def test_auroc_one_class_is_nan_like_sklearn():
    y, s = np.zeros(5), np.linspace(0, 1, 5)
    with pytest.warns(UndefinedMetricWarning, match="roc_auc"):
        assert math.isnan(roc_auc(y, s))
    # sklearn agrees here: NaN with a warning (torchmetrics returns 0)
    with pytest.warns(UndefinedMetricWarning):
        assert math.isnan(skm.roc_auc_score(y, s))


def test_average_precision_no_positive_is_nan_where_sklearn_says_0():
    y, s = np.zeros(5), np.linspace(0, 1, 5)
    with pytest.warns(UndefinedMetricWarning, match="average_precision"):
        assert math.isnan(average_precision(y, s))
    # sklearn returns 0.0 by convention (torchmetrics NaN or -0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert skm.average_precision_score(y, s) == 0.0


def test_average_precision_only_positives_is_1():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # defined: no warning
        assert average_precision(np.ones(4), [0.1, 0.5, 0.2, 0.9]) == 1.0
    assert skm.average_precision_score(np.ones(4), [0.1, 0.5, 0.2, 0.9]) == 1.0


def test_mcc_zero_denominator_is_nan_where_sklearn_says_0():
    y = np.array([0, 1, 0, 1])
    pred = np.zeros(4)  # nothing predicted positive
    with pytest.warns(UndefinedMetricWarning, match="mcc"):
        assert math.isnan(binary_report(y, pred)["mcc"])
    assert skm.matthews_corrcoef(y, pred) == 0.0  # sklearn's convention


def test_precision_no_predicted_positive_is_nan_where_sklearn_says_0():
    y, pred = np.array([0, 1, 0, 1]), np.zeros(4)
    with pytest.warns(UndefinedMetricWarning, match="precision"):
        report = binary_report(y, pred)
    assert math.isnan(report["precision"])
    assert report["f1"] == 0.0 and report["recall"] == 0.0  # defined: 0 is real
    with pytest.warns(UndefinedMetricWarning):
        assert skm.precision_score(y, pred) == 0.0


def test_one_warning_lists_every_undefined_metric():
    with pytest.warns(UndefinedMetricWarning) as record:
        report = binary_report([0, 0, 0], [0.2, 0.3, 0.9])
    assert len(record) == 1
    message = str(record[0].message)
    for key in (
        "recall",
        "balanced_accuracy",
        "g_mean",
        "roc_auc",
        "average_precision",
    ):
        assert key in message and math.isnan(report[key])
    assert report["accuracy"] == pytest.approx(2 / 3)  # defined


def test_undefined_raise_and_substitute():
    with pytest.raises(ValueError, match="roc_auc"):
        roc_auc([1, 1], [0.2, 0.4], undefined="raise")
    with pytest.warns(UndefinedMetricWarning):
        assert roc_auc([1, 1], [0.2, 0.4], undefined=0.5) == 0.5
    with pytest.raises(ValueError, match="number or 'raise'"):
        roc_auc([0, 1], [0.2, 0.4], undefined="zero")


@pytest.mark.parametrize(
    ("y", "s", "match"),
    [
        ([0, 1, 2], [0.1, 0.2, 0.3], "multiclass_report"),
        ([0, 1], [0.1], "different lengths"),
        ([0, 1], [0.1, np.nan], "NaN"),
        ([0, 1], [[0.1, 0.9], [0.2, 0.8]], "one score per row"),
        (["a", "b"], [0.1, 0.2], "pos_label=1 is not a label"),
        ([], [], "empty"),
    ],
)
def test_bad_input(y, s, match):
    with pytest.raises(ValueError, match=match):
        binary_report(y, s)


# --- multiclass --------------------------------------------------------------


def test_multiclass_report_equals_sklearn():
    X, y = make_classification(
        n_samples=300, n_classes=3, n_informative=4, weights=[0.7, 0.2], random_state=0
    )
    proba = LogisticRegression().fit(X, y).predict_proba(X)
    pred = proba.argmax(axis=1)
    r = multiclass_report(y, proba)
    assert r["f1"] == pytest.approx(skm.f1_score(y, pred, average="macro"))
    assert r["recall"] == pytest.approx(skm.recall_score(y, pred, average="macro"))
    assert r["precision"] == pytest.approx(
        skm.precision_score(y, pred, average="macro")
    )
    assert r["roc_auc"] == pytest.approx(
        skm.roc_auc_score(y, proba, multi_class="ovr", average="macro")
    )
    ap = np.mean([skm.average_precision_score(y == k, proba[:, k]) for k in range(3)])
    assert r["average_precision"] == pytest.approx(ap)
    assert r["balanced_accuracy"] == pytest.approx(skm.balanced_accuracy_score(y, pred))
    assert r["mcc"] == pytest.approx(skm.matthews_corrcoef(y, pred))
    assert r["per_class"][2]["support"] == int((y == 2).sum())


def test_multiclass_missing_class_is_nan_per_class_and_left_out_of_macro():
    y = np.array([0, 0, 1, 1])
    proba = np.array(
        [[0.8, 0.1, 0.1], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.1, 0.2, 0.7]]
    )
    with pytest.warns(UndefinedMetricWarning, match=r"roc_auc\[2\]"):
        r = multiclass_report(y, proba, labels=[0, 1, 2])
    assert math.isnan(r["per_class"][2]["roc_auc"])
    assert set(r) == {  # per-class entries stay in per_class
        "f1",
        "precision",
        "recall",
        "roc_auc",
        "average_precision",
        "balanced_accuracy",
        "accuracy",
        "mcc",
        "per_class",
    }
    with pytest.warns(UndefinedMetricWarning):
        substituted = multiclass_report(y, proba, labels=[0, 1, 2], undefined=-1.0)
    assert substituted["per_class"][2]["roc_auc"] == -1.0
    assert set(substituted) == set(r)
    assert r["roc_auc"] == pytest.approx(
        np.mean([r["per_class"][0]["roc_auc"], r["per_class"][1]["roc_auc"]])
    )


# --- scorers -----------------------------------------------------------------


def test_scorers_equal_sklearn_scorers_and_pickle():
    X, y = make_classification(n_samples=300, weights=[0.85], random_state=1)
    ours = cross_validate(
        LogisticRegression(), X, y, cv=4, scoring=scorers(("f1", "roc_auc", "mcc"))
    )
    theirs = cross_validate(
        LogisticRegression(), X, y, cv=4, scoring=["f1", "roc_auc", "matthews_corrcoef"]
    )
    np.testing.assert_allclose(ours["test_f1"], theirs["test_f1"])
    np.testing.assert_allclose(ours["test_roc_auc"], theirs["test_roc_auc"])
    np.testing.assert_allclose(ours["test_mcc"], theirs["test_matthews_corrcoef"])
    scorer = pickle.loads(pickle.dumps(get_scorer("average_precision")))
    assert "average_precision" in repr(scorer)


def test_undefined_fold_is_nan_not_an_exception_and_summarized():
    X, y = make_classification(n_samples=60, weights=[0.8], random_state=0)
    negatives, positives = np.flatnonzero(y == 0), np.flatnonzero(y == 1)
    # fold 1 tests on negatives only; every training part keeps both classes
    folds = [
        (np.setdiff1d(np.arange(60), negatives[:10]), negatives[:10]),
        (
            np.setdiff1d(np.arange(60), np.r_[negatives[10:20], positives[:3]]),
            np.r_[negatives[10:20], positives[:3]],
        ),
        (
            np.setdiff1d(np.arange(60), np.r_[negatives[20:30], positives[3:6]]),
            np.r_[negatives[20:30], positives[3:6]],
        ),
    ]
    with pytest.warns(UndefinedMetricWarning):
        out = cross_validate(
            LogisticRegression(),
            X,
            y,
            cv=folds,
            scoring=scorers(("roc_auc", "accuracy")),
            error_score="raise",
        )
    assert np.isnan(out["test_roc_auc"][0])
    assert np.isfinite(out["test_roc_auc"][1:]).all()
    summary = fold_summary(out)
    assert summary.loc["roc_auc", "n_undefined"] == 1
    assert summary.loc["roc_auc", "n_folds"] == 3
    assert summary.loc["roc_auc", "mean"] == pytest.approx(
        out["test_roc_auc"][1:].mean()
    )
    assert summary.loc["accuracy", "n_undefined"] == 0


def test_grid_search_with_policy_scorer():
    X, y = make_classification(n_samples=200, weights=[0.9], random_state=0)
    grid = GridSearchCV(
        LogisticRegression(), {"C": [0.1, 1.0]}, cv=3, scoring=get_scorer("g_mean")
    ).fit(X, y)
    assert np.isfinite(grid.best_score_)


def test_unknown_metric_and_bad_policy():
    with pytest.raises(ValueError, match="unknown metric"):
        get_scorer("f2")
    with pytest.raises(ValueError, match="number or 'raise'"):
        get_scorer("f1", undefined="zero")


def test_scorer_applies_the_policy_to_its_own_metric_only():
    class NeverPositive(LogisticRegression):
        def predict(self, X):
            return np.zeros(len(X), dtype=int)

    X, y = make_classification(n_samples=100, weights=[0.8], random_state=0)
    model = NeverPositive().fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # precision is undefined, g_mean is not
        assert get_scorer("g_mean")(model, X, y) == 0.0
    with pytest.warns(UndefinedMetricWarning, match="precision"):
        assert math.isnan(get_scorer("precision")(model, X, y))


def test_multiclass_string_labels_in_any_column_order_equal_sklearn():
    rng = np.random.default_rng(0)
    y = rng.choice(["cat", "dog", "emu"], size=300, p=[0.7, 0.2, 0.1])
    proba = rng.dirichlet([1, 1, 1], size=300)
    labels = ["emu", "cat", "dog"]  # not np.unique's order
    pred = np.array(labels)[proba.argmax(axis=1)]
    r = multiclass_report(y, proba, labels=labels)
    assert r["mcc"] == pytest.approx(skm.matthews_corrcoef(y, pred))
    assert r["f1"] == pytest.approx(skm.f1_score(y, pred, average="macro"))
    assert r["accuracy"] == pytest.approx(np.mean(pred == y))
    assert r["per_class"]["emu"]["support"] == int((y == "emu").sum())
    auc = skm.roc_auc_score(y == "emu", proba[:, 0])
    assert r["per_class"]["emu"]["roc_auc"] == pytest.approx(auc)


# The table of docs/metrics_policy.rst, checked against the installed libraries:
# (case, y_true, y_score, sklearn's answer, torchmetrics' answer, imbsafe's).
POLICY_TABLE = [
    ("roc_auc", [0, 0, 0, 0], [0.1, 0.4, 0.35, 0.8], "nan", 0.0, "nan"),
    ("average_precision", [0, 0, 0, 0], [0.1, 0.4, 0.35, 0.8], 0.0, 0.0, "nan"),
    ("average_precision", [1, 1, 1, 1], [0.1, 0.4, 0.35, 0.8], 1.0, 1.0, 1.0),
    ("precision", [0, 1, 0, 1], [0.1, 0.4, 0.35, 0.2], 0.0, 0.0, "nan"),
    ("mcc", [0, 1, 0, 1], [0.1, 0.4, 0.35, 0.2], 0.0, 0.0, "nan"),
    ("f1", [0, 1, 0, 1], [0.1, 0.4, 0.35, 0.2], 0.0, 0.0, 0.0),
]


def _same(got, want):
    return np.isnan(got) if want == "nan" else got == pytest.approx(want)


@pytest.mark.parametrize(
    ("metric", "y_true", "y_score", "sk", "tm", "ours"),
    POLICY_TABLE,
    ids=[f"{row[0]}-{i}" for i, row in enumerate(POLICY_TABLE)],
)
def test_docs_policy_table(metric, y_true, y_score, sk, tm, ours):
    torch = pytest.importorskip("torch", reason="the [torch] extra is optional")
    tmf = pytest.importorskip(
        "torchmetrics.functional.classification",
        reason="torchmetrics comes with the [test-torch] extra, which CI installs",
    )
    y_true, y_score = np.array(y_true), np.array(y_score)
    y_pred = (y_score >= 0.5).astype(int)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # each library's own warnings
        sk_value = {
            "roc_auc": lambda: skm.roc_auc_score(y_true, y_score),
            "average_precision": lambda: skm.average_precision_score(y_true, y_score),
            "precision": lambda: skm.precision_score(y_true, y_pred),
            "mcc": lambda: skm.matthews_corrcoef(y_true, y_pred),
            "f1": lambda: skm.f1_score(y_true, y_pred),
        }[metric]()
        tm_fn = {
            "roc_auc": tmf.binary_auroc,
            "average_precision": tmf.binary_average_precision,
            "precision": tmf.binary_precision,
            "mcc": tmf.binary_matthews_corrcoef,
            "f1": tmf.binary_f1_score,
        }[metric]
        tm_value = tm_fn(torch.tensor(y_score), torch.tensor(y_true)).item()
        ours_value = binary_report(y_true, y_score)[metric]
    assert _same(sk_value, sk)
    assert _same(tm_value, tm)
    assert _same(ours_value, ours)


# ------------------------------------------------ issue 11: inputs and weights


def test_multiclass_report_refuses_non_finite_scores_and_missing_labels():
    y = np.array([0, 1, 2, 0])
    proba = np.full((4, 3), 1 / 3)
    with pytest.raises(ValueError, match="NaN or infinite"):
        multiclass_report(y, np.full((4, 3), np.nan))
    bad = proba.copy()
    bad[0, 0] = np.inf
    with pytest.raises(ValueError, match="NaN or infinite"):
        multiclass_report(y, bad)
    with pytest.raises(ValueError, match="missing label"):
        multiclass_report(np.array([0, 1, np.nan, 2]), proba, labels=[0, 1, 2])


def test_multiclass_balanced_accuracy_follows_the_policy():
    y = np.array([1, 1, 1])
    proba = np.eye(3)[[1, 1, 0]]
    with pytest.warns(UndefinedMetricWarning):
        assert math.isnan(
            multiclass_report(y, proba, labels=[0, 1, 2])["balanced_accuracy"]
        )
    with pytest.raises(ValueError, match="balanced_accuracy"):
        multiclass_report(y, proba, labels=[0, 1, 2], undefined="raise")
    with pytest.warns(UndefinedMetricWarning):
        report = multiclass_report(y, proba, labels=[0, 1, 2], undefined=0.25)
    assert report["balanced_accuracy"] == 0.25


@pytest.mark.parametrize("threshold", ["a", np.nan, np.inf, None, True])
def test_binary_report_refuses_a_threshold_that_is_not_a_number(threshold):
    with pytest.raises(ValueError, match="threshold"):
        binary_report([0, 1], [0.2, 0.8], threshold=threshold)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000))
def test_weighted_report_equals_sklearn(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(8, 60))
    y = (rng.random(n) < 0.3).astype(int)
    y[:2] = [0, 1]
    score = np.round(rng.random(n), 1)  # ties
    w = rng.integers(0, 4, n).astype(float)
    w[:2] = 1.0
    with warnings.catch_warnings():
        # MCC or precision may be undefined (nothing weighed as predicted
        # positive): that policy is tested elsewhere, the values are compared
        # below where defined
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        report = binary_report(y, score, sample_weight=w)
    pred = (score >= 0.5).astype(int)
    assert report["tp"] == pytest.approx(w[(y == 1) & (pred == 1)].sum())
    assert report["accuracy"] == pytest.approx(
        skm.accuracy_score(y, pred, sample_weight=w)
    )
    assert report["roc_auc"] == pytest.approx(
        skm.roc_auc_score(y, score, sample_weight=w)
    )
    assert report["average_precision"] == pytest.approx(
        skm.average_precision_score(y, score, sample_weight=w)
    )
    assert report["balanced_accuracy"] == pytest.approx(
        skm.balanced_accuracy_score(y, pred, sample_weight=w)
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, sk in (
            ("f1", skm.f1_score),
            ("precision", skm.precision_score),
            ("recall", skm.recall_score),
            ("mcc", skm.matthews_corrcoef),
        ):
            got = report[name]
            if not math.isnan(got):
                assert got == pytest.approx(sk(y, pred, sample_weight=w)), name
    # weight 1 everywhere is no weight at all
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        plain = binary_report(y, score)
        ones = binary_report(y, score, sample_weight=np.ones(n))
    for key, value in plain.items():
        assert ones[key] == pytest.approx(value, nan_ok=True)


@pytest.mark.parametrize("metric", ["f1", "mcc", "roc_auc", "average_precision"])
def test_scorers_use_sample_weight_like_sklearn(metric):
    from sklearn.model_selection import cross_validate

    X, y = make_classification(n_samples=300, weights=[0.8], random_state=0)
    w = np.random.default_rng(0).integers(1, 5, size=300).astype(float)
    model = LogisticRegression().fit(X, y)
    ours = get_scorer(metric)(model, X, y, sample_weight=w)
    theirs = skm.get_scorer("matthews_corrcoef" if metric == "mcc" else metric)(
        model, X, y, sample_weight=w
    )
    assert ours == pytest.approx(theirs)
    assert ours != pytest.approx(get_scorer(metric)(model, X, y))  # weights matter
    # routed through cross_validate's metadata routing, too
    import sklearn

    with sklearn.config_context(enable_metadata_routing=True):
        scorer = get_scorer(metric).set_score_request(sample_weight=True)
        result = cross_validate(
            LogisticRegression().set_fit_request(sample_weight=False),
            X,
            y,
            cv=3,
            scoring={metric: scorer},
            params={"sample_weight": w},
        )
    assert np.isfinite(result[f"test_{metric}"]).all()


@pytest.mark.parametrize(
    "call",
    [
        lambda: binary_report([0, 0, 0], [0.1, 0.7, 0.2]),
        lambda: roc_auc([0, 0, 0], [0.1, 0.7, 0.2]),
        lambda: average_precision([0, 0, 0], [0.1, 0.7, 0.2]),
        lambda: multiclass_report([0, 0, 0], np.eye(3)[[0, 1, 2]], labels=[0, 1, 2]),
        lambda: cross_validate(
            LogisticRegression(),
            np.arange(40.0)[:, None],
            np.r_[np.zeros(36), np.ones(4)].astype(int),
            cv=[(np.arange(10, 40), np.arange(10))],  # a test fold without positives
            scoring=get_scorer("average_precision"),
        ),
    ],
    ids=["binary_report", "roc_auc", "average_precision", "multiclass", "scorer"],
)
def test_undefined_metric_warnings_point_at_the_users_line(call):
    """Not at a line inside imbsafe or scikit-learn: the user reads that line."""
    with pytest.warns(UndefinedMetricWarning) as caught:
        call()
    ours = [w for w in caught if "Undefined metric" in str(w.message)]
    assert ours and all(w.filename == __file__ for w in ours), [
        w.filename for w in ours
    ]
