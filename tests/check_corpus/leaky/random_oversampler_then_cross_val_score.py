# pattern: RandomOverSampler on the whole dataset, then cross_val_score on the duplicated rows: copies land in both train and test folds (leak)
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import cross_val_score, StratifiedKFold
from sklearn.tree import DecisionTreeClassifier

bank = pd.read_csv("bank-full.csv", sep=";")
bank["y"] = (bank["y"] == "yes").astype(int)
print(bank["y"].value_counts(normalize=True))

bank = pd.get_dummies(bank, drop_first=True)
X = bank.drop(columns="y")
y = bank["y"]

ros = RandomOverSampler(random_state=0)
X_over, y_over = ros.fit_resample(X, y)
print(y_over.value_counts())

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
tree = DecisionTreeClassifier(max_depth=None, random_state=0)
scores = cross_val_score(tree, X_over, y_over, cv=cv, scoring="f1")  # expect: leak
print("F1 per fold:", scores.round(3))
print("mean F1: %.3f +/- %.3f" % (scores.mean(), scores.std()))
