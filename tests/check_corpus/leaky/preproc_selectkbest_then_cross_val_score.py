# pattern: SelectKBest(f_classif, k=20).fit_transform(X, y) uses the labels of every row, then cross_val_score on the selected features (preprocessing fitted before CV)
import numpy as np
from sklearn.datasets import make_classification
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import cross_val_score
from sklearn.svm import SVC

# 1000 noise features, 80 samples: classic selection-bias demo
X, y = make_classification(n_samples=80, n_features=1000, n_informative=2,
                           weights=[0.8], random_state=0)

selector = SelectKBest(score_func=f_classif, k=20)
X_new = selector.fit_transform(X, y)
print("kept features:", np.flatnonzero(selector.get_support()))

scores = cross_val_score(SVC(kernel="linear"), X_new, y, cv=5, scoring="balanced_accuracy")  # expect: preprocessing
print("CV balanced accuracy: %.3f" % scores.mean())
