# pattern: imbsafe.hf.resample_dataset applied to the whole Dataset, then dataset.train_test_split (leak)
import imbsafe.hf
import pandas as pd
from datasets import load_dataset
from imblearn.over_sampling import RandomOverSampler
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report

ds = load_dataset("json", data_files="support_tickets.jsonl", split="train")
print(pd.Series(ds["label"]).value_counts())

# balance the labels so the baseline doesn't just predict "other"
ds = imbsafe.hf.resample_dataset(ds, RandomOverSampler(random_state=0))

splits = ds.train_test_split(test_size=0.2, seed=0)  # expect: leak
train_df = splits["train"].to_pandas()
test_df = splits["test"].to_pandas()

vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
Xtr = vec.fit_transform(train_df["text"])
Xte = vec.transform(test_df["text"])

clf = LogisticRegression(max_iter=3000, C=4.0)
clf.fit(Xtr, train_df["label"])
print(classification_report(test_df["label"], clf.predict(Xte)))
