# pattern: manual StratifiedKFold loop over the raw data, ADASYN applied to X[tr] inside each fold, evaluation on the untouched X[te] (clean)
import numpy as np
from sklearn.datasets import make_classification
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import SVC
from sklearn.metrics import f1_score, recall_score
from imblearn.over_sampling import ADASYN

X, y = make_classification(n_samples=5000, n_features=20, n_informative=6,
                           weights=[0.95, 0.05], flip_y=0.01, random_state=1)

skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=1)
f1s, recalls = [], []
for k, (tr, te) in enumerate(skf.split(X, y)):
    X_tr, y_tr = ADASYN(n_neighbors=5, random_state=k).fit_resample(X[tr], y[tr])
    model = SVC(C=1.0, kernel="rbf", gamma="scale")
    model.fit(X_tr, y_tr)
    pred = model.predict(X[te])
    f1s.append(f1_score(y[te], pred))
    recalls.append(recall_score(y[te], pred))
    print(f"fold {k}: train size after ADASYN={len(y_tr)} f1={f1s[-1]:.3f}")

print("mean f1", np.mean(f1s), "mean recall", np.mean(recalls))
