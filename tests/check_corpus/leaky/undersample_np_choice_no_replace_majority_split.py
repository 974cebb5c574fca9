# pattern: numpy under-sampling: np.random.choice(majority_idx, n_minority, replace=False) keeps as many majority rows as minority rows, the balanced arrays are then train_test_split: the test part is 50/50 (leak at the split)
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.metrics import f1_score

np.random.seed(0)
X = np.load("features.npy")
y = np.load("labels.npy")

minority = np.where(y == 1)[0]
majority = np.where(y == 0)[0]
keep = np.random.choice(majority, len(minority), replace=False)
sel = np.hstack([minority, keep])
X_bal, y_bal = X[sel], y[sel]
print("balanced:", X_bal.shape, y_bal.mean())

Xtr, Xte, ytr, yte = train_test_split(X_bal, y_bal, test_size=0.25, stratify=y_bal)  # expect: leak
et = ExtraTreesClassifier(n_estimators=500).fit(Xtr, ytr)
print("F1 on test:", f1_score(yte, et.predict(Xte)))
