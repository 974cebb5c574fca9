# pattern: StandardScaler inside a sklearn Pipeline passed to cross_val_score and cross_validate: the scaler is refitted on every training fold (clean)
from sklearn.datasets import load_breast_cancer
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.svm import SVC
from sklearn.model_selection import cross_val_score, cross_validate, StratifiedKFold

X, y = load_breast_cancer(return_X_y=True)
cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=0)

pipe = Pipeline([("scaler", StandardScaler()), ("lr", LogisticRegression(max_iter=5000, class_weight="balanced"))])
print("LR:", cross_val_score(pipe, X, y, cv=cv, scoring="roc_auc").mean())

svm_pipe = make_pipeline(StandardScaler(), SVC(probability=True))
res = cross_validate(svm_pipe, X, y, cv=cv, scoring=["roc_auc", "recall"], return_train_score=True)
print("SVC:", res["test_roc_auc"].mean(), res["test_recall"].mean())
