# pattern: an oversample(X, y) helper defined in the file (sklearn.utils.resample + np.concatenate) is applied to the training part only, after the split (clean)
import numpy as np
from sklearn.utils import resample
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def oversample(X, y, seed=0):
    minority = X[y == 1]
    n_needed = int((y == 0).sum())
    extra = resample(minority, replace=True, n_samples=n_needed, random_state=seed)
    X_out = np.concatenate([X[y == 0], extra])
    y_out = np.concatenate([np.zeros(n_needed, dtype=int), np.ones(len(extra), dtype=int)])
    return X_out, y_out


X, y = make_classification(n_samples=6000, weights=[0.9], random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
X_train_os, y_train_os = oversample(X_train, y_train)

clf = LogisticRegression(max_iter=1000).fit(X_train_os, y_train_os)
print("test AUC:", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
