# pattern: train / early-stopping / test parts split from the raw data, SMOTE only on the fitting part, HistGradientBoostingClassifier.fit(X_val=, y_val=) gets untouched rows (clean)
from imblearn.over_sampling import SMOTE
from sklearn.datasets import fetch_covtype
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import balanced_accuracy_score

X, y = fetch_covtype(return_X_y=True)
y = (y == 4).astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.2, random_state=0)
X_fit, X_es, y_fit, y_es = train_test_split(X_train, y_train, stratify=y_train, test_size=0.1, random_state=0)

X_fit_sm, y_fit_sm = SMOTE(random_state=0).fit_resample(X_fit, y_fit)

hgb = HistGradientBoostingClassifier(max_iter=1000, early_stopping=True, n_iter_no_change=20)
hgb.fit(X_fit_sm, y_fit_sm, X_val=X_es, y_val=y_es)
print("iterations used:", hgb.n_iter_)
print("test balanced accuracy:", balanced_accuracy_score(y_test, hgb.predict(X_test)))
