# pattern: the standalone `adasyn` package's ADASYN().fit_transform applied to the training split only, after train_test_split (clean)
import numpy as np
import pandas as pd
from adasyn import ADASYN
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.metrics import classification_report

data = pd.read_csv("pima-indians-diabetes.csv", header=None)
X = data.iloc[:, :8].values
y = data.iloc[:, 8].values

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=5)
X_train, y_train = ADASYN(k=7, imb_threshold=0.6, ratio=0.75).fit_transform(X_train, y_train)
print("train after ADASYN:", np.bincount(y_train.astype(int)))

nb = GaussianNB().fit(X_train, y_train)
print(classification_report(y_test, nb.predict(X_test)))
