# pattern: a small upsample() helper picks minority rows with np.random.choice(pos, n) (default replace=True) and returns the enlarged arrays; its output goes straight into cross_val_predict (leak at cross_val_predict)
import numpy as np
import pandas as pd
from sklearn.model_selection import cross_val_predict
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report


def upsample(X, y, n_extra):
    pos = np.where(y == 1)[0]
    extra = np.random.choice(pos, n_extra)
    return np.concatenate([X, X[extra]]), np.concatenate([y, y[extra]])


df = pd.read_csv("churn.csv")
X = df.drop(columns=["Exited", "RowNumber", "CustomerId", "Surname"])
X = pd.get_dummies(X, drop_first=True).values
y = df["Exited"].values

n_extra = (y == 0).sum() - (y == 1).sum()
X_up, y_up = upsample(X, y, n_extra)

pred = cross_val_predict(RandomForestClassifier(n_estimators=250), X_up, y_up, cv=5)  # expect: leak
print(classification_report(y_up, pred))
