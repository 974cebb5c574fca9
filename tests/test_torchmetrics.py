"""imbsafe.torchmetrics.BinaryReport: binary_report as a torchmetrics.Metric."""

import math
import warnings

import numpy as np
import pytest

pytest.importorskip("torch", reason="the [lightning] extra is not installed")
pytest.importorskip("torchmetrics", reason="the [lightning] extra is not installed")

import torch  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from sklearn import metrics as skm  # noqa: E402
from sklearn.exceptions import UndefinedMetricWarning  # noqa: E402
from torchmetrics import MetricCollection  # noqa: E402

from imbsafe._utils._names import BINARY_KEYS  # noqa: E402
from imbsafe.metrics import binary_report  # noqa: E402
from imbsafe.torchmetrics import BinaryReport  # noqa: E402


def scored(n=300, seed=0, share=0.2):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < share).astype(np.int64)
    p = np.clip(0.3 * y + rng.random(n) * 0.7, 0, 1).astype(np.float32)
    return torch.from_numpy(p), torch.from_numpy(y)


def fed(report, preds, target, cuts):
    for part_p, part_y in zip(
        np.split(preds.numpy(), cuts), np.split(target.numpy(), cuts), strict=True
    ):
        report.update(torch.from_numpy(part_p), torch.from_numpy(part_y))
    return {k: float(v) for k, v in report.compute().items()}


def test_equals_binary_report_and_sklearn():
    p, y = scored()
    got = fed(BinaryReport(BINARY_KEYS), p, y, [50, 51, 200])
    expected = binary_report(y.numpy(), p.numpy())
    assert got.keys() == set(BINARY_KEYS)
    for key in BINARY_KEYS:
        assert got[key] == pytest.approx(expected[key], abs=1e-6), key
    hard = (p >= 0.5).numpy()
    assert got["f1"] == pytest.approx(skm.f1_score(y, hard), abs=1e-6)
    assert got["roc_auc"] == pytest.approx(skm.roc_auc_score(y, p), abs=1e-6)
    ap = skm.average_precision_score(y, p)
    assert got["average_precision"] == pytest.approx(ap, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(
    data=st.lists(
        st.tuples(st.integers(0, 1), st.integers(0, 10)), min_size=2, max_size=60
    ),
    cuts=st.lists(st.integers(0, 60), max_size=6),
)
def test_any_split_into_batches_gives_the_same_report(data, cuts):
    """Equal to binary_report and sklearn on the rows seen, whatever the batches.

    Scores on a coarse grid make ties, which a per-batch algorithm gets wrong.
    """
    y = np.array([label for label, _ in data])
    p = np.array([score / 10 for _, score in data], dtype=np.float32)
    cuts = sorted(c for c in cuts if c <= len(y))
    names = ("f1", "roc_auc", "average_precision", "precision", "mcc", "tp")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        got = fed(BinaryReport(names), torch.from_numpy(p), torch.from_numpy(y), cuts)
        expected = binary_report(y, p)
    for key in names:
        if math.isnan(expected[key]):
            assert math.isnan(got[key]), key
        else:
            assert got[key] == pytest.approx(expected[key], abs=1e-6), key
    if 0 < y.sum() < len(y):  # sklearn's ranking metrics are defined
        assert got["roc_auc"] == pytest.approx(skm.roc_auc_score(y, p), abs=1e-6)
        ap = skm.average_precision_score(y, p)
        assert got["average_precision"] == pytest.approx(ap, abs=1e-6)


def test_logits_go_through_a_sigmoid_decided_on_all_rows():
    p, y = scored()
    logits = torch.logit(p.double().clamp(1e-4, 1 - 1e-4))
    # the first batch alone lies in [0, 1]: read as logits all the same
    order = torch.argsort(((logits >= 0) & (logits <= 1)).int(), descending=True)
    logits, y = logits[order], y[order]
    inside = int(((logits >= 0) & (logits <= 1)).sum())
    assert 0 < inside < len(y)
    got = fed(BinaryReport(("f1", "roc_auc")), logits, y, [inside])
    expected = binary_report(y.numpy(), torch.sigmoid(logits).numpy())
    assert got["f1"] == pytest.approx(expected["f1"], abs=1e-6)
    assert got["roc_auc"] == pytest.approx(expected["roc_auc"], abs=1e-6)


def test_hard_labels_and_two_dim_inputs():
    y = torch.tensor([1, 0, 1, 1, 0, 0])
    pred = torch.tensor([1, 0, 0, 1, 1, 0])
    report = BinaryReport(("tp", "fp", "fn", "f1"))
    report.update(pred[:, None], y[:, None])
    got = {k: float(v) for k, v in report.compute().items()}
    assert got == {"tp": 2.0, "fp": 1.0, "fn": 1.0, "f1": pytest.approx(2 / 3)}


def test_one_class_is_nan_with_the_policy_warning_never_zero():
    report = BinaryReport(("roc_auc", "average_precision", "f1"))
    report.update(torch.tensor([0.2, 0.3]), torch.tensor([0, 0]))
    with pytest.warns(UndefinedMetricWarning, match="roc_auc: one class"):
        got = report.compute()
    assert all(math.isnan(float(v)) for v in got.values())
    report = BinaryReport(("roc_auc",), undefined="raise")
    report.update(torch.tensor([0.2, 0.7]), torch.tensor([1, 1]))
    with pytest.raises(ValueError, match="roc_auc"):
        report.compute()
    report = BinaryReport(("roc_auc",), undefined=-1.0)
    report.update(torch.tensor([0.2, 0.7]), torch.tensor([1, 1]))
    with pytest.warns(UndefinedMetricWarning):
        assert float(report.compute()["roc_auc"]) == -1.0


def test_a_defined_metric_does_not_warn_for_one_that_is_not_asked():
    report = BinaryReport(("average_precision",))
    report.update(torch.tensor([0.2, 0.7]), torch.tensor([1, 1]))
    assert float(report.compute()["average_precision"]) == 1.0  # no warning


def test_in_a_metric_collection_and_after_reset():
    p, y = scored()
    collection = MetricCollection({"report": BinaryReport(("f1", "roc_auc"))})
    collection.update(p[:100], y[:100])
    collection.reset()
    collection.update(p, y)
    got = collection.compute()
    expected = binary_report(y.numpy(), p.numpy())
    assert float(got["f1"]) == pytest.approx(expected["f1"], abs=1e-6)
    assert float(got["roc_auc"]) == pytest.approx(expected["roc_auc"], abs=1e-6)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"metrics": ("f1", "auc")}, "unknown metric"),
        ({"metrics": "f2"}, "unknown metric"),
        ({"threshold": 2.0}, "threshold"),
        ({"undefined": "zero"}, "undefined"),
    ],
)
def test_bad_parameters_say_what_to_pass(kwargs, match):
    with pytest.raises(ValueError, match=match):
        BinaryReport(**kwargs)


def test_bad_batches_say_what_to_pass():
    report = BinaryReport()
    with pytest.raises(ValueError, match=r"preds\[:, 1\]"):
        report.update(torch.rand(4, 2), torch.tensor([0, 1, 0, 1]))
    with pytest.raises(ValueError, match="other than 0 and 1"):
        report.update(torch.rand(3), torch.tensor([0, 2, 1]))
    target = torch.tensor([0, 1, 1])
    preds = torch.tensor([0.1, 0.5, 0.9])
    report.update(preds, target)
    assert preds.tolist() == pytest.approx([0.1, 0.5, 0.9])  # inputs untouched
    assert target.tolist() == [0, 1, 1]
