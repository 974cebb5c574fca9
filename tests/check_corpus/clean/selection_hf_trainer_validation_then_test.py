# pattern: Hugging Face Trainer with load_best_model_at_end=True picking the checkpoint on a "validation" split carved out of the training split; trainer.evaluate on the test split runs once at the end (clean)
import numpy as np
from datasets import load_dataset
from transformers import AutoTokenizer, AutoModelForSequenceClassification, TrainingArguments, Trainer
from sklearn.metrics import f1_score

ds = load_dataset("csv", data_files="tickets.csv")["train"].class_encode_column("label")
first = ds.train_test_split(test_size=0.2, stratify_by_column="label", seed=0)
second = first["train"].train_test_split(test_size=0.1, stratify_by_column="label", seed=0)
train_ds, val_ds, test_ds = second["train"], second["test"], first["test"]

tok = AutoTokenizer.from_pretrained("distilbert-base-uncased")
enc = lambda b: tok(b["text"], truncation=True, max_length=128)  # noqa: E731
train_ds, val_ds, test_ds = (d.map(enc, batched=True) for d in (train_ds, val_ds, test_ds))


def compute_metrics(p):
    return {"macro_f1": f1_score(p.label_ids, np.argmax(p.predictions, -1), average="macro")}


args = TrainingArguments(output_dir="out", eval_strategy="epoch", save_strategy="epoch", load_best_model_at_end=True, metric_for_best_model="macro_f1", num_train_epochs=5)
model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased", num_labels=4)
trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=val_ds, tokenizer=tok, compute_metrics=compute_metrics)
trainer.train()
print("test:", trainer.evaluate(test_ds))
