"""
Hugging Face Trainer: eval F1 after upsample-then-split, and the safe path
==========================================================================

The #1072 pattern with a text classifier fine-tuned by ``transformers.Trainer``:
upsample the minority class of the whole data set, split off an eval set, train,
and read the eval F1. Copies of the same positive reviews sit in both splits, and
the eval split is balanced, so the eval F1 is far above what the model scores on
new data at the real class ratio (a holdout kept aside from the start).

The safe path splits first, resamples only the train split
(:func:`imbsafe.hf.resample_dataset`), weighs nothing from the eval split, and
logs the panel with :func:`imbsafe.hf.compute_metrics`;
:class:`imbsafe.hf.LeakageGuardCallback` catches the naive split before the
first step.

The model is a tiny BERT built from a config with a hand-made vocabulary: it
runs offline in seconds (no download anywhere).
"""

import os
import tempfile
import warnings

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402
from datasets import Dataset  # noqa: E402
from imblearn.over_sampling import RandomOverSampler  # noqa: E402
from transformers import (  # noqa: E402
    BertConfig,
    BertForSequenceClassification,
    BertTokenizer,
    Trainer,
    TrainingArguments,
)
from transformers.trainer_callback import PrinterCallback  # noqa: E402
from transformers.utils import logging  # noqa: E402

from imbsafe import LeakageWarning  # noqa: E402
from imbsafe.hf import (  # noqa: E402
    LeakageGuardCallback,
    compute_metrics,
    resample_dataset,
)

logging.set_verbosity_error()
warnings.filterwarnings("ignore", category=UserWarning)  # small-data chatter

# %%
# Short reviews, 8 % positive. A positive review tends to hold "great" or
# "fun", but so do some negatives: the task is learnable, not trivial.
WORDS = "good bad great awful fine poor movie plot actor film nice boring fun dull"
rng = np.random.default_rng(0)


def reviews(n):
    words = WORDS.split()
    rows, labels = [], []
    for _ in range(n):
        positive = rng.random() < 0.08
        chosen = list(rng.choice(words, 6))
        if positive or rng.random() < 0.05:
            chosen[rng.integers(6)] = "great" if rng.random() < 0.5 else "fun"
        rows.append(" ".join(chosen))
        labels.append(int(positive))
    return rows, labels


folder = tempfile.mkdtemp()
with open(os.path.join(folder, "vocab.txt"), "w") as vocab:
    vocab.write(
        "\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS.split()])
    )
tokenizer = BertTokenizer.from_pretrained(folder)


def tokenized(rows, labels):
    data = Dataset.from_dict({"text": rows, "label": labels})
    return data.map(
        lambda b: tokenizer(b["text"], padding="max_length", max_length=10),
        batched=True,
    )


data = tokenized(*reviews(1600))
holdout = tokenized(*reviews(800))  # new data at the real class ratio


def train_and_score(train, valid, guard=False):
    """Fine-tune a tiny BERT; return its eval F1 and its holdout F1."""
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=16,
    )
    args = TrainingArguments(
        output_dir=folder,
        num_train_epochs=4,
        learning_rate=3e-3,
        per_device_train_batch_size=32,
        report_to=[],
        save_strategy="no",
        logging_strategy="no",
        use_cpu=True,
        disable_tqdm=True,
    )
    trainer = Trainer(
        model=BertForSequenceClassification(config),
        args=args,
        train_dataset=train,
        eval_dataset=valid,
        compute_metrics=compute_metrics(),
    )
    trainer.remove_callback(PrinterCallback)  # the numbers are printed below
    if guard:
        LeakageGuardCallback.for_trainer(trainer)
    trainer.train()
    return trainer.evaluate()["eval_f1"], trainer.evaluate(holdout)["eval_f1"]


# %%
# The naive way: upsample everything, then split. The guard says so before
# the first step.
upsampled = resample_dataset(data, RandomOverSampler(random_state=0))
naive = upsampled.train_test_split(test_size=0.25, seed=0)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", LeakageWarning)
    naive_eval, naive_holdout = train_and_score(naive["train"], naive["test"], True)
told = [w for w in caught if w.category is LeakageWarning]
print(f"LeakageGuardCallback warned: {bool(told)}")

# %%
# The safe way: split first, resample the train split only.
safe = data.train_test_split(test_size=0.25, seed=0)
safe_train = resample_dataset(safe["train"], RandomOverSampler(random_state=0))
safe_eval, safe_holdout = train_and_score(safe_train, safe["test"])

print(f"naive: eval F1 {naive_eval:.3f}, holdout F1 {naive_holdout:.3f}")
print(f"safe:  eval F1 {safe_eval:.3f}, holdout F1 {safe_holdout:.3f}")
print(
    f"eval F1 overstates the holdout by {naive_eval - naive_holdout:+.3f} "
    f"(naive) and {safe_eval - safe_holdout:+.3f} (safe)"
)
