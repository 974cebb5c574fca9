# pattern: decision threshold swept on the test part (f1 for every t in a loop), the best t kept, then the F1 on the test part at that threshold is reported as the final result (selection, marked on the final score line)
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score

df = pd.read_csv("employee_attrition.csv")
df = pd.get_dummies(df, drop_first=True)
X = df.drop(columns=["Attrition_Yes"])
y = df["Attrition_Yes"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=3)

lr = LogisticRegression(max_iter=5000, class_weight="balanced").fit(X_train, y_train)
proba = lr.predict_proba(X_test)[:, 1]

best_t, best_f1 = 0.5, 0.0
for t in np.arange(0.05, 0.95, 0.01):
    f = f1_score(y_test, (proba >= t).astype(int))
    if f > best_f1:
        best_t, best_f1 = t, f
print("best threshold:", round(best_t, 2))

final_pred = (proba >= best_t).astype(int)
print("Final test F1: %.3f" % f1_score(y_test, final_pred))  # expect: selection
