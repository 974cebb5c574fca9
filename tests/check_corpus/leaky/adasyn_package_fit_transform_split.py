# pattern: the standalone `adasyn` package (from adasyn import ADASYN) with ADASYN(...).fit_transform(X, y) on every row, then train_test_split of the synthetic-augmented arrays (leak at the split)
import numpy as np
import pandas as pd
from adasyn import ADASYN
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.metrics import confusion_matrix, classification_report

data = pd.read_csv("pima-indians-diabetes.csv", header=None)
X = data.iloc[:, :8].values
y = data.iloc[:, 8].values
print("before:", np.bincount(y))

adsn = ADASYN(k=7, imb_threshold=0.6, ratio=0.75)
new_X, new_y = adsn.fit_transform(X, y)  # the package returns (X, y) with the synthetic rows added
print("after:", np.bincount(new_y.astype(int)))

X_train, X_test, y_train, y_test = train_test_split(new_X, new_y, test_size=0.3, random_state=5)  # expect: leak
nb = GaussianNB().fit(X_train, y_train)
y_pred = nb.predict(X_test)
print(confusion_matrix(y_test, y_pred))
print(classification_report(y_test, y_pred))
