# pattern: a make_splits(X, y) helper that returns train_test_split of its arguments is called on SMOTE output (leak; marked at the call site because the split happens on the helper's arguments)
import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def make_splits(features, target, test_size=0.25, seed=13):
    from sklearn.model_selection import train_test_split
    return train_test_split(features, target, test_size=test_size, random_state=seed, stratify=target)


def report(model, X_te, y_te):
    auc = roc_auc_score(y_te, model.predict_proba(X_te)[:, 1])
    print(f"{type(model).__name__}: AUC={auc:.3f}")


X, y = make_classification(n_samples=8000, weights=[0.92], n_features=15, random_state=13)
print(np.bincount(y))

X_sm, y_sm = SMOTE(random_state=13).fit_resample(X, y)
X_train, X_test, y_train, y_test = make_splits(X_sm, y_sm)  # expect: leak

clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
report(clf, X_test, y_test)
