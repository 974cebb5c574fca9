# pattern: train/val split made first, but an upsample() helper is applied to BOTH parts, so the Trainer's eval_dataset consists of repeated minority rows (leak at the Trainer construction)
import numpy as np
import pandas as pd
from datasets import Dataset
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score, precision_score, recall_score
from transformers import AutoTokenizer, AutoModelForSequenceClassification, Trainer, TrainingArguments

CHECKPOINT = "bert-base-cased"

reviews = pd.read_csv("app_reviews.csv")[["review", "is_bug_report"]]
reviews = reviews.rename(columns={"review": "text", "is_bug_report": "label"}).dropna()
print(reviews.label.value_counts())

train_df, val_df = train_test_split(reviews, test_size=0.15, stratify=reviews.label, random_state=42)


def upsample(frame, times=4):
    pos = frame[frame.label == 1]
    return pd.concat([frame] + [pos] * times).sample(frac=1, random_state=42).reset_index(drop=True)


train_df = upsample(train_df)
val_df = upsample(val_df)

tok = AutoTokenizer.from_pretrained(CHECKPOINT)
train_ds = Dataset.from_pandas(train_df).map(lambda b: tok(b["text"], truncation=True, padding="max_length", max_length=128), batched=True)
val_ds = Dataset.from_pandas(val_df).map(lambda b: tok(b["text"], truncation=True, padding="max_length", max_length=128), batched=True)

model = AutoModelForSequenceClassification.from_pretrained(CHECKPOINT, num_labels=2)


def metrics(p):
    preds = p.predictions.argmax(-1)
    return {
        "f1": f1_score(p.label_ids, preds),
        "precision": precision_score(p.label_ids, preds),
        "recall": recall_score(p.label_ids, preds),
    }


training_args = TrainingArguments("bug-report-bert", eval_strategy="steps", eval_steps=200,
                                  learning_rate=2e-5, num_train_epochs=3,
                                  per_device_train_batch_size=16, weight_decay=0.01,
                                  save_total_limit=2, load_best_model_at_end=True,
                                  metric_for_best_model="f1")
trainer = Trainer(model=model, args=training_args, train_dataset=train_ds, eval_dataset=val_ds, compute_metrics=metrics)  # expect: leak
trainer.train()
trainer.save_model("bug-report-bert/best")
