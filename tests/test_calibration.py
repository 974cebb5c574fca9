"""The metrics of probabilities: equal to scikit-learn and to a logistic fit."""

import math

import numpy as np
import pytest
import sklearn.metrics as skm
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq
from scipy.special import expit, logit
from sklearn.datasets import make_classification
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

from imbsafe.metrics import (
    binary_report,
    brier,
    calibration_intercept,
    calibration_slope,
    get_scorer,
    log_loss,
)


@st.composite
def probabilities(draw):
    """Labels with both classes overlapping, and probabilities in (0, 1)."""
    n = draw(st.integers(20, 300))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    p = rng.uniform(0.001, 0.999, n)
    # outcomes drawn from a distorted version of p: any calibration
    y = rng.uniform(size=n) < expit(rng.normal(0, 1) + rng.uniform(0.2, 2) * logit(p))
    y = y.astype(int)
    y[:2] = [0, 1]
    # both classes on both sides of the middle: a finite slope exists
    y[np.argmin(p)], y[np.argmax(p)] = 1, 0
    weights = rng.uniform(0.1, 3, n) if draw(st.booleans()) else None
    return y, p, weights


def _reference_intercept(y, p, w):
    """a in logit P = a + logit(p): the root of its score equation."""
    w = np.ones(y.shape[0]) if w is None else w
    x = logit(p)
    return brentq(lambda a: w @ (y - expit(a + x)), -50, 50, xtol=1e-14, rtol=1e-15)


def _reference_slope(y, p, w):
    model = LogisticRegression(C=np.inf, solver="newton-cholesky", tol=1e-14)
    model.set_params(max_iter=1000)
    model.fit(logit(p)[:, None], y, sample_weight=w)
    return float(model.coef_[0, 0])


@settings(max_examples=60, deadline=None)
@given(probabilities())
def test_probability_metrics_equal_sklearn_and_a_logistic_fit(sample):
    y, p, w = sample
    assert brier(y, p, sample_weight=w) == pytest.approx(
        skm.brier_score_loss(y, p, sample_weight=w), rel=1e-8, abs=1e-8
    )
    assert log_loss(y, p, sample_weight=w) == pytest.approx(
        skm.log_loss(y, p, sample_weight=w), rel=1e-8, abs=1e-8
    )
    assert calibration_intercept(y, p, sample_weight=w) == pytest.approx(
        _reference_intercept(y, p, w), rel=1e-8, abs=1e-8
    )
    assert calibration_slope(y, p, sample_weight=w) == pytest.approx(
        _reference_slope(y, p, w), rel=1e-8, abs=1e-8
    )
    report = binary_report(y, p, sample_weight=w)
    assert report["calibration_slope"] == calibration_slope(y, p, sample_weight=w)


def test_calibrated_probabilities_have_intercept_0_and_slope_1():
    rng = np.random.default_rng(0)
    p = rng.uniform(0.02, 0.98, 20_000)
    y = (rng.uniform(size=p.size) < p).astype(int)
    assert abs(calibration_intercept(y, p)) < 0.05
    assert calibration_slope(y, p) == pytest.approx(1, abs=0.05)
    # risk doubled in odds: overestimated (intercept -log 2), still slope 1
    doubled = expit(logit(p) + math.log(2))
    assert calibration_intercept(y, doubled) == pytest.approx(-math.log(2), abs=0.05)
    # too extreme: slope 1/2
    extreme = expit(2 * logit(p))
    assert calibration_slope(y, extreme) == pytest.approx(0.5, abs=0.03)


@pytest.mark.parametrize(
    ("y", "p", "undefined", "why"),
    [
        (
            [0, 1, 0],
            [-0.5, 2.0, 0.1],
            ["brier", "log_loss", "calibration_slope"],
            "not",
        ),
        (
            [1, 1, 1],
            [0.2, 0.5, 0.9],
            ["calibration_intercept", "calibration_slope"],
            "one",
        ),
        ([0, 1, 1], [0.0, 0.5, 0.9], ["calibration_intercept"], "no logit"),
        ([0, 1, 1], [0.2, 0.0, 0.9], ["log_loss"], "infinite"),
        ([0, 0, 1, 1], [0.1, 0.2, 0.6, 0.9], ["calibration_slope"], "separates"),
        ([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3], ["calibration_slope"], "equal"),
    ],
)
def test_undefined_cases_follow_the_policy(y, p, undefined, why):
    with pytest.warns(UndefinedMetricWarning, match=why):
        report = binary_report(y, p)
    for name in undefined:
        assert math.isnan(report[name]), name
    one = {
        "brier": brier,
        "log_loss": log_loss,
        "calibration_intercept": calibration_intercept,
        "calibration_slope": calibration_slope,
    }[undefined[0]]
    with pytest.raises(ValueError, match=why):
        one(y, p, undefined="raise")
    with pytest.warns(UndefinedMetricWarning, match=why):
        assert one(y, p, undefined=-1.0) == -1.0


def test_one_class_brier_and_log_loss_are_defined():
    # a mean over rows: defined with one class (the fits are not)
    assert brier([0, 0], [0.1, 0.3]) == pytest.approx(0.05)
    assert log_loss([0, 0], [0.5, 0.5]) == pytest.approx(math.log(2))


@pytest.mark.parametrize("metric", ["brier", "log_loss"])
def test_loss_scorers_equal_sklearns_negated_scorers(metric):
    X, y = make_classification(n_samples=300, weights=[0.8], random_state=0)
    model = LogisticRegression()
    ours = cross_val_score(model, X, y, cv=3, scoring=get_scorer(metric))
    name = {"brier": "neg_brier_score", "log_loss": "neg_log_loss"}[metric]
    theirs = cross_val_score(model, X, y, cv=3, scoring=name)
    np.testing.assert_allclose(ours, theirs, rtol=1e-10)


def test_calibration_scorers_read_probabilities():
    X, y = make_classification(n_samples=300, weights=[0.8], random_state=0)
    slope = cross_val_score(
        LogisticRegression(), X, y, cv=3, scoring=get_scorer("calibration_slope")
    )
    assert np.isfinite(slope).all() and (slope > 0).all()
