# pattern: a make_splits(X, y) helper returning train_test_split is called on the raw data; SMOTE applied afterwards to the training part only (clean)
import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def make_splits(features, target, test_size=0.25, seed=13):
    from sklearn.model_selection import train_test_split
    return train_test_split(features, target, test_size=test_size, random_state=seed, stratify=target)


X, y = make_classification(n_samples=8000, weights=[0.92], n_features=15, random_state=13)
X_train, X_test, y_train, y_test = make_splits(X, y)
X_train, y_train = SMOTE(random_state=13).fit_resample(X_train, y_train)
print(np.bincount(y_train))

clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
