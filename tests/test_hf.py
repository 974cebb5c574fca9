"""imbsafe.hf: Trainer and CrossEncoder, with tiny models built offline."""

import os
import warnings

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing is ever downloaded here
pytest.importorskip("transformers", reason="the [hf] extra is not installed")
pytest.importorskip("datasets", reason="the [hf] extra is not installed")

import torch  # noqa: E402
from datasets import Dataset  # noqa: E402
from imblearn.over_sampling import SMOTE, RandomOverSampler  # noqa: E402
from imblearn.under_sampling import RandomUnderSampler  # noqa: E402
from sklearn import metrics as skm  # noqa: E402
from sklearn.exceptions import UndefinedMetricWarning  # noqa: E402
from transformers import (  # noqa: E402
    BertConfig,
    BertForSequenceClassification,
    BertTokenizer,
    Trainer,
    TrainingArguments,
)

from imbsafe import (  # noqa: E402
    LeakageWarning,
    ResamplingLeakageError,
    class_weights,
)
from imbsafe.hf import (  # noqa: E402
    LeakageGuardCallback,
    class_weighted_loss,
    compute_metrics,
    cross_encoder_loss,
    resample_dataset,
)
from imbsafe.metrics import binary_report, multiclass_report  # noqa: E402

WORDS = (
    "good bad great awful fine poor movie plot actor film nice boring fun dull story"
)


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    """A WordPiece tokenizer from a hand-made vocabulary in a local folder."""
    folder = tmp_path_factory.mktemp("vocab")
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS.split()]
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n")
    return BertTokenizer.from_pretrained(str(folder))


def tiny_bert(tokenizer, num_labels=2, seed=0):
    """BERT with hidden size 16 and one layer, from a config: no download."""
    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=32,
        num_labels=num_labels,
    )
    return BertForSequenceClassification(config)


def texts(n=300, seed=0, positive_rate=0.1):
    """Short reviews; a review with "great" and "fun" is positive (rare)."""
    rng = np.random.default_rng(seed)
    words = WORDS.split()
    rows, labels = [], []
    for _ in range(n):
        positive = rng.random() < positive_rate
        chosen = list(rng.choice(words, 4))
        if positive:
            chosen[:2] = ["great", "fun"]
        rows.append(" ".join(chosen))
        labels.append(int(positive))
    return rows, np.array(labels)


def dataset(tokenizer, rows, labels):
    data = Dataset.from_dict({"text": list(rows), "label": [int(v) for v in labels]})
    return data.map(
        lambda b: tokenizer(b["text"], padding="max_length", max_length=12),
        batched=True,
    )


def trainer(model, train, valid, tmp_path, **kwargs):
    args = TrainingArguments(
        output_dir=str(tmp_path),
        num_train_epochs=1,
        per_device_train_batch_size=32,
        report_to=[],
        save_strategy="no",
        logging_strategy="no",
        use_cpu=True,
        disable_tqdm=True,
    )
    return Trainer(
        model=model, args=args, train_dataset=train, eval_dataset=valid, **kwargs
    )


# ------------------------------------------------------------- compute_metrics


@pytest.mark.parametrize("shape", ["two", "one", "flat"])
def test_compute_metrics_equals_binary_report_and_sklearn(shape):
    rng = np.random.default_rng(0)
    labels = (rng.random(500) < 0.1).astype(int)
    score = rng.normal(size=500) + 2 * labels
    if shape == "two":
        logits = np.c_[np.zeros(500), score]
    else:
        logits = score[:, None] if shape == "one" else score
    proba = 1 / (1 + np.exp(-score))  # softmax of (0, s) is the sigmoid of s
    labels_with_ignored = labels.copy()
    labels_with_ignored[:7] = -100  # the Trainer's ignored positions
    panel = compute_metrics()((logits, labels_with_ignored))
    report = binary_report(labels[7:], proba[7:])
    for name, value in panel.items():
        assert value == pytest.approx(report[name], abs=1e-12), name
    predicted = proba[7:] >= 0.5
    assert panel["f1"] == pytest.approx(skm.f1_score(labels[7:], predicted))
    assert panel["roc_auc"] == pytest.approx(skm.roc_auc_score(labels[7:], proba[7:]))
    assert panel["average_precision"] == pytest.approx(
        skm.average_precision_score(labels[7:], proba[7:])
    )
    tn, fp, fn, tp = skm.confusion_matrix(labels[7:], predicted).ravel()
    assert (panel["tp"], panel["tn"], panel["fp"], panel["fn"]) == (tp, tn, fp, fn)


def test_compute_metrics_follows_the_undefined_metric_policy():
    logits = np.c_[np.zeros(4), -np.ones(4)]  # no predicted positive
    with pytest.warns(Warning, match="precision"):
        panel = compute_metrics(("precision", "recall"))((logits, np.r_[0, 0, 1, 1]))
    assert np.isnan(panel["precision"]) and panel["recall"] == 0.0


def test_compute_metrics_on_several_classes_uses_multiclass_report():
    rng = np.random.default_rng(0)
    logits, labels = rng.normal(size=(90, 3)), np.arange(90) % 3
    panel = compute_metrics(("f1", "roc_auc", "tp"))((logits, labels))
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    report = multiclass_report(labels, proba)
    assert panel == {
        "f1": pytest.approx(report["f1"]),
        "roc_auc": pytest.approx(report["roc_auc"]),
    }


# an untrained tiny net may predict no positive: precision is then NaN, warned
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.UndefinedMetricWarning")
def test_compute_metrics_in_a_trainer_logs_what_the_predictions_give(
    tokenizer, tmp_path
):
    rows, labels = texts()
    data = dataset(tokenizer, rows, labels)
    model = trainer(tiny_bert(tokenizer), data, data, tmp_path)
    model.compute_metrics = compute_metrics()
    logged = model.evaluate()
    logits = model.predict(data).predictions
    logits = np.asarray(logits, dtype=np.float64)  # as the user computes it
    proba = 1 / (1 + np.exp(logits[:, 0] - logits[:, 1]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = binary_report(labels, proba)
    for name in ("f1", "roc_auc", "average_precision", "tp", "fn"):
        expected = report[name]
        got = logged[f"eval_{name}"]
        assert (np.isnan(got) and np.isnan(expected)) or got == pytest.approx(
            expected, abs=1e-12
        )


def test_a_trainer_evaluates_three_labels_when_the_eval_split_lacks_one(
    tokenizer, tmp_path
):
    rows, labels = texts(120)
    labels = labels + (np.arange(120) % 10 == 0)  # 0, 1 and a rare 2
    train = dataset(tokenizer, rows, labels)
    keep = [i for i in range(120) if labels[i] != 2]  # the eval split lacks it
    valid = dataset(tokenizer, [rows[i] for i in keep], labels[keep])
    model = trainer(tiny_bert(tokenizer, num_labels=3), train, valid, tmp_path)
    model.compute_metrics = compute_metrics()
    with pytest.warns(UndefinedMetricWarning, match=r"recall\[2\]"):
        logged = model.evaluate()
    model.compute_metrics = None  # predict() would score (and warn) again
    logits = np.asarray(model.predict(valid).predictions, dtype=np.float64)
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = multiclass_report(labels[keep], proba, labels=range(3))
    for name in ("f1", "precision", "recall", "roc_auc", "average_precision"):
        got, expected = logged[f"eval_{name}"], report[name]
        assert (np.isnan(got) and np.isnan(expected)) or got == pytest.approx(
            expected, abs=1e-6
        ), name


# ---------------------------------------------------------------- class weights


def test_the_loss_weighs_classes_by_the_train_split_only():
    train = Dataset.from_dict({"labels": [0] * 90 + [1] * 10})
    loss = class_weighted_loss(train)
    logits = torch.randn(8, 2, dtype=torch.float64)
    labels = torch.tensor([0, 1, 0, 0, 1, 0, -100, 0])
    expected = torch.nn.functional.cross_entropy(
        logits,
        labels,
        weight=torch.tensor([100 / 180, 100 / 20], dtype=torch.float64),
        ignore_index=-100,
    )
    got = loss({"logits": logits}, labels)
    assert torch.allclose(got, expected)
    assert got.dtype == logits.dtype and got.device == logits.device
    # gradient accumulation: the sum over this batch divided by the count given
    summed = loss({"logits": logits}, labels, num_items_in_batch=20)
    assert torch.allclose(
        summed,
        torch.nn.functional.cross_entropy(
            logits,
            labels,
            weight=torch.tensor([100 / 180, 100 / 20], dtype=torch.float64),
            ignore_index=-100,
            reduction="sum",
        )
        / 20,
    )


def test_one_logit_gets_pos_weight_from_the_train_split():
    loss = class_weighted_loss(Dataset.from_dict({"label": [0] * 80 + [1] * 20}))
    logits = torch.randn(6, 1)
    labels = torch.tensor([0, 1, 1, 0, 0, 1])
    expected = torch.nn.functional.binary_cross_entropy_with_logits(
        logits.reshape(-1), labels.float(), pos_weight=torch.tensor([4.0])
    )
    assert torch.allclose(loss({"logits": logits}, labels), expected)


def test_a_trainer_trains_with_the_weighted_loss(tokenizer, tmp_path):
    rows, labels = texts()
    data = dataset(tokenizer, rows, labels)
    model = trainer(
        tiny_bert(tokenizer),
        data,
        data,
        tmp_path,
        compute_loss_func=class_weighted_loss(data),
    )
    result = model.train()
    assert np.isfinite(result.training_loss)


@pytest.mark.parametrize(
    "labels", [[0.0] * 8 + [1.0] * 2, [False] * 8 + [True] * 2], ids=["float", "bool"]
)
def test_float_and_bool_labels_are_class_codes(labels):
    ints = class_weighted_loss(Dataset.from_dict({"label": [0] * 8 + [1] * 2}))
    loss = class_weighted_loss(Dataset.from_dict({"label": labels}))
    np.testing.assert_array_equal(loss.weights, ints.weights)
    assert loss.pos_weight == ints.pos_weight == 4.0
    logits = torch.randn(4, 1)
    target = torch.tensor(labels[6:], dtype=torch.float32)  # as a BCE user has it
    assert torch.allclose(
        loss({"logits": logits}, target),
        torch.nn.functional.binary_cross_entropy_with_logits(
            logits.reshape(-1), target, pos_weight=torch.tensor([4.0])
        ),
    )


def test_num_labels_gives_k_weights_when_the_train_split_lacks_a_class():
    train = Dataset.from_dict({"label": [0] * 6 + [1] * 2})  # no class 2
    with pytest.raises(ValueError, match="pass num_labels="):
        class_weighted_loss(train)({"logits": torch.randn(2, 3)}, torch.tensor([0, 1]))
    loss = class_weighted_loss(train, num_labels=3)
    present = class_weights(np.array([0] * 6 + [1] * 2))  # from the classes there
    np.testing.assert_allclose(loss.weights, [*present, present.max()])
    logits, target = (
        torch.randn(5, 3, dtype=torch.float64),
        torch.tensor([0, 1, 2, 0, 1]),
    )
    expected = torch.nn.functional.cross_entropy(
        logits, target, weight=torch.tensor(loss.weights)
    )
    assert torch.allclose(loss({"logits": logits}, target), expected)
    with pytest.raises(ValueError, match="num_labels=3"):
        loss({"logits": torch.randn(2, 2)}, torch.tensor([0, 1]))
    with pytest.raises(ValueError, match="num_labels=2"):
        class_weighted_loss(Dataset.from_dict({"label": [0, 1, 2]}), num_labels=2)


@pytest.mark.parametrize(
    "labels, kwargs, match",
    [
        ([-100, -100], {}, "every label of the split is -100"),
        ([[0, 1], [1, 0]], {}, "multi-label rows"),
        ([0, None, 1], {}, "missing label"),
        ([0.5, 1.0], {}, "soft labels"),
        ([0, 1], {"num_labels": 0}, "at least 1"),
    ],
)
def test_class_weighted_loss_refuses_labels_in_one_line(labels, kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match) as raised:
        class_weighted_loss(Dataset.from_dict({"label": labels}), **kwargs)
    assert "\n" not in str(raised.value)


def test_labels_that_are_not_class_codes_are_refused():
    with pytest.raises(ValueError, match="0..k-1"):
        class_weighted_loss(Dataset.from_dict({"label": [1, 2, 2]}))


# ------------------------------------------------------------------ resampling


def test_resampling_touches_only_the_train_split(tokenizer):
    rows, labels = texts()
    data = dataset(tokenizer, rows, labels)
    split = data.train_test_split(test_size=0.25, seed=0, stratify_by_column=None)
    train, valid = split["train"], split["test"]
    before = valid.to_dict()
    resampled = resample_dataset(train, RandomOverSampler(random_state=0))
    counts = np.bincount(resampled["label"])
    assert counts[0] == counts[1] == np.bincount(train["label"]).max()
    # the original rows first, in their order, then copies of them
    assert resampled["text"][: len(train)] == train["text"]
    assert set(resampled["text"]) <= set(train["text"])
    assert valid.to_dict() == before
    under = resample_dataset(train, RandomUnderSampler(random_state=0))
    assert np.bincount(under["label"]).tolist() == [np.bincount(train["label"])[1]] * 2


def test_resampling_a_torch_dataset_gives_a_subset():
    rows = [{"input_ids": torch.tensor([i]), "labels": int(i < 3)} for i in range(20)]
    subset = resample_dataset(rows, RandomOverSampler(random_state=0))
    assert isinstance(subset, torch.utils.data.Subset)
    assert len(subset) == 34


@pytest.mark.parametrize("sampler", [RandomOverSampler, RandomUnderSampler])
def test_rows_labelled_minus_100_pass_through_resampling_once(sampler):
    labels = [0] * 12 + [1] * 3 + [-100] * 5
    data = Dataset.from_dict({"text": [f"row {i}" for i in range(20)], "label": labels})
    resampled = resample_dataset(data, sampler(random_state=0))
    out = np.asarray(resampled["label"])
    ignored = [
        t for t, label in zip(resampled["text"], out, strict=True) if label == -100
    ]
    assert sorted(ignored) == sorted(f"row {i}" for i in range(15, 20))  # once each
    counts = np.bincount(out[out != -100])
    assert counts[0] == counts[1] == (12 if sampler is RandomOverSampler else 3)
    if sampler is RandomOverSampler:  # every row once, in order, then the copies
        assert resampled["text"][:20] == data["text"]


@pytest.mark.parametrize(
    "data, sampler, match",
    [
        ("frame", RandomOverSampler(), "Dataset.from_pandas"),
        ("multi", RandomOverSampler(), "multi-label rows"),
        ("none", RandomOverSampler(), "missing label"),
        ("plain", None, "got None"),
        ("dict", RandomOverSampler(), r"one split.*data\['train'\]"),
    ],
)
def test_resample_dataset_refuses_in_one_line(data, sampler, match):
    import pandas as pd
    from datasets import DatasetDict

    rows = {"text": ["a", "b", "c"], "label": [0, 0, 1]}
    data = {
        "frame": pd.DataFrame(rows),
        "multi": Dataset.from_dict({**rows, "label": [[0, 1], [1, 0], [1, 1]]}),
        "none": Dataset.from_dict({**rows, "label": [0, None, 1]}),
        "plain": Dataset.from_dict(rows),
        "dict": DatasetDict(train=Dataset.from_dict(rows)),
    }[data]
    with pytest.raises((ValueError, TypeError), match=match) as raised:
        resample_dataset(data, sampler)
    assert "\n" not in str(raised.value)


def test_a_dataset_dict_is_refused_where_one_split_is_needed():
    from datasets import DatasetDict

    split = Dataset.from_dict({"label": [0, 0, 1]})
    both = DatasetDict(train=split, test=split)
    guard = LeakageGuardCallback(split)
    for build in (class_weighted_loss, guard.audit):
        with pytest.raises(ValueError, match="pass one of them") as raised:
            build(both)
        assert "\n" not in str(raised.value)


def test_samplers_that_create_rows_are_refused_for_text():
    data = Dataset.from_dict({"text": ["a", "b", "c"], "label": [0, 0, 1]})
    with pytest.raises(ValueError, match="embed first, then resample the embeddings"):
        resample_dataset(data, SMOTE())


# ---------------------------------------------------------------------- guard


def upsampled_then_split(tokenizer):
    """The #1072 pattern with text: upsample everything, then split."""
    rows, labels = texts(600)
    data = dataset(tokenizer, rows, labels)
    upsampled = resample_dataset(data, RandomOverSampler(random_state=0))
    split = upsampled.train_test_split(test_size=0.25, seed=0)
    return split["train"], split["test"]


def test_the_guard_catches_upsample_then_split(tokenizer, tmp_path):
    train, valid = upsampled_then_split(tokenizer)
    model = trainer(tiny_bert(tokenizer), train, valid, tmp_path)
    guard = LeakageGuardCallback.for_trainer(model)
    with pytest.warns(LeakageWarning, match="leak between the train and eval"):
        model.train()
    assert guard.report_.leaky
    strict = trainer(tiny_bert(tokenizer), train, valid, tmp_path)
    LeakageGuardCallback.for_trainer(strict, action="raise")
    with pytest.raises(ResamplingLeakageError, match="resample the train split"):
        strict.train()
    assert strict.state.global_step == 0  # stopped before the first step


def test_the_guard_is_silent_on_the_safe_path(tokenizer, tmp_path):
    rows, labels = texts(600)
    data = dataset(tokenizer, rows, labels)
    split = data.train_test_split(test_size=0.25, seed=0)
    train = resample_dataset(split["train"], RandomOverSampler(random_state=0))
    model = trainer(tiny_bert(tokenizer), train, split["test"], tmp_path)
    guard = LeakageGuardCallback.for_trainer(model, action="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error", LeakageWarning)
        model.train()
    assert guard.report_ is not None and not guard.report_.leaky


def test_the_guard_audits_each_eval_set_of_a_dict(tokenizer, tmp_path):
    train, valid = upsampled_then_split(tokenizer)
    sets = {"all": valid, "part": valid.select(range(100))}
    model = trainer(tiny_bert(tokenizer), train, sets, tmp_path)
    guard = LeakageGuardCallback.for_trainer(model)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.train()
    leaks = [str(w.message) for w in caught if w.category is LeakageWarning]
    assert any("eval dataset 'all'" in m for m in leaks)
    assert any("eval dataset 'part'" in m for m in leaks)
    assert set(guard.report_) == {"all", "part"}
    assert all(report.leaky for report in guard.report_.values())
    assert set(guard.audit(train)) == {"all", "part"}


def test_text_columns_the_trainer_removed_give_way_to_input_ids(tokenizer, tmp_path):
    train, valid = upsampled_then_split(tokenizer)
    model = trainer(tiny_bert(tokenizer), train, valid, tmp_path)
    guard = LeakageGuardCallback(valid, columns=["text"])
    model.add_callback(guard)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.train()
    said = [str(w.message) for w in caught]
    assert any("no column(s) ['text']" in m and "input_ids instead" in m for m in said)
    assert any("leak between" in m for m in said)
    assert guard.report_ is not None and guard.report_.leaky


def test_the_guard_says_in_one_line_why_it_cannot_audit():
    from types import SimpleNamespace

    stripped = Dataset.from_dict({"pixel_values": [[0.0]] * 4, "label": [0, 1] * 2})
    valid = Dataset.from_dict({"text": ["a", "b"], "label": [0, 1]})
    guard = LeakageGuardCallback(valid, columns=["text"])
    with pytest.warns(UserWarning, match="skipped the audit") as caught:
        guard.on_train_begin(None, None, None, SimpleNamespace(dataset=stripped))
    (message,) = [str(w.message) for w in caught]
    assert "no column(s) ['text']" in message and "remove_unused_columns" in message
    assert "\n" not in message and guard.report_ is None


# ---------------------------------------------------------------- CrossEncoder


def test_a_cross_encoder_trains_with_train_split_weights(tokenizer, tmp_path):
    pytest.importorskip(
        "sentence_transformers", reason="the [hf] extra is not installed"
    )
    from sentence_transformers.cross_encoder import (
        CrossEncoder,
        CrossEncoderTrainer,
        CrossEncoderTrainingArguments,
    )

    folder = tmp_path / "tiny"
    tiny_bert(tokenizer, num_labels=1).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    model = CrossEncoder(str(folder), num_labels=1, device="cpu")
    rows, labels = texts(200)
    pairs = Dataset.from_dict(
        {"query": ["is it good"] * 200, "answer": rows, "label": labels.tolist()}
    )
    loss = cross_encoder_loss(model, pairs)
    negatives, positives = np.bincount(labels)
    assert loss.pos_weight.item() == pytest.approx(negatives / positives)
    assert loss.pos_weight.device == model.device
    args = CrossEncoderTrainingArguments(
        output_dir=str(tmp_path / "out"),
        num_train_epochs=1,
        per_device_train_batch_size=32,
        report_to=[],
        save_strategy="no",
        use_cpu=True,
        disable_tqdm=True,
    )
    result = CrossEncoderTrainer(
        model=model, args=args, train_dataset=pairs, loss=loss
    ).train()
    assert np.isfinite(result.training_loss)


def tiny_cross_encoder(tokenizer, folder, num_labels):
    pytest.importorskip(
        "sentence_transformers", reason="the [hf] extra is not installed"
    )
    from sentence_transformers.cross_encoder import CrossEncoder

    tiny_bert(tokenizer, num_labels=num_labels).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return CrossEncoder(str(folder), num_labels=num_labels, device="cpu")


def test_cross_encoder_loss_compares_num_labels_with_the_classes(tokenizer, tmp_path):
    three = tiny_cross_encoder(tokenizer, tmp_path / "three", num_labels=3)
    pairs = Dataset.from_dict(
        {"query": ["q"] * 8, "answer": ["a"] * 8, "label": [0.0] * 6 + [1.0] * 2}
    )
    loss = cross_encoder_loss(three, pairs)  # the train split lacks class 2
    present = class_weights(np.array([0] * 6 + [1] * 2))
    np.testing.assert_allclose(
        loss.ce_loss.weight.numpy(), [*present, present.max()], rtol=1e-6
    )
    one = tiny_cross_encoder(tokenizer, tmp_path / "one", num_labels=1)
    wide = Dataset.from_dict(
        {"query": ["q"] * 3, "answer": ["a"] * 3, "label": [0, 1, 2]}
    )
    with pytest.raises(ValueError, match="num_labels=1") as raised:
        cross_encoder_loss(one, wide)
    assert "\n" not in str(raised.value)
    with pytest.raises(ValueError, match="num_labels=3"):
        cross_encoder_loss(three, wide.map(lambda r: {"label": r["label"] + 1}))
