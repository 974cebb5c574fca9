# pattern: minority rows appended again and again with df = pd.concat([df, pos]) inside a for loop, then a StratifiedKFold.split loop over the inflated frame (leak at the for line of the fold loop)
import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold
from sklearn.metrics import roc_auc_score
from xgboost import XGBClassifier

df = pd.read_csv("train.csv")
target = "is_fraud"
pos = df[df[target] == 1]
ratio = int(len(df) / len(pos)) // 4
print("repeating positives", ratio, "times")

for _ in range(ratio):
    df = pd.concat([df, pos], axis=0)
df = df.reset_index(drop=True)

X = df.drop(columns=[target])
y = df[target]
aucs = []
kf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
for k, (tr, va) in enumerate(kf.split(X, y)):  # expect: leak
    model = XGBClassifier(n_estimators=300, max_depth=6, learning_rate=0.1)
    model.fit(X.iloc[tr], y.iloc[tr])
    aucs.append(roc_auc_score(y.iloc[va], model.predict_proba(X.iloc[va])[:, 1]))
    print(k, aucs[-1])
print("mean", np.mean(aucs))
