# pattern: cross-file look-alike, reader side: loads the raw X.npy / y.npy, RandomOverSampler lives inside an imblearn Pipeline given to cross_val_score (clean)
import numpy as np
from imblearn.over_sampling import RandomOverSampler
from imblearn.pipeline import make_pipeline
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

X = np.load("X.npy")
y = np.load("y.npy")
pipe = make_pipeline(RandomOverSampler(random_state=0), HistGradientBoostingClassifier(early_stopping=False, max_iter=300))
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
print("CV AUC", cross_val_score(pipe, X, y, cv=cv, scoring="roc_auc").mean())
