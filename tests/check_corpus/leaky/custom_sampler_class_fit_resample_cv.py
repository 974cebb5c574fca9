# pattern: a home-made NaiveOversampler class defined in the file (fit_resample draws minority indices with np.random.choice(..., replace=True)) applied to every row, then cross_val_score on the output (leak at cross_val_score)
import numpy as np
import pandas as pd
from sklearn.model_selection import cross_val_score
from sklearn.ensemble import RandomForestClassifier


class NaiveOversampler:
    """Duplicate minority rows until the classes are balanced."""

    def __init__(self, seed=0):
        self.rng = np.random.RandomState(seed)

    def fit_resample(self, X, y):
        X, y = np.asarray(X), np.asarray(y)
        minority = np.flatnonzero(y == 1)
        n_missing = (y == 0).sum() - len(minority)
        extra = self.rng.choice(minority, size=n_missing, replace=True)
        keep = np.concatenate([np.arange(len(y)), extra])
        return X[keep], y[keep]


df = pd.read_csv("water_potability.csv").fillna(0)
X = df.drop(columns="Potability")
y = df["Potability"]

X_os, y_os = NaiveOversampler(seed=1).fit_resample(X, y)
print(np.bincount(y_os))
scores = cross_val_score(RandomForestClassifier(n_estimators=300), X_os, y_os, cv=5)  # expect: leak
print("CV accuracy: %.3f" % scores.mean())
