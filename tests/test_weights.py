import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC
from sklearn.utils.class_weight import compute_class_weight
from sklearn.utils.estimator_checks import parametrize_with_checks

from imbsafe import class_weights, pos_weight
from imbsafe._fit._weights import BalancedSampleWeight


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=2, max_size=80))
def test_balanced_equals_sklearn_and_schemes_relate(labels):
    y = np.array(labels)
    if np.unique(y).size < 2:
        y = np.r_[y, (y[0] + 1) % 5]
    classes, counts = np.unique(y, return_counts=True)
    np.testing.assert_allclose(
        class_weights(y), compute_class_weight("balanced", classes=classes, y=y)
    )
    inverse = class_weights(y, scheme="inverse")
    np.testing.assert_allclose(inverse, len(y) / counts)
    np.testing.assert_allclose(class_weights(y, scheme="sqrt_inverse") ** 2, inverse)
    for scheme in ("inverse", "balanced", "sqrt_inverse", "effective"):
        w = class_weights(y, scheme=scheme)
        assert np.all(
            np.diff(w[np.argsort(counts, kind="stable")]) <= 1e-12
        )  # rarer, heavier
        np.testing.assert_allclose(
            class_weights(y, scheme=scheme, normalize="mean").mean(), 1
        )
        np.testing.assert_allclose(
            class_weights(y, scheme=scheme, normalize="sum").sum(), 1
        )


def test_effective_number_of_samples():
    y = np.array([0] * 1000 + [1] * 10)
    beta = 0.99
    expected = (1 - beta) / (1 - beta ** np.array([1000, 10]))
    np.testing.assert_allclose(
        class_weights(y, scheme="effective", beta=beta), expected
    )
    np.testing.assert_allclose(class_weights(y, scheme="effective", beta=0.0), [1, 1])
    near_inverse = class_weights(y, scheme="effective", beta=1 - 1e-9, normalize="sum")
    np.testing.assert_allclose(
        near_inverse, class_weights(y, scheme="inverse", normalize="sum"), rtol=1e-5
    )


def test_string_labels_in_unique_order():
    y = np.array(["ok"] * 8 + ["fraud"] * 2)
    np.testing.assert_allclose(class_weights(y, scheme="inverse"), [5.0, 1.25])
    assert pos_weight(y, pos_label="fraud") == 4.0


@pytest.mark.parametrize(
    ("kwargs", "y", "match"),
    [
        ({}, [1, 1, 1], "only one class"),
        ({}, [], "empty"),
        ({"scheme": "log"}, [0, 1], "'scheme' parameter of class_weights"),
        ({"normalize": "max"}, [0, 1], "'normalize' parameter"),
        ({"scheme": "effective", "beta": 1.0}, [0, 1], "'beta' parameter"),
    ],
)
def test_bad_input(kwargs, y, match):
    with pytest.raises(ValueError, match=match):
        class_weights(np.array(y), **kwargs)


def test_pos_weight_errors():
    with pytest.raises(ValueError, match="binary"):
        pos_weight([0, 1, 2])
    with pytest.raises(ValueError, match="pos_label"):
        pos_weight(["a", "b"])


# ------------------------------------------------------- BalancedSampleWeight


@parametrize_with_checks(
    [
        BalancedSampleWeight(LogisticRegression()),
        BalancedSampleWeight(make_pipeline(StandardScaler(), LinearSVC())),
    ]
)
# sklearn's own check machinery warns when it skips its array-API check and
# when one check casts NaN to int; neither concerns the estimator under test.
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.SkipTestWarning")
@pytest.mark.filterwarnings("ignore:invalid value encountered in cast:RuntimeWarning")
def test_balanced_sample_weight_is_a_scikit_learn_estimator(estimator, check):
    check(estimator)


def test_balanced_sample_weight_equals_class_weight_balanced():
    X, y = make_classification(400, weights=[0.85], random_state=0)
    weighted = BalancedSampleWeight(LogisticRegression()).fit(X, y)
    native = LogisticRegression(class_weight="balanced").fit(X, y)
    np.testing.assert_allclose(weighted.estimator_.coef_, native.coef_, rtol=1e-6)
    np.testing.assert_allclose(weighted.predict_proba(X), native.predict_proba(X))


def test_balanced_sample_weight_offers_only_what_its_estimator_has():
    X, y = make_classification(100, random_state=0)
    svc = BalancedSampleWeight(LinearSVC()).fit(X, y)
    assert not hasattr(svc, "predict_proba")
    assert svc.decision_function(X).shape == (100,)
    assert hasattr(BalancedSampleWeight(LogisticRegression()), "predict_proba")
