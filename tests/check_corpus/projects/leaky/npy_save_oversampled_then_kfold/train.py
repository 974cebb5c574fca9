# pattern: cross-file, reader side: loads X_res.npy / y_res.npy written by make_dataset.py and runs a StratifiedKFold loop over them (leak at the for line)
import numpy as np
from sklearn.model_selection import StratifiedKFold
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

X = np.load("X_res.npy")
y = np.load("y_res.npy")

aucs = []
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
for tr, va in skf.split(X, y):  # expect: leak
    clf = HistGradientBoostingClassifier(early_stopping=False, max_iter=300).fit(X[tr], y[tr])
    aucs.append(roc_auc_score(y[va], clf.predict_proba(X[va])[:, 1]))
print("CV AUC", np.mean(aucs), "+-", np.std(aucs))
