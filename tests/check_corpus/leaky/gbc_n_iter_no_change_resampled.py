# pattern: split first, SMOTE the training part, then GradientBoostingClassifier(n_iter_no_change=10, validation_fraction=0.1) early-stops on a slice of the synthetic rows (leak at the fit)
from imblearn.over_sampling import SMOTE
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score
import numpy as np

X, y = load_breast_cancer(return_X_y=True)
# make it imbalanced: keep only 30 malignant cases
rng = np.random.RandomState(0)
keep = np.concatenate([np.where(y == 1)[0], rng.choice(np.where(y == 0)[0], 30, replace=False)])
X, y = X[keep], 1 - y[keep]

X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
sm = SMOTE(k_neighbors=3, random_state=0)
X_train_sm, y_train_sm = sm.fit_resample(X_train, y_train)

gbc = GradientBoostingClassifier(n_estimators=1000, learning_rate=0.05,
                                 n_iter_no_change=10, validation_fraction=0.1,
                                 random_state=0)
gbc.fit(X_train_sm, y_train_sm)  # expect: leak
print("n_estimators_ after early stopping:", gbc.n_estimators_)
print("test F1:", f1_score(y_test, gbc.predict(X_test)))
