# pattern: cross-file, driver: from helpers.sampling import make_balanced; all rows balanced, then a StratifiedKFold loop over the output (leak at the for line)
import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from helpers.sampling import make_balanced

df = pd.read_csv("data/cardio.csv", sep=";")
X = df.drop(columns=["id", "cardio"]).to_numpy()
y = df["cardio"].to_numpy()
Xb, yb = make_balanced(X, y)

f1s = []
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
for tr, te in skf.split(Xb, yb):  # expect: leak
    lr = LogisticRegression(max_iter=2000).fit(Xb[tr], yb[tr])
    f1s.append(f1_score(yb[te], lr.predict(Xb[te])))
print(np.mean(f1s))
