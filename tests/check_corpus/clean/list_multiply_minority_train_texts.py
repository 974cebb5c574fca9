# pattern: plain lists split with train_test_split first; positive training sentences repeated with list * k afterwards (clean)
import json
from sklearn.model_selection import train_test_split
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

with open("intents.json") as fh:
    records = [json.loads(line) for line in fh]
texts = [r["utterance"] for r in records]
labels = [1 if r["intent"] == "cancel_subscription" else 0 for r in records]

train_x, test_x, train_y, test_y = train_test_split(texts, labels, test_size=0.2, stratify=labels, random_state=1)

pos = [t for t, l in zip(train_x, train_y) if l == 1]
train_x = train_x + pos * 6
train_y = train_y + [1] * (len(pos) * 6)

vec = CountVectorizer(ngram_range=(1, 2))
clf = LogisticRegression(max_iter=2000).fit(vec.fit_transform(train_x), train_y)
print("F1:", f1_score(test_y, clf.predict(vec.transform(test_x))))
