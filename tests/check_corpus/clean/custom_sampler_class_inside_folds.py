# pattern: the home-made NaiveOversampler class (np.random.choice with replacement) applied to each training fold inside a StratifiedKFold loop; validation folds untouched (clean)
import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score


class NaiveOversampler:
    def __init__(self, seed=0):
        self.rng = np.random.RandomState(seed)

    def fit_resample(self, X, y):
        minority = np.flatnonzero(y == 1)
        extra = self.rng.choice(minority, size=(y == 0).sum() - len(minority), replace=True)
        keep = np.concatenate([np.arange(len(y)), extra])
        return X[keep], y[keep]


df = pd.read_csv("water_potability.csv").fillna(0)
X = df.drop(columns="Potability").to_numpy()
y = df["Potability"].to_numpy()

accs = []
for tr, va in StratifiedKFold(5, shuffle=True, random_state=1).split(X, y):
    X_tr, y_tr = NaiveOversampler(seed=1).fit_resample(X[tr], y[tr])
    rf = RandomForestClassifier(n_estimators=300).fit(X_tr, y_tr)
    accs.append(accuracy_score(y[va], rf.predict(X[va])))
print("CV accuracy: %.3f" % np.mean(accs))
