# pattern: cross-file, driver: import sampling; sampling.oversample(X, y) on every row, then cross_validate on its output (leak)
import pandas as pd
from sklearn.model_selection import cross_validate
from sklearn.linear_model import LogisticRegression

import sampling

df = pd.read_csv("../data/hepatitis.csv").dropna()
X = df.drop(columns=["class"])
y = (df["class"] == "DIE").astype(int)

X_os, y_os = sampling.oversample(X, y)
res = cross_validate(LogisticRegression(max_iter=4000), X_os, y_os, cv=5, scoring=["recall", "precision"])  # expect: leak
print(res["test_recall"].mean(), res["test_precision"].mean())
