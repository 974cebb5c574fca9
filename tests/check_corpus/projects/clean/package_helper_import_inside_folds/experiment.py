# pattern: cross-file look-alike, driver: from helpers.sampling import make_balanced applied to each training fold inside a StratifiedKFold loop over the raw rows (clean)
import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from helpers.sampling import make_balanced

df = pd.read_csv("data/cardio.csv", sep=";")
X = df.drop(columns=["id", "cardio"]).to_numpy()
y = df["cardio"].to_numpy()

f1s = []
for tr, te in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X, y):
    X_tr, y_tr = make_balanced(X[tr], y[tr])
    lr = LogisticRegression(max_iter=2000).fit(X_tr, y_tr)
    f1s.append(f1_score(y[te], lr.predict(X[te])))
print(np.mean(f1s))
