"""imbsafe.skorch with real (tiny) nets on the CPU."""

import warnings

import numpy as np
import pandas as pd
import pytest

torch = pytest.importorskip("torch", reason="the [torch] extra is not installed")
pytest.importorskip("skorch", reason="the [torch] extra is not installed")

from _data import imbalanced
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.under_sampling import NearMiss, RandomUnderSampler
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
from skorch import NeuralNetBinaryClassifier, NeuralNetClassifier
from skorch.callbacks import Callback, EarlyStopping
from skorch.dataset import Dataset, ValidSplit
from torch import nn

from imbsafe import ResamplingLeakageError, class_weights
from imbsafe.exceptions import LeakageWarning
from imbsafe.losses import BinaryFocalLoss, FocalLoss, binary_proba
from imbsafe.metrics import binary_report, multiclass_report
from imbsafe.skorch import (
    BalancedBatches,
    EpochMetrics,
    LeakageGuard,
    ResampledValidSplit,
    TrainFoldClassWeights,
)

# Tiny nets may predict no positive in an early epoch: MCC and precision are
# then undefined and logged as NaN with UndefinedMetricWarning. That is the
# policy at work, not an error; test_undefined_metric_... checks the warning.
pytestmark = pytest.mark.filterwarnings(
    "ignore::sklearn.exceptions.UndefinedMetricWarning"
)


class MLP(nn.Module):
    calls = 0  # forward passes, counted across instances

    def __init__(self, n_in=8, n_out=2, hidden=16):
        super().__init__()
        self.n_out = n_out
        self.layers = nn.Sequential(
            nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, n_out)
        )

    def forward(self, X):
        type(self).calls += 1
        out = self.layers(X)
        return out.squeeze(-1) if self.n_out == 1 else out


def data(n=600, weights=(0.9,), seed=0, n_classes=2):
    return imbalanced(
        n,
        8,
        weights=weights,
        seed=seed,
        float32=True,
        n_informative=5,
        n_classes=n_classes,
        flip_y=0.02,
    )


def net(**kwargs):
    params = {
        "module": MLP,
        "criterion": nn.CrossEntropyLoss,  # the module returns logits
        "max_epochs": 4,
        "lr": 0.05,
        "optimizer": torch.optim.Adam,
        "batch_size": 64,
        "verbose": 0,
        "train_split": ValidSplit(5, stratified=True),
        "callbacks__valid_acc": None,
    }
    params.update(kwargs)
    return NeuralNetClassifier(**params)


# ---------------------------------------------------------------- the split


@pytest.mark.parametrize(
    "sampler",
    [
        RandomOverSampler(random_state=0),
        RandomUnderSampler(random_state=0),
        SMOTE(random_state=0),
        NearMiss(),
    ],
    ids=["ros", "rus", "smote", "nearmiss"],
)
def test_valid_part_is_valid_splits_and_untouched(sampler):
    X, y = data()
    dataset = Dataset(X, y)
    _, want_valid = ValidSplit(5, stratified=True)(dataset, y)
    train, valid = ResampledValidSplit(5, sampler)(dataset, y)
    np.testing.assert_array_equal(valid.indices, want_valid.indices)
    assert y[valid.indices].mean() == pytest.approx(y.mean(), abs=0.01)
    X_train = np.stack([train[i][0] for i in range(len(train))])
    y_train = np.array([int(train[i][1]) for i in range(len(train))])
    # no valid row in the train part; classes balanced there
    valid_rows = {row.tobytes() for row in X[valid.indices]}
    assert not any(row.tobytes() in valid_rows for row in X_train)
    counts = np.bincount(y_train)
    assert counts[0] == counts[1]
    assert len(train.before_resampling) == len(y) - len(valid)


@st.composite
def split_cases(draw):
    n = draw(st.integers(40, 200))
    rate = draw(st.floats(0.1, 0.5))
    seed = draw(st.integers(0, 10_000))
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < rate).astype(np.int64)
    y[:10] = 1
    y[10:20] = 0
    cv = draw(st.sampled_from([3, 4, 5, 0.2, 0.33]))
    return y, cv, seed


@settings(max_examples=40, deadline=None)
@given(split_cases(), st.sampled_from(["ros", "rus"]))
def test_train_part_only_holds_rows_of_valid_splits_train_part(case, kind):
    y, cv, seed = case
    X = np.arange(y.shape[0], dtype=np.float32)[:, None]
    state = seed if isinstance(cv, float) else None
    sampler = {"ros": RandomOverSampler, "rus": RandomUnderSampler}[kind](
        random_state=seed
    )
    dataset = Dataset(X, y)
    want_train, want_valid = ValidSplit(cv, stratified=True, random_state=state)(
        dataset, y
    )
    train, valid = ResampledValidSplit(cv, sampler, random_state=state)(dataset, y)
    assert list(valid.indices) == list(want_valid.indices)
    assert set(train.indices) <= set(want_train.indices)
    assert set(train.indices).isdisjoint(valid.indices)
    assert np.bincount(y[train.indices]).min() == np.bincount(y[train.indices]).max()


def test_pandas_and_tensor_inputs_keep_their_kind():
    X, y = data()
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(8)])
    train, _ = ResampledValidSplit(5, SMOTE(random_state=0))(Dataset(frame, y), y)
    assert isinstance(train.dataset.X, pd.DataFrame)
    tensor_X, tensor_y = torch.from_numpy(X), torch.from_numpy(y)
    train, valid = ResampledValidSplit(5, SMOTE(random_state=0))(
        Dataset(tensor_X, tensor_y), tensor_y
    )
    created = train.dataset
    assert torch.is_tensor(created.X) and created.X.dtype == torch.float32
    assert torch.is_tensor(created.y) and created.y.dtype == torch.int64
    fitted = net(train_split=ResampledValidSplit(5, SMOTE(random_state=0))).fit(
        tensor_X, tensor_y
    )
    assert len(fitted.history) == 4


def test_dict_input_works_by_index_and_is_refused_clearly_for_smote():
    X, y = data()
    dataset = Dataset({"a": X[:, :4], "b": X[:, 4:]}, y)
    train, _ = ResampledValidSplit(5, RandomOverSampler(random_state=0))(dataset, y)
    assert len(train) > len(y) * 0.8
    with pytest.raises(TypeError, match="RandomOverSampler or RandomUnderSampler"):
        ResampledValidSplit(5, SMOTE())(dataset, y)


def test_single_class_and_too_small_class_errors():
    X, y = data()
    with pytest.raises(ValueError, match="only one class"):
        ResampledValidSplit(5, SMOTE())(Dataset(X, np.zeros_like(y)), np.zeros_like(y))
    y_small = np.zeros_like(y)
    y_small[:6] = 1  # 4 or 5 of them in the train part
    with pytest.raises(ValueError, match="k_neighbors"):
        ResampledValidSplit(5, SMOTE())(Dataset(X, y_small), y_small)


def test_grid_search_partial_fit_and_binary_net():
    X, y = data()
    # skorch routes no nested train_split__ parameters: search over splits
    splits = [
        ResampledValidSplit(5, SMOTE(k_neighbors=k, random_state=0)) for k in (3, 5)
    ]
    grid = GridSearchCV(
        net(max_epochs=2), {"train_split": splits}, cv=2, scoring="f1"
    ).fit(X, y)
    assert grid.best_params_["train_split"].sampler.k_neighbors in (3, 5)
    assert grid.best_estimator_.train_split is not grid.best_params_["train_split"]
    fitted = net(train_split=ResampledValidSplit(5, RandomOverSampler(random_state=0)))
    fitted.fit(X, y)
    fitted.partial_fit(X, y, epochs=1)
    assert len(fitted.history) == 5  # 4 + one more epoch
    assert np.isfinite(fitted.history[:, "train_loss"]).all()
    binary = NeuralNetBinaryClassifier(
        MLP,
        module__n_out=1,
        max_epochs=3,
        lr=0.05,
        optimizer=torch.optim.Adam,
        verbose=0,
        train_split=ResampledValidSplit(5, SMOTE(random_state=0)),
        callbacks=[EpochMetrics(("f1", "average_precision"))],
    ).fit(X, y.astype(np.float32))
    assert np.isfinite(binary.history[-1, "valid_average_precision"])


def test_in_a_pipeline_valid_rows_are_preprocessed_like_train_rows():
    X, y = data()
    X = X * 100 + 50  # the scaler matters
    seen = {}

    class Peek(Callback):
        def on_epoch_begin(self, net, dataset_valid=None, **kwargs):
            seen["valid"] = np.stack([dataset_valid[i][0] for i in range(20)])

    pipe = make_pipeline(
        StandardScaler(),
        FunctionTransformer(lambda a: a.astype(np.float32)),
        net(
            train_split=ResampledValidSplit(5, SMOTE(random_state=0)),
            callbacks=[Peek()],
            max_epochs=1,
        ),
    ).fit(X, y)
    assert np.abs(seen["valid"]).max() < 10  # scaled, not raw (~50 +- 100s)
    assert pipe.predict_proba(X).shape == (len(y), 2)


# ---------------------------------------------------------------- EpochMetrics


def test_epoch_metrics_add_no_forward_pass():
    X, y = data()
    MLP.calls = 0
    net(callbacks=[], max_epochs=3).fit(X, y)
    plain = MLP.calls
    MLP.calls = 0
    metrics = ("f1", "precision", "recall", "roc_auc", "average_precision", "mcc")
    net(callbacks=[EpochMetrics(metrics)], max_epochs=3).fit(X, y)
    assert MLP.calls == plain


def test_logged_values_equal_binary_report_on_the_valid_rows():
    X, y = data()
    split = ResampledValidSplit(5, RandomOverSampler(random_state=0))
    metrics = ("f1", "roc_auc", "average_precision", "balanced_accuracy")
    fitted = net(train_split=split, callbacks=[EpochMetrics(metrics)]).fit(X, y)
    _, valid = split(Dataset(X, y), y)
    proba = fitted.predict_proba(X[valid.indices])[:, 1]
    want = binary_report(y[valid.indices], proba)
    for name in metrics:
        # NaN where binary_report gives NaN (a float32 probability of exactly
        # 0 or 1 in an unseeded fit): the logged value must be NaN too
        assert fitted.history[-1, f"valid_{name}"] == pytest.approx(
            want[name], abs=1e-6, nan_ok=True
        )
    f1 = fitted.history[:, "valid_f1"]
    best = fitted.history[:, "valid_f1_best"]
    running = np.maximum.accumulate(f1)
    assert best[0] is True
    assert best == [
        bool(v == r and (i == 0 or v > running[i - 1]))
        for i, (v, r) in enumerate(zip(f1, running, strict=True))
    ]


def test_calibration_metrics_are_logged_by_name_best_in_their_direction():
    X, y = data()
    split = ResampledValidSplit(5, RandomOverSampler(random_state=0))
    metrics = ("f1", "brier", "log_loss", "calibration_intercept")
    fitted = net(
        train_split=split, callbacks=[EpochMetrics(metrics)], max_epochs=4
    ).fit(X, y)
    _, valid = split(Dataset(X, y), y)
    proba = fitted.predict_proba(X[valid.indices])[:, 1]
    want = binary_report(y[valid.indices], proba)
    for name in metrics:
        # NaN where binary_report gives NaN (a float32 probability of exactly
        # 0 or 1 in an unseeded fit): the logged value must be NaN too
        assert fitted.history[-1, f"valid_{name}"] == pytest.approx(
            want[name], abs=1e-6, nan_ok=True
        )
    # a loss is best when lowest; the intercept when closest to 0; NaN (a
    # float32 probability of exactly 0 or 1 has no logit) never
    for name, distance in (("brier", np.asarray), ("calibration_intercept", np.abs)):
        values = distance(np.asarray(fitted.history[:, f"valid_{name}"], float))
        before = np.r_[np.inf, np.fmin.accumulate(values)[:-1]]
        before = np.where(np.isnan(before), np.inf, before)
        assert fitted.history[:, f"valid_{name}_best"] == [
            bool(not np.isnan(v) and v < b) for v, b in zip(values, before, strict=True)
        ], name


class Pessimist(MLP):
    """Predicts the negative class for every row: precision is undefined."""

    def forward(self, X):
        return super().forward(X) * 0 + torch.tensor([50.0, -50.0])


def test_undefined_metric_is_nan_never_best_and_early_stopping_stops():
    X, y = data()
    callbacks = [
        EpochMetrics(("precision", "roc_auc")),
        EarlyStopping(monitor="valid_precision", lower_is_better=False, patience=2),
    ]
    with pytest.warns(UndefinedMetricWarning, match="precision"):
        fitted = net(module=Pessimist, callbacks=callbacks, max_epochs=10).fit(X, y)
    assert np.isnan(fitted.history[:, "valid_precision"]).all()
    assert not any(fitted.history[:, "valid_precision_best"])
    assert len(fitted.history) < 10  # NaN counts as no improvement
    assert np.isfinite(fitted.history[:, "valid_roc_auc"]).all()


def test_only_the_logged_metrics_speak_of_being_undefined():
    """Precision and MCC are undefined when nothing is predicted positive; a
    callback that logs F1 and ROC AUC must not warn about them."""
    X, y = data()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net(
            module=Pessimist,
            callbacks=[EpochMetrics(("f1", "roc_auc"))],
            max_epochs=2,
        ).fit(X, y)
    assert not [w for w in caught if issubclass(w.category, UndefinedMetricWarning)]
    with pytest.warns(UndefinedMetricWarning) as caught:
        net(
            module=Pessimist, callbacks=[EpochMetrics(("precision",))], max_epochs=1
        ).fit(X, y)
    (message,) = {str(w.message) for w in caught}
    assert "precision: no predicted positive" in message and "mcc" not in message


def test_on_train_scores_the_rows_before_resampling():
    X, y = data()
    split = ResampledValidSplit(5, RandomOverSampler(random_state=0))
    fitted = net(train_split=split, callbacks=[EpochMetrics(("f1",), on_train=True)])
    fitted.fit(X, y)
    train, _ = split(Dataset(X, y), y)
    rows = np.asarray(train.before_resampling.indices)
    want = binary_report(y[rows], fitted.predict_proba(X[rows])[:, 1])["f1"]
    assert fitted.history[-1, "train_f1"] == pytest.approx(want, abs=1e-6)
    assert "valid_f1" not in fitted.history[-1]


def test_multiclass_net_logs_macro_metrics():
    X, y = data(n_classes=3, weights=(0.7, 0.2))
    fitted = net(
        module__n_out=3, callbacks=[EpochMetrics(("f1", "roc_auc", "mcc"))]
    ).fit(X, y)
    _, valid = ValidSplit(5, stratified=True)(Dataset(X, y), y)
    want = multiclass_report(y[valid.indices], fitted.predict_proba(X[valid.indices]))
    for name in ("f1", "roc_auc", "mcc"):
        # NaN where binary_report gives NaN (a float32 probability of exactly
        # 0 or 1 in an unseeded fit): the logged value must be NaN too
        assert fitted.history[-1, f"valid_{name}"] == pytest.approx(
            want[name], abs=1e-6, nan_ok=True
        )


def test_unknown_metric_is_refused_at_fit():
    X, y = data()
    with pytest.raises(ValueError, match="unknown metric"):
        net(callbacks=[EpochMetrics(("f2",))]).fit(X, y)


# ---------------------------------------------------------------- LeakageGuard


def test_leakage_guard_catches_resample_then_split():
    X, y = data()
    X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X, y)
    with pytest.raises(ResamplingLeakageError, match="leak") as info:
        net(callbacks=[LeakageGuard("raise")]).fit(X_res, y_res)
    assert "ResampledValidSplit" in str(info.value)
    X_sm, y_sm = SMOTE(random_state=0).fit_resample(X, y)
    with pytest.warns(LeakageWarning, match="interpolations") as caught:
        net(callbacks=[LeakageGuard()], max_epochs=1).fit(X_sm, y_sm)
    # the warning names the user's fit line, not skorch's or ours
    assert {w.filename for w in caught if w.category is LeakageWarning} == {__file__}


def test_leakage_guard_passes_the_safe_split():
    X, y = data()
    guard = LeakageGuard("raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error", LeakageWarning)
        net(
            train_split=ResampledValidSplit(5, SMOTE(random_state=0)),
            callbacks=[guard],
            max_epochs=1,
        ).fit(X, y)
    assert guard.report_ is not None and not guard.report_.leaky


def duplicate_heavy(seed=0, n0=900, n1=100):
    """Defect-metrics-like: integer codes, most majority rows repeat."""
    rng = np.random.default_rng(seed)
    common = rng.integers(0, 2, size=(5, 8))
    majority = np.where(
        rng.random((n0, 1)) < 0.5,
        common[rng.integers(0, 5, n0)],
        rng.integers(0, 6, size=(n0, 8)),
    )
    minority = rng.integers(2, 9, size=(n1, 8))
    X = np.vstack([majority, minority]).astype(np.float32)
    return X, np.r_[np.zeros(n0), np.ones(n1)].astype(np.int64)


@pytest.mark.parametrize(
    "sampler", [SMOTE(random_state=0), RandomOverSampler(random_state=0)]
)
def test_leakage_guard_never_stops_the_recommended_path(sampler):
    """The issue: ResampledValidSplit(5, SMOTE()) + LeakageGuard("raise") on
    duplicate-heavy data raised ResamplingLeakageError."""
    X, y = duplicate_heavy()
    guard = LeakageGuard("raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error", LeakageWarning)
        net(
            train_split=ResampledValidSplit(5, sampler),
            callbacks=[guard],
            max_epochs=1,
        ).fit(X, y)
    assert guard.report_.verdict == "clean", str(guard.report_)
    # it audited the rows before resampling: no synthetic or repeated rows
    assert guard.report_.n_train == 4 * len(y) // 5


def test_leakage_guard_with_the_safe_split_still_catches_resampled_input():
    X, y = data()
    X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X, y)
    with pytest.raises(ResamplingLeakageError, match="leak"):
        net(
            train_split=ResampledValidSplit(5, SMOTE(random_state=0)),
            callbacks=[LeakageGuard("raise")],
            max_epochs=1,
        ).fit(X_res, y_res)


def test_leakage_guard_warns_on_inconclusive_evidence_even_with_raise():
    # every minority record stored twice, as data sets do by nature: copies
    # more regular than random over-sampling leaves (over-sampling to a ratio
    # below 1 is leaky since #26, so it no longer serves here)
    X, y = data(n=2000, weights=(0.95,))
    pos = np.flatnonzero(y == 1)
    X_twice, y_twice = np.vstack([X, X[pos]]), np.r_[y, y[pos]]
    guard = LeakageGuard("raise")
    with pytest.warns(LeakageWarning, match="not proven"):
        net(callbacks=[guard], max_epochs=1).fit(X_twice, y_twice)
    assert guard.report_.verdict == "inconclusive"


def test_leakage_guard_skips_dict_inputs_with_a_warning():
    class Two(MLP):
        def forward(self, a, b):
            return super().forward(torch.cat([a, b], dim=1))

    X, y = data()
    X_dict = {"a": X[:, :4], "b": X[:, 4:]}
    with pytest.warns(UserWarning, match="skipped the audit"):
        net(module=Two, callbacks=[LeakageGuard("raise")], max_epochs=1).fit(X_dict, y)


def test_leakage_guard_audits_parts_of_any_class_balance():
    """Train 90 % class 1, valid 85 % class 0 (the audit used to crash)."""
    from skorch.dataset import Dataset
    from skorch.helper import predefined_split

    rng = np.random.default_rng(0)
    X = rng.normal(size=(500, 8)).astype(np.float32)
    y_tr = (rng.random(400) < 0.9).astype(np.int64)
    y_va = (rng.random(100) < 0.15).astype(np.int64)
    guard = LeakageGuard("raise")
    net(
        callbacks=[guard],
        max_epochs=1,
        train_split=predefined_split(Dataset(X[400:], y_va)),
    ).fit(X[:400], y_tr)
    assert guard.report_.verdict == "clean"


@pytest.mark.parametrize("action", ["warn", "raise"])
def test_leakage_guard_never_stops_a_fit_it_cannot_audit(action, monkeypatch):
    import imbsafe.skorch._guard

    def broken(*args, **kwargs):
        raise RuntimeError("something the audit did not expect\nsecond line")

    monkeypatch.setattr(imbsafe.skorch._guard, "audit_split", broken)
    X, y = data()
    model = net(callbacks=[LeakageGuard(action)], max_epochs=1)
    with pytest.warns(UserWarning, match="skipped the audit: something the audit"):
        model.fit(X, y)
    assert len(model.history) == 1


# ---------------------------------------------------------------- class weights


def test_class_weights_come_from_the_train_part_only():
    X, y = data()
    dataset = Dataset(X, y)
    train, _ = ValidSplit(5, stratified=False)(dataset, y)
    y_train = y[train.indices]
    cb = TrainFoldClassWeights("inverse", normalize="mean")
    fitted = net(
        criterion=nn.CrossEntropyLoss,
        train_split=ValidSplit(5, stratified=False),
        callbacks=[cb],
        max_epochs=1,
    ).fit(X, y)
    want = class_weights(y_train, scheme="inverse", normalize="mean")
    np.testing.assert_allclose(fitted.criterion_.weight.numpy(), want, rtol=1e-6)
    assert not np.allclose(want, class_weights(y, scheme="inverse", normalize="mean"))


def test_class_weights_for_bce_and_focal_losses():
    X, y = data()
    binary = NeuralNetBinaryClassifier(
        MLP,
        module__n_out=1,
        max_epochs=1,
        verbose=0,
        train_split=ValidSplit(5, stratified=True),
        callbacks=[TrainFoldClassWeights()],
    ).fit(X, y.astype(np.float32))
    train, _ = ValidSplit(5, stratified=True)(Dataset(X, y), y)
    y_train = y[train.indices]
    ratio = (y_train == 0).sum() / (y_train == 1).sum()
    assert binary.criterion_.pos_weight.item() == pytest.approx(ratio, rel=1e-6)
    focal = net(
        criterion=FocalLoss, callbacks=[TrainFoldClassWeights()], max_epochs=1
    ).fit(X, y)
    assert focal.criterion_.weight[1] > focal.criterion_.weight[0]
    binary_focal = NeuralNetBinaryClassifier(
        MLP,
        module__n_out=1,
        criterion=BinaryFocalLoss,
        predict_nonlinearity=binary_proba,
        max_epochs=1,
        verbose=0,
        train_split=ValidSplit(5, stratified=True),
        callbacks=[TrainFoldClassWeights()],
    ).fit(X, y.astype(np.float32))
    assert binary_focal.criterion_.pos_weight.item() == pytest.approx(ratio, rel=1e-6)


def test_class_weights_refuse_a_criterion_without_weights():
    class Plain(nn.Module):
        def forward(self, input, target):
            return nn.functional.cross_entropy(input, target)

    X, y = data()
    with pytest.raises(TypeError, match="neither weight nor pos_weight"):
        net(criterion=Plain, callbacks=[TrainFoldClassWeights()]).fit(X, y)


# ---------------------------------------------------------------- BalancedBatches


class CountBatches(Callback):
    def initialize(self):
        self.rows, self.positives = [], []
        return self

    def on_epoch_begin(self, net, **kwargs):
        self.rows.append(0)
        self.positives.append(0)

    def on_batch_begin(self, net, batch=None, training=False, **kwargs):
        if training:
            self.rows[-1] += len(batch[1])
            self.positives[-1] += int(batch[1].sum())


def test_balanced_batches_with_skorchs_own_split():
    X, y = data(n=1000, weights=(0.95,))
    counter = CountBatches()
    model = net(
        callbacks=[BalancedBatches(random_state=0), counter],
        max_epochs=3,
    ).fit(X, y)
    n_train = len(y) - len(y) // 5
    assert counter.rows == [n_train] * 3  # as many rows as the train part has
    share = np.sum(counter.positives) / np.sum(counter.rows)
    assert 0.45 < share < 0.55  # balanced, from about 5 % positives
    # the net's iterator settings are never touched
    assert "iterator_train__shuffle" not in model.__dict__
    assert "iterator_train__sampler" not in model.__dict__
    shuffled = net(
        callbacks=[BalancedBatches(random_state=0)], iterator_train__shuffle=True
    ).fit(X, y)
    assert shuffled.iterator_train__shuffle is True
    assert "iterator_train__sampler" not in shuffled.__dict__


def test_balanced_batches_are_seeded():
    X, y = data()
    first = net(callbacks=[BalancedBatches(random_state=3)], max_epochs=2).fit(X, y)
    torch.manual_seed(0)
    second = net(callbacks=[BalancedBatches(random_state=3)], max_epochs=2)
    torch.manual_seed(0)
    first = net(callbacks=[BalancedBatches(random_state=3)], max_epochs=2).fit(X, y)
    torch.manual_seed(0)
    second = second.fit(X, y)
    for a, b in zip(
        first.module_.parameters(), second.module_.parameters(), strict=True
    ):
        torch.testing.assert_close(a, b)


# ---------------------------------------------------------------- end to end


def test_logged_f1_matches_a_holdout_only_with_the_safe_split():
    from imbsafe.datasets import load_digits_eight

    X, y = load_digits_eight()
    X = (X / 16).astype(np.float32)
    X_fit, X_hold, y_fit, y_hold = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=0
    )

    def run(model, X_train, y_train):
        torch.manual_seed(0)
        model.fit(X_train, y_train)
        logged = model.history[-1, "valid_f1"]
        holdout = binary_report(y_hold, model.predict_proba(X_hold)[:, 1])["f1"]
        return logged, holdout

    kwargs = {"module__n_in": 64, "max_epochs": 15, "lr": 0.01}
    naive = run(
        net(callbacks=[EpochMetrics(("f1",))], **kwargs),
        *RandomOverSampler(random_state=0).fit_resample(X_fit, y_fit),
    )
    safe = run(
        net(
            train_split=ResampledValidSplit(5, RandomOverSampler(random_state=0)),
            callbacks=[EpochMetrics(("f1",))],
            **kwargs,
        ),
        X_fit,
        y_fit,
    )
    naive_gap, safe_gap = naive[0] - naive[1], safe[0] - safe[1]
    assert naive_gap > 0.1, naive
    assert abs(safe_gap) < 0.1, safe


# ------------------------------------------------ issue 11: skorch tooling


class Crash(Callback):
    """Stop a fit with an error in the middle of its second epoch."""

    def on_batch_begin(self, net, training=False, **kwargs):
        if training and len(net.history) == 2:
            raise RuntimeError("boom")


def test_balanced_batches_leave_the_net_unchanged_when_fit_raises():
    X, y = data(n=1000, weights=(0.95,))
    model = net(callbacks=[BalancedBatches(random_state=0), Crash()], max_epochs=3)

    def own(params):  # the net's parameters, not its callbacks'
        return {k: v for k, v in params.items() if not k.startswith("callbacks")}

    before = own(model.get_params())
    with pytest.raises(RuntimeError, match="boom"):
        model.fit(X, y)
    after = own(model.get_params())
    assert after.keys() == before.keys()
    assert not any(k.startswith("iterator_train__") for k in after)
    counter = CountBatches()
    model.set_params(callbacks=[counter], max_epochs=2).fit(X, y)
    share = np.sum(counter.positives) / np.sum(counter.rows)
    assert share < 0.15  # the next fit without the callback: the real ratio


def test_balanced_batches_refuse_a_net_without_split_clearly():
    X, y = data()
    with pytest.raises(TypeError, match="train_split"):
        net(callbacks=[BalancedBatches()], train_split=None, max_epochs=1).fit(X, y)


def test_balanced_batches_with_resampled_valid_split_smote():
    X, y = data(n=800, weights=(0.9,))
    counter = CountBatches()
    net(
        train_split=ResampledValidSplit(5, SMOTE(random_state=0)),
        callbacks=[BalancedBatches(random_state=0), counter],
        max_epochs=2,
    ).fit(X, y)
    assert 0.4 < np.sum(counter.positives) / np.sum(counter.rows) < 0.6


ALL_CALLBACKS = [
    ("metrics", EpochMetrics(("f1", "average_precision"))),
    ("guard", LeakageGuard()),
    ("weights", TrainFoldClassWeights()),
    ("balanced", BalancedBatches(random_state=0)),
]


def test_clone_cross_val_score_and_pickle_with_every_callback():
    import pickle

    from sklearn.base import clone
    from sklearn.model_selection import cross_val_score

    X, y = data()
    model = net(callbacks=list(ALL_CALLBACKS), max_epochs=2)
    clone(model)  # unfitted
    model.initialize()
    clone(model)  # initialized
    model.fit(X, y)
    twin = clone(model)  # fitted
    assert not hasattr(twin, "module_")
    scores = cross_val_score(
        net(callbacks=list(ALL_CALLBACKS), max_epochs=2), X, y, cv=2
    )
    assert scores.shape == (2,) and np.isfinite(scores).all()
    again = pickle.loads(pickle.dumps(model))
    np.testing.assert_allclose(again.predict_proba(X), model.predict_proba(X))


@pytest.mark.parametrize(
    "criterion", [nn.CrossEntropyLoss, FocalLoss], ids=["cross_entropy", "focal"]
)
def test_checkpoint_load_params_and_load_init_state_with_class_weights(
    tmp_path, criterion
):
    from skorch.callbacks import Checkpoint, LoadInitState

    X, y = data()
    checkpoint = Checkpoint(dirname=str(tmp_path), monitor=None)
    trained = net(
        criterion=criterion,
        callbacks=[TrainFoldClassWeights(), checkpoint],
        max_epochs=2,
    ).fit(X, y)
    fresh = net(criterion=criterion, callbacks=[TrainFoldClassWeights()])
    fresh.initialize().load_params(checkpoint=checkpoint)
    np.testing.assert_allclose(fresh.predict_proba(X), trained.predict_proba(X))
    resumed_checkpoint = Checkpoint(dirname=str(tmp_path), monitor=None)
    resumed = net(
        criterion=criterion,
        callbacks=[
            TrainFoldClassWeights(),
            resumed_checkpoint,
            LoadInitState(resumed_checkpoint),
        ],
        max_epochs=1,
    ).fit(X, y)
    assert len(resumed.history) == 3  # two loaded epochs, one more
    assert resumed.criterion_.weight is not None  # set again for this fit


def test_binary_focal_loss_checkpoint_with_pos_weight(tmp_path):
    from skorch.callbacks import Checkpoint

    X, y = data()
    checkpoint = Checkpoint(dirname=str(tmp_path), monitor=None)
    binary = {"module": MLP, "module__n_out": 1, "criterion": BinaryFocalLoss}
    trained = net_binary(callbacks=[TrainFoldClassWeights(), checkpoint], **binary)
    trained.fit(X, y.astype(np.float32))
    fresh = net_binary(callbacks=[TrainFoldClassWeights()], **binary)
    fresh.initialize().load_params(checkpoint=checkpoint)
    np.testing.assert_allclose(fresh.predict_proba(X), trained.predict_proba(X))


def net_binary(**kwargs):
    params = {
        "max_epochs": 2,
        "lr": 0.05,
        "optimizer": torch.optim.Adam,
        "batch_size": 64,
        "verbose": 0,
        "train_split": ValidSplit(5, stratified=True),
    }
    params.update(kwargs)
    return NeuralNetBinaryClassifier(**params)


def test_focal_losses_give_probabilities_by_default_and_honest_metrics():
    """The issue: logged valid F1 0.0 from logits, while the net's F1 was 0.38."""
    from sklearn.metrics import f1_score

    X, y = data(n=800, weights=(0.8,))
    split = ValidSplit(5, stratified=True)
    model = net(
        criterion=FocalLoss,
        train_split=split,
        callbacks=[EpochMetrics(("f1",))],
        max_epochs=3,
    ).fit(X, y)
    proba = model.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-6)
    _, valid = split(Dataset(X, y), y)
    rows = np.asarray(valid.indices)
    expected = f1_score(y[rows], model.predict(X[rows]))
    assert model.history[-1, "valid_f1"] == pytest.approx(expected, abs=1e-6)

    binary = net_binary(
        module=MLP,
        module__n_out=1,
        criterion=BinaryFocalLoss,
        train_split=split,
        callbacks=[EpochMetrics(("f1",))],
        max_epochs=3,
    ).fit(X, y.astype(np.float32))
    proba = binary.predict_proba(X)
    assert proba.shape == (len(y), 2) and (proba >= 0).all() and (proba <= 1).all()
    expected = f1_score(y[rows], binary.predict(X[rows]))
    assert binary.history[-1, "valid_f1"] == pytest.approx(expected, abs=1e-6)


def test_epoch_metrics_refuse_scores_that_are_not_probabilities():
    class PlainCrossEntropy(nn.Module):  # a criterion skorch does not know
        def forward(self, input, target):
            return nn.functional.cross_entropy(input, target)

    X, y = data()
    with pytest.raises(ValueError, match="predict_nonlinearity"):
        net(
            criterion=PlainCrossEntropy,
            callbacks=[EpochMetrics(("f1",))],
            max_epochs=1,
        ).fit(X, y)


def test_pos_weight_works_where_the_docs_say():
    from imbsafe import pos_weight

    y = np.array([0] * 90 + [1] * 10)
    w = pos_weight(y)
    logits, target = torch.tensor([0.3, -1.0]), torch.tensor([1.0, 0.0])
    torch_loss = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([w]))
    focal = BinaryFocalLoss(gamma=0.0, pos_weight=w)
    assert torch.isclose(focal(logits, target), torch_loss(logits, target))
