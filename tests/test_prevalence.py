"""estimate_prevalence and ResampledClassifier(prior_correction=<rate>)."""

import numpy as np
import pytest
from imblearn.under_sampling import RandomUnderSampler
from sklearn.linear_model import LogisticRegression

from imbsafe import ResampledClassifier, estimate_prevalence


def _rows(rng, n, rate):
    """Two Gaussian classes (the same per class everywhere), a given base rate."""
    y = (rng.uniform(size=n) < rate).astype(int)
    X = rng.normal(0, 1, (n, 3)) + 1.5 * y[:, None]
    return X, y


@pytest.mark.parametrize("shifted", [0.02, 0.25, 0.5])
def test_recovers_a_known_shifted_prevalence_from_5000_unlabelled_rows(shifted):
    rng = np.random.default_rng(0)
    X, y = _rows(rng, 4000, 0.1)
    X_new, y_new = _rows(rng, 5000, shifted)
    model = LogisticRegression().fit(X, y)
    estimate = estimate_prevalence(model, X_new, train_prior=y.mean())
    assert abs(estimate - y_new.mean()) < 0.02
    # the resampled model's prior is read from it: no train_prior needed
    resampled = ResampledClassifier(
        LogisticRegression(), RandomUnderSampler(random_state=0)
    ).fit(X, y)
    assert abs(estimate_prevalence(resampled, X_new) - y_new.mean()) < 0.02
    # its probabilities mapped to that rate: mean risk near the true rate
    mapped = ResampledClassifier(
        LogisticRegression(),
        RandomUnderSampler(random_state=0),
        prior_correction=estimate,
    ).fit(X, y)
    assert abs(mapped.predict_proba(X_new)[:, 1].mean() - y_new.mean()) < 0.03
    # and the ranking of the rows is the resampled model's
    np.testing.assert_array_equal(
        np.argsort(mapped.predict_proba(X_new)[:, 1], kind="stable"),
        np.argsort(resampled.predict_proba(X_new)[:, 1], kind="stable"),
    )


def test_prior_correction_true_equals_the_training_rate():
    rng = np.random.default_rng(1)
    X, y = _rows(rng, 2000, 0.1)
    args = (LogisticRegression(), RandomUnderSampler(random_state=0))
    true = ResampledClassifier(*args, prior_correction=True).fit(X, y)
    rate = ResampledClassifier(*args, prior_correction=float(y.mean())).fit(X, y)
    np.testing.assert_allclose(true.predict_proba(X), rate.predict_proba(X))
    assert estimate_prevalence(true, X) == pytest.approx(y.mean(), abs=0.02)


def test_bad_input_is_one_line():
    rng = np.random.default_rng(2)
    X, y = _rows(rng, 300, 0.2)
    model = LogisticRegression().fit(X, y)
    with pytest.raises(ValueError, match="pass train_prior="):
        estimate_prevalence(model, X)
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        estimate_prevalence(model, X, train_prior=1.5)
    three = np.r_[y, [2] * 30]
    X3 = np.r_[X, rng.normal(0, 1, (30, 3))]
    with pytest.raises(ValueError, match="binary targets"):
        ResampledClassifier(
            LogisticRegression(), RandomUnderSampler(), prior_correction=0.3
        ).fit(X3, three)
    with pytest.raises(ValueError, match="prior_correction"):
        ResampledClassifier(
            LogisticRegression(), RandomUnderSampler(), prior_correction=1.5
        ).fit(X, y)
