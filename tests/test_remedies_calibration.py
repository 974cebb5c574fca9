"""The tournament's calibration: +prior rows, brier by default, words, diagram."""

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from imbsafe import compare_remedies
from imbsafe.datasets import load_digits_eight
from imbsafe.metrics import CALIBRATION_METRICS


def _model():
    # Newton's method: a few exact steps on 64 scaled features, fast and
    # converged (lbfgs needs hundreds of iterations here)
    return make_pipeline(StandardScaler(), LogisticRegression(solver="newton-cholesky"))


def _small():
    """A small generated set, 8 % positive, where resampling overstates risk."""
    rng = np.random.default_rng(0)
    y = (rng.uniform(size=600) < 0.08).astype(int)
    return rng.normal(size=(600, 5)) + 1.2 * y[:, None], y


def _breast_cancer_imbalanced():
    """Breast cancer with one malignant case in four kept (a real table)."""
    X, y = load_breast_cancer(return_X_y=True)
    y = 1 - y  # malignant is the positive class
    positives = np.flatnonzero(y == 1)
    keep = np.r_[np.flatnonzero(y == 0), positives[::4]]
    return X[keep], y[keep]


@pytest.mark.parametrize(
    "load", [load_digits_eight, _breast_cancer_imbalanced], ids=["digits", "cancer"]
)
def test_prior_rows_keep_ap_and_move_the_intercept_towards_0(load):
    X, y = load()
    result = compare_remedies(
        _model(),
        X,
        y,
        remedies=["ros", "rus", "smote"],
        scoring=("average_precision", "f1", *CALIBRATION_METRICS),
        cv=3,
        random_state=0,
    )
    summary = result.summary
    assert set(CALIBRATION_METRICS) <= set(summary.columns.get_level_values(0))
    for remedy in ("ros", "rus", "smote"):
        ap = summary[("average_precision", "mean")]
        assert ap[remedy + "+prior"] == pytest.approx(ap[remedy], abs=1e-12)
        intercept = summary[("calibration_intercept", "mean")]
        assert abs(intercept[remedy + "+prior"]) < abs(intercept[remedy])
        # the same fitted models: a shift leaves the slope where it was
        slope = summary[("calibration_slope", "mean")]
        assert slope[remedy + "+prior"] == pytest.approx(slope[remedy], rel=1e-6)


def test_brier_is_scored_by_default_and_the_verdict_names_the_risk():
    X, y = _small()
    result = compare_remedies(_model(), X, y, remedies=["rus"], cv=3, random_state=0)
    assert list(result.summary.columns.get_level_values(0).unique()) == [
        "average_precision",
        "f1",
        "brier",
    ]
    brier = result.summary[("brier", "mean")]
    assert brier["rus+prior"] < brier["rus"]  # the prior shift repairs the mean
    rate = y.mean()
    mean_rus = result.scores.query("remedy == 'rus'")["score"].mean()
    assert mean_rus > 1.25 * rate
    assert f"rus overstates risk: mean predicted {mean_rus:.2g}" in result.verdict
    assert f"base rate of {rate:.2g}" in result.verdict
    assert "rus+prior brings it to" in result.verdict


def test_ranking_by_a_loss_or_a_calibration_metric_picks_the_best_direction():
    X, y = _small()
    for metric in ("brier", "calibration_intercept"):
        result = compare_remedies(
            _model(), X, y, remedies=["rus"], scoring=(metric,), cv=3, random_state=0
        )
        # a loss: the lowest mean; the intercept: closest to 0 fold by fold
        folds = result.folds.assign(distance=result.folds["score"].abs())
        means = folds.groupby("remedy", sort=False)["distance"].mean()
        assert result.best == means.idxmin()
        assert result.best != "rus"  # rus overstates risk, by both


def test_recalibration_is_fitted_inside_the_training_folds():
    X, y = _small()
    result = compare_remedies(
        _model(),
        X,
        y,
        remedies=["smote", "smote+calibration"],
        scoring=("average_precision", "calibration_intercept"),
        cv=3,
        random_state=0,
    )
    intercept = result.summary[("calibration_intercept", "mean")]
    assert abs(intercept["smote+calibration"]) < abs(intercept["smote"])
    assert "smote+calibration+prior" not in result.summary.index


def test_plot_calibration_draws_a_reliability_diagram():
    matplotlib = pytest.importorskip("matplotlib", reason="the [plot] extra")
    matplotlib.use("Agg")
    X, y = _small()
    result = compare_remedies(
        _model(),
        X,
        y,
        remedies={"none": None, "threshold": "threshold"},
        cv=3,
        random_state=0,
    )
    ax = result.plot(kind="calibration")
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["none", "perfectly calibrated"]  # a tuned cut: same risks
    x, observed = ax.get_lines()[0].get_data()
    assert len(x) == 10 and np.all(np.diff(x) >= 0)
    assert observed.min() >= 0 and observed.max() <= 1
    with pytest.raises(ValueError, match="kind must be"):
        result.plot(kind="roc")
