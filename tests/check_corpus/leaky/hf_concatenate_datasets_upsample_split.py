# pattern: Hugging Face datasets upsampling concatenate_datasets([ds] + [ds.filter(label == 1)] * 3), then Dataset.train_test_split and a Trainer evaluating on that split (leak); load_best_model_at_end picks the checkpoint on that test split and trainer.evaluate() then reports it (selection)
import numpy as np
import evaluate
from datasets import load_dataset, concatenate_datasets
from transformers import (AutoTokenizer, AutoModelForSequenceClassification,
                          TrainingArguments, Trainer, DataCollatorWithPadding)

MODEL = "distilbert-base-uncased"

raw = load_dataset("csv", data_files="toxic_comments.csv")["train"]
raw = raw.rename_column("is_toxic", "label")
print(raw)
print("toxic fraction:", np.mean(raw["label"]))

toxic = raw.filter(lambda x: x["label"] == 1)
upsampled = concatenate_datasets([raw] + [toxic] * 3).shuffle(seed=42)
print("after upsampling:", len(upsampled), np.mean(upsampled["label"]))

splits = upsampled.train_test_split(test_size=0.1, seed=42)  # expect: leak

tokenizer = AutoTokenizer.from_pretrained(MODEL)


def tokenize(batch):
    return tokenizer(batch["comment_text"], truncation=True, max_length=256)


tokenized = splits.map(tokenize, batched=True)
model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)
f1 = evaluate.load("f1")


def compute_metrics(eval_pred):
    logits, labels = eval_pred
    return f1.compute(predictions=np.argmax(logits, axis=-1), references=labels)


args = TrainingArguments(
    output_dir="out/toxic-distilbert",
    per_device_train_batch_size=32,
    per_device_eval_batch_size=64,
    num_train_epochs=2,
    eval_strategy="epoch",
    save_strategy="epoch",
    load_best_model_at_end=True,
    metric_for_best_model="f1",
)

trainer = Trainer(  # expect: leak
    model=model,
    args=args,
    train_dataset=tokenized["train"],
    eval_dataset=tokenized["test"],
    tokenizer=tokenizer,
    data_collator=DataCollatorWithPadding(tokenizer),
    compute_metrics=compute_metrics,
)
trainer.train()
print(trainer.evaluate())  # expect: selection
