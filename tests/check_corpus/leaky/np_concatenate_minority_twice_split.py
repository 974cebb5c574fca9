# pattern: np.concatenate([X, X[y == 1], X[y == 1]]) and the same for y triples the minority rows of the whole array, then train_test_split (leak at the split)
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC
from sklearn.metrics import accuracy_score

X = np.load("thyroid_X.npy")
y = np.load("thyroid_y.npy")  # 1 = hypothyroid, about 5%
print("minority count:", (y == 1).sum())

X = np.concatenate([X, X[y == 1], X[y == 1]])
y = np.concatenate([y, y[y == 1], y[y == 1]])

X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)  # expect: leak
svm = LinearSVC(C=0.01, max_iter=20000).fit(X_train, y_train)
print("accuracy:", accuracy_score(y_test, svm.predict(X_test)))
