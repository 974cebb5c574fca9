# pattern: np.concatenate([X_train, X_train[y_train == 1], X_train[y_train == 1]]) after train_test_split: only training rows are copied (clean)
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC
from sklearn.metrics import balanced_accuracy_score

X = np.load("thyroid_X.npy")
y = np.load("thyroid_y.npy")  # 1 = hypothyroid, about 5%

X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
X_train = np.concatenate([X_train, X_train[y_train == 1], X_train[y_train == 1]])
y_train = np.concatenate([y_train, y_train[y_train == 1], y_train[y_train == 1]])

svm = LinearSVC(C=0.01, max_iter=20000).fit(X_train, y_train)
print("balanced accuracy:", balanced_accuracy_score(y_test, svm.predict(X_test)))
