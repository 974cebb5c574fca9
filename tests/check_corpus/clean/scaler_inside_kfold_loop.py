# pattern: manual StratifiedKFold loop over raw X; StandardScaler fitted on each training fold inside the loop (clean)
import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import StratifiedKFold
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

df = pd.read_csv("parkinsons.csv")
X = df.drop(columns=["name", "status"]).to_numpy()
y = df["status"].to_numpy()

aucs = []
for train_index, valid_index in StratifiedKFold(n_splits=10, shuffle=True, random_state=21).split(X, y):
    scaler = StandardScaler().fit(X[train_index])
    lr = LogisticRegression(C=0.3, max_iter=1000).fit(scaler.transform(X[train_index]), y[train_index])
    aucs.append(roc_auc_score(y[valid_index], lr.predict_proba(scaler.transform(X[valid_index]))[:, 1]))
print("mean AUC", np.mean(aucs))
