# pattern: GradientBoostingClassifier with default n_iter_no_change=None (no internal validation) fitted on SMOTE'd training split (clean)
import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score

X, y = load_breast_cancer(return_X_y=True)
rng = np.random.RandomState(0)
keep = np.concatenate([np.where(y == 1)[0], rng.choice(np.where(y == 0)[0], 30, replace=False)])
X, y = X[keep], 1 - y[keep]

X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
X_train_sm, y_train_sm = SMOTE(k_neighbors=3, random_state=0).fit_resample(X_train, y_train)

gbc = GradientBoostingClassifier(n_estimators=200, learning_rate=0.05, random_state=0)
gbc.fit(X_train_sm, y_train_sm)
print("test F1:", f1_score(y_test, gbc.predict(X_test)))
