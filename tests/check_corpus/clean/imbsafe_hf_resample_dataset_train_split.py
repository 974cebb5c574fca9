# pattern: dataset.train_test_split first, imbsafe.hf.resample_dataset applied to splits["train"] only; test split untouched (clean)
import pandas as pd
from datasets import load_dataset
from imblearn.over_sampling import RandomOverSampler
from imbsafe.hf import resample_dataset
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report

ds = load_dataset("json", data_files="support_tickets.jsonl", split="train")
splits = ds.train_test_split(test_size=0.2, seed=0)

train_bal = resample_dataset(splits["train"], RandomOverSampler(random_state=0))
print(pd.Series(train_bal["label"]).value_counts())

train_df = train_bal.to_pandas()
test_df = splits["test"].to_pandas()
vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
clf = LogisticRegression(max_iter=3000, C=4.0)
clf.fit(vec.fit_transform(train_df["text"]), train_df["label"])
print(classification_report(test_df["label"], clf.predict(vec.transform(test_df["text"]))))
