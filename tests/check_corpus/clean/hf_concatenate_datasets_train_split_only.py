# pattern: Dataset.train_test_split first, then concatenate_datasets upsampling of splits["train"] only; Trainer evaluates on the untouched test split (clean)
import numpy as np
import evaluate
from datasets import load_dataset, concatenate_datasets
from transformers import (AutoTokenizer, AutoModelForSequenceClassification,
                          TrainingArguments, Trainer, DataCollatorWithPadding)

MODEL = "distilbert-base-uncased"
raw = load_dataset("csv", data_files="toxic_comments.csv")["train"].rename_column("is_toxic", "label")

splits = raw.train_test_split(test_size=0.1, seed=42)
train_ds = splits["train"]
toxic = train_ds.filter(lambda x: x["label"] == 1)
train_ds = concatenate_datasets([train_ds] + [toxic] * 3).shuffle(seed=42)
print("train:", len(train_ds), "eval:", len(splits["test"]))

tokenizer = AutoTokenizer.from_pretrained(MODEL)


def tokenize(batch):
    return tokenizer(batch["comment_text"], truncation=True, max_length=256)


train_tok = train_ds.map(tokenize, batched=True)
eval_tok = splits["test"].map(tokenize, batched=True)
f1 = evaluate.load("f1")


def compute_metrics(eval_pred):
    logits, labels = eval_pred
    return f1.compute(predictions=np.argmax(logits, axis=-1), references=labels)


args = TrainingArguments(output_dir="out/toxic-distilbert", num_train_epochs=2,
                         per_device_train_batch_size=32, eval_strategy="epoch")
trainer = Trainer(
    model=AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2),
    args=args,
    train_dataset=train_tok,
    eval_dataset=eval_tok,
    data_collator=DataCollatorWithPadding(tokenizer),
    compute_metrics=compute_metrics,
)
trainer.train()
print(trainer.evaluate())
