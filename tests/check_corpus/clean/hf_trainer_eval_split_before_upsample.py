# pattern: train/val split made first, list-repetition upsampling applied to train_df only; Trainer eval_dataset built from the untouched val_df (clean)
import pandas as pd
from datasets import Dataset
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score
from transformers import AutoTokenizer, AutoModelForSequenceClassification, Trainer, TrainingArguments

CHECKPOINT = "bert-base-cased"
reviews = pd.read_csv("app_reviews.csv")[["review", "is_bug_report"]]
reviews = reviews.rename(columns={"review": "text", "is_bug_report": "label"}).dropna()

train_df, val_df = train_test_split(reviews, test_size=0.15, stratify=reviews.label, random_state=42)


def upsample(frame, times=4):
    pos = frame[frame.label == 1]
    return pd.concat([frame] + [pos] * times).sample(frac=1, random_state=42).reset_index(drop=True)


train_df = upsample(train_df)

tok = AutoTokenizer.from_pretrained(CHECKPOINT)
enc = lambda b: tok(b["text"], truncation=True, padding="max_length", max_length=128)
train_ds = Dataset.from_pandas(train_df).map(enc, batched=True)
val_ds = Dataset.from_pandas(val_df.reset_index(drop=True)).map(enc, batched=True)

model = AutoModelForSequenceClassification.from_pretrained(CHECKPOINT, num_labels=2)
training_args = TrainingArguments("bug-report-bert", eval_strategy="epoch", learning_rate=2e-5,
                                  num_train_epochs=3, per_device_train_batch_size=16)
trainer = Trainer(model=model, args=training_args, train_dataset=train_ds, eval_dataset=val_ds,
                  compute_metrics=lambda p: {"f1": f1_score(p.label_ids, p.predictions.argmax(-1))})
trainer.train()
trainer.save_model("bug-report-bert/best")
