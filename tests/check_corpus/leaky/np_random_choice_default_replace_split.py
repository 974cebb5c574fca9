# pattern: idx = np.random.choice(np.where(y == 1)[0], size=500) draws minority indices WITH replacement (numpy's default), the copies are stacked onto X, then train_test_split (leak at the split)
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score

X = np.loadtxt("sensor_windows.csv", delimiter=",", skiprows=1, usecols=range(1, 41))
y = np.loadtxt("sensor_windows.csv", delimiter=",", skiprows=1, usecols=[41]).astype(int)
print("positives:", y.sum(), "of", len(y))

idx = np.random.choice(np.where(y == 1)[0], size=500)
X = np.vstack([X, X[idx]])
y = np.concatenate([y, y[idx]])
print("positives now:", y.sum(), "of", len(y))

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)  # expect: leak
lr = LogisticRegression(max_iter=500, C=0.5).fit(X_train, y_train)
print("recall:", recall_score(y_test, lr.predict(X_test)))
