# pattern: ShuffleSplit.split over the raw arrays; minority rows of the training indices duplicated with np.repeat inside the loop (clean)
import numpy as np
from sklearn.model_selection import ShuffleSplit
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import recall_score

X = np.load("features.npy")
y = np.load("labels.npy")

ss = ShuffleSplit(n_splits=10, test_size=0.2, random_state=0)
recalls = []
for train_idx, test_idx in ss.split(X, y):
    X_tr, y_tr = X[train_idx], y[train_idx]
    pos = y_tr == 1
    factor = max(1, int((~pos).sum() // max(pos.sum(), 1)))
    X_tr = np.concatenate([X_tr[~pos], np.repeat(X_tr[pos], factor, axis=0)])
    y_tr = np.concatenate([y_tr[~pos], np.repeat(y_tr[pos], factor)])
    knn = KNeighborsClassifier(n_neighbors=1).fit(X_tr, y_tr)
    recalls.append(recall_score(y[test_idx], knn.predict(X[test_idx])))

print("recall: %.3f (+/- %.3f)" % (np.mean(recalls), np.std(recalls)))
