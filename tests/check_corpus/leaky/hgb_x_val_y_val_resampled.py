# pattern: test split off first, SMOTE on the train part, then the resampled train part is split again and passed as X_val/y_val to HistGradientBoostingClassifier.fit (sklearn >= 1.8) (leak at the second split and at the fit)
import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.datasets import fetch_covtype
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import balanced_accuracy_score

X, y = fetch_covtype(return_X_y=True)
y = (y == 4).astype(int)       # cottonwood/willow, ~0.5% of the rows
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.2, random_state=0)

X_train_sm, y_train_sm = SMOTE(random_state=0).fit_resample(X_train, y_train)

X_fit, X_es, y_fit, y_es = train_test_split(X_train_sm, y_train_sm, test_size=0.1, random_state=0)  # expect: leak

hgb = HistGradientBoostingClassifier(max_iter=1000, learning_rate=0.1,
                                     early_stopping=True, n_iter_no_change=20)
hgb.fit(X_fit, y_fit, X_val=X_es, y_val=y_es)  # expect: leak
print("iterations used:", hgb.n_iter_)
print("test balanced accuracy:", balanced_accuracy_score(y_test, hgb.predict(X_test)))
