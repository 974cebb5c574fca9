"""imbsafe.hf.compute_metrics: equal to binary_report / multiclass_report, or one line.

Every shape the Trainer may pass (logits (n,), (n, 1), (n, 2), (n, k)),
probabilities, labels with -100 and classes absent from the eval split.
"""

import math
import warnings

import numpy as np
import pytest

pytest.importorskip("transformers", reason="the [hf] extra is not installed")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from scipy.special import expit, softmax  # noqa: E402
from sklearn.exceptions import UndefinedMetricWarning  # noqa: E402

from imbsafe.hf import compute_metrics  # noqa: E402
from imbsafe.metrics import binary_report, multiclass_report  # noqa: E402

SHAPES = ("flat", "one", "two", "k")
NAMES = (
    "f1",
    "precision",
    "recall",
    "roc_auc",
    "average_precision",
    "mcc",
    "tp",
    "brier",
    "log_loss",
    "calibration_slope",
)


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, abs=1e-12)


@st.composite
def eval_predictions(draw):
    """Predictions of one shape, labels with -100 and maybe absent classes."""
    shape = draw(st.sampled_from(SHAPES))
    k = draw(st.integers(3, 5)) if shape == "k" else 2
    n = draw(st.integers(1, 30))
    logit = st.floats(-8, 8, allow_nan=False).map(lambda v: round(v, 3))
    width = {"flat": None, "one": 1, "two": 2, "k": k}[shape]
    cells = n if width is None else n * width
    logits = np.array(draw(st.lists(logit, min_size=cells, max_size=cells)))
    logits = logits if width is None else logits.reshape(n, width)
    present = draw(st.sets(st.integers(0, k - 1), min_size=1))  # absent classes
    labels = np.array(
        draw(
            st.lists(st.sampled_from([*sorted(present), -100]), min_size=n, max_size=n)
        )
    )
    dtype = draw(st.sampled_from(["int64", "float32"]))  # 1.0 is the class 1
    return shape, k, logits, labels.astype(dtype), draw(st.booleans())


def expected_probabilities(shape, logits):
    if shape == "two":
        return expit(logits[:, 1] - logits[:, 0])  # softmax's second column
    if shape == "k":
        return softmax(logits, axis=1)
    return expit(logits.reshape(-1))


@settings(max_examples=300, deadline=None)
@given(eval_predictions(), st.sampled_from([0.3, 0.5]))
def test_compute_metrics_equals_the_reports_or_says_why_in_one_line(case, threshold):
    shape, k, logits, labels, as_probabilities = case
    proba = expected_probabilities(shape, logits)
    if as_probabilities:  # what preprocess_logits_for_metrics may hand over
        predictions = {
            "flat": proba,
            "one": proba[:, None],
            "two": np.c_[1 - proba, proba],
            "k": proba,
        }[shape]
    else:
        predictions = logits
    from_logits = False if as_probabilities else None
    panel = compute_metrics(NAMES, threshold=threshold, from_logits=from_logits)
    kept = labels != -100
    rows_like_probabilities = (
        shape in ("two", "k")
        and not as_probabilities
        and predictions.min() >= 0
        and predictions.max() <= 1
        and np.allclose(predictions.sum(axis=1), 1, atol=1e-4)
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            got = panel((predictions, labels))
        except ValueError as e:
            assert "\n" not in str(e)
            # the two refusals of good input's shape: nothing to score, or
            # rows that are probabilities passed as logits
            assert not kept.any() or rows_like_probabilities, str(e)
            return
    assert kept.any() and not rows_like_probabilities
    codes = labels[kept].astype(int)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        if shape == "k":
            report = multiclass_report(codes, proba[kept], labels=range(k))
        else:
            report = binary_report(codes, proba[kept], threshold=threshold)
    asked = [name for name in NAMES if name in report]
    assert list(got) == asked
    for name in asked:
        assert same(got[name], report[name]), name
    # (n,) logits that all lie in [0, 1] may be probabilities: said, not guessed
    in_unit = shape in ("flat", "one") and 0 <= predictions.min() <= 1
    in_unit = in_unit and predictions.max() <= 1 and not as_probabilities
    told = [w for w in caught if issubclass(w.category, UserWarning)]
    told = [w for w in told if not issubclass(w.category, UndefinedMetricWarning)]
    assert bool(told) == in_unit
    # the undefined-metric warning names requested metrics only
    for w in caught:
        if issubclass(w.category, UndefinedMetricWarning):
            detail = str(w.message).split("—", 1)[1]
            for part in detail.strip(" .").split("; "):
                assert part.split(":")[0].split("[")[0] in NAMES, part


@pytest.mark.parametrize("absent", [[2], [0], [1, 2]])
def test_a_class_absent_from_the_eval_split_has_nan_metrics(absent):
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(200, 3))
    classes = [c for c in range(3) if c not in absent]
    labels = rng.choice(classes, 200)
    with pytest.warns(UndefinedMetricWarning, match=rf"recall\[{absent[0]}\]"):
        got = compute_metrics()((logits, labels))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        report = multiclass_report(labels, softmax(logits, axis=1), labels=range(3))
    for name, value in got.items():
        assert same(value, report[name]), name
    # macro averages over the classes where each metric is defined
    per_class = [report["per_class"][c]["recall"] for c in classes]
    assert got["recall"] == pytest.approx(np.mean(per_class))
    with pytest.raises(ValueError, match=r"recall\[") as raised:
        compute_metrics(undefined="raise")((logits, labels))
    assert "\n" not in str(raised.value)


def test_the_undefined_metric_warning_names_only_requested_metrics():
    logits = np.c_[np.zeros(4), -np.ones(4)]  # no predicted positive
    with pytest.warns(UndefinedMetricWarning) as caught:
        compute_metrics(("precision", "recall"))((logits, np.r_[0, 0, 1, 1]))
    (message,) = [str(w.message) for w in caught]
    assert "precision" in message
    assert "mcc" not in message and "f1" not in message
    rng = np.random.default_rng(0)
    logits, labels = rng.normal(size=(30, 3)), rng.choice([0, 1], 30)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing requested is undefined: silence
        got = compute_metrics(("precision", "accuracy"))((logits, labels))
    assert set(got) == {"precision", "accuracy"}


def test_probabilities_passed_as_logits_are_caught():
    rng = np.random.default_rng(0)
    labels = (rng.random(400) < 0.3).astype(int)
    proba = np.clip(0.35 * labels + rng.random(400) * 0.65, 0, 1)
    # (n,): a second sigmoid would put every row at 0.5 or above
    with pytest.warns(UserWarning, match="from_logits=False") as caught:
        compute_metrics()((proba, labels))
    assert len(caught) == 1 and "\n" not in str(caught[0].message)
    # (n, 2) rows that sum to 1: refused in one line
    with pytest.raises(ValueError, match="from_logits=False") as raised:
        compute_metrics()((np.c_[1 - proba, proba], labels))
    assert "\n" not in str(raised.value)
    # said explicitly: read as they are, at any threshold
    for predictions in (proba, proba[:, None], np.c_[1 - proba, proba]):
        for threshold in (0.3, 0.5):
            got = compute_metrics(threshold=threshold, from_logits=False)(
                (predictions, labels)
            )
            report = binary_report(labels, proba, threshold=threshold)
            assert got == {name: pytest.approx(report[name]) for name in got}
    # logits that happen to lie in [0, 1], said to be logits: no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = compute_metrics(from_logits=True)((proba, labels))
    assert got["tn"] == 0.0  # every sigmoid of [0, 1] is at least 0.5


@pytest.mark.parametrize(
    "predictions, match",
    [
        (np.c_[np.full(3, 2.0), np.zeros(3)], "values outside"),  # logits
        (np.array([[0.2, 0.2], [0.5, 0.5], [0.1, 0.9]]), "rows summing"),
        (np.array([0.5, 1.5, 0.2]), "values outside"),
    ],
)
def test_from_logits_false_refuses_what_is_not_probabilities(predictions, match):
    with pytest.raises(ValueError, match=match) as raised:
        compute_metrics(from_logits=False)((predictions, np.array([0, 1, 1])))
    assert "from_logits=True" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_from_logits_is_checked():
    with pytest.raises(ValueError, match="from_logits must be"):
        compute_metrics(from_logits="yes")


@pytest.mark.parametrize(
    "labels, match",
    [
        (np.eye(2, dtype=int)[[0, 1, 1, 0]], "multi-hot"),
        ((np.array([0, 1, 1, 0]), np.array([1, 1, 0, 0])), "label_names"),
        (np.array([0, 1, 1]), "4 rows of predictions but 3 labels"),
        (np.full(4, -100), "none of them a class"),
        (np.array([0, 1, 2, 0]), r"labels 0\.\.1"),
        (np.array([0.0, 0.3, 1.0, 1.0]), "soft labels"),
        (np.array(["a", "b", "a", "b"]), r"labels 0\.\.1"),
    ],
)
def test_labels_compute_metrics_cannot_score_are_refused_in_one_line(labels, match):
    logits = np.array([[1.0, -1.0], [0.0, 2.0], [-1.0, 3.0], [2.0, 0.0]])
    with pytest.raises(ValueError, match=match) as raised:
        compute_metrics()((logits, labels))
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    "predictions, match",
    [
        (np.zeros((4, 3, 2)), "token classification"),
        (np.array([0.0, np.nan, 1.0, 2.0]), "finite"),
    ],
)
def test_predictions_compute_metrics_cannot_read_are_refused(predictions, match):
    with pytest.raises(ValueError, match=match) as raised:
        compute_metrics()((predictions, np.array([0, 1, 1, 0])))
    assert "\n" not in str(raised.value)


def test_whole_float_and_bool_labels_are_classes():
    logits = np.array([[1.0, -1.0], [0.0, 2.0], [-1.0, 3.0], [2.0, 0.0]])
    ints = compute_metrics()((logits, np.array([0, 1, 0, 1])))
    for labels in (np.array([0.0, 1.0, 0.0, 1.0]), np.array([False, True] * 2)):
        assert compute_metrics()((logits, labels)) == ints
