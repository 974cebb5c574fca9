# pattern: minority rows duplicated with np.repeat, stacked with the majority, then a ShuffleSplit.split loop (leak)
import numpy as np
from sklearn.model_selection import ShuffleSplit
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import recall_score

X = np.load("features.npy")
y = np.load("labels.npy")
minority = np.where(y == 1)[0]
majority = np.where(y == 0)[0]
print(f"{len(minority)} positives / {len(majority)} negatives")

factor = len(majority) // len(minority)
X_pos = np.repeat(X[minority], factor, axis=0)
y_pos = np.repeat(y[minority], factor)
X_aug = np.concatenate([X[majority], X_pos])
y_aug = np.concatenate([y[majority], y_pos])

ss = ShuffleSplit(n_splits=10, test_size=0.2, random_state=0)
recalls = []
for train_idx, test_idx in ss.split(X_aug, y_aug):  # expect: leak
    knn = KNeighborsClassifier(n_neighbors=1)
    knn.fit(X_aug[train_idx], y_aug[train_idx])
    recalls.append(recall_score(y_aug[test_idx], knn.predict(X_aug[test_idx])))

print("recall over 10 shuffles: %.3f (+/- %.3f)" % (np.mean(recalls), np.std(recalls)))
