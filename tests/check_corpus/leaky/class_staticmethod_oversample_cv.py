# pattern: a Utils class with a @staticmethod oversample(X, y) returning RandomOverSampler output; called as Utils.oversample(X, y) on all rows, then cross_validate on the result (leak at cross_validate)
import numpy as np
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import cross_validate
from sklearn.tree import DecisionTreeClassifier


class Utils:
    @staticmethod
    def oversample(X, y, seed=0):
        sampler = RandomOverSampler(sampling_strategy="minority", random_state=seed)
        return sampler.fit_resample(X, y)

    @staticmethod
    def describe(y):
        vals, counts = np.unique(y, return_counts=True)
        for v, c in zip(vals, counts):
            print(f"  class {v}: {c}")


data = pd.read_csv("bank-additional-full.csv", sep=";")
data = pd.get_dummies(data, drop_first=True)
X = data.drop(columns=["y_yes"]).to_numpy()
y = data["y_yes"].to_numpy()
Utils.describe(y)

X_os, y_os = Utils.oversample(X, y)
Utils.describe(y_os)

res = cross_validate(  # expect: leak
    DecisionTreeClassifier(max_depth=8),
    X_os,
    y_os,
    cv=5,
    scoring=["precision", "recall", "f1"],
)
for k, v in res.items():
    print(k, v.mean())
