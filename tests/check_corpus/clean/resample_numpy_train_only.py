# pattern: numpy arrays split first; sklearn.utils.resample + np.vstack used to upsample the training minority rows only (clean)
import numpy as np
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

data = np.loadtxt("sensor_faults.csv", delimiter=",", skiprows=1)
X, y = data[:, :-1], data[:, -1].astype(int)

X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, stratify=y, random_state=123)

X_major, y_major = X_train[y_train == 0], y_train[y_train == 0]
X_minor, y_minor = X_train[y_train == 1], y_train[y_train == 1]
X_minor_up, y_minor_up = resample(X_minor, y_minor, replace=True,
                                  n_samples=X_major.shape[0], random_state=123)
X_bal = np.vstack((X_major, X_minor_up))
y_bal = np.concatenate((y_major, y_minor_up))

clf = LogisticRegression(max_iter=2000)
clf.fit(X_bal, y_bal)
print("val F1:", f1_score(y_val, clf.predict(X_val)))
