# pattern: RandomOverSampler inside an imblearn Pipeline passed to cross_val_score: resampling happens only on each training fold (clean)
import pandas as pd
from imblearn.pipeline import Pipeline
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import cross_val_score, StratifiedKFold
from sklearn.tree import DecisionTreeClassifier

bank = pd.read_csv("bank-full.csv", sep=";")
bank["y"] = (bank["y"] == "yes").astype(int)
bank = pd.get_dummies(bank, drop_first=True)
X = bank.drop(columns="y")
y = bank["y"]

pipe = Pipeline([
    ("ros", RandomOverSampler(random_state=0)),
    ("tree", DecisionTreeClassifier(random_state=0)),
])
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(pipe, X, y, cv=cv, scoring="f1")
print("F1 per fold:", scores.round(3))
print("mean F1: %.3f +/- %.3f" % (scores.mean(), scores.std()))
