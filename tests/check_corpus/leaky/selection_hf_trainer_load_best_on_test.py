# pattern: Hugging Face Trainer with eval_dataset=the test split and load_best_model_at_end=True (the test split picks the checkpoint), then trainer.evaluate(tokenized["test"]) is reported (selection, marked on the evaluate line)
import numpy as np
from datasets import load_dataset
from transformers import AutoTokenizer, AutoModelForSequenceClassification, TrainingArguments, Trainer
from sklearn.metrics import f1_score

ds = load_dataset("csv", data_files="tickets.csv")["train"]
ds = ds.class_encode_column("label").train_test_split(test_size=0.2, stratify_by_column="label", seed=0)
tok = AutoTokenizer.from_pretrained("distilbert-base-uncased")
tokenized = ds.map(lambda b: tok(b["text"], truncation=True, max_length=128), batched=True)


def compute_metrics(p):
    preds = np.argmax(p.predictions, axis=-1)
    return {"macro_f1": f1_score(p.label_ids, preds, average="macro")}


args = TrainingArguments(
    output_dir="out",
    eval_strategy="epoch",
    save_strategy="epoch",
    load_best_model_at_end=True,
    metric_for_best_model="macro_f1",
    num_train_epochs=5,
    per_device_train_batch_size=16,
)
model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased", num_labels=4)
trainer = Trainer(
    model=model,
    args=args,
    train_dataset=tokenized["train"],
    eval_dataset=tokenized["test"],
    tokenizer=tok,
    compute_metrics=compute_metrics,
)
trainer.train()
metrics = trainer.evaluate(tokenized["test"])  # expect: selection
print("test macro F1:", metrics["eval_macro_f1"])
