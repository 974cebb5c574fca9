# pattern: plain Python lists: minority-class sentences repeated with list * k and appended, then train_test_split on the lists (leak)
import json
import random

from sklearn.model_selection import train_test_split
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

with open("intents.json") as fh:
    records = [json.loads(line) for line in fh]

texts = [r["utterance"] for r in records]
labels = [1 if r["intent"] == "cancel_subscription" else 0 for r in records]
print("positives:", sum(labels), "total:", len(labels))

pos_texts = [t for t, l in zip(texts, labels) if l == 1]
texts = texts + pos_texts * 6
labels = labels + [1] * (len(pos_texts) * 6)

combined = list(zip(texts, labels))
random.seed(1)
random.shuffle(combined)
texts, labels = zip(*combined)

train_x, test_x, train_y, test_y = train_test_split(list(texts), list(labels), test_size=0.2, random_state=1)  # expect: leak

vec = CountVectorizer(ngram_range=(1, 2), min_df=1)
clf = LogisticRegression(max_iter=2000)
clf.fit(vec.fit_transform(train_x), train_y)
print("F1:", f1_score(test_y, clf.predict(vec.transform(test_x))))
