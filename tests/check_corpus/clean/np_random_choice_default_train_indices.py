# pattern: np.random.choice(np.where(y_train == 1)[0], size=500) (with replacement by default) applied to the training arrays only, after train_test_split (clean)
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score

X = np.loadtxt("sensor_windows.csv", delimiter=",", skiprows=1, usecols=range(1, 41))
y = np.loadtxt("sensor_windows.csv", delimiter=",", skiprows=1, usecols=[41]).astype(int)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)
idx = np.random.choice(np.where(y_train == 1)[0], size=500)
X_train = np.vstack([X_train, X_train[idx]])
y_train = np.concatenate([y_train, y_train[idx]])

lr = LogisticRegression(max_iter=500, C=0.5).fit(X_train, y_train)
print("recall:", recall_score(y_test, lr.predict(X_test)))
