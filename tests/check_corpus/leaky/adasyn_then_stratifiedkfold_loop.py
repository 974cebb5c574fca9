# pattern: ADASYN applied to all of X before a StratifiedKFold.split loop; every fold's test part contains synthetic points (leak)
import numpy as np
from sklearn.datasets import make_classification
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import SVC
from sklearn.metrics import f1_score, recall_score
from imblearn.over_sampling import ADASYN

X, y = make_classification(n_samples=5000, n_features=20, n_informative=6,
                           weights=[0.95, 0.05], flip_y=0.01, random_state=1)
print("class counts:", np.bincount(y))

ada = ADASYN(n_neighbors=5, random_state=1)
X_ada, y_ada = ada.fit_resample(X, y)
print("after ADASYN:", np.bincount(y_ada))

skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=1)
f1s, recalls = [], []
for k, (tr, te) in enumerate(skf.split(X_ada, y_ada)):  # expect: leak
    model = SVC(C=1.0, kernel="rbf", gamma="scale")
    model.fit(X_ada[tr], y_ada[tr])
    pred = model.predict(X_ada[te])
    f1s.append(f1_score(y_ada[te], pred))
    recalls.append(recall_score(y_ada[te], pred))
    print(f"fold {k}: f1={f1s[-1]:.3f} recall={recalls[-1]:.3f}")

print("mean f1", np.mean(f1s), "mean recall", np.mean(recalls))
