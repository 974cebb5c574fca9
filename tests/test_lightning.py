"""imbsafe.lightning: a real Trainer on the CPU, one process and two (DDP)."""

import json
import os
import socket
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch", reason="the [lightning] extra is not installed")
pytest.importorskip("lightning", reason="the [lightning] extra is not installed")
pytest.importorskip("torchmetrics", reason="the [lightning] extra is not installed")

import lightning.pytorch as pl  # noqa: E402
import torch  # noqa: E402
from imblearn.over_sampling import SMOTE, RandomOverSampler  # noqa: E402
from imblearn.under_sampling import RandomUnderSampler  # noqa: E402
from sklearn import metrics as skm  # noqa: E402
from sklearn.datasets import make_classification  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

from imbsafe import (  # noqa: E402
    LeakageWarning,
    ResamplingLeakageError,
    class_weights,
)
from imbsafe._resample._balanced import balanced_epoch  # noqa: E402
from imbsafe.lightning import LeakageGuard, ResampledDataModule  # noqa: E402
from imbsafe.lightning._samplers import BalancedShares  # noqa: E402
from imbsafe.metrics import binary_report  # noqa: E402
from imbsafe.torchmetrics import BinaryReport  # noqa: E402

DDP_SCRIPT = Path(__file__).with_name("_lightning_ddp.py")


def data(n=400, weights=(0.9,), seed=0):
    X, y = make_classification(
        n_samples=n,
        n_features=5,
        n_informative=3,
        n_redundant=0,
        weights=list(weights),
        random_state=seed,
    )
    return X.astype(np.float32), y


class Tiny(pl.LightningModule):
    """Logistic regression, logging BinaryReport's metrics as val_<name>."""

    def __init__(self, n_in=5, hidden=0, metrics=("f1", "roc_auc")):
        super().__init__()
        if hidden:
            self.net = torch.nn.Sequential(
                torch.nn.Linear(n_in, hidden),
                torch.nn.ReLU(),
                torch.nn.Linear(hidden, 1),
            )
        else:
            self.net = torch.nn.Linear(n_in, 1)
        self.report = BinaryReport(metrics)
        self.batches = []

    def forward(self, x):
        return self.net(x)[:, 0]

    def training_step(self, batch, _):
        x, y = batch
        self.batches.append(y.tolist())
        return torch.nn.functional.binary_cross_entropy_with_logits(self(x), y.float())

    def validation_step(self, batch, _):
        x, y = batch
        self.report.update(torch.sigmoid(self(x)), y)

    def on_validation_epoch_end(self):
        values = self.report.compute()
        self.log_dict({f"val_{k}": v for k, v in values.items()})
        self.report.reset()

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=0.01)


def fit(model, dm, epochs=2, callbacks=()):
    trainer = pl.Trainer(
        max_epochs=epochs,
        accelerator="cpu",
        devices=1,
        logger=False,
        enable_checkpointing=False,
        enable_progress_bar=False,
        enable_model_summary=False,
        num_sanity_val_steps=0,
        callbacks=list(callbacks),
    )
    with warnings.catch_warnings():
        # Lightning's advice to add DataLoader workers: tiny data, no workers.
        warnings.filterwarnings("ignore", ".*does not have many workers.*")
        trainer.fit(model, datamodule=dm)
    return trainer


# ------------------------------------------------------------ split first


def test_split_first_resample_the_train_part_only_by_index():
    X, y = data()
    X_before, y_before = X.copy(), y.copy()
    dm = ResampledDataModule(X, y, sampler=RandomOverSampler(), random_state=0)
    dm.setup("fit")
    train, valid = dm.train_rows_, dm.valid_rows_
    assert np.intersect1d(train, valid).size == 0
    assert np.union1d(train, valid).size == len(y)
    # stratified, and the valid part is the data's own rows at its own balance
    assert abs(y[valid].mean() - y.mean()) < 0.02
    Xv, yv = next(iter(dm.val_dataloader()))
    np.testing.assert_array_equal(Xv.numpy(), X[valid[: len(yv)]])
    np.testing.assert_array_equal(yv.numpy(), y[valid[: len(yv)]])
    # ROS picks rows by index: the train part reads the same tensor, no copy
    assert dm.train_part_.dataset is dm.valid_part_.dataset
    assert np.isin(dm.train_part_.indices, train).all()
    assert np.bincount(dm.train_labels_).tolist() == [np.sum(y[train] == 0)] * 2
    np.testing.assert_array_equal(X, X_before)  # the user's data untouched
    np.testing.assert_array_equal(y, y_before)
    # setup again (validate, test) keeps the same parts
    dm.setup("validate")
    np.testing.assert_array_equal(dm.valid_rows_, valid)


def test_under_sampling_and_smote_touch_the_train_part_only():
    X, y = data()
    rus = ResampledDataModule(X, y, sampler=RandomUnderSampler(), random_state=0)
    rus.setup()
    assert np.bincount(rus.train_labels_).tolist() == [np.sum(y[rus.train_rows_])] * 2
    smote = ResampledDataModule(X, y, sampler=SMOTE(), random_state=0)
    smote.setup()
    np.testing.assert_array_equal(smote.valid_rows_, rus.valid_rows_)  # same seed
    Xs, ys = smote.train_part_[:]
    assert len(ys) == 2 * np.sum(y[smote.train_rows_] == 0)
    assert smote.train_part_.before_resampling is not None
    assert smote.valid_part_.dataset is not smote.train_part_.dataset


def test_from_dataset_with_rows_that_are_not_an_array():
    class Dicts(torch.utils.data.Dataset):
        def __init__(self, X, y):
            self.X, self.y = X, y

        def __len__(self):
            return len(self.y)

        def __getitem__(self, i):
            return {"x": torch.as_tensor(self.X[i]), "y": int(self.y[i])}

    X, y = data()
    dm = ResampledDataModule.from_dataset(
        Dicts(X, y), y, sampler=RandomOverSampler(), batch_size=8, random_state=0
    )
    batch = next(iter(dm.train_dataloader()))
    assert batch["x"].shape == (8, 5)
    assert np.bincount(dm.train_labels_)[0] == np.bincount(dm.train_labels_)[1]
    bad = ResampledDataModule.from_dataset(Dicts(X, y), y, sampler=SMOTE())
    with pytest.raises(TypeError, match="RandomOverSampler / RandomUnderSampler"):
        bad.setup()
    with pytest.raises(TypeError, match="map-style torch Dataset"):
        ResampledDataModule.from_dataset(X, y)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"val_fraction": 1.5}, ValueError, "val_fraction=1.5"),
        ({"batch_size": 0}, ValueError, "batch_size=0"),
        ({"balanced_batches": "yes"}, ValueError, "balanced_batches"),
        ({"sampler": "smote"}, TypeError, "imbalanced-learn sampler"),
    ],
)
def test_bad_parameters_are_one_line_errors(kwargs, error, match):
    X, y = data()
    with pytest.raises(error, match=match) as info:
        ResampledDataModule(X, y, **kwargs).setup()
    assert "\n" not in str(info.value)


def test_labels_must_be_class_codes():
    X, y = data()
    with pytest.raises(ValueError, match="LabelEncoder"):
        ResampledDataModule(X, np.where(y == 1, "a", "b")).setup()


def test_class_weights_come_from_the_train_part():
    X, y = data(weights=(0.8,))
    dm = ResampledDataModule(X, y, val_fraction=0.3, random_state=0)
    weights = dm.class_weights("inverse")
    expected = class_weights(y[dm.train_rows_], scheme="inverse")
    np.testing.assert_allclose(weights.numpy(), expected, rtol=1e-6)
    assert weights.dtype == torch.float32
    balanced = ResampledDataModule(X, y, sampler=RandomOverSampler(), random_state=0)
    np.testing.assert_allclose(balanced.class_weights().numpy(), [1.0, 1.0])


# ------------------------------------------------------ balanced batches


def test_balanced_batches_one_process():
    X, y = data(weights=(0.9,))
    dm = ResampledDataModule(X, y, batch_size=16, balanced_batches=True, random_state=0)
    loader = dm.train_dataloader()
    epochs = []
    for epoch in (0, 1):
        loader.sampler.set_epoch(epoch)
        rows = list(loader.sampler)
        assert len(rows) == len(dm.train_rows_)  # rows per epoch kept
        labels = dm.train_labels_[rows]
        majority = np.array(rows)[labels == 0]
        assert len(set(majority)) == len(majority)  # no majority row repeats
        for batch in np.array_split(labels, range(16, len(labels), 16)):
            assert abs(2 * batch.sum() - len(batch)) <= 1  # within one row
        epochs.append(rows)
        counts = [int(yb.sum()) for _, yb in loader]
        assert all(abs(2 * c - 16) <= 1 for c in counts[:-1])
    assert epochs[0] != epochs[1]  # epochs differ
    again = ResampledDataModule(
        X, y, batch_size=16, balanced_batches=True, random_state=0
    ).train_dataloader()
    again.sampler.set_epoch(1)
    assert list(again.sampler) == epochs[1]  # seeded


@pytest.mark.parametrize("n, replicas", [(101, 2), (100, 3), (7, 4)])
def test_shares_are_disjoint_and_make_one_process_epoch(n, replicas):
    codes = (np.arange(n) % 5 == 0).astype(np.int64)
    dataset = torch.utils.data.TensorDataset(torch.zeros(n))
    shares = [
        list(BalancedShares(dataset, codes, num_replicas=replicas, rank=r, seed=3))
        for r in range(replicas)
    ]
    assert len({len(s) for s in shares}) == 1  # as many steps on every process
    together = np.concatenate(shares)
    one = list(BalancedShares(dataset, codes, num_replicas=1, rank=0, seed=3))
    assert together[:n].tolist() == one  # one process's epoch, then its sequel
    assert together.tolist() == balanced_epoch(codes, len(together), 3, 0).tolist()


def test_a_real_trainer_logs_binary_report_of_the_valid_part():
    X, y = data()
    dm = ResampledDataModule(
        X, y, sampler=RandomOverSampler(), balanced_batches=True, random_state=0
    )
    model = Tiny()
    trainer = fit(model, dm)
    assert all(abs(2 * sum(b) - len(b)) <= 1 for b in model.batches)
    with torch.no_grad():
        proba = torch.sigmoid(model(torch.as_tensor(X[dm.valid_rows_]))).numpy()
    expected = binary_report(y[dm.valid_rows_], proba)
    for key in ("f1", "roc_auc"):
        logged = float(trainer.callback_metrics[f"val_{key}"])
        assert logged == pytest.approx(expected[key], abs=1e-6)


# ---------------------------------------------------------------- DDP


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_two_process_ddp(tmp_path):
    """Disjoint shares, balanced batches, and BinaryReport equal to one process's."""
    env = {
        **os.environ,
        "MASTER_ADDR": "127.0.0.1",
        "MASTER_PORT": str(free_port()),
        "PYTHONWARNINGS": "ignore",
    }
    for key in ("LOCAL_RANK", "NODE_RANK", "WORLD_SIZE", "PYTEST_XDIST_WORKER"):
        env.pop(key, None)
    done = subprocess.run(
        [sys.executable, str(DDP_SCRIPT), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    ranks = [json.loads((tmp_path / f"rank{r}.json").read_text()) for r in (0, 1)]
    assert [r["rank"] for r in ranks] == [0, 1]
    assert all(r["world_size"] == 2 for r in ranks)
    # random_state=None: one seed for all, so one split and one train part
    assert ranks[0]["seed"] == ranks[1]["seed"]
    assert ranks[0]["train_labels"] == ranks[1]["train_labels"]
    assert ranks[0]["valid_labels"] == ranks[1]["valid_labels"]
    # Lightning's default use_distributed_sampler=True kept the module's sampler
    assert {r["sampler"] for r in ranks} == {"BalancedShares"}
    labels = np.array(ranks[0]["train_labels"])
    codes = np.unique(labels, return_inverse=True)[1]
    for epoch in (0, 1):
        shares = [np.array(r["shares"][epoch]) for r in ranks]
        assert len(shares[0]) == len(shares[1])
        together = np.concatenate(shares)
        one = balanced_epoch(codes, len(together), ranks[0]["seed"], epoch)
        np.testing.assert_array_equal(together, one)
        majority = [set(s[labels[s] == 0]) for s in shares]
        assert not majority[0] & majority[1]  # disjoint shares
    assert ranks[0]["shares"][0] != ranks[0]["shares"][1]  # epochs differ
    for r in ranks:  # the batches each process trained on: balanced
        assert r["batches"]
        assert all(abs(2 * sum(b) - len(b)) <= 1 for _, b in r["batches"])
    # every valid row seen by exactly one process; the synced report equals
    # binary_report on them, and on the whole valid part in one process
    seen = ranks[0]["seen"] + ranks[1]["seen"]
    valid_labels = ranks[0]["valid_labels"]
    assert len(seen) == len(valid_labels)
    assert sorted(t for _, t in seen) == sorted(valid_labels)
    p, t = np.array(seen).T
    expected = binary_report(t.astype(int), p)
    whole = binary_report(np.array(valid_labels), np.array(ranks[0]["whole_valid"]))
    sklearn = {
        "f1": skm.f1_score(t.astype(int), p >= 0.5),
        "roc_auc": skm.roc_auc_score(t.astype(int), p),
        "average_precision": skm.average_precision_score(t.astype(int), p),
    }
    for r in ranks:
        for key, value in r["logged"].items():
            assert value == pytest.approx(expected[key], abs=1e-6), key
            assert value == pytest.approx(whole[key], abs=1e-6), key
        for key, value in sklearn.items():
            assert r["logged"][key] == pytest.approx(value, abs=1e-6), key


def test_without_the_extra_the_import_is_one_line_naming_it():
    code = (
        "import sys\n"
        "sys.modules['lightning'] = None  # as if lightning were not installed\n"
        "try:\n"
        "    import imbsafe.lightning\n"
        "except ImportError as e:\n"
        "    print(type(e).__name__, e, sep=': ')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout == (
        "ModuleNotFoundError: imbsafe.lightning needs torch, lightning and "
        "torchmetrics (lightning is missing): pip install torch==2.13.0 "
        "'imbsafe[lightning]'\n"
    )


# ------------------------------------------------------------ the guard


def test_guard_stops_a_fit_on_data_resampled_before_the_split():
    X, y = data()
    X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X, y)
    dm = ResampledDataModule(X_res, y_res, random_state=0)
    with pytest.raises(ResamplingLeakageError, match="ResampledDataModule"):
        fit(Tiny(), dm, epochs=1, callbacks=[LeakageGuard(action="raise")])
    guard = LeakageGuard()
    with pytest.warns(LeakageWarning, match="leak between the train and valid"):
        fit(Tiny(), dm, epochs=1, callbacks=[guard])
    assert guard.report_.leaky


def test_guard_is_quiet_when_the_module_resamples_after_the_split():
    X, y = data()
    dm = ResampledDataModule(X, y, sampler=RandomOverSampler(), random_state=0)
    guard = LeakageGuard(action="raise")
    fit(Tiny(), dm, epochs=1, callbacks=[guard])
    assert guard.report_ is not None and not guard.report_.leaky


def test_guard_rejects_an_unknown_action():
    X, y = data()
    dm = ResampledDataModule(X, y, random_state=0)
    with pytest.raises(ValueError, match="'warn' or 'raise'"):
        fit(Tiny(), dm, epochs=1, callbacks=[LeakageGuard(action="stop")])


# ----------------------------------------------------- the skorch story


def test_logged_f1_matches_a_holdout_only_when_split_first():
    from imbsafe.datasets import load_digits_eight

    X, y = load_digits_eight()
    X = (X / 16).astype(np.float32)
    X_fit, X_hold, y_fit, y_hold = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=0
    )

    def run(dm):
        torch.manual_seed(0)
        model = Tiny(n_in=64, hidden=16, metrics=("f1",))
        trainer = fit(model, dm, epochs=5)
        with torch.no_grad():
            proba = torch.sigmoid(model(torch.as_tensor(X_hold))).numpy()
        logged = float(trainer.callback_metrics["val_f1"])
        return logged, binary_report(y_hold, proba)["f1"]

    ros = RandomOverSampler(random_state=0)
    naive = run(ResampledDataModule(*ros.fit_resample(X_fit, y_fit), random_state=0))
    safe = run(ResampledDataModule(X_fit, y_fit, sampler=ros, random_state=0))
    naive_gap, safe_gap = naive[0] - naive[1], safe[0] - safe[1]
    assert naive_gap > 0.1, naive
    assert abs(safe_gap) < 0.1, safe
    assert abs(safe_gap) < naive_gap / 2, (naive, safe)
