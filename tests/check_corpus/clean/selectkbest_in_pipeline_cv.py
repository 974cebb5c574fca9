# pattern: SelectKBest inside a Pipeline given to cross_val_score, so feature selection is refitted within each fold (clean)
from sklearn.datasets import make_classification
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.svm import SVC

X, y = make_classification(n_samples=80, n_features=1000, n_informative=2, weights=[0.8], random_state=0)
pipe = make_pipeline(SelectKBest(score_func=f_classif, k=20), SVC(kernel="linear"))
scores = cross_val_score(pipe, X, y, cv=5, scoring="balanced_accuracy")
print("CV balanced accuracy: %.3f" % scores.mean())   # ~0.5, as it should be for noise
