# pattern: StandardScaler fitted on all rows before a manual StratifiedKFold.split loop (preprocessing fitted before the folds are made)
import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import StratifiedKFold
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

df = pd.read_csv("parkinsons.csv")
X = df.drop(columns=["name", "status"]).to_numpy()
y = df["status"].to_numpy()

X_scaled = StandardScaler().fit_transform(X)

skf = StratifiedKFold(n_splits=10, shuffle=True, random_state=21)
aucs = []
for fold, (train_index, valid_index) in enumerate(skf.split(X_scaled, y), start=1):  # expect: preprocessing
    lr = LogisticRegression(C=0.3, max_iter=1000)
    lr.fit(X_scaled[train_index], y[train_index])
    aucs.append(roc_auc_score(y[valid_index], lr.predict_proba(X_scaled[valid_index])[:, 1]))
    print(f"fold {fold:2d}  auc={aucs[-1]:.3f}")
print("mean AUC", np.mean(aucs))
