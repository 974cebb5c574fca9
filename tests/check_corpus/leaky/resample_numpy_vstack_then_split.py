# pattern: sklearn.utils.resample on numpy minority rows, glued back with np.vstack / np.concatenate, then train_test_split (leak)
import numpy as np
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, balanced_accuracy_score

data = np.loadtxt("sensor_faults.csv", delimiter=",", skiprows=1)
X, y = data[:, :-1], data[:, -1].astype(int)
print("positives:", y.sum(), "of", len(y))

X_major, y_major = X[y == 0], y[y == 0]
X_minor, y_minor = X[y == 1], y[y == 1]

X_minor_up, y_minor_up = resample(X_minor, y_minor,
                                  replace=True,
                                  n_samples=X_major.shape[0],
                                  random_state=123)

X_bal = np.vstack((X_major, X_minor_up))
y_bal = np.concatenate((y_major, y_minor_up))
print("balanced:", np.bincount(y_bal))

X_train, X_val, y_train, y_val = train_test_split(X_bal, y_bal, test_size=0.2, random_state=123)  # expect: leak

clf = LogisticRegression(max_iter=2000)
clf.fit(X_train, y_train)
pred = clf.predict(X_val)
print("val F1:", f1_score(y_val, pred))
print("val balanced acc:", balanced_accuracy_score(y_val, pred))
