"""The audit's self-test: "no leak found" only where a leak would have been seen.

A clean class standing where an over-sampler's target leaves it is asked
whether a random over-sampling or SMOTE leak of its own rows would have left a
trace; these tests hold the answers to real leaks of the same data.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import SMOTE, RandomOverSampler
from scipy import sparse
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from test_audit import heavy_majority_duplicates

from imbsafe import audit_split
from imbsafe._audit._decision import asked as _decision_asked
from imbsafe._audit._selftest import ROS_SHARES, _grids, _simulated
from imbsafe._utils._rows import row_keys


def _written(X, fmt):
    return np.char.mod(fmt, np.asarray(X, dtype=float)).astype(float)


def _partial_ros_leak(seed, share):
    """heavy_majority_duplicates with its minority over-sampled: ``share`` copies."""
    X, y = heavy_majority_duplicates(seed)
    rng = np.random.default_rng(seed)
    n1 = int((y == 1).sum())
    kept = max(2, int(round((1 - share) * n1)))
    keep = np.r_[
        np.flatnonzero(y == 0), rng.choice(np.flatnonzero(y == 1), kept, replace=False)
    ]
    target = n1 / int((y == 0).sum())
    X_res, y_res = RandomOverSampler(
        sampling_strategy=target, random_state=seed
    ).fit_resample(X[keep], y[keep])
    return train_test_split(X_res, y_res, test_size=0.25, random_state=seed)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), share=st.sampled_from([0.5, 0.75]))
def test_random_over_sampling_the_copy_test_cannot_show_is_never_called_clean(
    seed, share
):
    # Integer codes whose majority repeats by nature (wisconsin, defect
    # metrics): copies of an over-sampled minority look like its twins. The
    # audit may not prove the leak, but it never says "no leak found".
    X_tr, X_va, y_tr, y_va = _partial_ros_leak(seed, share)
    report = audit_split(X_tr, y_tr, X_va, y_va)
    assert report.verdict != "clean", str(report)


def test_a_clean_split_of_the_same_data_says_which_simulated_leak_it_would_miss():
    X, y = heavy_majority_duplicates(0)
    X_tr, X_va, y_tr, y_va = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=0
    )
    report = audit_split(X_tr, y_tr, X_va, y_va)
    assert not report.leaky
    if report.verdict == "inconclusive":
        (reason,) = report.inconclusive_reasons
        assert "class 1" in reason and "leak of it would not be seen" in reason
        assert any(f"{share:.0%} of them" in reason for share in ROS_SHARES + (0.75,))


def test_a_train_part_resampled_after_the_split_is_not_asked():
    # The valid part keeps the data's own balance and the train part stands
    # level: no random split of resampled data leaves the parts so far apart,
    # so there is no leak to simulate, and the verdict stays clean.
    X, y = heavy_majority_duplicates(0)
    X_tr, X_va, y_tr, y_va = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=0
    )
    X_res, y_res = SMOTE(random_state=0).fit_resample(X_tr, y_tr)
    report = audit_split(X_res, y_res, X_va, y_va)
    assert report.verdict == "clean", str(report)


@pytest.mark.parametrize("fmt", ["%.3f", "%.6g"])
def test_a_level_smote_leak_is_found_when_the_untouched_class_repeats_rows(fmt):
    # The majority holds natural duplicate rows, the SMOTE-made class none:
    # copies alone point at the wrong class as the untouched one. Written at
    # a fixed precision, the exact test cannot prove the leak; the rounded
    # test must measure the touched class against the untouched one.
    X, y = make_classification(1200, 8, n_informative=5, weights=[0.75], random_state=3)
    rng = np.random.default_rng(3)
    majority = np.flatnonzero(y == 0)
    twins = rng.choice(majority, 120, replace=False)
    X[twins[60:]] = X[twins[:60]]
    X_res, y_res = SMOTE(random_state=3).fit_resample(X, y)
    X_tr, X_va, y_tr, y_va = train_test_split(
        X_res, y_res, test_size=0.25, random_state=3
    )
    report = audit_split(_written(X_tr, fmt), y_tr, _written(X_va, fmt), y_va)
    assert report.leaky, str(report)


def test_the_simulated_leak_keeps_the_counts_and_leaves_the_input_alone():
    from imbsafe._audit._api import check_parts  # noqa: F401 - the module loads

    X, y = heavy_majority_duplicates(1)
    X_tr, X_va, y_tr, y_va = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=1
    )
    before = X_tr.copy(), X_va.copy()
    from imbsafe._audit._parts import EncodedSplit

    num_tr, num_va = X_tr.astype(float), X_va.astype(float)
    split = EncodedSplit(
        codes_tr=y_tr,
        codes_va=y_va,
        keys_tr=row_keys(num_tr, y_tr),
        keys_va=row_keys(num_va, y_va),
        n_classes=2,
        num_tr=num_tr,
        num_va=num_va,
        integer=np.ones(9, dtype=bool),
    )
    rng = np.random.default_rng(0)
    ros = _simulated(split, 1, 0.5, rng, None)
    assert np.array_equal(np.bincount(ros.codes_tr), np.bincount(y_tr))
    assert np.array_equal(np.bincount(ros.codes_va), np.bincount(y_va))
    # half the class's rows are copies: at most half of them are distinct
    rows = np.concatenate(
        [ros.keys_tr[ros.codes_tr == 1], ros.keys_va[ros.codes_va == 1]]
    )
    assert np.unique(rows).shape[0] <= int(np.ceil(0.5 * rows.shape[0]))
    smote = _simulated(split, 1, 0.5, rng, _grids(split))
    made = np.concatenate(
        [smote.num_tr[smote.codes_tr == 1], smote.num_va[smote.codes_va == 1]]
    )
    # cast back to whole numbers, as imbalanced-learn casts integer columns
    assert np.array_equal(made, np.round(made))
    assert np.array_equal(X_tr, before[0]) and np.array_equal(X_va, before[1])


@pytest.mark.parametrize("seed", [0, 1])
def test_dense_and_sparse_give_the_self_test_one_answer(seed):
    # the simulated leaks are made and read the same way from a sparse part
    X, y = heavy_majority_duplicates(seed)
    parts = train_test_split(X, y, test_size=0.25, stratify=y, random_state=seed)
    X_tr, X_va, y_tr, y_va = parts
    dense = audit_split(X_tr, y_tr, X_va, y_va)
    stored = audit_split(sparse.csr_matrix(X_tr), y_tr, sparse.csr_matrix(X_va), y_va)
    assert dense.verdict == stored.verdict
    assert dense.inconclusive_reasons == stored.inconclusive_reasons


def _counts_split(train: list[int], valid: list[int]):
    """A split with these class counts (the gate reads counts only)."""
    codes_tr = np.repeat(np.arange(len(train)), train)
    codes_va = np.repeat(np.arange(len(valid)), valid)
    return SimpleNamespace(n_classes=len(train), codes_tr=codes_tr, codes_va=codes_va)


def _clean(k: int, reference: int = 0):
    return SimpleNamespace(
        copies=SimpleNamespace(reference=reference),
        leaky=np.zeros(k, dtype=bool),
        doubtful=np.zeros(k, dtype=bool),
    )


@pytest.mark.parametrize(
    ("train", "valid", "expected"),
    [
        # habarman: RandomOverSampler(sampling_strategy=0.5) on the train part
        # meets its target exactly there (84 = 169 // 2), the valid part keeps
        # the data's own balance: resampled after the split
        ([169, 84], [56, 20], False),
        # the same counts a leak to half leaves: both parts together at half
        ([169, 85], [56, 27], True),
        # a leak to half whose valid part fell low by chance (habarman, seed 0)
        ([161, 91], [64, 21], True),
        # the data's own balance, far below half in both parts together
        ([169, 61], [56, 20], False),
        # a train part brought level after the split
        ([169, 169], [56, 20], False),
        # a class above the reference
        ([100, 200], [33, 67], False),
    ],
)
def test_the_self_test_asks_where_a_leak_would_leave_the_counts(train, valid, expected):
    asked = _decision_asked(_counts_split(train, valid), _clean(len(train)))
    assert bool(asked[1]) is expected


def test_a_train_part_brought_to_half_after_the_split_is_not_asked():
    # RandomOverSampler(sampling_strategy=0.5) on the train part meets its
    # target exactly there; a leak would meet it in both parts together.
    # Both parts together then stand near half (0.47), as a leak to half
    # would leave them, and the valid part's balance is within a random
    # split's noise of the train part's; only the exact target tells.
    X, y = heavy_majority_duplicates(2)
    keep = np.r_[np.flatnonzero(y == 0), np.flatnonzero(y == 1)[:170]]
    X_tr, X_va, y_tr, y_va = train_test_split(
        X[keep], y[keep], test_size=0.25, stratify=y[keep], random_state=2
    )
    sampler = RandomOverSampler(sampling_strategy=0.5, random_state=2)
    X_res, y_res = sampler.fit_resample(X_tr, y_tr)
    report = audit_split(X_res, y_res, X_va, y_va)
    assert report.verdict == "clean", str(report)
