# pattern: decision threshold swept on a validation part split off the training part (f1 for every t in a loop); the chosen threshold is applied once to the untouched test part (clean)
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

df = pd.get_dummies(pd.read_csv("employee_attrition.csv"), drop_first=True)
X = df.drop(columns=["Attrition_Yes"])
y = df["Attrition_Yes"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=3)
X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, stratify=y_train, random_state=3)

lr = LogisticRegression(max_iter=5000, class_weight="balanced").fit(X_fit, y_fit)
val_proba = lr.predict_proba(X_val)[:, 1]

best_t, best_f1 = 0.5, 0.0
for t in np.arange(0.05, 0.95, 0.01):
    f = f1_score(y_val, (val_proba >= t).astype(int))
    if f > best_f1:
        best_t, best_f1 = t, f
print("threshold chosen on validation:", round(best_t, 2))

test_pred = (lr.predict_proba(X_test)[:, 1] >= best_t).astype(int)
print("Test F1: %.3f" % f1_score(y_test, test_pred))
