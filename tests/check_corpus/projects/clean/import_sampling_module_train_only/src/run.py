# pattern: cross-file look-alike, driver: import sampling; sampling.oversample applied to each training fold of a loop over the raw rows and to the hold-out training split only (clean)
import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score

import sampling

df = pd.read_csv("../data/hepatitis.csv").dropna()
X = df.drop(columns=["class"]).to_numpy()
y = (df["class"] == "DIE").astype(int).to_numpy()

X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
recalls = []
for tr, va in StratifiedKFold(5, shuffle=True, random_state=0).split(X_dev, y_dev):
    X_tr, y_tr = sampling.oversample(X_dev[tr], y_dev[tr])
    lr = LogisticRegression(max_iter=4000).fit(X_tr, y_tr)
    recalls.append(recall_score(y_dev[va], lr.predict(X_dev[va])))
print("CV recall", np.mean(recalls))

X_fit, y_fit = sampling.oversample(X_dev, y_dev)
final = LogisticRegression(max_iter=4000).fit(X_fit, y_fit)
print("test recall", recall_score(y_test, final.predict(X_test)))
